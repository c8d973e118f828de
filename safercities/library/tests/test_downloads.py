"""Files are served through a view with safe headers, and downloads are counted."""

import pytest

from safercities.library.enums import ResourceStatus
from safercities.library.tests import samples

pytestmark = pytest.mark.django_db


def download(client, url: str):
    """GET a download and read it all (which closes the served file)."""
    response = client.get(url)
    response.body = b"".join(response.streaming_content) if response.streaming else b""
    return response


def test_a_download_is_counted_and_served_with_safe_headers(client, make_resource, pdf_bytes):
    resource = make_resource(title="Women's safety audit: a guide", file=pdf_bytes)
    response = download(client, resource.get_download_url())
    assert response.status_code == 200
    assert response.body == pdf_bytes
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="womens-safety-audit-a-guide.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    resource.refresh_from_db()
    assert resource.download_count == 1
    download(client, resource.get_download_url())
    resource.refresh_from_db()
    assert resource.download_count == 2


def test_the_download_type_comes_from_the_sniffed_content(client, make_resource):
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    resource = make_resource(file=samples.docx_bytes(), file_type=docx)
    response = download(client, resource.get_download_url())
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_title_in_another_script_gives_an_encoded_safe_filename(client, make_resource, pdf_bytes):
    resource = make_resource(title='คู่มือ "ปลอดภัย" /../ <x>', language="th", file=pdf_bytes)
    disposition = download(client, resource.get_download_url())["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert "/" not in disposition.split("''", 1)[1]
    assert '"' not in disposition.split("''", 1)[1] and "<" not in disposition


def test_a_resource_without_a_file_has_no_download(client, make_resource):
    resource = make_resource()
    assert download(client, resource.get_download_url()).status_code == 404
    assert "Download" not in client.get(resource.get_absolute_url()).content.decode()


def test_a_missing_stored_file_is_a_404_not_an_error(client, make_resource, pdf_bytes, settings):
    resource = make_resource(file=pdf_bytes)
    (settings.MEDIA_ROOT / resource.file.name).unlink()
    assert download(client, resource.get_download_url()).status_code == 404


def test_the_detail_page_has_a_clear_download_link_with_its_count(client, make_resource, pdf_bytes):
    resource = make_resource(file=pdf_bytes, download_count=41)
    body = client.get(resource.get_absolute_url()).content.decode()
    assert f'href="/library/{resource.pk}/download/"' in body
    assert ">Download <span" in body
    assert "Downloaded 41 times" in body


def test_the_author_previews_a_draft_file_without_counting(
    client_for, member, make_resource, pdf_bytes
):
    resource = make_resource(status=ResourceStatus.DRAFT, submitter=member, file=pdf_bytes)
    assert download(client_for(member), resource.get_download_url()).status_code == 200
    resource.refresh_from_db()
    assert resource.download_count == 0


def test_files_are_not_linked_from_media_url(client, make_resource, pdf_bytes):
    resource = make_resource(file=pdf_bytes)
    body = client.get(resource.get_absolute_url()).content.decode()
    assert "/media/" not in body
