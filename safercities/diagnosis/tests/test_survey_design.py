"""Survey design on the diagnosis pages: declared, imported, used, shown."""

import csv
import io
import re

import numpy as np
import pytest
from django.utils.formats import number_format

from safercities.diagnosis import analysis, data
from safercities.diagnosis.enums import SampleDesign
from safercities.diagnosis.importing import import_submissions
from safercities.diagnosis.models import Submission
from safercities.instruments.generic import generic_instrument
from safercities.instruments.synthetic import synthetic_kobo_csv
from safercities.stats.design import SampleDesign as CoreDesign
from safercities.stats.survey import Gap
from safercities.stats.survey_design import adjust_gaps, outcomes, prevalence_outcome

from .conftest import SURVEY, store, survey_answers

pytestmark = pytest.mark.django_db


def clustered_survey(make_assessment, **extra):
    """40 respondents in 8 clusters of 5 in two strata; robbery concentrated in 2 clusters."""
    survey = make_assessment(tool=SURVEY, **extra)
    for i in range(40):
        cluster = i // 5
        submission = store(
            survey,
            survey_answers(
                sex="female" if i % 2 else "male",
                settlement="informal" if cluster < 4 else "formal",
                robbery="yes" if cluster in (0, 5) else "no",
            ),
            weight=1.0 + (i % 3) * 0.5,
        )
        submission.stratum = "north" if cluster < 4 else "south"
        submission.psu = f"block-{cluster}"
        submission.save()
    return survey


def test_an_import_fills_the_stratum_and_psu_columns(make_assessment):
    survey = make_assessment(tool=SURVEY)
    text = synthetic_kobo_csv(generic_instrument(SURVEY), 6, seed=1)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    rows[0] += ["weight", "stratum", "psu"]
    for index, row in enumerate(rows[1:]):
        row += ["1.5", "informal" if index < 3 else "formal", f"ea-{index // 2}"]
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    result = import_submissions(survey, out.getvalue().encode())
    assert result.ok and result.created == 6
    stored = sorted(Submission.objects.filter(assessment=survey).values_list("stratum", "psu"))
    assert stored == sorted(("informal" if i < 3 else "formal", f"ea-{i // 2}") for i in range(6))


def test_the_survey_summary_uses_the_declared_strata_and_clusters(make_assessment):
    survey = clustered_survey(make_assessment)
    summary = data.survey_summary(survey)
    assert summary.method == "taylor" and summary.clustered and summary.stratified
    assert (summary.n_strata, summary.n_psu, summary.df) == (2, 8, 6)
    records, _ = data.survey_records(survey)
    design = CoreDesign(
        len(records),
        weights=[r["weight"] for r in records],
        strata=[r["stratum"] for r in records],
        psu=[r["psu"] for r in records],
    )
    expected = design.proportion(outcomes(records, prevalence_outcome("robbery")))
    robbery = next(c for c in summary.crimes if c.crime == "robbery").prevalence.overall
    assert (robbery.value, robbery.low, robbery.high) == pytest.approx(
        (expected.value, expected.low, expected.high)
    )
    assert robbery.deff > 1  # clustered victims: wider than a simple random sample
    assert robbery.unreliable  # 40 respondents in 8 clusters cannot be relied on


def test_a_declared_simple_random_sample_ignores_the_clusters(make_assessment):
    survey = clustered_survey(make_assessment, sample_design=SampleDesign.SRS)
    summary = data.survey_summary(survey)
    robbery = next(c for c in summary.crimes if c.crime == "robbery").prevalence.overall
    assert summary.method == "srs" and robbery.method == "srs"
    clustered = data.survey_summary(clustered_survey(make_assessment))
    wide = next(c for c in clustered.crimes if c.crime == "robbery").prevalence.overall
    assert wide.high - wide.low > robbery.high - robbery.low


def test_the_page_shows_the_design_the_effective_sample_and_unreliable_flags(
    make_assessment, client_for
):
    survey = clustered_survey(make_assessment)
    html = client_for(None).get(f"/diagnosis/{survey.pk}/").content.decode()
    assert "8 sampling units in 2 strata" in html
    assert "design effect" in html and "unreliable" in html
    robbery = next(c for c in data.survey_summary(survey).crimes if c.crime == "robbery")
    row = re.search(r'<th scope="row">Robbery</th>(.*?)</tr>', html, re.S).group(1)
    assert number_format(robbery.prevalence.overall.n_eff, decimal_pos=0) in row
    assert "Holm" in html


def test_missing_clusters_for_some_respondents_are_reported_not_a_crash(
    make_assessment, client_for
):
    survey = clustered_survey(make_assessment)
    Submission.objects.filter(assessment=survey).filter(psu="block-3").update(psu="")
    summary = data.survey_summary(survey)
    assert summary.design_problem == "design_values_missing" and not summary.clustered
    html = client_for(None).get(f"/diagnosis/{survey.pk}/").content.decode()
    assert "no stratum or cluster in the data" in html


def test_a_population_smaller_than_the_sample_is_reported_and_not_applied(make_assessment):
    survey = clustered_survey(make_assessment, population_psus={"north": 2})
    summary = data.survey_summary(survey)
    assert summary.design_problem == "population_too_small"
    survey.population_psus = {"north": 8, "south": 8}
    survey.save()
    fpc = data.survey_summary(survey)
    survey.population_psus = {}
    survey.save()
    plain = data.survey_summary(survey)
    with_fpc = next(c for c in fpc.crimes if c.crime == "robbery").prevalence.overall
    without = next(c for c in plain.crimes if c.crime == "robbery").prevalence.overall
    assert fpc.design_problem is None
    assert with_fpc.se == pytest.approx(without.se * np.sqrt(0.5))


def test_a_gap_is_withheld_when_its_group_is_withheld_in_the_breakdown(make_assessment):
    """formal = informal - gap would give away a withheld formal cell."""
    survey = make_assessment(tool=SURVEY)
    for i in range(30):
        store(survey, survey_answers(settlement="informal", robbery="yes" if i % 3 else "no"))
    for i in range(10):
        store(survey, survey_answers(settlement="formal", robbery="yes" if i % 2 else "no"))
    for _ in range(3):
        store(survey, survey_answers(settlement="dont_know"))
    summary = data.survey_summary(survey)
    robbery = next(c for c in summary.crimes if c.crime == "robbery")
    cells = {g.group: g for g in robbery.prevalence.dimensions["settlement_type"]}
    assert cells["dont_know"].suppression == "primary"
    assert cells["formal"].suppression == "secondary"
    assert robbery.prevalence_gap.suppressed and robbery.prevalence_gap.difference is None


def test_clear_gap_badges_are_adjusted_for_the_number_of_gaps_shown():
    def gap(p):
        return Gap(0.1, 0.01, 0.2, "informal", "formal", None, None, True, False, p_value=p)

    shown = adjust_gaps([gap(0.04), gap(0.5), gap(0.001), gap(0.3)])
    assert [g.excludes_zero for g in shown] == [True] * 4
    assert [g.clear for g in shown] == [False, False, True, False]
    assert shown[0].p_adjusted == pytest.approx(0.12)


def test_the_page_marks_only_adjusted_gaps_clear(make_assessment, client_for):
    survey = clustered_survey(make_assessment)
    summary = data.survey_summary(survey)
    html = client_for(None).get(f"/diagnosis/{survey.pk}/").content.decode()
    gaps = [c.prevalence_gap for c in summary.crimes] + [summary.fear_gap]
    assert html.count("clear gap</span>") == sum(g.clear for g in gaps)


def test_the_team_declares_the_design_and_the_population_in_the_assessment_form(
    make_assessment, client_for, team_a, city_a
):
    survey = clustered_survey(make_assessment)
    client = client_for(team_a)
    url = f"/diagnosis/{survey.pk}/edit/"
    page = client.get(url)
    assert page.status_code == 200 and "Clusters in the population" in page.content.decode()
    form = {
        "title": survey.title,
        "start": "2024-01-01",
        "sample_design": "taylor",
        "population_psus": "north = 40\nsouth = 60",
    }
    response = client.post(url, form)
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.population_psus == {"north": 40.0, "south": 60.0}
    bad = client.post(url, {**form, "population_psus": "north: forty"})
    assert bad.status_code == 200
    assert "Line 1: write" in bad.content.decode()
    survey.refresh_from_db()
    assert survey.population_psus == {"north": 40.0, "south": 60.0}


def test_the_analysis_keeps_working_with_no_respondents():
    summary = analysis.survey_summary([], ("robbery",))
    assert summary.crimes[0].prevalence.overall.suppressed
    assert summary.fear_gap.suppressed


def test_exports_and_the_api_carry_the_design_figures_and_flags(make_assessment, client_for):
    survey = clustered_survey(make_assessment)
    summary = data.survey_summary(survey)
    robbery = next(c for c in summary.crimes if c.crime == "robbery")
    body = client_for(None).get(f"/api/v1/assessments/{survey.pk}/summary").json()
    rows = {(r["measure"], r["dimension"], r["group"]): r for r in body["rows"]}
    overall = rows[("prevalence:robbery", "all", "all")]
    assert overall["n_effective"] == pytest.approx(robbery.prevalence.overall.n_eff, abs=0.05)
    assert overall["design_effect"] == pytest.approx(robbery.prevalence.overall.deff, abs=5e-4)
    assert overall["flag"] == "unreliable"
    gap = rows[("prevalence:robbery", "settlement_type", "informal - formal")]
    assert gap["p_adjusted"] == pytest.approx(robbery.prevalence_gap.p_adjusted, abs=5e-5)
    assert gap["flag"] == ("clear_gap" if robbery.prevalence_gap.clear else "")
    text = client_for(None).get(f"/diagnosis/{survey.pk}/export.csv").content.decode()
    assert "n_effective,design_effect,p_adjusted,flag" in text.splitlines()[0]


def test_an_attacker_recovers_nothing_from_a_small_weighted_survey_with_a_dominant_weight(
    make_assessment,
):
    from safercities.diagnosis.visible import visitor_view
    from safercities.stats.attack import attack

    survey = make_assessment(tool=SURVEY)
    for i in range(40):
        store(survey, survey_answers(age="age_25_34", robbery="yes" if i % 4 == 0 else "no"))
    for i in range(30):
        store(survey, survey_answers(age="age_35_44", robbery="yes" if i % 3 == 0 else "no"))
    store(survey, survey_answers(age="age_65_plus", robbery="yes"), weight=None)
    store(survey, survey_answers(age="age_65_plus", robbery="no"))
    for i in range(6):  # one respondent carries nearly all the weight of this group
        store(
            survey,
            survey_answers(age="age_55_64", robbery="yes" if i == 0 else "no"),
        )
    Submission.objects.filter(assessment=survey).update(weight=1.0)
    heavy = Submission.objects.filter(assessment=survey, age_band="age_55_64").first()
    heavy.weight = 60.0
    heavy.save()
    summary = data.survey_summary(survey)
    robbery = next(c for c in summary.crimes if c.crime == "robbery").prevalence
    ages = {g.group: g for g in robbery.dimensions["age_band"]}
    assert ages["age_55_64"].estimate.suppressed and ages["age_65_plus"].estimate.suppressed
    tables, gaps = visitor_view(survey)
    assert attack(tables, gaps) == []
