"""Certificates: earned by attendance, PDF in the participant's language, public verification."""

import pytest
from django.urls import reverse

from safercities.notifications.models import Notification
from safercities.training import certificates, services
from safercities.training.models import Certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def attended(trainer, event, make_session, participant, another_member):
    sessions = [make_session(event, title=f"Session {i}", hours_from_start=3 * i) for i in range(5)]
    lan = services.register(participant, event)
    sokha = services.register(another_member, event)
    for session in sessions:  # Lan attends all five
        services.check_in(trainer, session, lan.code)
    for session in sessions[:3]:  # Sokha three of five: 60 % < 80 %
        services.check_in(trainer, session, sokha.code)
    return lan, sokha


def test_only_participants_meeting_the_attendance_rule_get_a_certificate(trainer, event, attended):
    lan, _sokha = attended
    issued = certificates.issue_certificates(trainer, event)
    assert [c.registration for c in issued] == [lan]
    certificate = issued[0]
    assert certificate.participant_name == "Lan Nguyen"
    assert (certificate.sessions_attended, certificate.sessions_total) == (5, 5)
    assert float(certificate.hours) == 10.0
    assert certificate.language == "vi"
    assert Notification.objects.filter(recipient=lan.user, verb="training.certificate").exists()
    assert certificates.issue_certificates(trainer, event) == []  # issued once


def test_the_pdf_is_a_pdf_in_vietnamese_with_the_code(client, trainer, event, attended):
    lan, _ = attended
    (certificate,) = certificates.issue_certificates(trainer, event)
    client.force_login(lan.user)
    response = client.get(reverse("training:certificate_pdf", args=[certificate.code]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert certificates.certificate_language("vi") == "vi"


def test_another_member_cannot_download_someone_elses_certificate(
    client, member, trainer, event, attended
):
    (certificate,) = certificates.issue_certificates(trainer, event)
    client.force_login(member)
    assert (
        client.get(reverse("training:certificate_pdf", args=[certificate.code])).status_code == 403
    )


def test_anyone_verifies_a_certificate_without_logging_in(client, trainer, event, attended):
    (certificate,) = certificates.issue_certificates(trainer, event)
    response = client.get(certificate.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Lan Nguyen",
        event.title,
        certificate.dates,
        "10.0",
        certificate.issuer,
        "is valid",
    ):
        assert text in html
    assert client.get(reverse("training:verify", args=["NOSUCH22"])).status_code == 404


def test_a_revoked_certificate_says_so_on_its_verification_page(client, trainer, event, attended):
    (certificate,) = certificates.issue_certificates(trainer, event)
    client.force_login(trainer)
    client.post(
        reverse("training:revoke", args=[certificate.code]), {"reason": "Attendance sheet error"}
    )
    client.logout()
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "has been revoked" in html and "Attendance sheet error" in html
    with pytest.raises(services.TrainingError):
        certificates.revoke_certificate(trainer, Certificate.objects.get(), "again")


def test_only_organisers_issue_and_revoke(client, member, participant, event, attended, trainer):
    client.force_login(member)
    assert client.post(reverse("training:certificates", args=[event.slug])).status_code == 403
    (certificate,) = certificates.issue_certificates(trainer, event)
    client.force_login(participant)
    response = client.post(reverse("training:revoke", args=[certificate.code]), {"reason": "x"})
    assert response.status_code == 403
    assert not Certificate.objects.get().is_revoked


def test_the_organiser_issues_certificates_from_the_page(client, trainer, event, attended):
    client.force_login(trainer)
    response = client.post(reverse("training:certificates", args=[event.slug]), follow=True)
    assert "1 certificates issued" in response.content.decode() or Certificate.objects.count() == 1
    assert Certificate.objects.count() == 1


def test_without_a_thai_or_khmer_font_the_certificate_is_written_in_english(
    monkeypatch, tmp_path, trainer, event, attended
):
    lan, _ = attended
    lan.user.ui_language = "th"
    lan.user.save()
    (certificate,) = certificates.issue_certificates(trainer, event)
    assert certificate.language == "th"
    monkeypatch.setattr(certificates, "FONT_DIRS", [tmp_path] + certificates.FONT_DIRS[:1])
    assert certificates.certificate_language("th") == "en"
    assert certificates.certificate_language("km") == "en"
    assert certificates.certificate_language("vi") == "vi"  # DejaVu has Vietnamese
    assert certificates.certificate_pdf(certificate, "https://hub.example/v").startswith(b"%PDF")
