"""Fixtures of the search tests: a fake source over places.City and document factories."""

import itertools
from datetime import UTC, datetime

import pytest

from safercities.places.models import City
from safercities.search import documents
from safercities.search.documents import SearchDocument, SearchSource
from safercities.search.index import index_documents

_ids = itertools.count(1)


def city_document(city: City) -> SearchDocument:
    return SearchDocument(
        kind="testcity",
        object_id=city.pk,
        title=city.name,
        text=city.local_name,
        language="en",
        url=f"/cities/{city.slug}/",
        countries=[city.country_id],
        type="city",
    )


@pytest.fixture
def city_source():
    """The only registered source: its searchable objects are the pilot cities."""
    saved = dict(documents._SOURCES)
    documents._SOURCES.clear()
    source = SearchSource(
        kind="testcity",
        model=City,
        searchable=lambda: City.objects.filter(is_pilot=True),
        to_document=city_document,
    )
    documents.register_source(source)
    yield source
    documents._SOURCES.clear()
    documents._SOURCES.update(saved)


@pytest.fixture
def make_document(db):
    """Index one document (kind "resource" unless told) and return it."""

    def make(*, title: str, text: str = "", **fields) -> SearchDocument:
        n = next(_ids)
        fields.setdefault("kind", "resource")
        fields.setdefault("object_id", 100_000 + n)
        fields.setdefault("language", "en")
        fields.setdefault("url", f"/library/test-{n}/")
        fields.setdefault("type", "guide")
        fields.setdefault("published_at", datetime(2020, 1, 1, tzinfo=UTC))
        doc = SearchDocument(title=title, text=text, **fields)
        index_documents([doc])
        return doc

    return make
