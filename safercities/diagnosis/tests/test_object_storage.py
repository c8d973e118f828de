"""Uploaded and private files in S3-compatible object storage (moto's server on loopback)."""

import socket
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from safercities.diagnosis.models import ImportJob, Submission
from safercities.diagnosis.services import start_import
from safercities.diagnosis.storage import private_storage
from safercities.diagnosis.tests.test_import import kobo_csv
from safercities.diagnosis.tests.test_privacy import PNG
from safercities.diagnosis.tests.test_submit import audit_post

pytestmark = pytest.mark.django_db
BUCKET = "hub-test"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 stand-in, served over HTTP on 127.0.0.1 for this module."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint, monkeypatch):
    """The Hub's storages pointed at a fresh private bucket, as S3_BUCKET & co. would."""
    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=BUCKET)
    options = {
        "bucket_name": BUCKET,
        "endpoint_url": s3_endpoint,
        "region_name": "us-east-1",
        "access_key": "testing",
        "secret_key": "testing",
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": True,
        "querystring_expire": 300,
        "addressing_style": "path",
        "signature_version": "s3v4",
    }
    from django.conf import settings

    configured = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage",
                    "OPTIONS": {**options, "location": "media"}},
        "private": {"BACKEND": "storages.backends.s3.S3Storage",
                    "OPTIONS": {**options, "location": "private"}},
    }  # fmt: skip
    with override_settings(STORAGES=configured):
        yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> list[str]:
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_a_survey_photo_goes_to_the_private_prefix_of_the_bucket_not_the_disk(
    s3, make_assessment, client_for, team_a, private_media
):
    audit = make_assessment()
    data = audit_post(photo=SimpleUploadedFile("spot.png", PNG, content_type="image/png"))
    assert client_for(team_a).post(f"/diagnosis/{audit.pk}/submit/", data).status_code == 302
    submission = Submission.objects.get()
    assert keys(s3) == [f"private/{submission.photo.name}"]
    assert not private_media.exists() or not any(p.is_file() for p in private_media.rglob("*"))


def test_the_team_gets_a_short_lived_signed_url_and_others_get_nothing(
    s3, make_assessment, client_for, team_a, team_b, member
):
    audit = make_assessment()
    data = audit_post(photo=SimpleUploadedFile("spot.png", PNG, content_type="image/png"))
    client = client_for(team_a)
    client.post(f"/diagnosis/{audit.pk}/submit/", data)
    submission = Submission.objects.get()
    photo_url = f"/diagnosis/{audit.pk}/submissions/{submission.pk}/photo/"

    response = client.get(photo_url)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    signed = response["Location"]
    query = parse_qs(urlparse(signed).query)
    assert query["X-Amz-Expires"] == ["300"] and "X-Amz-Signature" in query
    fetched = requests.get(signed, timeout=10)
    assert fetched.status_code == 200 and fetched.content == PNG

    unsigned = signed.split("?", 1)[0]
    assert requests.get(unsigned, timeout=10).status_code == 403  # the bucket is private
    assert client_for(team_b).get(photo_url).status_code == 403
    assert client_for(member).get(photo_url).status_code == 403
    assert "amazonaws" not in client_for(None).get(photo_url).get("Location", "")
    assert "X-Amz" not in client_for(None).get(photo_url).get("Location", "")


def test_an_uploaded_export_is_kept_in_the_bucket_and_imported_from_there(
    s3, make_assessment, team_a, django_capture_on_commit_callbacks
):
    audit = make_assessment()
    upload = SimpleUploadedFile("export.csv", kobo_csv(12).encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        job = start_import(team_a, audit, upload)  # the immediate task backend runs it
    job = ImportJob.objects.get(pk=job.pk)
    assert job.status == "done" and job.created_count == 12
    assert f"private/{job.file.name}" in keys(s3)
    assert Submission.objects.filter(assessment=audit).count() == 12


def test_private_files_have_no_public_url_even_in_object_storage(s3):
    with pytest.raises(ValueError, match="no public URL"):
        private_storage.url("imports/x.csv")


def test_uploaded_public_files_use_the_media_prefix(s3):
    from django.core.files.base import ContentFile

    name = storages["default"].save("library/guide.pdf", ContentFile(b"%PDF-1.4"))
    assert f"media/{name}" in keys(s3)
    with storages["default"].open(name) as handle:
        assert handle.read() == b"%PDF-1.4"
