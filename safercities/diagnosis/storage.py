"""Private file storage for field data: uploaded exports and submission photos.

Files live outside MEDIA_ROOT (``PRIVATE_MEDIA_ROOT``, by default ``var/private`` beside the
media folder), have no public URL and are served only through permission-checked views.
"""

import os
from pathlib import Path

from django.conf import settings
from django.utils.deconstruct import deconstructible

from safercities.core.storage import SwitchableStorage


def private_root() -> str:
    configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if configured:
        return str(configured)
    return str(Path(settings.MEDIA_ROOT).parent / "private")


@deconstructible(path="safercities.diagnosis.storage.PrivateStorage")
class PrivateStorage(SwitchableStorage):
    """Private files: a folder that follows the settings at each use, or the ``private``
    object storage when ``S3_BUCKET`` is set (see ``safercities.core.storage``). No public URL."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return private_root()

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    def url(self, name) -> str:
        raise ValueError("Private files have no public URL; serve them through a view.")


private_storage = PrivateStorage()
