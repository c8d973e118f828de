from dataclasses import dataclass
from functools import partial

import pytest
from scipy import stats

from safercities.stats.survey import (
    Estimate,
    disaggregate,
    fear_of_crime,
    newcombe_interval,
    prevalence,
    reporting_rate,
    settlement_gap,
    wilson_interval,
)


def oracle(k, n):
    """Wilson interval from scipy, independent of our implementation."""
    ci = stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    return ci.low, ci.high


def people(victims, total, **fields):
    return [{"burglary": int(i < victims), **fields} for i in range(total)]


def test_wilson_interval_for_10_of_50_matches_hand_values_and_scipy():
    low, high = wilson_interval(10 / 50, 50)
    assert low == pytest.approx(0.112438, abs=1e-6)
    assert high == pytest.approx(0.330371, abs=1e-6)
    assert (low, high) == pytest.approx(oracle(10, 50), abs=1e-12)


@pytest.mark.parametrize(("k", "n"), [(0, 20), (20, 20), (1, 7), (37, 120)])
def test_wilson_interval_matches_scipy_including_the_edges(k, n):
    assert wilson_interval(k / n, n) == pytest.approx(oracle(k, n), abs=1e-12)


def test_wilson_interval_respects_the_confidence_level():
    ci = stats.binomtest(10, 50).proportion_ci(confidence_level=0.9, method="wilson")
    assert wilson_interval(0.2, 50, 0.9) == pytest.approx((ci.low, ci.high), abs=1e-12)


def test_prevalence_counts_victims_among_those_who_answered():
    respondents = people(10, 50) + [{"burglary": None}, {}]
    est = prevalence(respondents, "burglary")
    assert est.value == pytest.approx(0.2)
    assert (est.n, est.numerator, est.denominator, est.n_eff) == (50, 10, 50, 50)
    assert (est.low, est.high) == pytest.approx(oracle(10, 50), abs=1e-12)
    assert not est.suppressed
    assert est.n_label == 50


def test_prevalence_treats_any_number_of_incidents_as_one_victim():
    respondents = [{"burglary": 3}, {"burglary": True}, {"burglary": 0}, {"burglary": False}]
    est = prevalence(respondents * 2, "burglary")
    assert est.value == pytest.approx(0.5)
    assert est.numerator == 4


def test_prevalence_reads_attributes_of_plain_objects():
    @dataclass
    class Respondent:
        burglary: int

    est = prevalence([Respondent(1)] * 3 + [Respondent(0)] * 3, "burglary")
    assert est.value == pytest.approx(0.5)


def test_weighted_prevalence_uses_kish_effective_sample_size():
    weights = [2, 2, 1, 1, 1, 1]
    respondents = [{"burglary": int(i < 2), "w": w} for i, w in enumerate(weights)]
    est = prevalence(respondents, "burglary", weight="w")
    # sum(w*y) = 4, sum(w) = 8, sum(w**2) = 12, n_eff = 64 / 12
    assert est.value == pytest.approx(0.5)
    assert est.numerator == 4
    assert est.denominator == 8
    assert est.n_eff == pytest.approx(16 / 3)
    assert est.n == 6
    # Wilson for p = 0.5 on n = 16/3, computed by hand
    assert est.low == pytest.approx(0.176466, abs=1e-6)
    assert est.high == pytest.approx(0.823534, abs=1e-6)


def test_equal_weights_give_the_unweighted_interval():
    respondents = [{**r, "w": 3.5} for r in people(10, 50)]
    est = prevalence(respondents, "burglary", weight="w")
    assert est.n_eff == pytest.approx(50)
    assert (est.low, est.high) == pytest.approx(oracle(10, 50), abs=1e-9)


def test_a_missing_or_negative_weight_is_an_error():
    with pytest.raises(ValueError, match="weight"):
        prevalence([{"burglary": 1}] * 5 + [{"burglary": 0, "w": None}], "burglary", "w")
    with pytest.raises(ValueError, match="weight"):
        prevalence([{"burglary": 1, "w": -1}] * 5, "burglary", "w")


def test_an_invalid_victimisation_answer_is_an_error():
    with pytest.raises(ValueError, match="burglary"):
        prevalence([{"burglary": "yes"}] * 5, "burglary")


def test_an_estimate_on_fewer_than_five_respondents_is_suppressed():
    est = prevalence(people(1, 4), "burglary")
    assert est.suppressed
    assert (est.value, est.low, est.high, est.n, est.numerator) == (None,) * 5
    assert est.n_label == "<5"


def test_reporting_rate_is_a_share_of_victims_only():
    victims = [{"theft": 1, "theft_reported": i < 3} for i in range(8)]
    unanswered = [{"theft": 2, "theft_reported": None}]
    non_victims = [{"theft": 0, "theft_reported": True}] * 20
    est = reporting_rate(victims + unanswered + non_victims, "theft")
    assert est.n == 8
    assert est.value == pytest.approx(3 / 8)
    assert (est.low, est.high) == pytest.approx(oracle(3, 8), abs=1e-12)


def test_reporting_rate_is_suppressed_when_there_are_few_victims():
    respondents = [{"theft": 1, "theft_reported": True}] * 4 + [{"theft": 0}] * 100
    assert reporting_rate(respondents, "theft").suppressed


def test_fear_of_crime_counts_a_bit_and_very_unsafe_and_skips_non_answers():
    answers = ["very_safe"] * 5 + ["fairly_safe"] * 7 + ["a_bit_unsafe"] * 6 + ["very_unsafe"] * 2
    answers += ["never_goes_out", "dont_know", None]
    est = fear_of_crime([{"safety_after_dark": a} for a in answers])
    assert est.n == 20
    assert est.value == pytest.approx(8 / 20)
    assert (est.low, est.high) == pytest.approx(oracle(8, 20), abs=1e-12)


def block(n, victim, sex, age_band, settlement_type):
    row = {"burglary": victim, "sex": sex, "age_band": age_band}
    return [{**row, "settlement_type": settlement_type} for _ in range(n)]


def survey():
    """33 respondents, 10 burglary victims.

    sex: 30 female, 3 male; age: 10 aged 15-24, 20 aged 25-44, 3 aged 45+;
    settlement: 18 informal (8 victims), 14 formal (2 victims), 1 unknown.
    """
    return (
        block(8, 1, "female", "15-24", "informal")
        + block(2, 0, "female", "15-24", "formal")
        + block(10, 0, "female", "25-44", "informal")
        + block(2, 1, "female", "25-44", "formal")
        + block(8, 0, "female", "25-44", "formal")
        + block(2, 0, "male", "45+", "formal")
        + block(1, 0, "male", "45+", None)
    )


def test_survey_fixture_has_the_group_sizes_the_tests_rely_on():
    rows = survey()
    assert sum(r["settlement_type"] == "informal" for r in rows) == 18
    assert sum(r["burglary"] for r in rows if r["settlement_type"] == "informal") == 8
    assert sum(r["settlement_type"] == "formal" for r in rows) == 14
    assert sum(r["burglary"] for r in rows if r["settlement_type"] == "formal") == 2
    assert sum(r["age_band"] == "15-24" for r in rows) == 10


def test_disaggregate_gives_the_overall_and_each_group():
    result = disaggregate(survey(), estimator=partial(prevalence, crime="burglary"))
    assert result.overall.n == 33
    assert result.overall.value == pytest.approx(10 / 33)
    settlement = {c.group: c for c in result.dimensions["settlement_type"]}
    assert list(settlement) == ["formal", "informal"]
    informal = settlement["informal"].estimate
    assert informal.value == pytest.approx(8 / 18)
    assert (informal.low, informal.high) == pytest.approx(oracle(8, 18), abs=1e-12)
    assert settlement["formal"].estimate.n == 14
    assert settlement["formal"].suppression is None


def test_two_groups_with_one_small_are_both_suppressed():
    result = disaggregate(survey(), estimator=partial(prevalence, crime="burglary"))
    sex = {c.group: c for c in result.dimensions["sex"]}
    assert sex["male"].suppression == "primary"
    assert sex["male"].estimate.n_label == "<5"
    assert sex["female"].suppression == "secondary"
    assert sex["female"].estimate.n_label == "x"
    assert sex["female"].estimate.value is None
    assert result.overall.value is not None


def test_secondary_suppression_hides_the_smallest_other_group_only():
    result = disaggregate(survey(), estimator=partial(prevalence, crime="burglary"))
    age = {c.group: c.suppression for c in result.dimensions["age_band"]}
    assert age == {"15-24": "secondary", "25-44": None, "45+": "primary"}


def test_disaggregate_suppresses_on_the_estimators_own_base():
    rows = [{"theft": int(i < 3), "theft_reported": True, "sex": "female"} for i in range(40)]
    rows += [{"theft": int(i < 10), "theft_reported": i < 5, "sex": "male"} for i in range(40)]
    result = disaggregate(rows, by=("sex",), estimator=partial(reporting_rate, crime="theft"))
    cells = {c.group: c for c in result.dimensions["sex"]}
    assert cells["female"].suppression == "primary"
    assert cells["male"].suppression == "secondary"
    assert result.overall.n == 13


def test_disaggregate_suppresses_a_small_overall():
    result = disaggregate(
        people(1, 4, sex="female"), estimator=partial(prevalence, crime="burglary")
    )
    assert result.overall.suppressed
    assert result.overall.n_label == "<5"


def test_disaggregate_honours_a_custom_minimum():
    result = disaggregate(
        survey(),
        by=("settlement_type",),
        estimator=partial(prevalence, crime="burglary"),
        min_cell=15,
    )
    cells = {c.group: c.suppression for c in result.dimensions["settlement_type"]}
    assert cells == {"formal": "primary", "informal": "secondary"}


def test_newcombe_interval_reproduces_newcombe_1998_example():
    # Newcombe (1998) Table II, 56/70 - 48/80, method 10: 0.0524 to 0.3339
    a = prevalence(people(56, 70), "burglary")
    b = prevalence(people(48, 80), "burglary")
    low, high = newcombe_interval(a, b)
    assert low == pytest.approx(0.0524, abs=5e-5)
    assert high == pytest.approx(0.3339, abs=5e-5)


def test_settlement_gap_is_informal_minus_formal_with_a_flag():
    rows = people(56, 70, settlement_type="informal") + people(48, 80, settlement_type="formal")
    gap = settlement_gap(rows, estimator=partial(prevalence, crime="burglary"))
    assert gap.difference == pytest.approx(0.2)
    assert (gap.low, gap.high) == pytest.approx((0.0524, 0.3339), abs=5e-5)
    assert gap.excludes_zero
    assert gap.first.n == 70
    assert not gap.suppressed


def test_settlement_gap_whose_interval_spans_zero_is_not_flagged():
    rows = people(10, 50, settlement_type="informal") + people(8, 50, settlement_type="formal")
    gap = settlement_gap(rows, estimator=partial(prevalence, crime="burglary"))
    assert gap.difference == pytest.approx(0.04)
    assert gap.low < 0 < gap.high
    assert not gap.excludes_zero


def test_settlement_gap_is_suppressed_when_a_group_is_small():
    rows = people(2, 4, settlement_type="informal") + people(8, 50, settlement_type="formal")
    gap = settlement_gap(rows, estimator=partial(prevalence, crime="burglary"))
    assert gap.suppressed
    assert gap.difference is None
    assert not gap.excludes_zero


def test_a_withheld_estimate_keeps_only_its_marker_and_confidence():
    est = Estimate(0.2, 0.1, 0.3, 50, 50.0, 10, 50, False, 50, 0.9).withheld("x")
    assert est == Estimate(None, None, None, None, None, None, None, True, "x", 0.9)
