"""The bulk import page: editors upload CSV/JSONL, watch progress, see bad rows by number."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from safercities.library.models import Resource, ResourceImport

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "ref,title,language,resource_type,themes,countries,year\n"
    "guide-01,Women's safety audit guide,en,guide,womens-safety,TH,2024\n"
    "guide-02,คู่มือการเดินสำรวจความปลอดภัย,th,guide,street-lighting,TH,2023\n"
)
BAD_CSV = (
    "ref,title,language,resource_type,year\n"
    "ok-01,A good row,en,guide,2024\n"
    "bad-01,,en,guide,2024\n"
    "bad-02,A row from the future,en,guide,3024\n"
)


@pytest.fixture(autouse=True)
def _private(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _upload(client, text, name="resources.csv", publish=False):
    data = {"file": SimpleUploadedFile(name, text.encode())}
    if publish:
        data["publish"] = "on"
    return client.post("/library/import/", data)


def test_an_editor_imports_a_csv_and_sees_what_was_created(
    client_for, editor, django_capture_on_commit_callbacks
):
    client = client_for(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, GOOD_CSV, publish=True)
    job = ResourceImport.objects.get()
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == "done" and job.created_count == 2 and job.published_count == 2
    assert Resource.objects.filter(ref="guide-02", language="th", status="published").exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "2 created, 0 updated, 2 published." in page
    assert "every 2s" not in page  # finished: no more polling


def test_a_file_with_bad_rows_imports_nothing_and_numbers_them(
    client_for, editor, django_capture_on_commit_callbacks
):
    client = client_for(editor)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, BAD_CSV)
    job = ResourceImport.objects.get()
    assert job.status == "failed" and job.error_count == 2
    assert [e["line"] for e in job.errors] == [3, 4]
    assert not Resource.objects.exists()
    html = client.get(job.get_absolute_url()).content.decode()
    assert "Nothing was imported." in html and "<td>3</td>" in html and "<td>4</td>" in html


def test_a_running_import_polls_and_its_fragment_answers_htmx(client_for, editor):
    client = client_for(editor)
    _upload(client, GOOD_CSV)  # on_commit not run: the job stays queued
    job = ResourceImport.objects.get()
    assert job.status == "queued"
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in page and "<h1>" in page
    fragment = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "<h1>" not in fragment and 'id="import-status"' in fragment


def test_a_file_of_the_wrong_kind_is_refused_on_the_form(client_for, editor):
    response = _upload(client_for(editor), "x", name="resources.xlsx")
    assert response.status_code == 200
    assert "Upload a .csv or .jsonl file." in response.content.decode()
    assert not ResourceImport.objects.exists()


def test_members_cannot_import(client_for, member):
    assert client_for(member).get("/library/import/").status_code == 403
    assert _upload(client_for(member), GOOD_CSV).status_code == 403
