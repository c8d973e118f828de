"""Early-terminated top k (impact-ordered blocks) equals the exhaustive ranking, at any size."""

import random
from datetime import UTC, datetime

import numpy as np
import pytest
from django.db import connection

from safercities.search import ranking
from safercities.search.analyzer import query_terms
from safercities.search.documents import SearchDocument
from safercities.search.engine import search
from safercities.search.index import index_documents, remove_document
from safercities.search.models import IndexedDocument
from safercities.search.params import SearchRequest

pytestmark = pytest.mark.django_db

WORDS = [
    "safety",
    "lighting",
    "street",
    "women",
    "night",
    "market",
    "transport",
    "police",
    "audit",
    "youth",
    "bus",
    "park",
    "toilet",
    "water",
    "flood",
    "school",
    "camera",
    "patrol",
    "budget",
    "survey",
]
WEIGHTS = [20, 16, 12, 10, 9, 8, 7, 6, 5, 5, 4, 4, 3, 3, 3, 2, 2, 2, 1, 1]
RARE = ["drainage", "hotline", "shelter"]


@pytest.fixture
def small_blocks(monkeypatch):
    """Blocks of 4 postings, forms in more than 10 documents get them, every query ranks."""
    monkeypatch.setattr(ranking, "BLOCK", 4)
    monkeypatch.setattr(ranking, "FREQUENT", 10)
    monkeypatch.setattr(ranking, "RANK_WINDOW", 5)


def make_corpus(n=240, seed=3):
    rng = random.Random(seed)
    docs = []
    for i in range(1, n + 1):
        words = rng.choices(WORDS, weights=WEIGHTS, k=rng.randint(2, 14))
        if i % 37 == 0:
            words.append(rng.choice(RARE))
        docs.append(
            SearchDocument(
                kind="resource", object_id=i, title=" ".join(rng.sample(WORDS, 3)),
                text=" ".join(words), language="en", url=f"/r/{i}/",
                published_at=datetime(2000 + i % 20, 1, 1, tzinfo=UTC),
                type=rng.choice(["guide", "report"]),
                flags=["replicable"] if i % 5 == 0 else [],
            )
        )  # fmt: skip
    index_documents(docs)
    return docs


def exhaustive(q: str, k: int, **filters):
    from safercities.search import mirror
    from safercities.search.engine import CodeBook, _filters, flag_boost

    request = SearchRequest(q=q, **filters)
    book = CodeBook()
    with connection.cursor() as cursor:
        index = mirror.facet_index(cursor, mirror.current_token(cursor), reload=True)
        from safercities.search.backends import get_backend

        ids = get_backend().match_ids(cursor, query_terms(q))
        selection = index.apply_filters(index.positions(ids)[0], _filters(request, book))
        boost, max_boost = flag_boost(index, book)
        ranker = ranking.Ranker(cursor, query_terms(q), index.ids[selection], boost, max_boost)
        ranked = ranker.everything()[:k]
    objects = dict(IndexedDocument.objects.values_list("id", "object_id"))
    return [(objects[i], s) for i, s in ranked]


QUERIES = ["safety", "lighting street", "women night market", "police", "audit youth",
           "drainage", "safety drainage", "transport"]  # fmt: skip


@pytest.mark.parametrize("q", QUERIES)
def test_the_top_twenty_equals_the_exhaustive_ranking(small_blocks, q):
    make_corpus()
    assert ranking.build() > 0
    hits = search(SearchRequest(q=q, per_page=20)).hits
    expected = exhaustive(q, 20)
    assert [(h.object_id, h.score) for h in hits] == [(i, round(s, 4)) for i, s in expected]


def test_filters_and_later_pages_equal_the_exhaustive_ranking(small_blocks):
    make_corpus()
    ranking.build()
    for page in (1, 2, 3):
        hits = search(SearchRequest(q="safety night", types=("report",), page=page, per_page=10))
        expected = exhaustive("safety night", 30, types=("report",))[(page - 1) * 10 : page * 10]
        assert [h.object_id for h in hits.hits] == [i for i, _s in expected]


def test_documents_indexed_or_removed_after_the_build_are_ranked_correctly(small_blocks):
    make_corpus()
    ranking.build()
    index_documents(
        [SearchDocument(kind="resource", object_id=999, title="safety safety safety",
                        text="safety " * 30, language="en", url="/r/999/")]
    )  # fmt: skip
    top = exhaustive("safety", 1)[0][0]
    remove_document("resource", top if top != 999 else 1)
    hits = search(SearchRequest(q="safety", per_page=20)).hits
    assert [h.object_id for h in hits] == [i for i, _s in exhaustive("safety", 20)]
    assert any(h.object_id == 999 for h in hits)


def test_without_blocks_the_ranking_is_exhaustive(small_blocks):
    make_corpus(60)
    hits = search(SearchRequest(q="safety", per_page=20)).hits
    assert [h.object_id for h in hits] == [i for i, _s in exhaustive("safety", 20)]


def test_the_replicable_flag_boosts_mildly(small_blocks, ranked_source):
    make_corpus()
    ranking.build()
    plain = exhaustive("lighting", 300)
    hits = search(SearchRequest(q="lighting", per_page=20)).hits
    assert [h.object_id for h in hits] == [i for i, _s in plain[:20]]
    scores = dict(plain)
    flagged = [i for i in scores if i % 5 == 0]
    assert flagged
    # the boost is exactly the flag's 1.1: a flagged document's score is 1.1 x its own
    with connection.cursor() as cursor:
        from safercities.search.backends import get_backend

        ids = dict(IndexedDocument.objects.values_list("object_id", "id"))
        terms = query_terms("lighting")
        idf = get_backend().idf(cursor, ranking.forms_of(terms), {})
        found = get_backend().score(cursor, terms, np.array([ids[i] for i in flagged]), idf)
        objects = {v: k for k, v in ids.items()}
        raw = {objects[i]: s for i, s in found}
    assert [round(scores[i] / raw[i], 9) for i in flagged] == [1.1] * len(flagged)


def test_the_blocks_hold_the_best_scores_first(small_blocks):
    make_corpus()
    ranking.build()
    from safercities.search.models import RankingBlock, RankingTerm

    term = RankingTerm.objects.get(term="safeti")
    blocks = list(RankingBlock.objects.filter(term=term).order_by("number"))
    scores = np.concatenate([np.frombuffer(bytes(b.scores), dtype="<f8") for b in blocks])
    assert len(scores) == term.stored and term.df >= term.stored
    assert (np.diff(scores) <= 0).all()
    assert [b.top for b in blocks] == [
        float(np.frombuffer(bytes(b.scores), "<f8")[0]) for b in blocks
    ]


def test_a_broad_query_stops_early_and_still_equals_the_exhaustive_ranking(small_blocks):
    make_corpus()
    ranking.build()
    terms = query_terms("safety")
    with connection.cursor() as cursor:
        from safercities.search.backends import get_backend

        ids = np.sort(get_backend().match_ids(cursor, terms))
        early = ranking.Ranker(cursor, terms, ids)
        top = early.top(5)
        full = ranking.Ranker(cursor, terms, ids).everything()[:5]
    assert top == full
    assert not early.exhaustive and len(early.scored) < len(ids)


def test_reindexing_past_the_stale_share_rebuilds_the_blocks(
    small_blocks, city_source, make_city, django_capture_on_commit_callbacks
):
    from safercities.search.index import reindex_objects
    from safercities.search.models import RankingState

    make_corpus(40)
    ranking.build()
    before = RankingState.objects.get().built_at
    cities = [make_city(name=f"Safety city {n}", pilot=True) for n in range(12)]
    reindex_objects(cities[:1])  # 1 new document on 40: not stale yet
    assert RankingState.objects.get().built_at == before
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        reindex_objects(cities)  # 12 on 40: past 5 %, the task rebuilds the blocks
    assert len(callbacks) == 1
    state = RankingState.objects.get()
    assert state.built_at > before and state.documents == 52


def test_a_full_rebuild_builds_the_ranking_blocks(small_blocks, city_source, make_city):
    from safercities.search.index import rebuild_index
    from safercities.search.models import RankingState, RankingTerm

    for n in range(14):
        make_city(name=f"Safety city {n}", pilot=True)
    assert rebuild_index() == 14
    assert RankingState.objects.get().documents == 14
    assert RankingTerm.objects.filter(term="safeti").exists()
