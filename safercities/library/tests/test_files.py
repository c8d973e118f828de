"""What a file really is, judged by its content, whatever its name."""

import io

import pytest

from safercities.library import files
from safercities.library.files import FileRejected, inspect_file
from safercities.library.pdf import minimal_pdf
from safercities.library.tests import samples


def kind_of(data: bytes):
    return inspect_file(io.BytesIO(data))


@pytest.mark.parametrize(
    ("data", "extension", "mime"),
    [
        (minimal_pdf("hello"), "pdf", "application/pdf"),
        (samples.PNG, "png", "image/png"),
        (samples.JPEG, "jpg", "image/jpeg"),
        (samples.WEBP, "webp", "image/webp"),
        (samples.docx_bytes(), "docx", files.DOCX.mime),
        (samples.xlsx_bytes(), "xlsx", files.XLSX.mime),
        (samples.odt_bytes(), "odt", "application/vnd.oasis.opendocument.text"),
    ],
)
def test_allowed_documents_are_recognised_by_their_content(data, extension, mime):
    kind = kind_of(data)
    assert (kind.extension, kind.mime) == (extension, mime)


@pytest.mark.parametrize("data", [samples.ELF, samples.PE, b"#!/bin/sh\nrm -rf /\n"])
def test_programs_are_refused_whatever_they_are_called(data):
    with pytest.raises(FileRejected) as error:
        kind_of(data)
    assert error.value.code == "executable"


def test_a_plain_zip_archive_is_not_taken_for_a_document():
    with pytest.raises(FileRejected) as error:
        kind_of(samples.zip_bytes({"evil.exe": samples.PE, "readme.txt": b"hi"}))
    assert error.value.code == "unsupported"


def test_a_zip_with_content_types_but_no_word_or_xl_part_is_refused():
    with pytest.raises(FileRejected):
        kind_of(samples.zip_bytes({"[Content_Types].xml": b"<Types/>", "ppt/x.xml": b"<p/>"}))


def test_html_and_text_are_refused():
    for data in (b"<html><script>alert(1)</script></html>", b"just some text"):
        with pytest.raises(FileRejected) as error:
            kind_of(data)
        assert error.value.code == "unsupported"


def test_a_damaged_zip_is_refused():
    data = samples.docx_bytes()[:60]
    with pytest.raises(FileRejected) as error:
        kind_of(data)
    assert error.value.code in {"broken", "unsupported"}


def test_empty_and_oversized_files_are_refused(monkeypatch):
    with pytest.raises(FileRejected) as error:
        kind_of(b"")
    assert error.value.code == "empty"
    monkeypatch.setattr(files, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(FileRejected) as error:
        kind_of(minimal_pdf("x" * 50))
    assert error.value.code == "too_large"


def test_the_default_size_limit_is_twenty_megabytes():
    assert files.MAX_UPLOAD_BYTES == 20 * 1024 * 1024


def test_images_and_pdf_may_be_shown_inline_and_office_files_may_not():
    assert files.PDF.inline and files.PNG.inline
    assert not files.DOCX.inline
