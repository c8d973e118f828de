"""The library hands its published resources to the search engine."""

import pytest

from safercities.library import services
from safercities.library.enums import ResourceStatus
from safercities.library.indexing import resource_to_document
from safercities.library.models import Resource
from safercities.search.documents import source_for_model

pytestmark = pytest.mark.django_db


def test_the_resource_source_is_registered_and_searches_only_published():
    source = source_for_model(Resource)
    assert source is not None and source.kind == "resource"
    assert "published" in str(source.searchable().query)


def test_a_resource_becomes_a_search_document(make_resource, theme, city_a):
    resource = make_resource(
        title="Lighting audit", summary="Dark spots mapped.", body="We **walked** at night.",
        language="th", resource_type="case_study", themes=[theme], countries=["TH"],
        cities=[city_a], year=2022, ref="ext-7",
    )  # fmt: skip
    document = resource_to_document(resource)
    assert document.kind == "resource" and document.object_id == resource.pk
    assert document.title == "Lighting audit"
    assert document.text == "Dark spots mapped.\n\nWe walked at night."
    assert document.language == "th" and document.type == "case_study"
    assert document.url == f"/library/{resource.pk}/"
    assert document.ref == "ext-7" and document.year == 2022
    assert document.themes == [theme.slug] and document.countries == ["TH"]
    assert document.cities == ["bangkok"]
    assert document.published_at == resource.published_at


def test_publishing_puts_the_resource_in_the_index_and_archiving_takes_it_out(
    member, editor, make_resource
):
    from safercities.search.models import IndexedDocument

    resource = make_resource(status=ResourceStatus.SUBMITTED, submitter=member, title="Findable")
    indexed = IndexedDocument.objects.filter(kind="resource", object_id=resource.pk)
    assert not indexed.exists()
    services.publish_resource(editor, resource)
    assert indexed.get().title == "Findable"
    services.archive_resource(editor, resource)
    assert not indexed.exists()
