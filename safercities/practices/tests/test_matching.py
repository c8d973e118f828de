"""Matching practices to a city on its own: ranking, reasons, exclusions."""

import random

import pytest

from safercities.practices import matching
from safercities.practices.matching import Candidate, TargetCity

CITY = TargetCity(
    id=1,
    population=2_000_000,
    informal_share=0.10,
    concern_themes=frozenset({"street-lighting", "womens-safety", "youth"}),
)


def candidate(id: int, **fields) -> Candidate:
    defaults = {
        "city_id": 100 + id,
        "city_name": f"City {id}",
        "population": 2_000_000,
        "informal_share": 0.10,
        "themes": frozenset(),
        "cost_band": None,
        "replicable": False,
    }
    return Candidate(id=id, **(defaults | fields))


def ids(fits) -> list[int]:
    return [f.practice_id for f in fits]


def test_more_shared_themes_rank_higher():
    one = candidate(1, themes=frozenset({"youth"}))
    two = candidate(2, themes=frozenset({"youth", "street-lighting"}))
    none = candidate(3, themes=frozenset({"drugs"}))
    assert ids(matching.rank(CITY, [one, none, two])) == [2, 1, 3]


def test_a_practice_from_the_city_itself_is_never_listed():
    own = candidate(1, city_id=CITY.id, themes=CITY.concern_themes)
    other = candidate(2, themes=frozenset({"youth"}))
    assert ids(matching.rank(CITY, [own, other])) == [2]


def test_a_similar_size_ranks_above_a_distant_size():
    near = candidate(1, population=2_500_000, informal_share=None)
    far = candidate(2, population=5_500_000, informal_share=None)
    fits = matching.rank(CITY, [far, near])
    assert ids(fits) == [1, 2]
    assert fits[0].parts["size"] > fits[1].parts["size"]


def test_size_fit_is_symmetric_and_vanishes_at_ten_times():
    assert matching.size_fit(1_000_000, 1_000_000) == 1.0
    assert matching.size_fit(1_000_000, 4_000_000) == pytest.approx(
        matching.size_fit(4_000_000, 1_000_000)
    )
    assert matching.size_fit(100_000, 1_000_000) == pytest.approx(0.0)
    assert matching.size_fit(None, 1_000_000) is None


def test_a_similar_informal_share_ranks_above_a_distant_one():
    near = candidate(1, population=None, informal_share=0.12)
    far = candidate(2, population=None, informal_share=0.35)
    fits = matching.rank(CITY, [far, near])
    assert ids(fits) == [1]  # 25 points apart: nothing speaks for the second one
    assert matching.informal_fit(0.10, 0.15) == pytest.approx(0.75)
    assert matching.informal_fit(0.10, 0.30) == pytest.approx(0.0)


def test_equal_fits_put_the_cheaper_practice_first_then_the_lower_id():
    high = candidate(1, themes=frozenset({"youth"}), cost_band="high")
    low = candidate(2, themes=frozenset({"youth"}), cost_band="low")
    unknown = candidate(3, themes=frozenset({"youth"}))
    low_again = candidate(4, themes=frozenset({"youth"}), cost_band="low")
    assert ids(matching.rank(CITY, [unknown, high, low_again, low])) == [2, 4, 1, 3]


def test_the_ranking_does_not_depend_on_input_order():
    pool = [
        candidate(
            i,
            themes=frozenset(random.Random(i).sample(sorted(CITY.concern_themes), i % 3)),
            population=1_000_000 + (i % 4) * 500_000,
            cost_band=("low", "medium", None)[i % 3],
        )
        for i in range(1, 30)
    ]
    expected = ids(matching.rank(CITY, pool))
    for seed in range(5):
        shuffled = pool[:]
        random.Random(seed).shuffle(shuffled)
        assert ids(matching.rank(CITY, shuffled)) == expected


def test_a_replicable_practice_gets_a_small_bonus():
    plain = candidate(1, themes=frozenset({"youth"}))
    replicable = candidate(2, themes=frozenset({"youth"}), replicable=True)
    better = candidate(3, themes=frozenset({"youth", "womens-safety"}))
    fits = matching.rank(CITY, [plain, replicable, better])
    assert ids(fits) == [3, 2, 1]  # the bonus breaks the tie, but does not beat a better fit
    assert fits[1].score - fits[2].score == pytest.approx(matching.REPLICABLE_BONUS)


def test_reasons_say_which_themes_are_shared_and_what_is_similar():
    practice = candidate(
        1,
        themes=frozenset({"womens-safety", "street-lighting", "drugs"}),
        population=1_200_000,
        informal_share=0.12,
        cost_band="low",
        replicable=True,
    )
    result = matching.fit(CITY, practice)
    codes = [reason.code for reason in result.reasons]
    assert codes == ["themes", "size", "informal", "low_cost", "replicable"]
    themes, size, informal = result.reasons[:3]
    assert themes.themes == ("street-lighting", "womens-safety")
    assert (size.practice_value, size.city_value) == (1_200_000, 2_000_000)
    assert (informal.practice_value, informal.city_value) == (0.12, 0.10)


def test_dissimilar_cities_get_no_size_or_share_reason():
    practice = candidate(1, themes=frozenset({"youth"}), population=15_000_000, informal_share=0.40)
    assert [reason.code for reason in matching.fit(CITY, practice).reasons] == ["themes"]


def test_a_budget_band_prefers_practices_in_that_band():
    city = TargetCity(
        id=1,
        population=None,
        informal_share=None,
        concern_themes=frozenset({"youth"}),
        budget_band="medium",
    )
    youth = frozenset({"youth"})
    medium = candidate(1, cost_band="medium", themes=youth)
    low = candidate(2, cost_band="low", themes=youth)
    unknown = candidate(3, cost_band=None, themes=youth)
    high = candidate(4, cost_band="high", themes=frozenset())
    fits = matching.rank(city, [low, unknown, high, medium])
    assert ids(fits) == [1, 2, 3]  # "high" shares nothing: an adjacent band alone is no reason
    assert [r.code for r in fits[0].reasons] == ["themes", "budget"]
    assert [r.code for r in fits[1].reasons] == ["themes"]  # next band: a better score only
    assert [f.parts["budget"] for f in fits] == [1.0, 0.5, 0.0]


def test_the_limit_cuts_the_ranked_list():
    pool = [candidate(i, themes=frozenset({"youth"})) for i in range(1, 6)]
    assert ids(matching.rank(CITY, pool, limit=2)) == [1, 2]
    assert matching.rank(CITY, pool, limit=0) == []


def test_cost_bands_follow_the_amount():
    assert matching.cost_band_for_amount(None) is None
    assert matching.cost_band_for_amount(49_999) == "low"
    assert matching.cost_band_for_amount(50_000) == "medium"
    assert matching.cost_band_for_amount(500_000) == "high"
