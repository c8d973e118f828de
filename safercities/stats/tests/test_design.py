"""Design-based estimates against samplics (an independent implementation), and coverage."""

import math
import warnings

import numpy as np
import pytest

with warnings.catch_warnings():
    # samplics 0.6.1 warns on import that it is archived; it is only the test oracle here.
    warnings.simplefilter("ignore", FutureWarning)
    from samplics.estimation import TaylorEstimator
    from samplics.utils.types import PopParam

from safercities.stats.design import MIN_EFFECTIVE_N, SampleDesign, holm


def make_survey(seed, *, strata=3, psus=8, households=10, icc=0.15, unequal=True):
    """A two-stage sample: ``psus`` clusters per stratum, ``households`` per cluster."""
    rng = np.random.default_rng(seed)
    rows = []
    for h in range(strata):
        base = 0.15 + 0.1 * h
        for j in range(psus + h):  # strata of different sizes
            a = base * (1 - icc) / icc
            b = (1 - base) * (1 - icc) / icc
            p = rng.beta(a, b)
            size = households + int(rng.integers(0, 4))
            for _ in range(size):
                rows.append(
                    (
                        f"s{h}",
                        f"c{j}",
                        float(rng.random() < p),
                        float(rng.uniform(0.5, 3.0)) if unequal else 1.0,
                        "f" if rng.random() < 0.5 else "m",
                    )
                )
    stratum, psu, y, w, sex = map(np.array, zip(*rows, strict=True))
    return stratum, psu, y.astype(float), w.astype(float), sex


def samplics_prop(y, w, stratum=None, psu=None, domain=None, fpc=1.0):
    est = TaylorEstimator(PopParam.prop)
    est.estimate(y=y, samp_weight=w, stratum=stratum, psu=psu, domain=domain, fpc=fpc)
    return est


DESIGNS = [
    # (description, uses strata, uses psu, fpc)
    ("stratified two-stage", True, True, False),
    ("clustered, no strata", False, True, False),
    ("stratified, no clusters", True, False, False),
    ("stratified two-stage with FPC", True, True, True),
]


@pytest.mark.parametrize(("label", "use_strata", "use_psu", "use_fpc"), DESIGNS)
@pytest.mark.parametrize("seed", [1, 2])
def test_overall_proportion_se_and_interval_match_samplics(
    label, use_strata, use_psu, use_fpc, seed
):
    stratum, psu, y, w, _ = make_survey(seed)
    population = None
    fpc = 1.0
    if use_fpc:
        counts = {s: len(set(psu[stratum == s])) for s in set(stratum)}
        population = {s: 3 * c for s, c in counts.items()}
        fpc = {s: 1 - counts[s] / population[s] for s in sorted(counts)}
    design = SampleDesign(
        len(y),
        weights=w,
        strata=stratum if use_strata else None,
        psu=np.char.add(stratum, psu) if use_psu else None,
        population_psus=population,
    )
    ours = design.proportion(y)
    # samplics expects PSU labels unique overall
    theirs = samplics_prop(
        y,
        w,
        stratum=stratum if use_strata else None,
        psu=np.char.add(stratum, psu) if use_psu else None,
        fpc=fpc if use_strata or not use_fpc else 1.0,
    )
    assert ours.value == pytest.approx(theirs.point_est[1.0], abs=1e-12)
    assert ours.se == pytest.approx(theirs.stderror[1.0], abs=1e-10)
    assert ours.low == pytest.approx(theirs.lower_ci[1.0], abs=1e-8)
    assert ours.high == pytest.approx(theirs.upper_ci[1.0], abs=1e-8)
    assert ours.df == theirs.degree_of_freedom


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_domain_estimates_keep_every_psu_and_match_samplics(seed):
    stratum, psu, y, w, sex = make_survey(seed)
    design = SampleDesign(len(y), weights=w, strata=stratum, psu=np.char.add(stratum, psu))
    theirs = samplics_prop(y, w, stratum=stratum, psu=np.char.add(stratum, psu), domain=sex)
    for group in ("f", "m"):
        ours = design.proportion(y, sex == group)
        assert ours.value == pytest.approx(theirs.point_est[group][1.0], abs=1e-12)
        assert ours.se == pytest.approx(theirs.stderror[group][1.0], abs=1e-10)
        assert ours.low == pytest.approx(theirs.lower_ci[group][1.0], abs=1e-8)
        assert ours.high == pytest.approx(theirs.upper_ci[group][1.0], abs=1e-8)


def test_missing_answers_are_out_of_the_domain_like_a_samplics_domain():
    stratum, psu, y, w, sex = make_survey(6)
    y = y.copy()
    y[::7] = np.nan
    design = SampleDesign(len(y), weights=w, strata=stratum, psu=psu)
    domain = np.where(np.isnan(y), "skip", "answered")
    theirs = samplics_prop(
        np.nan_to_num(y), w, stratum=stratum, psu=np.char.add(stratum, psu), domain=domain
    )
    ours = design.proportion(y)
    assert ours.n == int((~np.isnan(y)).sum())
    assert ours.value == pytest.approx(theirs.point_est["answered"][1.0], abs=1e-12)
    assert ours.se == pytest.approx(theirs.stderror["answered"][1.0], abs=1e-10)


@pytest.mark.parametrize("seed", [7, 8])
def test_gap_variance_matches_the_delta_method_on_samplics_category_covariance(seed):
    """Var(p_f - p_m) from samplics' covariance of four category shares, by the delta method.

    p_f = P(f,1) / (P(f,1) + P(f,0)) and likewise for m; the linearisation of a ratio is
    invariant to the common denominator, so the two computations must agree exactly.
    """
    stratum, psu, y, w, sex = make_survey(seed)
    design = SampleDesign(len(y), weights=w, strata=stratum, psu=psu)
    a, b, gap = design.difference(y, sex == "f", sex == "m")
    cats = np.char.add(sex, y.astype(int).astype(str))
    est = TaylorEstimator(PopParam.prop)
    est.estimate(y=cats, samp_weight=w, stratum=stratum, psu=np.char.add(stratum, psu))
    keys = ["f1", "f0", "m1", "m0"]
    share = np.array([est.point_est[k] for k in keys])
    cov = np.array([[est.covariance[i][j] for j in keys] for i in keys])
    f1, f0, m1, m0 = share
    grad = np.array(
        [
            f0 / (f1 + f0) ** 2,
            -f1 / (f1 + f0) ** 2,
            -m0 / (m1 + m0) ** 2,
            m1 / (m1 + m0) ** 2,
        ]
    )
    se = math.sqrt(grad @ cov @ grad)
    assert gap.difference == pytest.approx(a.value - b.value)
    assert gap.difference == pytest.approx(f1 / (f1 + f0) - m1 / (m1 + m0), abs=1e-12)
    assert gap.se == pytest.approx(se, abs=1e-10)
    assert gap.low < gap.difference < gap.high


def test_design_effect_and_effective_n_follow_from_the_variance():
    stratum, psu, y, w, _ = make_survey(9, icc=0.3)
    e = SampleDesign(len(y), weights=w, strata=stratum, psu=psu).proportion(y)
    assert e.deff == pytest.approx(e.se**2 / (e.value * (1 - e.value) / e.n))
    assert e.n_eff == pytest.approx(e.n / e.deff)
    assert e.deff > 1.5  # strong clustering inflates the variance


def test_estimates_with_small_effective_n_or_wide_intervals_are_unreliable():
    design = SampleDesign(40, psu=[i // 10 for i in range(40)])
    y = np.array([1.0 if (i // 10) % 2 else 0.0 for i in range(40)])
    e = design.proportion(y)
    assert e.n_eff < MIN_EFFECTIVE_N and e.unreliable
    srs = SampleDesign(2000, method="srs").proportion(np.arange(2000) % 4 == 0)
    assert not srs.unreliable


def test_srs_method_gives_wilson_with_kish_effective_n():
    from scipy import stats

    y = np.array([1.0] * 10 + [0.0] * 40)
    e = SampleDesign(50, method="srs").proportion(y)
    ci = stats.binomtest(10, 50).proportion_ci(confidence_level=0.95, method="wilson")
    assert (e.low, e.high) == pytest.approx((ci.low, ci.high), abs=1e-12)
    assert e.n_eff == 50


def test_fpc_below_the_sampled_psus_is_refused():
    with pytest.raises(ValueError, match="fewer than"):
        SampleDesign(4, strata=["a"] * 4, psu=[1, 2, 3, 4], population_psus={"a": 2})


def test_respondents_without_a_declared_design_value_are_refused():
    with pytest.raises(ValueError, match="every respondent"):
        SampleDesign(3, psu=["a", None, "b"])


def test_holm_adjustment_matches_statsmodels():
    from statsmodels.stats.multitest import multipletests

    p = [0.01, 0.04, 0.03, 0.2, 0.005]
    assert holm(p) == pytest.approx(list(multipletests(p, method="holm")[1]))


def simulate(design_kwargs_fn, *, runs, seed, icc=0.1, p=0.2):
    """Two strata x 20 PSUs x 12 households; no real gap between two halves of the PSUs."""
    rng = np.random.default_rng(seed)
    strata = np.repeat(["a", "b"], 20 * 12)
    psu = np.repeat(np.arange(40), 12)
    group = (np.arange(40) % 2 == 0)[psu]  # half the clusters "informal": same true rate
    a = p * (1 - icc) / icc
    b = (1 - p) * (1 - icc) / icc
    covered = false_gaps = 0
    for _ in range(runs):
        rates = rng.beta(a, b, 40)
        y = (rng.random(480) < rates[psu]).astype(float)
        design = SampleDesign(480, **design_kwargs_fn(strata, psu))
        e = design.proportion(y)
        covered += e.low <= p <= e.high
        _, _, gap = design.difference(y, group, ~group)
        false_gaps += gap.low > 0 or gap.high < 0
    return covered / runs, false_gaps / runs


def test_two_stage_design_intervals_cover_the_truth_about_95_percent_of_the_time():
    coverage, false_gaps = simulate(
        lambda strata, psu: {"strata": strata, "psu": psu}, runs=1000, seed=11
    )
    assert 0.93 <= coverage <= 0.97
    assert false_gaps <= 0.07


def test_ignoring_the_clusters_undercovers_which_is_what_the_design_fixes():
    coverage, false_gaps = simulate(lambda strata, psu: {"method": "srs"}, runs=400, seed=11)
    assert coverage < 0.9
    assert false_gaps > 0.1
