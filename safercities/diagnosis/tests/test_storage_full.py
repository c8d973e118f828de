"""A full disk while an export is uploaded: a clear answer, no rows, no half-written file."""

import errno
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from safercities.core.models import AuditLogEntry
from safercities.diagnosis.models import ImportJob, Submission
from safercities.diagnosis.tests.test_import import kobo_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_disk(monkeypatch):
    """File system storages write the first 100 bytes, then the disk is full."""

    def save(self, name, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.read()[:100])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("safercities.core.storage.DjangoFileSystemStorage._save", save)


def post_export(client, assessment, language="en"):
    upload = SimpleUploadedFile("export.csv", kobo_csv(12).encode(), content_type="text/csv")
    return client.post(
        f"/diagnosis/{assessment.pk}/import/", {"file": upload}, HTTP_ACCEPT_LANGUAGE=language
    )


def test_a_full_disk_during_an_upload_gives_a_clear_error_and_stores_nothing(
    make_assessment, client_for, team_a, full_disk
):
    assessment = make_assessment()
    client = client_for(team_a)
    audit_before = AuditLogEntry.objects.count()
    response = post_export(client, assessment)
    assert response.status_code == 507
    page = response.content.decode()
    assert "no room left to store this. Nothing was saved." in page
    assert page.count("<h1") == 1
    assert not ImportJob.objects.exists()
    assert not Submission.objects.filter(assessment=assessment).exists()
    assert AuditLogEntry.objects.count() == audit_before
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    assert not [p for p in private.rglob("*") if p.is_file()]  # no half-written file


def test_the_full_disk_message_is_in_the_users_language(
    make_assessment, client_for, team_a, full_disk
):
    response = post_export(client_for(team_a), make_assessment(), language="th")
    assert response.status_code == 507
    assert 'lang="th"' in response.content.decode()
    assert "Nothing was saved" not in response.content.decode()


def test_other_errors_are_not_mistaken_for_a_full_disk():
    from safercities.core.storage import is_storage_full

    assert is_storage_full(OSError(errno.ENOSPC, "full"))
    assert is_storage_full(RuntimeError("wrapped").with_traceback(None)) is False
    try:
        try:
            raise OSError(errno.EDQUOT, "quota")
        except OSError as inner:
            raise ValueError("while saving") from inner
    except ValueError as outer:
        assert is_storage_full(outer)
    assert not is_storage_full(OSError(errno.EACCES, "denied"))
