"""What the search engine indexes, and how apps hand it their content.

An app that wants its content found registers a *source* in its ``AppConfig.ready``::

    register_source(SearchSource(
        kind="resource",
        model=Resource,
        searchable=lambda: Resource.objects.published(),   # what may be found
        to_document=resource_to_document,                  # obj -> SearchDocument
    ))

and calls ``safercities.search.index.reindex_object(obj)`` after any change that alters what
is searchable (publish, archive, edit, themes set…). ``reindex_object`` indexes the object
when it is in ``searchable()`` and removes it otherwise. ``manage.py rebuild_search_index``
rebuilds everything from the sources.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class SearchDocument:
    kind: str  # "resource" | "practice" | later "discussion"
    object_id: int
    title: str
    text: str  # the searchable body: summary, body, problem, results…
    language: str  # BCP-47 code of the content
    url: str
    ref: str = ""  # an external id (imports) or ""
    published_at: datetime | None = None
    # Facets: type (resource type, or "practice"), themes (slugs), countries (ISO alpha-2),
    # year (int | None), replicable (bool; practices only).
    type: str = ""
    themes: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    year: int | None = None
    replicable: bool = False


@dataclass
class SearchSource:
    kind: str
    model: Any
    searchable: Callable[[], Any]  # -> QuerySet of objects that may be found
    to_document: Callable[[Any], SearchDocument]


_SOURCES: dict[str, SearchSource] = {}


def register_source(source: SearchSource) -> None:
    _SOURCES[source.kind] = source


def sources() -> list[SearchSource]:
    return list(_SOURCES.values())


def source_for_model(model: Any) -> SearchSource | None:
    for source in _SOURCES.values():
        if source.model is model or (isinstance(model, type) and issubclass(model, source.model)):
            return source
    return None
