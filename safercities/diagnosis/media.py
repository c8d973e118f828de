"""Photos that come with field data: ODK Central's "CSV (zip)" (``media/<file>``) and
KoboToolbox's attachments zip (``<user>/attachments/<form>/<submission uuid>/<file>``).

A photo answer is the file's name. After an import, :func:`attach_photos` finds each
imported submission's photo in the archive, checks it with the Hub's one photo rule
(:func:`safercities.core.uploads.check_photo`: an image by its bytes, at most
``SURVEY_PHOTO_MAX_BYTES``), and
stores a copy **without its EXIF data** (location, camera, time: :func:`clean_image`; the
orientation is applied first so the picture stays upright) in private storage as the
submission's photo, served to the city team only. Submissions that already have a photo
keep it (re-imports add nothing). Audio recordings (answers to ``audio`` questions) are
stored the same way by :func:`attach_audio`: checked by their bytes
(:data:`safercities.core.uploads.AUDIO_TYPES`) and size (``SURVEY_AUDIO_MAX_BYTES``), kept
as they are in private storage, one per question and submission. Other files are not stored.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.files.base import ContentFile

from safercities.core.uploads import PhotoRejected, check_photo, photo_max_bytes

_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


@dataclass
class MediaReport:
    stored: int = 0
    missing: list[str] = field(default_factory=list)  # answered, but not in the archive
    refused: list[str] = field(default_factory=list)  # not an image, unreadable or too large
    audio: int = 0  # audio recordings stored
    audio_missing: list[str] = field(default_factory=list)
    audio_refused: list[str] = field(default_factory=list)  # not audio, or too large

    def as_dict(self) -> dict[str, Any]:
        report: dict[str, Any] = {
            "stored": self.stored,
            "missing": self.missing,
            "refused": self.refused,
        }
        if self.audio or self.audio_missing or self.audio_refused:  # the form asks for audio
            report.update(
                audio=self.audio, audio_missing=self.audio_missing, audio_refused=self.audio_refused
            )
        return report


def clean_image(data: bytes) -> tuple[bytes, str]:
    """The image re-encoded without any EXIF or other metadata, and its file extension.

    Raises ``ValueError`` for bytes that are not an image Pillow can read."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or "JPEG"
            upright = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            fmt = kind if kind in _IMAGE_FORMATS else "JPEG"
            if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            options = {"quality": 90} if fmt == "JPEG" else {}
            upright.save(out, format=fmt, **options)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValueError("not an image") from exc
    return out.getvalue(), _IMAGE_FORMATS[fmt]


def _archive(source: Any) -> zipfile.ZipFile | None:
    if source is None:
        return None
    try:
        if isinstance(source, (bytes, bytearray)):
            return zipfile.ZipFile(io.BytesIO(source))
        if hasattr(source, "seek"):
            source.seek(0)
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError):
        return None


def _find(archive: zipfile.ZipFile, names: list[str], uuid: str, filename: str) -> str | None:
    """The member holding ``filename``: ``media/<file>`` (ODK), else a path ending in
    ``/<uuid>/<file>`` (Kobo), else any path ending in ``/<file>``."""
    if f"media/{filename}" in names:
        return f"media/{filename}"
    tail = f"/{filename}"
    candidates = [name for name in names if name.endswith(tail) or name == filename]
    for name in candidates:
        if f"/{uuid}/" in name:
            return name
    return candidates[0] if len(candidates) == 1 else None


def attach_photos(
    assessment: Any,
    photos: Iterable[tuple[str, str]],
    sources: Iterable[str | bytes | IO[bytes] | None],
) -> MediaReport:
    """Store the photo ``filename`` of each ``(submission uuid, filename)`` found in one of
    the ``sources`` (zip archives: the export itself and/or an attachments zip)."""
    from safercities.diagnosis.models import Submission

    report = MediaReport()
    archives = [a for a in (_archive(s) for s in sources) if a is not None]
    try:
        listings = [(archive, archive.namelist()) for archive in archives]
        for uuid, filename in photos:
            member = None
            for archive, names in listings:
                name = _find(archive, names, uuid, filename)
                if name is not None:
                    member = (archive, name)
                    break
            if member is None:
                report.missing.append(filename)
                continue
            submission = (
                Submission.objects.filter(assessment=assessment, uuid=uuid, photo="")
                .only("pk", "uuid", "assessment_id", "photo")
                .first()
            )
            if submission is None:
                continue  # already has its photo
            archive, name = member
            if archive.getinfo(name).file_size > photo_max_bytes():  # the Hub's one photo rule
                report.refused.append(filename)
                continue
            data = archive.read(name)
            try:
                check_photo(ContentFile(data, name=filename))
            except PhotoRejected:
                report.refused.append(filename)
                continue
            try:
                clean, extension = clean_image(data)
            except ValueError:
                report.refused.append(filename)
                continue
            submission.photo.save(f"{uuid}.{extension}", ContentFile(clean), save=False)
            Submission.objects.filter(pk=submission.pk).update(photo=submission.photo.name)
            report.stored += 1
    finally:
        for archive in archives:
            archive.close()
    return report


def attach_audio(
    assessment: Any,
    recordings: Iterable[tuple[str, str, str]],
    sources: Iterable[str | bytes | IO[bytes] | None],
    report: MediaReport | None = None,
) -> MediaReport:
    """Store the recording ``filename`` of each ``(submission uuid, question, filename)``
    found in one of the ``sources``; refused when not audio by its bytes or too large."""
    from safercities.core.uploads import AUDIO_TYPES, audio_max_bytes, audio_type
    from safercities.diagnosis.models import Submission, SubmissionAudio

    report = report if report is not None else MediaReport()
    recordings = list(recordings)
    if not recordings:
        return report
    archives = [a for a in (_archive(s) for s in sources) if a is not None]
    try:
        listings = [(archive, archive.namelist()) for archive in archives]
        for uuid, question, filename in recordings:
            member = None
            for archive, names in listings:
                name = _find(archive, names, uuid, filename)
                if name is not None:
                    member = (archive, name)
                    break
            if member is None:
                report.audio_missing.append(filename)
                continue
            submission = (
                Submission.objects.filter(assessment=assessment, uuid=uuid)
                .exclude(audio__question=question)
                .only("pk", "uuid", "assessment_id")
                .first()
            )
            if submission is None:
                continue  # already has this recording
            archive, name = member
            size = archive.getinfo(name).file_size
            if size > audio_max_bytes():
                report.audio_refused.append(filename)
                continue
            data = archive.read(name)
            mime = audio_type(data[:262])
            if mime is None:
                report.audio_refused.append(filename)
                continue
            recording = SubmissionAudio(
                submission=submission, question=question, content_type=mime, size=len(data)
            )
            recording.file.save(f"{uuid}.{AUDIO_TYPES[mime]}", ContentFile(data), save=True)
            report.audio += 1
    finally:
        for archive in archives:
            archive.close()
    return report
