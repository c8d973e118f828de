"""The numpy facet mirror against brute force, on random data (no database)."""

from collections import Counter

import numpy as np
import pytest

from safercities.search.facetindex import FacetIndex


@pytest.fixture
def data():
    rng = np.random.default_rng(3)
    n = 3000
    ids = rng.permutation(np.arange(1, 4 * n, 4))[:n]  # sparse, unordered ids
    priors = rng.integers(0, 50, n)  # many ties: the id breaks them
    docs = {}
    for doc_id, prior in zip(ids.tolist(), priors.tolist(), strict=True):
        # a few frequent codes (bitmaps) and many rare ones (gathered)
        codes = {int(rng.integers(1, 6))} | set(rng.integers(6, 400, rng.integers(0, 5)).tolist())
        docs[doc_id] = (prior, sorted(codes))
    lengths = np.array([len(docs[i][1]) for i in ids.tolist()])
    codes = np.array([c for i in ids.tolist() for c in docs[i][1]])
    return FacetIndex(ids, priors, lengths, codes), docs


def brute_counts(docs, chosen) -> dict[int, int]:
    return dict(Counter(code for doc_id in chosen for code in docs[doc_id][1]))


@pytest.mark.parametrize("share", [0.001, 0.01, 0.3, 1.0])
def test_code_counts_equal_brute_force_for_small_and_large_selections(data, share):
    index, docs = data
    rng = np.random.default_rng(int(share * 1000))
    chosen = [i for i in docs if rng.random() < share]
    selection, complete = index.positions(np.array(sorted(chosen)))
    assert complete
    assert index.code_counts(selection) == brute_counts(docs, chosen)


def test_unknown_ids_are_reported_and_left_out(data):
    index, docs = data
    known = sorted(docs)[:3]
    selection, complete = index.positions(np.array([*known, 2, 10**9]))
    assert not complete
    assert index.ids[selection].tolist() == known


def test_filters_keep_documents_with_one_code_of_every_group(data):
    index, docs = data
    groups = [[1, 2], [7, 8, 9, 10, 11, 12, 13, 14, 15]]
    kept = index.apply_filters(index.everything(), groups)
    expected = sorted(
        i for i, (_p, codes) in docs.items() if all(set(codes) & set(g) for g in groups)
    )
    assert index.ids[kept].tolist() == expected


def test_date_order_is_newest_first_with_ties_broken_by_id(data):
    index, docs = data
    expected = sorted(docs, key=lambda i: (-docs[i][0], -i))
    assert index.newest_by_date(index.everything(), 0, None).tolist() == expected
    some = index.apply_filters(index.everything(), [[3]])
    chosen = [i for i in expected if 3 in docs[i][1]]
    assert index.newest_by_date(some, 5, 25).tolist() == chosen[5:25]
    assert index.newest_by_id(some, 0, 4).tolist() == sorted(chosen, reverse=True)[:4]


def test_an_empty_mirror_answers_empty(data):
    empty = FacetIndex(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0), np.empty(0))
    assert empty.code_counts(empty.everything()) == {}
    assert empty.newest_by_date(empty.everything(), 0, 20).tolist() == []
    assert empty.positions(np.array([5]))[1] is False
