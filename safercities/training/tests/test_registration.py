"""Registration: seats, the waiting list and its offers, cancellation, never over-booking."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from safercities.notifications.models import Notification
from safercities.training import services
from safercities.training.enums import RegistrationStatus as S
from safercities.training.models import Event, Registration

pytestmark = pytest.mark.django_db


def statuses(event):
    return {r.user.email: r.status for r in event.registrations.select_related("user")}


def test_a_participant_registers_and_is_told_in_their_language(participant, event):
    registration = services.register(participant, event)
    assert registration.status == S.CONFIRMED
    event.refresh_from_db()
    assert event.seats_taken == 1
    note = Notification.objects.get(recipient=participant, verb="training.registered")
    from django.utils import translation

    from safercities.notifications.registry import render_message

    with translation.override("vi"):
        assert "đã được xác nhận" in render_message(note)


def test_registering_twice_is_refused(participant, event):
    services.register(participant, event)
    with pytest.raises(services.TrainingError):
        services.register(participant, event)
    assert event.registrations.count() == 1


def test_a_full_event_puts_the_next_person_on_the_waiting_list(
    participant, another_member, make_event
):
    event = make_event(capacity=1)
    services.register(participant, event)
    waiting = services.register(another_member, event)
    assert waiting.status == S.WAITING
    assert Notification.objects.filter(recipient=another_member, verb="training.waiting").exists()


def test_a_cancelled_seat_is_offered_to_the_next_person_with_a_time_limit(
    participant, another_member, member, make_event
):
    event = make_event(capacity=1, offer_hours=24)
    first = services.register(participant, event)
    second = services.register(another_member, event)
    third = services.register(member, event)
    services.cancel_registration(participant, first)
    second.refresh_from_db()
    assert second.status == S.OFFERED
    assert timedelta(hours=23) < second.offer_expires_at - timezone.now() <= timedelta(hours=24)
    note = Notification.objects.get(recipient=another_member, verb="training.seat_offered")
    assert note.url == reverse("training:offer", args=[second.code])
    event.refresh_from_db()
    assert event.seats_taken == 1  # the seat passed on, not freed
    third.refresh_from_db()
    assert third.status == S.WAITING


def test_declining_an_offer_passes_the_seat_on_and_accepting_confirms(
    participant, another_member, member, make_event
):
    event = make_event(capacity=1)
    first = services.register(participant, event)
    second = services.register(another_member, event)
    third = services.register(member, event)
    services.cancel_registration(participant, first)
    second.refresh_from_db()
    services.decline_offer(another_member, second)
    third.refresh_from_db()
    assert third.status == S.OFFERED
    services.accept_offer(member, third)
    assert statuses(event) == {
        "participant@example.org": S.CANCELLED,
        "another@example.org": S.CANCELLED,
        "member@example.org": S.CONFIRMED,
    }
    event.refresh_from_db()
    assert event.seats_taken == 1


def test_an_offer_not_answered_in_time_lapses_and_goes_to_the_next(
    participant, another_member, member, make_event
):
    event = make_event(capacity=1, offer_hours=2)
    first = services.register(participant, event)
    second = services.register(another_member, event)
    third = services.register(member, event)
    services.cancel_registration(participant, first)
    later = timezone.now() + timedelta(hours=3)
    assert services.expire_offers(now=later) == 1
    assert services.expire_offers(now=later) == 0  # idempotent
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == S.CANCELLED and third.status == S.OFFERED
    with pytest.raises(services.TrainingError):
        services.accept_offer(another_member, second)
    assert Notification.objects.filter(
        recipient=another_member, verb="training.offer_expired"
    ).exists()


def test_a_seat_nobody_waits_for_is_freed(participant, make_event):
    event = make_event(capacity=1)
    registration = services.register(participant, event)
    services.cancel_registration(participant, registration)
    event.refresh_from_db()
    assert event.seats_taken == 0
    # and the participant may register again
    assert services.register(participant, event).status == S.CONFIRMED


def test_raising_the_capacity_offers_the_new_seats_to_people_waiting(
    trainer, participant, another_member, make_event
):
    event = make_event(capacity=1)
    services.register(participant, event)
    services.register(another_member, event)
    services.save_event(trainer, event, {"capacity": 2})
    assert statuses(event)["another@example.org"] == S.OFFERED
    with pytest.raises(services.TrainingError):
        services.save_event(trainer, event, {"capacity": 1})


def test_two_people_with_a_stale_view_of_the_last_seat_cannot_both_get_it(
    participant, another_member, make_event
):
    event = make_event(capacity=1)
    stale_a = Event.objects.get(pk=event.pk)
    stale_b = Event.objects.get(pk=event.pk)
    assert stale_a.seats_left == stale_b.seats_left == 1
    a = services.register(participant, stale_a)
    b = services.register(another_member, stale_b)
    assert sorted([a.status, b.status]) == [S.CONFIRMED, S.WAITING]
    assert Event.objects.get(pk=event.pk).seats_taken == 1


@pytest.mark.django_db(transaction=True)
def test_two_people_racing_for_one_seat_in_parallel_never_overbook(make_user, trainer):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's shared in-memory test database locks whole tables across threads")
    start = (timezone.now() + timedelta(days=5)).replace(microsecond=0)
    event = services.save_event(
        trainer,
        None,
        {
            "slug": "race",
            "title": "Race",
            "kind": "webinar",
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "online_url": "https://example.org/w",
            "capacity": 1,
        },
    )
    people = [make_user(email=f"racer{i}@example.org") for i in range(2)]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run(person):
        try:
            barrier.wait()
            results.append(services.register(person, Event.objects.get(pk=event.pk)).status)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(results) == [S.CONFIRMED, S.WAITING]
    assert Event.objects.get(pk=event.pk).seats_taken == 1
    assert Registration.objects.filter(event=event, status=S.CONFIRMED).count() == 1


def test_the_database_refuses_more_seats_than_the_capacity(event):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(seats_taken=event.capacity + 1)


# ---- pages ---------------------------------------------------------------------------------


def test_a_participant_registers_through_the_page_answering_the_organisers_questions(
    client, trainer, participant, event
):
    question = services.add_question(trainer, event, "Which city do you work for?", required=True)
    client.force_login(participant)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Which city do you work for?" in html
    response = client.post(reverse("training:register", args=[event.slug]), {})
    assert response.status_code == 200  # the required answer is missing
    assert not event.registrations.exists()
    response = client.post(
        reverse("training:register", args=[event.slug]), {f"q{question.pk}": "Da Nang"}
    )
    assert response.status_code == 302
    registration = event.registrations.get()
    assert registration.answers == {str(question.pk): "Da Nang"}
    client.force_login(trainer)
    html = client.get(reverse("training:registrations", args=[event.slug])).content.decode()
    assert "Da Nang" in html and "Lan Nguyen" in html


def test_a_visitor_is_asked_to_log_in_to_register(client, event):
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Log in to register." in html
    response = client.post(reverse("training:register", args=[event.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_only_organisers_see_the_registrations(client, member, event):
    client.force_login(member)
    assert client.get(reverse("training:registrations", args=[event.slug])).status_code == 403


def test_the_participant_cancels_from_the_event_page(client, participant, event):
    services.register(participant, event)
    client.force_login(participant)
    response = client.post(reverse("training:cancel", args=[event.slug]))
    assert response.status_code == 302
    assert event.registrations.get().status == S.CANCELLED


def test_the_offer_page_accepts_or_declines_and_only_for_the_person_offered(
    client, participant, another_member, member, make_event
):
    event = make_event(capacity=1)
    first = services.register(participant, event)
    second = services.register(another_member, event)
    services.cancel_registration(participant, first)
    url = reverse("training:offer", args=[second.code])
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(another_member)
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    client.post(url, {"action": "decline"})
    second.refresh_from_db()
    assert second.status == S.CANCELLED
    assert Event.objects.get(pk=event.pk).seats_taken == 0


def test_reminders_go_once_to_confirmed_participants(participant, another_member, make_event):
    event = make_event(
        capacity=1, starts_at=(timezone.now() + timedelta(hours=20)).replace(microsecond=0)
    )
    services.register(participant, event)
    services.register(another_member, event)
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    assert list(
        Notification.objects.filter(verb="training.reminder").values_list(
            "recipient__email", flat=True
        )
    ) == ["participant@example.org"]


def test_the_hourly_housekeeping_command_lapses_offers_and_reminds(
    participant, another_member, make_event
):
    import io

    from django.core.management import call_command

    event = make_event(capacity=1, offer_hours=1)
    first = services.register(participant, event)
    second = services.register(another_member, event)
    services.cancel_registration(participant, first)
    Registration.objects.filter(pk=second.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    out = io.StringIO()
    call_command("training_housekeeping", stdout=out)
    assert "1 offers lapsed" in out.getvalue()
    second.refresh_from_db()
    assert second.status == S.CANCELLED
    assert Event.objects.get(pk=event.pk).seats_taken == 0
