import pytest
from django.db import IntegrityError

from safercities.instruments.generic import GENERIC_SLUGS, generic_instrument
from safercities.toolkit import services, versioning
from safercities.toolkit.enums import ToolKind
from safercities.toolkit.models import Tool, ToolVersion, VersionLocked

from .conftest import AUDIT, SURVEY


def test_a_fresh_database_has_the_three_generic_tools_with_a_published_version_1(db):
    assert sorted(Tool.objects.values_list("slug", flat=True)) == sorted(GENERIC_SLUGS)
    for slug in GENERIC_SLUGS:
        version = ToolVersion.objects.generic(slug)
        assert (version.number, version.city, version.published) == (1, None, True)
        assert version.definition == generic_instrument(slug).to_dict()


def test_tools_take_title_description_and_guidance_from_the_generic_instrument(tools):
    audit = tools[AUDIT]
    expected = generic_instrument(AUDIT)
    assert audit.kind == ToolKind.SAFETY_AUDIT
    assert audit.title_for("th") == expected.title_for("th")
    assert audit.description_for("en") == expected.description_for("en")
    assert audit.guidance_for("km") == expected.guidance_for("km")


def test_ensuring_the_generic_tools_twice_adds_nothing(tools):
    assert services.ensure_generic_tools() == []
    assert ToolVersion.objects.generic().count() == 3


def test_a_changed_generic_instrument_becomes_generic_version_2(tools, monkeypatch):
    original = versioning.generic_definition

    def changed(slug, number):
        definition = original(slug, number)
        if slug == AUDIT:
            definition["questions"][0]["label"]["en"] = "When did you walk?"
        return definition

    monkeypatch.setattr(versioning, "generic_definition", changed)

    created = services.ensure_generic_tools()

    assert [(v.tool.slug, v.number) for v in created] == [(AUDIT, 2)]
    assert ToolVersion.objects.generic(AUDIT).number == 2
    assert created[0].based_on == tools[AUDIT].versions.get(number=1)


def test_city_versions_are_numbered_per_tool_and_city(make_version, city_a, city_b, team_a, team_b):
    first = make_version(AUDIT, city_a, team_a)
    second = make_version(AUDIT, city_a, team_a)
    other_city = make_version(AUDIT, city_b, team_b)
    other_tool = make_version(SURVEY, city_a, team_a)

    assert [first.number, second.number, other_city.number, other_tool.number] == [1, 2, 1, 1]
    assert first.label == "Bangkok v1"
    assert second.label == "Bangkok v2"
    assert ToolVersion.objects.generic(AUDIT).label == "Generic v1"
    assert second.instrument().version == 2


def test_numbers_are_unique_per_tool_and_city_including_the_generic_tool(generic_audit):
    with pytest.raises(IntegrityError):
        ToolVersion.objects.create(
            tool=generic_audit.tool, city=None, number=1, definition=generic_audit.definition
        )


def test_queryset_helpers_find_generic_city_and_usable_versions(
    make_version, city_a, city_b, team_a, team_b, draft
):
    bangkok = make_version(AUDIT, city_a, team_a)
    phnom_penh = make_version(AUDIT, city_b, team_b)

    assert set(ToolVersion.objects.for_city(city_a)) == {draft, bangkok}
    usable = set(ToolVersion.objects.usable_in(city_a).filter(tool__slug=AUDIT))
    assert usable == {ToolVersion.objects.generic(AUDIT), bangkok}
    assert phnom_penh not in usable
    with pytest.raises(ToolVersion.DoesNotExist):
        ToolVersion.objects.generic("no-such-tool")


def test_instrument_is_built_once_and_rebuilt_when_the_definition_changes(draft):
    first = draft.instrument()
    assert draft.instrument() is first
    draft.definition = {**draft.definition, "title": {"en": "Changed"}}
    assert draft.instrument().title == {"en": "Changed"}


def test_locking_needs_a_published_version(draft):
    with pytest.raises(services.VersionNotPublished):
        services.lock_version(draft)


def test_a_locked_version_cannot_be_saved_or_deleted(make_version, city_a, team_a):
    version = make_version(AUDIT, city_a, team_a)

    locked = services.lock_version(version)
    services.lock_version(version)  # idempotent

    assert locked.locked
    fresh = ToolVersion.objects.get(pk=version.pk)
    assert fresh.locked
    fresh.definition = {**fresh.definition, "title": {"en": "Changed"}}
    with pytest.raises(VersionLocked):
        fresh.save()
    with pytest.raises(VersionLocked):
        fresh.delete()
    assert ToolVersion.objects.get(pk=version.pk).definition["title"] != {"en": "Changed"}


def test_generic_base_follows_the_chain_of_city_versions(make_version, city_a, team_a):
    first = make_version(AUDIT, city_a, team_a)
    second = services.start_version(team_a, first.tool, city_a, based_on=first)

    assert second.based_on == first
    assert second.generic_base() == ToolVersion.objects.generic(AUDIT)
