"""In headless Debian Chromium on a phone: search in Thai from the home page, open, download."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def thai_resource(settings, tmp_path):
    from safercities.library.enums import ResourceStatus
    from safercities.library.indexing import reindex
    from safercities.library.models import Resource
    from safercities.library.pdf import minimal_pdf

    settings.MEDIA_ROOT = tmp_path / "media"
    resource = Resource(
        title="คู่มือการเดินสำรวจความปลอดภัยของผู้หญิงในชุมชน",
        summary="วิธีจัดการเดินสำรวจความปลอดภัยในเวลากลางคืน ร่วมกับผู้หญิงในชุมชนแออัด",
        language="th",
        resource_type="guide",
        status=ResourceStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    resource.file.save("upload.pdf", ContentFile(minimal_pdf("Safety walk guide")), save=False)
    resource.file_type = "application/pdf"
    resource.file_size = resource.file.size
    resource.save()
    reindex(resource)
    return resource


def test_a_visitor_searches_in_thai_from_the_home_page_and_downloads_the_file(
    live_server, phone_page, thai_resource
):
    page = phone_page
    page.goto(live_server.url + "/")
    box = page.get_by_role("banner").get_by_label("Search resources and practices")
    box.fill("เดินสำรวจความปลอดภัย")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.get_by_role("heading", level=1).inner_text() == "Search resources and practices"
    result = page.get_by_role("link", name="คู่มือการเดินสำรวจความปลอดภัยของผู้หญิงในชุมชน")
    assert result.locator("mark").count() >= 1
    result.click()
    page.wait_for_url(f"**{thai_resource.get_absolute_url()}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download").click()
    download = download_info.value
    path = download.path()
    assert Path(path).read_bytes().startswith(b"%PDF-")
