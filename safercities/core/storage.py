"""File storage pieces shared by every app.

:class:`FileSystemStorage` removes what it wrote of a file whose writing failed (a full disk
leaves no half file behind); :func:`is_storage_full` recognises the errors a full disk or an
exceeded quota raise, which :class:`~safercities.core.middleware.StorageFullMiddleware` turns
into a clear answer.
"""

import contextlib
import errno

from django.core.files.storage import FileSystemStorage as DjangoFileSystemStorage
from django.utils.deconstruct import deconstructible

FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def is_storage_full(exc: BaseException) -> bool:
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in FULL:
            return True
        exc = exc.__cause__ or exc.__context__
    return False


class CleanupOnFailureMixin:
    """If writing a new file fails half-way, delete the part that was written."""

    def _save(self, name, content):
        existed = self.exists(name)
        try:
            return super()._save(name, content)
        except BaseException:
            if not existed:
                with contextlib.suppress(OSError):
                    self.delete(name)
            raise


@deconstructible(path="safercities.core.storage.FileSystemStorage")
class FileSystemStorage(CleanupOnFailureMixin, DjangoFileSystemStorage):
    """Django's file system storage that leaves no partial file when the disk is full."""
