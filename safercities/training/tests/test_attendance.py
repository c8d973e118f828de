"""Attendance: a printable roster with a QR per participant; idempotent check-in by code."""

import pytest
from django.urls import reverse

from safercities.core.models import AuditLogEntry
from safercities.training import services
from safercities.training.models import Attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(event, make_session):
    return make_session(event, title="Safety walk method")


@pytest.fixture
def registration(participant, event):
    return services.register(participant, event)


def test_checking_in_the_same_code_twice_counts_once(trainer, session, registration):
    first = services.check_in(trainer, session, registration.code)
    again = services.check_in(trainer, session, registration.code.lower())
    assert first.created and not again.created
    assert Attendance.objects.filter(session=session).count() == 1
    assert AuditLogEntry.objects.filter(action="training.checked_in").count() == 1


def test_check_ins_collected_offline_are_sent_later_in_one_batch(
    trainer, session, registration, another_member, event
):
    other = services.register(another_member, event)
    result = services.check_in_many(
        trainer, session, [registration.code, other.code, registration.code, "ZZZZ2222"]
    )
    assert result == {"checked_in": 2, "already": 1, "unknown": ["ZZZZ2222"]}
    assert Attendance.objects.filter(session=session).count() == 2


def test_a_code_from_another_event_or_a_waiting_person_is_refused(
    trainer, session, make_event, member, another_member
):
    other_event = make_event(slug="other", capacity=1)
    services.register(member, other_event)
    waiting = services.register(another_member, other_event)
    outsider = other_event.registrations.get(user=member)
    for code in (outsider.code, waiting.code):
        with pytest.raises(services.TrainingError):
            services.check_in(trainer, session, code)


def test_the_roster_prints_one_qr_code_per_participant(
    client, trainer, session, registration, event, another_member
):
    services.register(another_member, event)
    client.force_login(trainer)
    response = client.get(reverse("training:roster", args=[event.slug, session.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert html.count("<svg") == 2
    assert registration.code in html and "Lan Nguyen" in html


def test_a_qr_code_on_the_roster_decodes_to_the_check_in_page_with_the_code(
    client, trainer, session, registration, event
):
    from safercities.training.qr import qr_matrix

    client.force_login(trainer)
    url = reverse("training:check_in", args=[event.slug, session.pk])
    html = client.get(f"{url}?code={registration.code}").content.decode()
    assert f'value="{registration.code}"' in html  # scanning opens the form filled in
    assert qr_matrix("x")  # the matrix helper used for PDFs works too


def test_an_organiser_checks_in_by_typing_the_code(client, trainer, session, registration, event):
    client.force_login(trainer)
    url = reverse("training:check_in", args=[event.slug, session.pk])
    client.post(url, {"code": registration.code})
    response = client.post(url, {"code": registration.code}, follow=True)
    assert "already checked in" in response.content.decode()
    assert session.attendances.count() == 1
    response = client.post(url, {"code": "NOPE"})
    assert response.status_code == 200 and "No confirmed participant" in response.content.decode()


def test_only_organisers_take_attendance(client, participant, member, session, registration, event):
    for person in (participant, member):
        client.force_login(person)
        url = reverse("training:check_in", args=[event.slug, session.pk])
        assert client.post(url, {"code": registration.code}).status_code == 403
        assert (
            client.get(reverse("training:roster", args=[event.slug, session.pk])).status_code == 403
        )
    assert not Attendance.objects.exists()


def test_the_participant_sees_their_code_and_qr_on_my_registrations(
    client, participant, registration
):
    client.force_login(participant)
    html = client.get(reverse("training:my_registrations")).content.decode()
    assert registration.code in html and "<svg" in html
