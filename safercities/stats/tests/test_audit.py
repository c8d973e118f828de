import math
from dataclasses import dataclass

import pytest
from scipy import stats

from safercities.stats.audit import (
    CHANGEABLE_PARAMETERS,
    FORMULA_TEXT,
    LOW_RATING_THRESHOLD,
    MAX_RATING,
    MIN_AUDITS_PER_AREA,
    MIN_CORRELATION_PAIRS,
    MIN_PARAMETERS_FOR_OVERALL,
    PARAMETERS,
    RANKING_TEXT,
    area_score,
    feeling_correlations,
    spot_scores,
)


def audit(spot, **ratings):
    return {"spot": spot, **dict.fromkeys(PARAMETERS), **ratings}


SPOT_A = [
    audit("A", lighting=3, openness=2, visibility=2, people=1, security=0, walk_path=3,
          gender_usage=1, feeling=2),
    audit("A", lighting=1, openness=2, visibility=3, people=1, security=1, walk_path=2,
          gender_usage=2, feeling=1),
]  # fmt: skip
SPOT_B = [audit("B", **dict.fromkeys(PARAMETERS, 3))]
SPOT_C = [
    audit("C", lighting=0, openness=0, visibility=0, people=0, security=0, feeling=0),
]


def test_parameters_are_eight_changeable_ones_plus_feeling():
    assert len(CHANGEABLE_PARAMETERS) == 8
    assert PARAMETERS[-1] == "feeling"
    assert "feeling" not in CHANGEABLE_PARAMETERS


def test_the_published_formula_quotes_the_constants_in_use():
    assert f"at least {MIN_PARAMETERS_FOR_OVERALL} of the 8" in FORMULA_TEXT
    assert f"at least {MIN_AUDITS_PER_AREA} audits" in FORMULA_TEXT
    assert f"divided by {MAX_RATING}" in FORMULA_TEXT
    assert f"below {LOW_RATING_THRESHOLD}" in RANKING_TEXT
    assert f"at least {MIN_CORRELATION_PAIRS} audits" in RANKING_TEXT


def test_spot_parameter_scores_are_mean_ratings_on_a_0_to_100_scale():
    (spot,) = spot_scores(SPOT_A)
    assert spot.spot == "A"
    assert spot.n_audits == 2
    assert spot.parameters["lighting"] == pytest.approx(200 / 3)  # mean 2
    assert spot.parameters["visibility"] == pytest.approx(250 / 3)  # mean 2.5
    assert spot.parameters["security"] == pytest.approx(50 / 3)  # mean 0.5
    assert spot.parameters["public_transport"] is None


def test_spot_safety_score_averages_the_answered_changeable_parameters():
    (spot,) = spot_scores(SPOT_A)
    # mean ratings 2, 2, 2.5, 1, 0.5, 2.5, 1.5 -> 12 / 7 on 0-3 -> 400 / 7 on 0-100
    assert spot.n_parameters == 7
    assert spot.overall == pytest.approx(400 / 7)


def test_feeling_is_reported_separately_and_not_in_the_safety_score():
    (spot,) = spot_scores(SPOT_A)
    assert spot.feeling == pytest.approx(50)  # mean 1.5
    changed = [{**a, "feeling": 3} for a in SPOT_A]
    assert spot_scores(changed)[0].overall == pytest.approx(400 / 7)


def test_a_spot_with_fewer_than_six_parameters_has_no_safety_score():
    (spot,) = spot_scores(SPOT_C)
    assert spot.n_parameters == 5
    assert spot.overall is None
    assert spot.parameters["lighting"] == 0
    assert spot.feeling == 0


def test_spots_come_back_in_order_of_first_appearance():
    spots = spot_scores(SPOT_B + SPOT_A + SPOT_C)
    assert [s.spot for s in spots] == ["B", "A", "C"]
    assert spots[0].overall == pytest.approx(100)


def test_a_spot_below_its_minimum_number_of_audits_is_not_scored():
    (spot,) = spot_scores(SPOT_A, min_audits=3)
    assert spot.n_audits == 2
    assert spot.overall is None
    assert spot.parameters["lighting"] is None


def test_audits_can_be_plain_objects_with_a_custom_spot_field():
    @dataclass
    class Audit:
        spot_id: int
        lighting: int = 3
        openness: int = 3
        visibility: int = 3
        people: int = 3
        security: int = 3
        walk_path: int = 3
        public_transport: int | None = None
        gender_usage: int = 0
        feeling: int = 2

    (spot,) = spot_scores([Audit(7)], spot_field="spot_id")
    assert spot.spot == 7
    assert spot.overall == pytest.approx(600 / 7)


def test_ratings_outside_0_to_3_are_rejected():
    with pytest.raises(ValueError, match="lighting"):
        spot_scores([audit("A", lighting=4)])
    with pytest.raises(ValueError, match="spot"):
        spot_scores([audit(None, lighting=1)])


def test_area_score_weights_each_spot_equally():
    area = area_score(SPOT_A + SPOT_B + SPOT_C)
    assert (area.n_audits, area.n_spots, area.n_spots_scored) == (4, 3, 2)
    # spot C has no safety score; A = 400/7, B = 100
    assert area.overall == pytest.approx((400 / 7 + 100) / 2)
    # lighting: A 200/3, B 100, C 0
    assert area.parameters["lighting"] == pytest.approx((200 / 3 + 100 + 0) / 3)
    # public transport rated only at B
    assert area.parameters["public_transport"] == pytest.approx(100)
    assert area.feeling == pytest.approx((50 + 100 + 0) / 3)


def test_area_with_fewer_than_three_audits_has_counts_but_no_scores():
    area = area_score(SPOT_B + SPOT_C)
    assert (area.n_audits, area.n_spots, area.n_spots_scored) == (2, 2, 1)
    assert area.overall is None
    assert area.feeling is None
    assert set(area.parameters.values()) == {None}


def correlation_audits():
    feeling = [0, 1, 1, 2, 3]
    lighting = [0, 0, 1, 2, 3]  # rho 0.921, mean 1.2 -> priority 0.553
    visibility = [1, 2, 2, 3, 3]  # rho 0.973, mean 2.2 -> priority 0.260
    security = [3, 2, 2, 1, 0]  # rho -1
    people = [2, 2, 2, 2, 2]  # constant: undefined
    walk_path = [0, 3, None, None, None]  # only two pairs: undefined
    return [
        audit(
            "X",
            feeling=feeling[i],
            lighting=lighting[i],
            visibility=visibility[i],
            security=security[i],
            people=people[i],
            walk_path=walk_path[i],
        )
        for i in range(5)
    ]


def by_name(results):
    return {c.parameter: c for c in results}


def test_spearman_correlation_with_ties_matches_a_hand_computation():
    lighting = by_name(feeling_correlations(correlation_audits()))["lighting"]
    # ranks 1.5 1.5 3 4 5 vs 1 2.5 2.5 4 5: 8.75 / sqrt(9.5 * 9.5)
    assert lighting.rho == pytest.approx(8.75 / 9.5)
    assert lighting.n == 5
    t = lighting.rho * math.sqrt(3 / (1 - lighting.rho**2))
    assert lighting.p_value == pytest.approx(2 * stats.t.sf(t, 3))
    assert lighting.mean_rating == pytest.approx(1.2)
    assert lighting.shortfall == pytest.approx(0.6)
    assert lighting.priority == pytest.approx(8.75 / 9.5 * 0.6)
    assert lighting.low_scoring


def test_correlation_is_none_not_nan_for_constant_or_too_few_ratings():
    results = by_name(feeling_correlations(correlation_audits()))
    people = results["people"]
    assert (people.rho, people.p_value, people.priority) == (None, None, None)
    assert people.n == 5
    assert people.mean_rating == 2
    assert not people.low_scoring
    walk_path = results["walk_path"]
    assert walk_path.n == 2
    assert walk_path.rho is None
    unrated = results["openness"]
    assert (unrated.n, unrated.mean_rating, unrated.rho) == (0, None, None)
    assert not unrated.low_scoring


def test_constant_feeling_gives_no_correlations():
    audits = [audit("X", lighting=i % 4, feeling=2) for i in range(6)]
    assert all(c.rho is None for c in feeling_correlations(audits))


def test_what_to_fix_first_combines_correlation_with_low_ratings():
    order = [c.parameter for c in feeling_correlations(correlation_audits())]
    # lighting correlates less than visibility but is rated much lower
    assert order == [
        "lighting",
        "visibility",
        "security",
        "openness",
        "people",
        "walk_path",
        "public_transport",
        "gender_usage",
    ]
    results = by_name(feeling_correlations(correlation_audits()))
    assert results["visibility"].rho == pytest.approx(9 / math.sqrt(9 * 9.5))
    assert results["security"].rho == pytest.approx(-1)
    assert not results["visibility"].low_scoring
