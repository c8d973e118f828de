"""Fixtures of the search tests: a fake source over places.City and document factories."""

import itertools
from datetime import UTC, datetime

import pytest

from safercities.places.models import City
from safercities.search import documents
from safercities.search.documents import SearchDocument, SearchFlag, SearchSource
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


@pytest.fixture
def ranked_source():
    """A registered source of kind "practice" with a flag and a city ranking (24 before 23)."""
    saved = dict(documents._SOURCES)
    source = SearchSource(
        kind="practice",
        model=City,
        searchable=lambda: City.objects.none(),
        to_document=city_document,
        label="Practice",
        plural_label="Practices",
        flags=(SearchFlag("replicable", "Replicable only", boost=1.1),),
        city_ranking=lambda slug: {24: 0.9, 23: 0.4},
        city_ranking_label="Practices for my city",
    )
    documents.register_source(source)
    yield source
    documents._SOURCES.clear()
    documents._SOURCES.update(saved)
