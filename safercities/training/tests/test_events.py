"""Events and their agenda: trainers create and edit; anyone reads published ones."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from safercities.core.models import AuditLogEntry
from safercities.training.models import Event

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Sensitisation workshop on the UN Guidelines",
    "slug": "un-guidelines-workshop",
    "kind": "sensitisation_workshop",
    "time_zone": "Asia/Phnom_Penh",
    "starts_at": "2031-03-02T09:00",
    "ends_at": "2031-03-03T17:00",
    "place": "Phnom Penh",
    "languages": ["km", "en"],
    "capacity": "40",
    "offer_hours": "48",
    "attendance_rule": "80",
    "registration_open": "on",
    "is_published": "on",
}


def test_a_trainer_creates_an_event_and_becomes_its_organiser(client, trainer):
    client.force_login(trainer)
    response = client.post(reverse("training:create"), FORM)
    event = Event.objects.get(slug="un-guidelines-workshop")
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    assert list(event.organisers.all()) == [trainer]
    # Times are read in the event's time zone (Phnom Penh is UTC+7).
    assert event.starts_at == datetime(2031, 3, 2, 2, 0, tzinfo=UTC)
    assert AuditLogEntry.objects.filter(action="training.event_created").count() == 1


def test_a_member_who_is_not_a_trainer_cannot_create_an_event(client, member):
    client.force_login(member)
    assert client.get(reverse("training:create")).status_code == 403
    assert client.post(reverse("training:create"), FORM).status_code == 403
    assert not Event.objects.exists()


def test_a_visitor_is_sent_to_log_in_to_create_an_event(client):
    response = client.get(reverse("training:create"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_bad_event_input_is_explained_without_losing_anything(client, trainer):
    client.force_login(trainer)
    bad = {**FORM, "time_zone": "Mars/Olympus", "ends_at": "2031-03-01T09:00", "place": ""}
    response = client.post(reverse("training:create"), bad)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unknown time zone" in html
    assert "Give a place or an online link." in html
    assert not Event.objects.exists()


def test_a_reserved_or_taken_short_name_is_refused(client, trainer, event):
    client.force_login(trainer)
    for slug in ("new", event.slug):
        response = client.post(reverse("training:create"), {**FORM, "slug": slug})
        assert response.status_code == 200
    assert Event.objects.count() == 1


def test_only_organisers_edit_an_event(client, trainer, member, make_user, event):
    other_trainer = make_user(email="other.trainer@example.org", is_trainer=True)
    url = reverse("training:edit", args=[event.slug])
    client.force_login(other_trainer)
    assert client.get(url).status_code == 403
    client.force_login(member)
    assert client.post(url, FORM).status_code == 403
    client.force_login(trainer)
    response = client.post(url, {**FORM, "slug": event.slug, "title": "Renamed"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Renamed"


def test_the_public_list_and_detail_show_published_events_only(client, make_event):
    shown = make_event(slug="shown", title="Expert group meeting on safer cities")
    hidden = make_event(slug="hidden", title="Draft webinar", is_published=False)
    html = client.get(reverse("training:list")).content.decode()
    assert shown.title in html and hidden.title not in html
    detail = client.get(shown.get_absolute_url())
    assert detail.status_code == 200
    assert "English, ไทย" in detail.content.decode()  # languages by their own names
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_the_agenda_shows_sessions_with_speakers_and_library_materials(
    client, trainer, member, event, make_session, make_resource
):
    from safercities.training import services

    resource = make_resource(title="Women's safety audit guide")
    session = make_session(event, title="Safety audits in practice")
    services.save_session(
        trainer,
        event,
        session,
        {"speakers": [member], "materials": [resource], "guest_speakers": "Dr. Invented Guest"},
    )
    for name in ("training:detail", "training:agenda"):
        html = client.get(reverse(name, args=[event.slug])).content.decode()
        assert "Safety audits in practice" in html
        assert "Test Member" in html and "Dr. Invented Guest" in html
        assert resource.get_absolute_url() in html
        assert html.count("<h1") == 1


def test_an_organiser_adds_a_session_through_the_form_in_local_time(client, trainer, event):
    client.force_login(trainer)
    response = client.post(
        reverse("training:session_create", args=[event.slug]),
        {
            "title": "Welcome",
            "starts_at": "2031-01-05T09:00",
            "ends_at": "2031-01-05T10:30",
            "speaker_emails": "nobody@example.org",
            "material_ids": "12x",
        },
    )
    assert response.status_code == 200
    assert "No member has the address" in response.content.decode()
    response = client.post(
        reverse("training:session_create", args=[event.slug]),
        {
            "title": "Welcome",
            "starts_at": "2031-01-05T09:00",
            "ends_at": "2031-01-05T10:30",
            "speaker_emails": "trainer@example.org",
        },
    )
    assert response.status_code == 302
    session = event.sessions.get()
    assert session.starts_at == datetime(2031, 1, 5, 2, 0, tzinfo=UTC)  # Bangkok +7
    assert list(session.speakers.all()) == [trainer]


def test_the_event_calendar_file_parses_with_the_event_and_each_session(
    client, event, make_session
):
    make_session(event, title="Opening")
    make_session(event, title="Field visit", hours_from_start=3)
    response = client.get(reverse("training:event_ics", args=[event.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    items = calendar.walk("VEVENT")
    assert [str(i["SUMMARY"]) for i in items] == [
        event.title,
        f"Opening ({event.title})",
        f"Field visit ({event.title})",
    ]
    assert items[0].decoded("DTSTART") == event.starts_at
    assert len({str(i["UID"]) for i in items}) == 3
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar


def test_one_session_downloads_as_its_own_calendar_file(client, event, make_session):
    session = make_session(event, title="Closing", hours_from_start=5, length=1)
    response = client.get(reverse("training:session_ics", args=[event.slug, session.pk]))
    (item,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert item.decoded("DTEND") - item.decoded("DTSTART") == timedelta(hours=1)
    assert str(item["LOCATION"]) == event.place


def test_the_home_page_training_card_and_the_menu_link_to_the_training_list(client):
    html = client.get("/").content.decode()
    assert html.count(f'href="{reverse("training:list")}"') >= 2


def test_published_events_can_be_found_in_search(event):
    from safercities.search.models import IndexedDocument

    assert IndexedDocument.objects.filter(kind="event", object_id=event.pk).exists()
