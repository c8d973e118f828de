import io

import pytest

from safercities.pilots import demo
from safercities.pilots.models import Intervention, Meeting, Pilot, Problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_loaded(private_media):
    from safercities.accounts import demo as accounts_demo
    from safercities.diagnosis import demo as diagnosis_demo
    from safercities.places import demo as places_demo
    from safercities.practices import demo as practices_demo
    from safercities.toolkit import demo as toolkit_demo

    out = io.StringIO()
    for module in (places_demo, accounts_demo, toolkit_demo, practices_demo, diagnosis_demo):
        module.load(out)
    demo.load(out)
    return out.getvalue()


def test_the_demo_shows_bangkok_with_a_plan_and_phnom_penh_in_an_earlier_phase(demo_loaded):
    bangkok = Pilot.objects.get(city__slug="bangkok")
    assert Problem.objects.filter(pilot=bangkok).exclude(evidence_kind="").count() >= 3
    interventions = Intervention.objects.filter(pilot=bangkok)
    assert interventions.exclude(based_on=None).exists()
    assert {i.progress for i in interventions.prefetch_related("milestones")} != {0}
    assert Meeting.objects.filter(pilot=bangkok, status="approved").count() == 2
    phnom_penh = Pilot.objects.get(city__slug="phnom-penh")
    assert not phnom_penh.problems.exists()
    assert phnom_penh.phases.get(phase="diagnosis").status == "in_progress"


def test_loading_the_demo_twice_changes_nothing(demo_loaded):
    counts = (Pilot.objects.count(), Problem.objects.count(), Intervention.objects.count())
    demo.load(io.StringIO())
    assert counts == (Pilot.objects.count(), Problem.objects.count(), Intervention.objects.count())


def test_the_demo_pages_answer(client, demo_loaded):
    pilot = Pilot.objects.get(city__slug="bangkok")
    for url in (pilot.get_absolute_url(), f"{pilot.get_absolute_url()}plan/"):
        assert client.get(url).status_code == 200
