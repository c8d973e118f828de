"""The network's part of the one search: public threads with their accepted answers.

Only threads in public spaces are indexed (search results are shown to everyone); the text
is the opening post plus every accepted answer with its context note, so a search finds
what worked, not only what was asked.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safercities.library.markup import plain_text
from safercities.network.enums import PostStatus, ThreadKind, Visibility
from safercities.network.models import Thread
from safercities.search.documents import SearchDocument, SearchSource, register_source
from safercities.search.index import reindex_object


def searchable_threads():
    return (
        Thread.objects.listed()
        .filter(space__visibility=Visibility.PUBLIC)
        .select_related("space__city", "theme")
        .prefetch_related("posts__acceptance")
    )


def thread_to_document(thread: Thread) -> SearchDocument:
    parts = []
    for post in thread.posts.all():
        if post.status != PostStatus.VISIBLE:
            continue
        acceptance = getattr(post, "acceptance", None) if hasattr(post, "acceptance") else None
        if post.is_opening or acceptance is not None:
            parts.append(plain_text(post.body_html))
            if acceptance is not None and acceptance.note:
                parts.append(acceptance.note)
    space = thread.space
    country = space.country_id or (space.city.country_id if space.city_id else None)
    return SearchDocument(
        kind="discussion",
        object_id=thread.pk,
        title=thread.title,
        text="\n\n".join(parts),
        language=thread.language,
        url=thread.get_absolute_url(),
        published_at=thread.created_at,
        type=thread.kind,
        themes=[thread.theme.slug] if thread.theme_id else [],
        countries=[country] if country else [],
        cities=[space.city.slug] if space.city_id else [],
        year=thread.created_at.year,
    )


def register() -> None:
    register_source(
        SearchSource(
            kind="discussion",
            model=Thread,
            searchable=searchable_threads,
            to_document=thread_to_document,
            label=pgettext_lazy("search result kind", "Discussion"),
            plural_label=_("Discussions"),
            type_labels=lambda: dict(ThreadKind.choices),
        )
    )


def reindex_later(thread_id: int) -> None:
    """Reindex the thread once the current transaction commits."""

    def run() -> None:
        thread = Thread.objects.filter(pk=thread_id).first()
        if thread is not None:
            reindex_object(thread)

    transaction.on_commit(run)
