"""What the search engine indexes, and how apps register their content (the source registry).

The engine knows no content type: every kind of content is a *source* registered by its app in
``AppConfig.ready()``. See the package docstring (:mod:`safercities.search`) for the contract.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class SearchDocument:
    kind: str  # the source's kind: "resource", "practice", "thread"…
    object_id: int
    title: str
    text: str  # the searchable body: summary, body, problem, results…
    language: str  # BCP-47 code of the content
    url: str
    ref: str = ""  # an external id (imports) or ""
    published_at: datetime | None = None
    # Facets: type (one of the source's ``type_labels``), themes (slugs), countries (ISO
    # alpha-2), cities (slugs), year (int | None), flags (names of the source's ``flags``).
    type: str = ""
    themes: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    year: int | None = None
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SearchFlag:
    """A yes/no mark some documents carry ("replicable"): a filter checkbox, a facet count and
    a mild ranking boost (the relevance score is multiplied by ``boost``)."""

    name: str  # [a-z_]{1,12}: also the query parameter (``?replicable=1``)
    label: Any  # checkbox text, translatable ("Replicable only")
    boost: float = 1.0


@dataclass
class SearchSource:
    kind: str  # [a-z_]{1,20}, unique
    model: Any
    searchable: Callable[[], Any]  # -> QuerySet of objects that may be found
    to_document: Callable[[Any], SearchDocument]
    label: Any = None  # what a hit of this kind is called ("Practice"), translatable
    plural_label: Any = None  # heading of this source's filters ("Practices")
    type_labels: Callable[[], Mapping[str, Any]] | None = None  # type facet value -> name
    flags: tuple[SearchFlag, ...] = ()
    # "for my city" ranking: city slug -> {object_id: fit (higher first)}, or None when the
    # city is unknown. A search with ``city=`` keeps only the kinds that have one.
    city_ranking: Callable[[str], Mapping[int, float] | None] | None = None
    city_ranking_label: Any = None  # "Practices for my city"


_SOURCES: dict[str, SearchSource] = {}


def register_source(source: SearchSource) -> None:
    _SOURCES[source.kind] = source


def sources() -> list[SearchSource]:
    return list(_SOURCES.values())


def get_source(kind: str) -> SearchSource | None:
    return _SOURCES.get(kind)


def source_for_model(model: Any) -> SearchSource | None:
    for source in _SOURCES.values():
        if source.model is model or (isinstance(model, type) and issubclass(model, source.model)):
            return source
    return None


def flags() -> dict[str, SearchFlag]:
    """Every registered flag by name (the first source to register a name defines it)."""
    found: dict[str, SearchFlag] = {}
    for source in _SOURCES.values():
        for flag in source.flags:
            found.setdefault(flag.name, flag)
    return found


def kind_labels() -> dict[str, str]:
    return {s.kind: str(s.label) if s.label else s.kind for s in _SOURCES.values()}


def type_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for source in _SOURCES.values():
        if source.type_labels:
            labels.update({value: str(name) for value, name in source.type_labels().items()})
    return labels


def city_ranked_sources() -> list[SearchSource]:
    return [source for source in _SOURCES.values() if source.city_ranking]
