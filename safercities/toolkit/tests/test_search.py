"""Tools in search: the latest published version of each tool, by title, description and
question texts, in each of its languages; city versions carry the city."""

import pytest

from safercities.search.engine import search
from safercities.search.index import reindex_objects
from safercities.search.models import IndexedDocument
from safercities.search.params import SearchRequest
from safercities.toolkit.models import ToolVersion
from safercities.toolkit.search import version_to_document
from safercities.toolkit.tests.conftest import AUDIT

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed_generics(tools):
    reindex_objects(ToolVersion.objects.generic().published())


def test_a_generic_tool_is_found_by_its_title_and_shows_its_kind(indexed_generics, generic_audit):
    title = generic_audit.instrument().title_for("en")
    results = search(SearchRequest(q=title))
    hit = results.hits[0]
    assert (hit.kind, hit.object_id) == ("tool", generic_audit.pk)
    assert results.facets["kind"]["tool"] >= 1
    assert search(SearchRequest(q=title, kinds=("tool",))).count >= 1
    assert search(SearchRequest(q=title, kinds=("resource",))).count == 0


def test_question_texts_in_every_language_are_searchable(indexed_generics, generic_audit):
    instrument = generic_audit.instrument()
    doc = version_to_document(generic_audit)
    question = instrument.questions[0]
    for label in question.label.values():
        assert label in doc.text
    thai = question.label.get("th")
    if thai:
        found = search(SearchRequest(q=thai, kinds=("tool",)))
        assert any(hit.object_id == generic_audit.pk for hit in found.hits)


def test_publishing_a_city_version_indexes_it_with_its_city(make_version, city_a, team_a):
    version = make_version(AUDIT, city_a, team_a)
    doc = IndexedDocument.objects.get(kind="tool", object_id=version.pk)
    assert doc.cities == [city_a.slug] and city_a.name in doc.title
    results = search(SearchRequest(q=city_a.name, kinds=("tool",)))
    assert [hit.object_id for hit in results.hits] == [version.pk]


def test_a_newer_published_version_replaces_the_older_one(make_version, city_a, team_a):
    first = make_version(AUDIT, city_a, team_a)
    second = make_version(AUDIT, city_a, team_a)
    kept = set(
        IndexedDocument.objects.filter(kind="tool", cities=[city_a.slug]).values_list(
            "object_id", flat=True
        )
    )
    assert kept == {second.pk} and first.pk not in kept


def test_drafts_are_never_indexed(draft):
    reindex_objects([draft])
    assert not IndexedDocument.objects.filter(kind="tool", object_id=draft.pk).exists()
