"""Published events are a search source (kind "event")."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safercities.search.documents import SearchDocument, SearchSource, register_source
from safercities.search.index import reindex_object
from safercities.training.enums import EventKind
from safercities.training.models import Event


def event_to_document(event: Event) -> SearchDocument:
    sessions = " ".join(f"{s.title} {s.guest_speakers}" for s in event.sessions.all())
    return SearchDocument(
        kind="event",
        object_id=event.pk,
        title=event.title,
        text="\n\n".join(p for p in (event.summary, event.audience, event.place, sessions) if p),
        language=(event.languages or ["en"])[0],
        url=event.get_absolute_url(),
        published_at=event.created_at,
        type=event.kind,
        year=event.starts_at.year,
    )


def register() -> None:
    register_source(
        SearchSource(
            kind="event",
            model=Event,
            searchable=lambda: Event.objects.published().prefetch_related("sessions"),
            to_document=event_to_document,
            label=pgettext_lazy("search result kind", "Event"),
            plural_label=_("Training events"),
            type_labels=lambda: dict(EventKind.choices),
        )
    )


def reindex(event: Event) -> None:
    reindex_object(event)
