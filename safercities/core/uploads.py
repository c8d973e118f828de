"""The one rule for uploaded photos (survey and audit answers), wherever they come in.

A photo is accepted by its content, never by its name: the type is detected from the first
bytes, the stored name takes the extension of that type, and the size is capped by
``SURVEY_PHOTO_MAX_BYTES`` (default 10 MB; cameras of cheap phones write 2-5 MB, and the
XLSForm asks devices to downscale to 1280 px).
"""

from __future__ import annotations

from typing import Any

import filetype
from django.conf import settings

#: Detected content type → the extension the stored file gets.
PHOTO_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/gif": "gif",
    "image/heic": "heic",
    "image/heif": "heif",
}
PHOTO_EXTENSIONS = frozenset(PHOTO_TYPES.values())
DEFAULT_PHOTO_MAX_BYTES = 10 * 1024 * 1024
#: Audio recordings of KoboCollect / ODK Collect, by detected content type.
AUDIO_TYPES = {
    "audio/mp4": "m4a",
    "audio/m4a": "m4a",
    "audio/mpeg": "mp3",
    "audio/ogg": "ogg",
    "audio/opus": "opus",
    "audio/x-wav": "wav",
    "audio/amr": "amr",
    "audio/aac": "aac",
    "audio/x-flac": "flac",
    "video/3gpp": "3gp",  # Android's voice recorder writes audio-only 3GPP files
}
DEFAULT_AUDIO_MAX_BYTES = 20 * 1024 * 1024


def audio_max_bytes() -> int:
    return int(getattr(settings, "SURVEY_AUDIO_MAX_BYTES", DEFAULT_AUDIO_MAX_BYTES))


def audio_type(head: bytes) -> str | None:
    """The content type of an audio recording from its first bytes, or None."""
    kind = filetype.guess(head)
    return kind.mime if kind is not None and kind.mime in AUDIO_TYPES else None


class PhotoRejected(ValueError):
    """``code`` is ``not_image`` or ``too_large`` (with ``limit`` in bytes)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def photo_max_bytes() -> int:
    return int(getattr(settings, "SURVEY_PHOTO_MAX_BYTES", DEFAULT_PHOTO_MAX_BYTES))


def check_photo(upload: Any) -> str:
    """The extension for ``upload`` (an uploaded file); renames it ``photo.<ext>``.

    Raises :class:`PhotoRejected` when it is too large or not a photo by its content.
    """
    limit = photo_max_bytes()
    if upload.size is not None and upload.size > limit:
        raise PhotoRejected("too_large", limit=limit)
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in PHOTO_TYPES:
        raise PhotoRejected("not_image")
    extension = PHOTO_TYPES[kind.mime]
    upload.name = f"photo.{extension}"
    return extension
