"""GET /api/v1/search: the response shape, facets, paging, and a 400 naming each bad field."""

import pytest

from safercities.search.tests.hostile import HOSTILE_QUERIES, NUL_QUERIES

pytestmark = pytest.mark.django_db
URL = "/api/v1/search"


@pytest.fixture
def documents(make_document):
    make_document(
        title="Street lighting guide", text="Lighting in <b>markets</b>.", kind="resource",
        object_id=11, type="guide", themes=["street-lighting"], countries=["TH"], language="en",
        year=2019, ref="UN-42",
    )  # fmt: skip
    make_document(
        title="Lighting the lanes", text="A practice from Phnom Penh.", kind="practice",
        object_id=12, type="practice", themes=["street-lighting"], countries=["KH"],
        language="km", year=2021, flags=["replicable"],
    )  # fmt: skip
    make_document(title="Water points", text="Where water is collected.", object_id=13)


def test_the_response_has_count_results_and_facets(client, documents):
    body = client.get(URL, {"q": "lighting"}).json()
    assert body["count"] == 2
    first = {r["kind"]: r for r in body["results"]}
    assert set(first) == {"resource", "practice"}
    resource = first["resource"]
    assert resource["id"] == 11
    assert resource["ref"] == "UN-42"
    assert resource["title"] == "Street lighting guide"
    assert resource["language"] == "en"
    assert resource["url"].startswith("http://testserver/library/")
    assert "<mark>Lighting</mark>" in resource["snippet"]
    assert "&lt;b&gt;markets&lt;/b&gt;" in resource["snippet"]
    assert isinstance(resource["score"], float)
    assert body["facets"]["type"] == {"guide": 1, "practice": 1}
    assert body["facets"]["theme"] == {"street-lighting": 2}
    assert body["facets"]["language"] == {"en": 1, "km": 1}
    assert body["facets"]["country"] == {"KH": 1, "TH": 1}


def test_filters_narrow_the_results(client, documents):
    cases = [
        ({"type": "practice"}, [12]),
        ({"country": "th"}, [11]),
        ({"language": "KM"}, [12]),
        ({"theme": "street-lighting", "year_from": "2020"}, [12]),
        ({"year_to": "2020"}, [11]),
        ({"kind": "resource"}, [11]),
        ({"replicable": "1"}, [12]),
        ({"flag": "replicable"}, [12]),
    ]
    for params, ids in cases:
        body = client.get(URL, {"q": "lighting", **params}).json()
        assert [r["id"] for r in body["results"]] == ids, params


def test_an_empty_query_browses_everything(client, documents):
    body = client.get(URL).json()
    assert body["count"] == 3
    assert sum(body["facets"]["kind"].values()) == 3


def test_paging_past_the_results_is_an_empty_page(client, documents):
    body = client.get(URL, {"q": "lighting", "page": "2"}).json()
    assert body["count"] == 2
    assert body["results"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year_from": "twenty"}, "year_from"),
        ({"year_from": "1800"}, "year_from"),
        ({"year_to": "2200"}, "year_to"),
        ({"year_from": "2020", "year_to": "2010"}, "year_from"),
        ({"page": "0"}, "page"),
        ({"page": "-3"}, "page"),
        ({"page": "99999999999999999999"}, "page"),
        ({"page": "two"}, "page"),
        ({"language": "xx"}, "language"),
        ({"theme": "no-such-theme"}, "theme"),
        ({"type": "spaceship"}, "type"),
        ({"country": "ZZ"}, "country"),
        ({"kind": "rumour"}, "kind"),
        ({"sort": "random"}, "sort"),
        ({"city": "atlantis"}, "city"),
    ],
)
def test_an_invalid_parameter_is_a_400_naming_the_field(client, documents, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_answer_200(client, documents, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] >= 0
    if not body["count"]:
        assert body["message"]


def test_a_query_without_words_says_so(client, documents):
    body = client.get(URL, {"q": "?!"}).json()
    assert body["count"] == 0
    assert "word" in body["message"]


def test_the_openapi_document_describes_search(client):
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/search"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "type", "theme", "language", "country", "year_from", "year_to", "page"} <= names
    schema_ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    schema = spec["components"]["schemas"][schema_ref.rsplit("/", 1)[1]]
    assert {"count", "results", "facets"} <= set(schema["properties"])


@pytest.mark.parametrize("query", NUL_QUERIES)
def test_a_null_character_in_the_query_is_a_400_naming_the_field(client, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "q"
