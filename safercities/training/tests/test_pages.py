"""Every training page renders for the right person with exactly one <h1>, in Vietnamese too."""

import pytest
from django.urls import reverse

from safercities.training import certificates, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_event(trainer, participant, event, make_session):
    session = make_session(event, title="Opening")
    registration = services.register(participant, event)
    services.add_question(trainer, event, "Organisation?")
    services.check_in(trainer, session, registration.code)
    (certificate,) = certificates.issue_certificates(trainer, event)
    return event, session, registration, certificate


def test_every_organiser_page_renders_with_one_h1(client, trainer, full_event):
    event, session, _registration, certificate = full_event
    client.force_login(trainer)
    urls = [
        reverse("training:list"),
        reverse("training:create"),
        reverse("training:detail", args=[event.slug]),
        reverse("training:edit", args=[event.slug]),
        reverse("training:agenda", args=[event.slug]),
        reverse("training:questions", args=[event.slug]),
        reverse("training:registrations", args=[event.slug]),
        reverse("training:certificates", args=[event.slug]),
        reverse("training:session_create", args=[event.slug]),
        reverse("training:session_edit", args=[event.slug, session.pk]),
        reverse("training:roster", args=[event.slug, session.pk]),
        reverse("training:check_in", args=[event.slug, session.pk]),
        reverse("training:verify", args=[certificate.code]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content.decode().count("<h1") == 1, url


def test_participant_pages_speak_vietnamese(client, participant, full_event):
    event, _session, _registration, certificate = full_event
    client.force_login(participant)
    client.cookies["safercities_language"] = "vi"
    html = client.get(
        reverse("training:my_registrations"), HTTP_ACCEPT_LANGUAGE="vi"
    ).content.decode()
    assert "Đăng ký của tôi" in html and "Tải chứng nhận của tôi (PDF)" in html
    html = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Đã xác nhận" in html and "Hủy đăng ký của tôi" in html


def test_an_unpublished_event_is_hidden_from_others_but_shown_to_its_organisers(
    client, trainer, member, make_event
):
    draft = make_event(slug="draft-event", is_published=False)
    client.force_login(member)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("training:event_ics", args=[draft.slug])).status_code == 404
    client.force_login(trainer)
    assert client.get(draft.get_absolute_url()).status_code == 200
