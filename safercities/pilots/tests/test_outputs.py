import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from safercities.library.enums import ResourceStatus
from safercities.library.models import Resource
from safercities.library.pdf import minimal_pdf
from safercities.pilots.models import PhaseOutput

pytestmark = pytest.mark.django_db

PDF = minimal_pdf("Diagnosis report", "for the tests")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _upload(client, name="plan.pdf", content=PDF):
    return client.post(
        reverse("pilots:output_add", args=["bangkok", "diagnosis"]),
        {"title": "Diagnosis report", "file": SimpleUploadedFile(name, content)},
    )


def test_the_team_uploads_a_team_only_file_and_downloads_it(client, team_a, pilot_a):
    client.force_login(team_a)
    assert _upload(client).status_code == 302
    output = PhaseOutput.objects.get()
    response = client.get(reverse("pilots:output_file", args=["bangkok", output.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]
    assert output.file.storage.base_location.endswith("private")


def test_a_program_disguised_as_a_document_is_refused(client, team_a, pilot_a):
    client.force_login(team_a)
    response = _upload(client, "plan.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    assert response.status_code == 400
    assert response.context["output_form"].errors["file"]
    assert not PhaseOutput.objects.exists()


def test_team_only_files_are_hidden_from_others(client, team_a, team_b, partner, pilot_a):
    client.force_login(team_a)
    _upload(client)
    output = PhaseOutput.objects.get()
    url = reverse("pilots:output_file", args=["bangkok", output.pk])
    for person in (team_b, partner):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert url not in client.get(pilot_a.get_absolute_url()).content.decode()
    client.logout()
    assert "Diagnosis report" not in client.get(pilot_a.get_absolute_url()).content.decode()


def test_a_published_library_resource_is_a_public_output(client, team_a, pilot_a):
    resource = Resource.objects.create(
        title="Plan guide",
        summary="s",
        status=ResourceStatus.PUBLISHED,
        published_at=timezone.now(),
        language="en",
        resource_type="guide",
    )
    client.force_login(team_a)
    response = client.post(
        reverse("pilots:output_add", args=["bangkok", "strategy"]),
        {"title": "Action plan", "resource": str(resource.pk)},
    )
    assert response.status_code == 302
    client.logout()
    html = client.get(pilot_a.get_absolute_url()).content.decode()
    assert resource.get_absolute_url() in html


def test_an_output_needs_exactly_one_of_resource_or_file(client, team_a, pilot_a):
    client.force_login(team_a)
    response = client.post(
        reverse("pilots:output_add", args=["bangkok", "strategy"]), {"title": "Nothing"}
    )
    assert response.status_code == 400 and not PhaseOutput.objects.exists()


def test_the_team_removes_an_output_and_city_b_cannot(client, team_a, team_b, pilot_a):
    client.force_login(team_a)
    _upload(client)
    output = PhaseOutput.objects.get()
    url = reverse("pilots:output_remove", args=["bangkok", output.pk])
    client.force_login(team_b)
    assert client.post(url).status_code == 403
    client.force_login(team_a)
    assert client.post(url).status_code == 302
    assert not PhaseOutput.objects.exists()
