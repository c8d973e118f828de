"""The Practice Library's API: shapes, filters, 404s and 400s."""

import pytest

from safercities.practices.models import CityProfile, Indicator
from safercities.taxonomy.models import Theme

pytestmark = pytest.mark.django_db


def test_a_published_practice_in_full(
    client, make_practice, make_review, make_user, city_a, make_organisation
):
    practice = make_practice(
        city=city_a,
        themes=("youth",),
        cost_usd=80_000,
        target_groups=["youth"],
        principles=["knowledge_base"],
        other_partners="Temple committee\n",
    )
    practice.partners.add(make_organisation(name="Youth Org"))
    Indicator.objects.create(
        practice=practice,
        name="School drop-outs",
        baseline=120,
        result=75.5,
        unit="pupils",
        year=2021,
    )
    make_review(practice, make_user(), 4)
    response = client.get(f"/api/v1/practices/{practice.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["slug"] == practice.slug
    assert data["city"] == "bangkok" and data["country"] == "TH"
    assert data["themes"] == ["youth"]
    assert data["cost_band"] == "medium" and data["cost_usd"] == 80_000
    assert data["target_groups"] == ["youth"] and data["principles"] == ["knowledge_base"]
    assert data["other_partners"] == ["Temple committee"]
    assert data["indicators"] == [
        {
            "name": "School drop-outs",
            "baseline": 120.0,
            "result": 75.5,
            "unit": "pupils",
            "year": 2021,
        }
    ]
    assert data["reviews"]["count"] == 1
    assert data["reviews"]["means"]["impact"] == 4.0
    assert data["reviews"]["replicable"] is False
    assert data["url"].endswith(f"/practices/{practice.slug}/")


def test_drafts_and_unknown_ids_are_404(client, make_practice):
    draft = make_practice(published=False)
    for url in (f"/api/v1/practices/{draft.pk}", "/api/v1/practices/999999"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


def test_the_list_holds_published_practices_and_filters(client, make_practice, city_a, city_b):
    lit = make_practice(city=city_a, title="A lit", themes=("street-lighting",))
    kh = make_practice(city=city_b, title="B khmer", is_replicable=True)
    make_practice(city=city_a, title="C draft", published=False)
    data = client.get("/api/v1/practices").json()
    assert data["count"] == 2
    assert [item["title"] for item in data["items"]] == ["A lit", "B khmer"]
    assert [
        i["id"] for i in client.get("/api/v1/practices?theme=street-lighting").json()["items"]
    ] == [lit.pk]
    assert [i["id"] for i in client.get("/api/v1/practices?country=kh").json()["items"]] == [kh.pk]
    assert [i["id"] for i in client.get("/api/v1/practices?replicable=true").json()["items"]] == [
        kh.pk
    ]
    assert [i["id"] for i in client.get("/api/v1/practices?replicable=false").json()["items"]] == [
        lit.pk
    ]
    assert [i["id"] for i in client.get("/api/v1/practices?limit=1&offset=1").json()["items"]] == [
        kh.pk
    ]


@pytest.mark.parametrize(
    "query, field",
    [
        ("theme=not a slug!", "theme"),
        ("country=ZZ", "country"),
        ("replicable=perhaps", "replicable"),
        ("limit=0", "limit"),
        ("limit=500", "limit"),
    ],
)
def test_bad_filters_are_400_naming_the_field(client, query, field):
    response = client.get(f"/api/v1/practices?{query}")
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_practices_for_a_city_come_with_score_and_reasons(client, make_practice, city_a, city_b):
    profile = CityProfile.objects.create(city=city_a)
    profile.concern_themes.set(Theme.objects.filter(slug="youth"))
    fitting = make_practice(city=city_b, themes=("youth",))
    make_practice(city=city_a, themes=("youth",))
    response = client.get("/api/v1/cities/bangkok/practices")
    assert response.status_code == 200
    [match] = response.json()
    assert match["practice"]["id"] == fitting.pk
    assert match["score"] > 0
    assert match["reasons"][0] == "shares 1 theme: Youth"
    assert match["why"].startswith("Shares 1 theme: Youth")


def test_practices_for_an_unknown_city_are_404(client):
    assert client.get("/api/v1/cities/atlantis/practices").status_code == 404


def test_the_openapi_document_describes_the_practice_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/practices",
        "/api/v1/practices/{practice_id}",
        "/api/v1/cities/{slug}/practices",
    } <= set(paths)
