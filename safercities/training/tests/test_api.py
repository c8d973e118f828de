"""The training endpoints: read events, register and cancel, send check-ins, verify."""

import pytest

from safercities.accounts.models import ApiToken
from safercities.training import certificates, services
from safercities.training.enums import RegistrationStatus as S

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, key = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_visitor_lists_published_events_and_reads_the_agenda(
    client, event, make_session, make_event
):
    make_event(slug="draft", is_published=False)
    make_session(event, title="Opening")
    listed = client.get("/api/v1/events").json()
    assert [e["slug"] for e in listed] == [event.slug]
    one = client.get(f"/api/v1/events/{event.slug}").json()
    assert [s["title"] for s in one["sessions"]] == ["Opening"]
    assert one["ics"].endswith("/calendar.ics") and one["seats_left"] == event.capacity
    assert client.get("/api/v1/events/draft").status_code == 404
    assert client.get("/api/v1/events?kind=nonsense").status_code == 400


def test_a_member_registers_sees_and_cancels_their_registration(
    client, participant, trainer, event
):
    question = services.add_question(trainer, event, "Organisation?", required=True)
    headers = bearer(participant)
    url = f"/api/v1/events/{event.slug}/registration"
    response = client.post(url, {}, content_type="application/json", **headers)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "answers"
    response = client.post(
        url,
        {"answers": {str(question.pk): "City Hall"}},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201 and response.json()["status"] == S.CONFIRMED
    mine = client.get("/api/v1/me/registrations", **headers)
    assert [r["event"] for r in mine.json()] == [event.slug]
    assert mine["Cache-Control"] == "private, no-store"
    assert client.delete(url, **headers).json()["status"] == S.CANCELLED


def test_a_visitor_cannot_register_through_the_api(client, event):
    response = client.post(
        f"/api/v1/events/{event.slug}/registration", {}, content_type="application/json"
    )
    assert response.status_code == 401


def test_check_ins_sent_twice_count_once_and_only_organisers_send_them(
    client, trainer, participant, member, event, make_session
):
    session = make_session(event)
    registration = services.register(participant, event)
    url = f"/api/v1/events/{event.slug}/sessions/{session.pk}/check-ins"
    body = {"codes": [registration.code, registration.code]}
    assert (
        client.post(url, body, content_type="application/json", **bearer(member)).status_code == 403
    )
    headers = bearer(trainer)
    first = client.post(url, body, content_type="application/json", **headers).json()
    again = client.post(url, body, content_type="application/json", **headers).json()
    assert first == {"checked_in": 1, "already": 1, "unknown": []}
    assert again == {"checked_in": 0, "already": 2, "unknown": []}


def test_anyone_verifies_a_certificate_through_the_api(
    client, trainer, participant, event, make_session
):
    session = make_session(event)
    registration = services.register(participant, event)
    services.check_in(trainer, session, registration.code)
    (certificate,) = certificates.issue_certificates(trainer, event)
    data = client.get(f"/api/v1/certificates/{certificate.code}").json()
    assert data["valid"] is True and data["participant_name"] == "Lan Nguyen"
    certificates.revoke_certificate(trainer, certificate, "Issued in error")
    data = client.get(f"/api/v1/certificates/{certificate.code.lower()}").json()
    assert data["valid"] is False and data["revoked_reason"] == "Issued in error"
    assert client.get("/api/v1/certificates/NOPE").status_code == 404
