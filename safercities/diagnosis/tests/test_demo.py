"""The demo data: deterministic, idempotent, and showing the patterns it is meant to show."""

import io
from functools import partial

import pytest

from safercities.diagnosis import data, demo, mapdata
from safercities.diagnosis.models import Assessment, Submission, SupportService
from safercities.stats import survey as survey_stats

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_loaded(private_media):
    from safercities.accounts import demo as accounts_demo
    from safercities.places import demo as places_demo
    from safercities.toolkit import demo as toolkit_demo

    out = io.StringIO()
    for module in (places_demo, accounts_demo, toolkit_demo, demo):
        module.load(out)
    return out.getvalue()


def test_the_demo_loads_bangkok_assessments_and_support_services_once(demo_loaded):
    audit = Assessment.objects.get(ref="demo-bkk-safety-walks-2024")
    survey = Assessment.objects.get(ref="demo-bkk-victimization-2024")
    reports = Assessment.objects.get(ref="demo-bkk-incident-reports")
    assert len({r["spot"] for r in data.audit_records(audit)}) >= 300
    assert survey.submissions.count() >= 1000
    assert reports.submissions.count() > 50 and reports.is_open_on()
    assert audit.tool_version.locked and audit.tool_version.city.slug == "bangkok"
    assert SupportService.objects.filter(city__slug="bangkok").count() >= 2
    assert SupportService.objects.filter(city__slug="phnom-penh").exists()
    assert all("(demo)" in s.phone for s in SupportService.objects.all())
    before = Submission.objects.count()
    out = io.StringIO()
    demo.load(out)
    assert Submission.objects.count() == before
    assert "0 new submissions" in out.getvalue()


def test_the_demo_shows_hot_spots_at_the_dark_lane_and_the_market(demo_loaded):
    options = {"size": 250, "kind": "square", "permutations": 0, "fdr": True}
    for ref in ("demo-bkk-safety-walks-2024", "demo-bkk-incident-reports"):
        result = mapdata.hotspot_analysis(Assessment.objects.get(ref=ref), options)
        hot = [c for c in result.cells if c.hotspot_class >= 2]
        for place in (demo.DARK_LANE, demo.MARKET):
            assert any(
                abs(c.latitude - place[0]) < 0.004 and abs(c.longitude - place[1]) < 0.004
                for c in hot
            ), (ref, place)


def test_the_demo_survey_shows_more_victimization_in_informal_settlements(demo_loaded):
    survey = Assessment.objects.get(ref="demo-bkk-victimization-2024")
    records, crimes = data.survey_records(survey)
    gap = survey_stats.settlement_gap(
        records, estimator=partial(survey_stats.prevalence, crime="theft_personal", weight="weight")
    )
    assert gap.difference > 0 and gap.excludes_zero
    summary = data.survey_summary(survey)
    assert summary.weighted
    # The design the demo declares: two strata, blocks of 12 households.
    assert summary.method == "taylor" and summary.stratified and summary.clustered
    assert summary.n_strata == 2 and 95 <= summary.n_psu <= 105
    gaps = {c.crime: c.prevalence_gap for c in summary.crimes}
    # The clear gaps survive the adjustment for the six gaps shown.
    assert gaps["theft_personal"].clear and summary.fear_gap.clear
    assert all(g.difference is None or g.difference > 0 for g in gaps.values())
    for crime in summary.crimes:
        overall = crime.prevalence.overall
        assert overall.deff is not None and 0.5 < overall.deff < 2
        assert not overall.unreliable


def test_an_attacker_recovers_no_withheld_cell_from_the_public_demo_outputs(demo_loaded):
    from safercities.diagnosis.visible import visitor_view
    from safercities.stats.attack import attack

    for ref in ("demo-bkk-victimization-2024", "demo-bkk-incident-reports"):
        tables, gaps = visitor_view(Assessment.objects.get(ref=ref))
        withheld = [c for t in tables for c in t.cells if c.withheld]
        assert tables and withheld, ref  # there is something to attack
        assert attack(tables, gaps) == [], ref
