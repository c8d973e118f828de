"""Photos from KoboToolbox's attachments zip and ODK Central's CSV zip: private, team only,
stored without EXIF location or camera data."""

import io
import zipfile

import pytest
from PIL import Image

from safercities.diagnosis.importing import import_submissions
from safercities.diagnosis.media import clean_image
from safercities.diagnosis.models import Submission
from safercities.instruments.tests.formpack_export import KoboExport, synthetic_submissions

GPS_IFD, MAKE, MODEL, ORIENTATION = 0x8825, 0x010F, 0x0110, 0x0112


def photo_with_exif(width=40, height=20) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[MAKE] = "DemoPhone"
    exif[MODEL] = "Demo 1"
    exif[ORIENTATION] = 6  # rotated: the stored copy must be upright
    exif[GPS_IFD] = {1: "N", 2: (13.0, 45.0, 0.0), 3: "E", 4: (100.0, 30.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_cleaned_photo_has_no_exif_and_is_upright():
    original = photo_with_exif()
    assert Image.open(io.BytesIO(original)).getexif()[MAKE] == "DemoPhone"

    clean, extension = clean_image(original)

    image = Image.open(io.BytesIO(clean))
    assert extension == "jpg"
    assert dict(image.getexif()) == {}
    assert image.size == (20, 40)  # the orientation was applied


def test_bytes_that_are_not_an_image_are_refused():
    with pytest.raises(ValueError):
        clean_image(b"not an image at all")


def audit_with_photos(make_assessment, n=4):
    audit = make_assessment()
    instrument = audit.instrument()
    photo_question = next(q for q in instrument.questions if q.type == "image")
    submissions = synthetic_submissions(instrument, n, seed=3)
    path = f"{photo_question.group}/{photo_question.name}"
    for index, submission in enumerate(submissions):
        submission[path] = f"{1710000000000 + index}.jpg"
    return audit, submissions, path


def kobo_attachments(submissions, path, skip=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, submission in enumerate(submissions):
            if index in skip:
                continue
            name = f"demo_team/attachments/aXyZformuid/{submission['_uuid']}/{submission[path]}"
            archive.writestr(name, photo_with_exif() if index != 1 else b"%PDF-1.4 not a photo")
    return buffer.getvalue()


def test_photos_from_kobos_attachments_zip_are_stored_privately_without_exif(
    make_assessment, private_media
):
    audit, submissions, path = audit_with_photos(make_assessment)
    data = KoboExport(audit.instrument()).to_csv(submissions)

    result = import_submissions(
        audit, data, attachments=kobo_attachments(submissions, path, skip={3})
    )

    assert result.ok and result.created == 4
    assert result.report["media"] == {
        "stored": 2,
        "missing": [submissions[3][path]],
        "refused": [submissions[1][path]],
    }
    stored = Submission.objects.get(uuid=submissions[0]["_uuid"])
    assert stored.photo.path.startswith(str(private_media))
    with stored.photo.open("rb") as handle:
        assert dict(Image.open(handle).getexif()) == {}
    again = import_submissions(audit, data, attachments=kobo_attachments(submissions, path))
    assert again.report["media"]["stored"] == 1  # only the one that was missing


def test_photos_in_an_odk_central_zip_are_stored_and_shown_to_the_team_only(
    make_assessment, client_for, team_a, team_b
):
    audit, submissions, path = audit_with_photos(make_assessment, n=2)
    csv_text = KoboExport(audit.instrument(), group_sep="-").to_csv(submissions, sep=",")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("audit.csv", csv_text)
        for submission in submissions:
            archive.writestr(f"media/{submission[path]}", photo_with_exif())

    result = import_submissions(audit, buffer.getvalue(), filename="audit.zip")

    assert result.report["media"]["stored"] == 2
    assert result.report["ignored_parts"] == []  # the photos were used
    submission = Submission.objects.get(uuid=submissions[0]["_uuid"])
    url = f"/diagnosis/{audit.pk}/submissions/{submission.pk}/photo/"
    response = client_for(team_a).get(url)
    assert response.status_code == 200
    assert dict(Image.open(io.BytesIO(b"".join(response.streaming_content))).getexif()) == {}
    assert client_for(team_b).get(url).status_code in (403, 404)


def test_the_upload_page_takes_the_attachments_zip_and_says_how_many_photos_were_stored(
    make_assessment, client_for, team_a, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from safercities.diagnosis.models import ImportJob

    audit, submissions, path = audit_with_photos(make_assessment, n=2)
    data = KoboExport(audit.instrument()).to_csv(submissions)
    client = client_for(team_a)
    url = f"/diagnosis/{audit.pk}/import/"
    response = client.post(
        url,
        {
            "file": SimpleUploadedFile("export.csv", data),
            "attachments": SimpleUploadedFile("photos.csv", b"not a zip"),
        },
    )
    assert response.status_code == 200 and "Upload the attachments as a ZIP file." in (
        response.content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "file": SimpleUploadedFile("export.csv", data),
                "attachments": SimpleUploadedFile(
                    "attachments.zip", kobo_attachments(submissions, path, skip={1})
                ),
            },
        )
    job = ImportJob.objects.get()
    assert job.report["media"]["stored"] == 1
    page = client.get(job.get_absolute_url()).content.decode()
    assert "1 photo stored (location and camera data removed), for the team only." in page


def test_photos_larger_than_the_hubs_photo_limit_are_refused(make_assessment, settings):
    settings.SURVEY_PHOTO_MAX_BYTES = 200
    audit, submissions, path = audit_with_photos(make_assessment, n=1)
    data = KoboExport(audit.instrument()).to_csv(submissions)

    result = import_submissions(audit, data, attachments=kobo_attachments(submissions, path))

    assert result.report["media"] == {"stored": 0, "missing": [], "refused": [submissions[0][path]]}
    assert not Submission.objects.get(uuid=submissions[0]["_uuid"]).photo
