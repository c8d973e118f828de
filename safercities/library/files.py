"""What an attached file really is, judged by its content (no Django).

The file name and the browser's Content-Type are not trusted: the first bytes are sniffed
with ``filetype``; zip containers are opened to tell OOXML (``[Content_Types].xml`` plus
``word/`` or ``xl/``) and OpenDocument (a ``mimetype`` entry) from any other archive.
Programs (ELF, PE/MZ, Mach-O, scripts with ``#!``) are refused whatever their name.
"""

import zipfile
from dataclasses import dataclass
from typing import BinaryIO

import filetype
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # 20 MB
HEAD_BYTES = 8192


@dataclass(frozen=True)
class FileKind:
    extension: str
    mime: str
    label: str

    @property
    def inline(self) -> bool:
        """Whether browsers may show it in place (images and PDF); others are downloads."""
        return self.mime.startswith("image/") or self.mime == "application/pdf"


PDF = FileKind("pdf", "application/pdf", "PDF")
DOCX = FileKind(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"
)
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX")
ODT = FileKind("odt", "application/vnd.oasis.opendocument.text", "ODT")
PNG = FileKind("png", "image/png", "PNG")
JPEG = FileKind("jpg", "image/jpeg", "JPEG")
WEBP = FileKind("webp", "image/webp", "WebP")
KINDS = {kind.mime: kind for kind in (PDF, DOCX, XLSX, ODT, PNG, JPEG, WEBP)}
ALLOWED_LABELS = ", ".join(kind.label for kind in KINDS.values())

_EXECUTABLE_MAGIC = (
    b"\x7fELF",  # Linux/Unix programs
    b"MZ",  # Windows programs (PE) and DOS executables
    b"\xfe\xed\xfa\xce",  # Mach-O 32-bit
    b"\xfe\xed\xfa\xcf",  # Mach-O 64-bit
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"#!",  # scripts
    b"\x00asm",  # WebAssembly
)


class FileRejected(ValueError):
    """The file may not be attached; ``code`` says why (for messages and tests)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def _zip_kind(stream: BinaryIO) -> FileKind:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                declared = archive.read("mimetype")[:100] if info.file_size <= 100 else b""
                if declared.strip() == ODT.mime.encode():
                    return ODT
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return DOCX
                if any(name.startswith("xl/") for name in names):
                    return XLSX
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, RuntimeError) as exc:
        raise FileRejected("broken", "unreadable zip container") from exc
    raise FileRejected("unsupported", "zip archive that is not DOCX, XLSX or ODT")


def inspect_file(stream: BinaryIO, size: int | None = None) -> FileKind:
    """The kind of file in ``stream`` (seekable, read from the start), or FileRejected.

    Codes: ``empty``, ``too_large``, ``executable``, ``unsupported``, ``broken``.
    """
    if size is None:
        stream.seek(0, 2)
        size = stream.tell()
    if size == 0:
        raise FileRejected("empty")
    if size > MAX_UPLOAD_BYTES:
        raise FileRejected("too_large", f"{size} bytes")
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    if head.startswith(_EXECUTABLE_MAGIC):
        raise FileRejected("executable")
    guess = filetype.guess(head)
    if guess is None:
        raise FileRejected("unsupported", "unknown content")
    if guess.mime in ("application/x-executable", "application/x-msdownload", "application/wasm"):
        raise FileRejected("executable")
    if guess.mime == PDF.mime:
        if not head.startswith(b"%PDF-"):
            raise FileRejected("unsupported", "PDF signature not at the start")
        return PDF
    if guess.mime in (PNG.mime, JPEG.mime, WEBP.mime):
        return KINDS[guess.mime]
    if head.startswith(b"PK\x03\x04"):
        try:
            return _zip_kind(stream)
        finally:
            stream.seek(0)
    raise FileRejected("unsupported", guess.mime)


def _private_root() -> str:
    from pathlib import Path

    from django.conf import settings

    configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    return str(configured or Path(settings.MEDIA_ROOT).parent / "private")


@deconstructible(path="safercities.library.files.PrivateImportStorage")
class PrivateImportStorage(FileSystemStorage):
    """Uploaded import files: outside MEDIA_ROOT, no URL (the folder follows the settings)."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return _private_root()

    @property
    def location(self) -> str:  # type: ignore[override]
        import os

        return os.path.abspath(self.base_location)


private_import_storage = PrivateImportStorage()
