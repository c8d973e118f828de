"""Facets, filters, sorting, pagination and browsing, checked against brute-force answers."""

import random
from collections import Counter
from datetime import UTC, datetime

import pytest

from safercities.search import ranking
from safercities.search.engine import search
from safercities.search.params import SearchRequest

pytestmark = pytest.mark.django_db

TYPES = ["guide", "research", "policy"]
THEMES = ["street-lighting", "public-transport", "womens-safety", "youth"]
COUNTRIES = ["TH", "KH", "VN", "ID"]
LANGUAGES = ["en", "th", "vi"]


@pytest.fixture
def library(make_document):
    """60 documents with random facets; half mention "lighting"."""
    rng = random.Random(7)
    docs = []
    for n in range(60):
        kind = "practice" if n % 5 == 0 else "resource"
        docs.append(
            make_document(
                title=f"Document {n}" + (" on lighting" if n % 2 else ""),
                text="Text about safety in the city." + (" Lighting matters." if n % 2 else ""),
                kind=kind,
                object_id=n + 1,
                type="practice" if kind == "practice" else rng.choice(TYPES),
                themes=sorted(rng.sample(THEMES, rng.randint(1, 2))),
                countries=sorted(rng.sample(COUNTRIES, rng.randint(1, 2))),
                language=rng.choice(LANGUAGES),
                year=rng.randint(2005, 2024),
                flags=["replicable"] if kind == "practice" and n % 2 == 0 else [],
                published_at=datetime(2000 + n // 3, 1 + n % 12, 1, tzinfo=UTC),
            )
        )
    return docs


def brute_facets(docs) -> dict[str, Counter]:
    counts = {name: Counter() for name in ("type", "theme", "language", "country", "year")}
    for doc in docs:
        counts["type"][doc.type] += 1
        counts["language"][doc.language] += 1
        counts["year"][str(doc.year)] += 1
        counts["theme"].update(doc.themes)
        counts["country"].update(doc.countries)
    return counts


def assert_facets_match(results, docs):
    for name, expected in brute_facets(docs).items():
        assert results.facets[name] == dict(expected), name


def test_facet_counts_over_a_query_equal_brute_force_counts(library):
    results = search(SearchRequest(q="lighting"))
    matching = [doc for doc in library if "lighting" in doc.title]
    assert results.count == len(matching) == 30
    assert_facets_match(results, matching)


def test_browsing_without_a_query_shows_everything_newest_first(library):
    results = search(SearchRequest(per_page=100))
    assert results.count == 60
    assert_facets_match(results, library)
    dates = [hit.published_at for hit in results.hits]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("request_fields", "keep"),
    [
        ({"types": ("guide",)}, lambda d: d.type == "guide"),
        ({"types": ("guide", "policy")}, lambda d: d.type in ("guide", "policy")),
        ({"themes": ("youth",)}, lambda d: "youth" in d.themes),
        ({"languages": ("th",)}, lambda d: d.language == "th"),
        ({"countries": ("KH",)}, lambda d: "KH" in d.countries),
        ({"year_from": 2010, "year_to": 2015}, lambda d: 2010 <= d.year <= 2015),
        ({"year_from": 2020}, lambda d: d.year >= 2020),
        ({"kinds": ("practice",)}, lambda d: d.kind == "practice"),
        ({"flags": ("replicable",)}, lambda d: "replicable" in d.flags),
        (
            {"themes": ("youth",), "countries": ("TH", "VN")},
            lambda d: "youth" in d.themes and {"TH", "VN"} & set(d.countries),
        ),
    ],
)
def test_filters_keep_exactly_the_matching_documents(library, request_fields, keep):
    for q, base in (("lighting", lambda d: "lighting" in d.title), ("", lambda d: True)):
        results = search(SearchRequest(q=q, per_page=100, **request_fields))
        expected = [d for d in library if base(d) and keep(d)]
        assert sorted(h.object_id for h in results.hits) == sorted(d.object_id for d in expected)
        assert results.count == len(expected)
        assert_facets_match(results, expected)


def test_a_filter_value_nobody_uses_gives_no_results(library):
    results = search(SearchRequest(q="lighting", themes=("flooding",)))
    assert results.count == 0
    assert results.hits == []


def test_sorting_by_date_puts_the_newest_first(library):
    hits = search(SearchRequest(q="lighting", sort="date", per_page=100)).hits
    dates = [hit.published_at for hit in hits]
    assert len(dates) == 30
    assert dates == sorted(dates, reverse=True)


def test_pages_follow_each_other_without_gaps_or_repeats(library):
    whole = [h.object_id for h in search(SearchRequest(q="safety", per_page=60)).hits]
    pages = [
        [h.object_id for h in search(SearchRequest(q="safety", page=p, per_page=25)).hits]
        for p in (1, 2, 3, 4)
    ]
    assert [len(p) for p in pages] == [25, 25, 10, 0]
    assert pages[0] + pages[1] + pages[2] == whole


def test_past_the_exhaustive_window_counts_and_pages_stay_complete(library, monkeypatch):
    monkeypatch.setattr(ranking, "RANK_WINDOW", 8)
    ranking.build(frequent=5)
    results = search(SearchRequest(q="lighting", per_page=30))
    ids = [h.object_id for h in results.hits]
    assert results.count == 30
    assert sorted(ids) == sorted(d.object_id for d in library if "lighting" in d.title)
    scores = [h.score for h in results.hits]
    assert scores == sorted(scores, reverse=True)
    page_2 = [h.object_id for h in search(SearchRequest(q="lighting", page=2, per_page=6)).hits]
    assert page_2 == ids[6:12]


def test_a_query_with_nothing_searchable_says_so(library):
    for q in ("the of", "!!! ???", "🙂🙂", "\x00"):
        results = search(SearchRequest(q=q))
        assert results.no_terms, q
        assert results.count == 0


def test_broad_queries_put_title_matches_first_and_break_ties_by_freshness(
    make_document, monkeypatch
):
    monkeypatch.setattr(ranking, "RANK_WINDOW", 3)
    monkeypatch.setattr(ranking, "BLOCK", 2)
    for n in range(10):  # ids grow with n; even n have the word in the title
        title = f"Flooding report {n}" if n % 2 == 0 else f"Report {n}"
        make_document(title=title, text="About flooding in the city.", object_id=500 + n)
    ranking.build(frequent=3)
    hits = search(SearchRequest(q="flooding", per_page=10)).hits
    order = [h.object_id - 500 for h in hits]
    # equal texts: the title matches first, the newest first among equal scores
    assert order == [8, 6, 4, 2, 0, 9, 7, 5, 3, 1]
