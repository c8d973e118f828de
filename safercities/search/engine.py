"""Run a search: analyse the query, ask the backend, turn codes and ids into results.

:func:`search` is the one entry point used by the page, the API and the benchmark. It returns
the hits of the requested page (with highlighted snippets), the total count and the facet
counts over every match (exact).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.db import connection

from safercities.search import analyzer, documents, mirror, ranking
from safercities.search.backends import get_backend
from safercities.search.models import FacetCode, IndexedDocument
from safercities.search.params import SearchRequest
from safercities.search.snippets import Parts, highlight, snippet, to_html

FACETS = ("kind", "type", "theme", "language", "country", "city", "year", "flag")


@dataclass
class Hit:
    kind: str
    object_id: int
    ref: str
    title: str
    language: str
    url: str
    type: str
    year: int | None
    published_at: datetime | None
    score: float
    title_parts: Parts
    snippet_parts: Parts

    @property
    def snippet_html(self) -> str:
        return to_html(self.snippet_parts)


@dataclass
class SearchResults:
    request: SearchRequest
    count: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    no_terms: bool = False  # the query text had nothing searchable in it

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.request.per_page))


class CodeBook:
    """Facet values ↔ codes (a few hundred rows, read once per search)."""

    def __init__(self) -> None:
        self.by_pair: dict[tuple[str, str], int] = {}
        self.by_code: dict[int, tuple[str, str]] = {}
        for code, facet, value in FacetCode.objects.values_list("id", "facet", "value"):
            self.by_pair[(facet, value)] = code
            self.by_code[code] = (facet, value)

    def codes(self, facet: str, values) -> list[int]:
        return [self.by_pair[(facet, v)] for v in values if (facet, v) in self.by_pair]

    def years(self, first: int | None, last: int | None) -> list[int]:
        return [
            code
            for (facet, value), code in self.by_pair.items()
            if facet == "year"
            and (first is None or int(value) >= first)
            and (last is None or int(value) <= last)
        ]


def _filters(request: SearchRequest, book: CodeBook) -> list[list[int]] | None:
    """OR-groups of codes to AND; None when a filter can match nothing."""
    kinds = request.kinds
    if request.city:
        ranked = {source.kind for source in documents.city_ranked_sources()}
        kinds = tuple(k for k in kinds if k in ranked) if kinds else tuple(sorted(ranked))
        if not kinds:
            return None
    wanted = [
        ("kind", kinds),
        ("type", request.types),
        ("theme", request.themes),
        ("language", request.languages),
        ("country", request.countries),
        ("city", request.cities),
    ]
    groups = []
    for facet, values in wanted:
        if values:
            groups.append(book.codes(facet, values))
    if request.year_from is not None or request.year_to is not None:
        groups.append(book.years(request.year_from, request.year_to))
    for name in request.flags:
        groups.append(book.codes("flag", [name]))
    if any(not group for group in groups):
        return None
    return groups


def _facets(code_counts: dict[int, int], book: CodeBook) -> dict[str, dict[str, int]]:
    facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for code, count in code_counts.items():
        pair = book.by_code.get(code)
        if pair and pair[0] in facets:
            facets[pair[0]][pair[1]] = count
    for name, values in facets.items():
        facets[name] = dict(sorted(values.items(), key=lambda item: (-item[1], item[0])))
    return facets


def search(request: SearchRequest) -> SearchResults:
    terms = analyzer.query_terms(request.q) if request.q else []
    if request.q and not terms:
        return SearchResults(request, no_terms=True)
    book = CodeBook()
    groups = _filters(request, book)
    if groups is None:
        return SearchResults(request, facets={name: {} for name in FACETS})
    offset = (request.page - 1) * request.per_page
    stop = offset + request.per_page
    city_fit = _city_ranking(request.city) if request.city else None
    with connection.cursor() as cursor:
        index, selection = _select(cursor, terms, groups)
        code_counts = index.code_counts(selection)
        if city_fit is not None:
            page = [(int(i), 0.0) for i in index.newest_by_date(selection, 0, None)]
        elif request.sort == "date" or not terms:
            page = [(int(i), 0.0) for i in index.newest_by_date(selection, offset, stop)]
        else:
            page = _relevance_page(cursor, index, book, selection, terms, offset, stop)
    indexed = IndexedDocument.objects.in_bulk([doc_id for doc_id, _score in page])
    if city_fit is not None:
        page = _rank_for_city(page, indexed, city_fit)[offset:stop]
    hits = [_hit(indexed[i], score, request.q) for i, score in page if i in indexed]
    return SearchResults(request, len(selection), hits, _facets(code_counts, book))


def _select(cursor, terms, groups):
    """The facet mirror and the positions of every match passing the filters."""
    index = mirror.facet_index(cursor, mirror.current_token(cursor))
    if not terms:
        return index, index.apply_filters(index.everything(), groups)
    ids = get_backend().match_ids(cursor, terms)
    selection, complete = index.positions(ids)
    if not complete:  # indexed since the mirror was loaded
        index = mirror.facet_index(cursor, mirror.current_token(cursor), reload=True)
        selection, _complete = index.positions(ids)
    return index, index.apply_filters(selection, groups)


def exhaustive_ranking(request: SearchRequest, k: int) -> list[tuple[int, float]]:
    """(document id, score) of the top ``k`` after scoring *every* match — the reference the
    early-terminated ranking is measured against (benchmark, tests)."""
    terms = analyzer.query_terms(request.q)
    book = CodeBook()
    groups = _filters(request, book)
    if not terms or groups is None:
        return []
    with connection.cursor() as cursor:
        index, selection = _select(cursor, terms, groups)
        boost, max_boost = flag_boost(index, book)
        return ranking.Ranker(cursor, terms, index.ids[selection], boost, max_boost).everything()[
            :k
        ]


def flag_boost(index, book: CodeBook):
    """``(boost(ids) -> multipliers, largest multiplier)`` from the registered flags' boosts
    (None when no flag boosts)."""
    boosts = [
        (index.code_mask(code), flag.boost)
        for name, flag in documents.flags().items()
        if flag.boost != 1.0
        for code in book.codes("flag", [name])
    ]
    if not boosts:
        return None, 1.0

    def boost(ids: np.ndarray) -> np.ndarray:
        positions = index.pos[np.minimum(ids, len(index.pos) - 1)]
        factor = np.ones(len(ids), dtype=np.float64)
        for mask, value in boosts:
            factor[(positions >= 0) & mask[np.maximum(positions, 0)]] *= value
        return factor

    return boost, float(np.prod([max(1.0, value) for _mask, value in boosts]))


def _relevance_page(cursor, index, book, selection, terms, offset, stop):
    """The exact top ``stop`` by relevance (:mod:`.ranking`), sliced to the page."""
    boost, max_boost = flag_boost(index, book)
    ranker = ranking.Ranker(cursor, terms, index.ids[selection], boost, max_boost)
    return ranker.top(stop)[offset:stop]


def _hit(doc: IndexedDocument, score: float, q: str) -> Hit:
    return Hit(
        kind=doc.kind,
        object_id=doc.object_id,
        ref=doc.ref,
        title=doc.title,
        language=doc.language,
        url=doc.url,
        type=doc.type,
        year=doc.year,
        published_at=doc.published_at,
        score=round(score, 4),
        title_parts=highlight(doc.title, q),
        snippet_parts=snippet(doc.text, q),
    )


def _city_ranking(slug: str) -> dict[tuple[str, int], float] | None:
    """(kind, object id) → fit with the city, from every source with a city ranking (best
    first within a source), or None when no source knows the city."""
    ranking: dict[tuple[str, int], float] = {}
    known = False
    for source in documents.city_ranked_sources():
        fits = source.city_ranking(slug)
        if fits is None:
            continue
        known = True
        ranking.update({(source.kind, int(pk)): float(fit) for pk, fit in fits.items()})
    if not known:
        return None
    return dict(sorted(ranking.items(), key=lambda item: -item[1]))


def _rank_for_city(hit_ids, indexed, ranking: dict[tuple[str, int], float]):
    order = {key: position for position, key in enumerate(ranking)}

    def key(item):
        doc = indexed.get(item[0])
        return order.get((doc.kind, doc.object_id), len(order)) if doc else len(order) + 1

    ranked = sorted(hit_ids, key=key)
    return [
        (doc_id, ranking.get((indexed[doc_id].kind, indexed[doc_id].object_id), 0.0))
        for doc_id, _score in ranked
        if doc_id in indexed
    ]
