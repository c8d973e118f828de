"""Calendar files (RFC 5545) for an event and for one session, written with ``icalendar``."""

from datetime import UTC

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Safer Cities Hub//training//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    return calendar


def _location(event) -> str:
    return ", ".join(p for p in (event.place, event.online_url) if p)


def _vevent(uid: str, summary: str, start, end, description: str, location: str, url: str):
    item = VEvent()
    item.add("uid", uid)
    item.add("dtstamp", timezone.now().astimezone(UTC))
    item.add("dtstart", start.astimezone(UTC))
    item.add("dtend", end.astimezone(UTC))
    item.add("summary", summary)
    if description:
        item.add("description", description)
    if location:
        item.add("location", location)
    if url:
        item.add("url", url)
    return item


def event_calendar(event, base_url: str) -> bytes:
    """The whole event, and each session of its agenda, as one calendar."""
    calendar = _calendar()
    url = base_url + event.get_absolute_url()
    calendar.add_component(
        _vevent(
            f"event-{event.pk}@safercities-hub",
            event.title,
            event.starts_at,
            event.ends_at,
            event.summary,
            _location(event),
            url,
        )
    )
    for session in event.sessions.all():
        calendar.add_component(_session_vevent(session, event, url))
    return calendar.to_ical()


def _session_vevent(session, event, url):
    return _vevent(
        f"session-{session.pk}@safercities-hub",
        f"{session.title} ({event.title})",
        session.starts_at,
        session.ends_at,
        session.description,
        _location(event),
        url,
    )


def session_calendar(session, base_url: str) -> bytes:
    calendar = _calendar()
    event = session.event
    calendar.add_component(_session_vevent(session, event, base_url + event.get_absolute_url()))
    return calendar.to_ical()
