import io

from safercities.accounts import demo as accounts_demo
from safercities.places import demo as places_demo
from safercities.toolkit import demo
from safercities.toolkit.models import ToolVersion


def test_the_demo_versions_are_published_and_loading_twice_adds_nothing(db):
    places_demo.load(io.StringIO())
    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    count = ToolVersion.objects.count()
    demo.load(io.StringIO())

    assert ToolVersion.objects.count() == count == 6
    audit = ToolVersion.objects.get(tool__slug="womens-safety-audit", city__slug="bangkok")
    assert audit.published and audit.languages == ["en", "th"]
    assert audit.instrument().question("cctv_visible").label["th"]
    assert set(audit.change_reasons) == {"cctv_visible", "walk_path"}
    assert audit.created_by.email == "team.bangkok@demo.safercities.invalid"
    survey = ToolVersion.objects.get(tool__slug="victimization-survey", city__slug="phnom-penh")
    assert survey.published and survey.languages == ["en", "km"]
    assert ToolVersion.objects.get(
        tool__slug="victimization-survey", city__slug="bangkok"
    ).published
