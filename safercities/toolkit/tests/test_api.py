import pytest

from safercities.instruments.generic import generic_instrument
from safercities.toolkit import services

from .conftest import AUDIT


def test_tools_are_listed_with_titles_in_the_requested_language(client, tools):
    response = client.get("/api/v1/tools?lang=th")

    assert response.status_code == 200
    items = response.json()
    assert [item["slug"] for item in items] == list(tools)
    audit = items[0]
    assert audit["title"] == generic_instrument(AUDIT).title_for("th")
    assert audit["language"] == "th"
    assert audit["kind"] == "safety_audit"
    assert audit["xlsform_url"].endswith("/toolkit/womens-safety-audit/xlsform.xlsx")


def test_a_tools_versions_list_generic_and_published_city_versions(
    client_for, make_version, draft, city_b, team_a, team_b
):
    published = make_version(AUDIT, city_b, team_b, languages=["en", "km"])

    public = client_for(None).get(f"/api/v1/tools/{AUDIT}/versions").json()
    own = client_for(team_a).get(f"/api/v1/tools/{AUDIT}/versions").json()

    assert [(v["city"], v["number"], v["published"]) for v in public] == [
        (None, 1, True),
        ("phnom-penh", 1, True),
    ]
    assert published.pk in {v["id"] for v in public}
    assert draft.pk in {v["id"] for v in own} and draft.pk not in {v["id"] for v in public}
    only_generic = client_for(None).get(f"/api/v1/tools/{AUDIT}/versions?city=generic").json()
    assert [v["label"] for v in only_generic] == ["Generic v1"]


def test_a_version_comes_with_its_definition_and_reasons(client, draft, team_a):
    services.remove_question(team_a, draft, "comments", reason="Too long.")
    services.publish_version(team_a, draft)

    response = client.get(f"/api/v1/tool-versions/{draft.pk}")

    assert response.status_code == 200
    data = response.json()
    assert data["label"] == "Bangkok v1"
    assert data["definition"]["format"] == "safercities.instrument/1"
    assert "comments" not in {q["name"] for q in data["definition"]["questions"]}
    assert data["change_reasons"] == {"comments": "Too long."}
    assert data["languages"] == ["en", "th"]


def test_a_draft_version_is_not_found_by_others(client_for, draft, team_a, team_b):
    assert client_for(team_b).get(f"/api/v1/tool-versions/{draft.pk}").status_code == 404
    assert client_for(team_a).get(f"/api/v1/tool-versions/{draft.pk}").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/tools/nope/versions", "/api/v1/tool-versions/999999"])
def test_unknown_tools_and_versions_are_404(client, tools, path):
    assert client.get(path).status_code == 404
