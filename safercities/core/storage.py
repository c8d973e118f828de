"""File storage pieces shared by every app.

:class:`FileSystemStorage` removes what it wrote of a file whose writing failed (a full disk
leaves no half file behind); :func:`is_storage_full` recognises the errors a full disk or an
exceeded quota raise, which :class:`~safercities.core.middleware.StorageFullMiddleware` turns
into a clear answer.
"""

import contextlib
import errno
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


def remote_storage(alias: str):
    """The storage configured under ``alias`` in STORAGES, or None when there is none."""
    from django.conf import settings
    from django.core.files.storage import storages

    return storages[alias] if alias in settings.STORAGES else None


class SwitchableStorage(FileSystemStorage):
    """A local folder by default; the ``STORAGES[storage_alias]`` backend when configured.

    Model fields keep pointing at one storage object (and migrations at one class) whether
    the files live on this machine or in object storage; ``S3_BUCKET`` decides at run time.
    """

    storage_alias = "private"

    @property
    def remote(self):
        return remote_storage(self.storage_alias)

    def _open(self, name, mode="rb"):
        remote = self.remote
        return remote._open(name, mode) if remote else super()._open(name, mode)

    def _save(self, name, content):
        remote = self.remote
        return remote._save(name, content) if remote else super()._save(name, content)

    def delete(self, name):
        remote = self.remote
        return remote.delete(name) if remote else super().delete(name)

    def exists(self, name):
        remote = self.remote
        return remote.exists(name) if remote else super().exists(name)

    def size(self, name):
        remote = self.remote
        return remote.size(name) if remote else super().size(name)

    def listdir(self, path):
        remote = self.remote
        return remote.listdir(path) if remote else super().listdir(path)

    def get_modified_time(self, name):
        remote = self.remote
        return remote.get_modified_time(name) if remote else super().get_modified_time(name)

    def path(self, name):
        if self.remote:
            raise NotImplementedError("files in object storage have no local path")
        return super().path(name)

    def signed_url(self, name: str, **response_headers) -> str | None:
        """A short-lived URL for ``name`` in object storage (None for local files).

        Only for views that checked permissions first. ``response_headers`` become the
        headers the object store answers with (``ResponseContentType`` …).
        """
        remote = self.remote
        if remote is None:
            return None
        return remote.url(name, parameters=response_headers or None)


@contextmanager
def local_path(fieldfile) -> Iterator[str]:
    """A path to read ``fieldfile`` from: its own on this machine, else a temporary copy."""
    try:
        path = fieldfile.path
    except NotImplementedError:
        path = None
    if path is not None:
        yield path
        return
    with tempfile.NamedTemporaryFile(suffix=Path(fieldfile.name).suffix) as copy:
        with fieldfile.open("rb") as source:
            shutil.copyfileobj(source, copy)
        copy.flush()
        yield copy.name
