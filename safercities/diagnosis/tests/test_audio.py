"""Audio recordings from KoboToolbox's attachments zip and ODK Central's CSV zip: checked by
their bytes and size, private storage, listed per submission for the team only."""

import io
import zipfile
from datetime import date

import pytest

from safercities.diagnosis.importing import import_submissions
from safercities.diagnosis.models import SubmissionAudio
from safercities.diagnosis.services import create_assessment
from safercities.instruments.tests.formpack_export import KoboExport, synthetic_submissions
from safercities.toolkit.models import ToolVersion
from safercities.toolkit.versioning import ensure_generic_tools

pytestmark = pytest.mark.django_db

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00" + b"\x00" * 200
M4A = b"\x00\x00\x00\x20ftypM4A \x00\x00\x02\x00M4A isommp42" + b"\x00" * 200


@pytest.fixture
def audit_with_audio(city_a):
    """A city version of the audit that asks for a voice note."""
    ensure_generic_tools()
    generic = ToolVersion.objects.generic("womens-safety-audit")
    definition = dict(generic.definition, version=generic.number + 1)
    definition["questions"] = [
        *definition["questions"],
        {"name": "voice_note", "type": "audio", "label": {"en": "Voice note"},
         "group": "observations", "required": False},
    ]  # fmt: skip
    version = ToolVersion.objects.create(
        tool=generic.tool, city=None, number=generic.number + 1, based_on=generic,
        definition=definition, languages=generic.languages, published=True,
    )  # fmt: skip
    return create_assessment(
        None, city=city_a, tool_version=version, title="Voice notes", start=date(2024, 1, 1)
    )


def submissions_with_audio(assessment, n=3):
    submissions = synthetic_submissions(assessment.instrument(), n, seed=5)
    for index, submission in enumerate(submissions):
        submission["observations/voice_note"] = f"{1710000000000 + index}.m4a"
    return submissions


def test_recordings_in_an_odk_central_zip_are_stored_and_listed_for_the_team_only(
    audit_with_audio, client_for, team_a, team_b, visitor
):
    submissions = submissions_with_audio(audit_with_audio, n=2)
    csv_text = KoboExport(audit_with_audio.instrument(), group_sep="-").to_csv(submissions, sep=",")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("audit.csv", csv_text)
        archive.writestr(f"media/{submissions[0]['observations/voice_note']}", M4A)
        archive.writestr(f"media/{submissions[1]['observations/voice_note']}", WAV)

    result = import_submissions(audit_with_audio, buffer.getvalue(), filename="audit.zip")

    assert result.ok and result.report["media"]["audio"] == 2
    assert result.report["ignored_parts"] == []
    first = SubmissionAudio.objects.get(submission__uuid=submissions[0]["_uuid"])
    assert (first.question, first.content_type, first.size) == ("voice_note", "audio/mp4", len(M4A))
    assert "/audio/" in first.file.name and first.file.name.endswith(".m4a")
    page = f"/diagnosis/{audit_with_audio.pk}/submissions/{first.submission_id}/"
    audio_url = f"{page}audio/{first.pk}/"
    text = client_for(team_a).get(page).content.decode()
    assert "Voice note" in text and audio_url in text
    response = client_for(team_a).get(audio_url)
    assert response.status_code == 200 and response["Content-Type"] == "audio/mp4"
    assert b"".join(response.streaming_content) == M4A
    assert response["X-Content-Type-Options"] == "nosniff"
    for outsider in (team_b, visitor):
        assert client_for(outsider).get(audio_url).status_code in (302, 403, 404)

    again = import_submissions(audit_with_audio, buffer.getvalue(), filename="audit.zip")
    assert again.report["media"].get("audio", 0) == 0
    assert SubmissionAudio.objects.count() == 2


def test_kobo_attachments_that_are_not_audio_or_too_large_are_refused(audit_with_audio, settings):
    settings.SURVEY_AUDIO_MAX_BYTES = 100
    submissions = submissions_with_audio(audit_with_audio, n=3)
    export = KoboExport(audit_with_audio.instrument()).to_csv(submissions)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for submission, data in zip(
            submissions, [WAV[:90], b"<html>not audio</html>", WAV], strict=True
        ):
            name = submission["observations/voice_note"]
            archive.writestr(f"team/attachments/form/{submission['_uuid']}/{name}", data)

    result = import_submissions(
        audit_with_audio, export, filename="export.csv", attachments=buffer.getvalue()
    )

    media = result.report["media"]
    assert media["audio"] == 1 and media["refused"] == []
    assert sorted(media["audio_refused"]) == sorted(
        s["observations/voice_note"] for s in submissions[1:]
    )
    assert SubmissionAudio.objects.get().submission.uuid == submissions[0]["_uuid"]


def test_the_web_form_does_not_ask_audio_questions(audit_with_audio, client_for, team_a):
    response = client_for(team_a).get(f"/diagnosis/{audit_with_audio.pk}/submit/")
    assert response.status_code == 200
    assert 'name="voice_note"' not in response.content.decode()


def test_the_import_page_counts_the_recordings_and_lists_the_refused_ones(
    audit_with_audio, client_for, team_a
):
    from django.core.files.base import ContentFile

    from safercities.diagnosis.models import ImportJob
    from safercities.diagnosis.tasks import run_job

    submissions = submissions_with_audio(audit_with_audio, n=2)
    export = KoboExport(audit_with_audio.instrument()).to_csv(submissions)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for submission, data in zip(submissions, [WAV, b"GIF89a not audio"], strict=True):
            name = submission["observations/voice_note"]
            archive.writestr(f"team/attachments/form/{submission['_uuid']}/{name}", data)
    job = ImportJob(assessment=audit_with_audio, original_name="export.csv", created_by=team_a)
    job.file.save("export.csv", ContentFile(export), save=False)
    job.attachments.save("attachments.zip", ContentFile(buffer.getvalue()), save=False)
    job.save()
    run_job(job)
    page = client_for(team_a).get(job.get_absolute_url()).content.decode()
    assert "1 audio recording stored, for the team only." in page
    assert "Files that are not audio recordings, or too large" in page
    assert submissions[1]["observations/voice_note"] in page
