import pytest

from safercities.accounts.models import ApiToken
from safercities.core.models import AuditLogEntry

pytestmark = pytest.mark.django_db


def test_the_api_root_lists_its_parts(client):
    data = client.get("/api/v1/").json()
    assert data["version"] == "1"
    assert data["openapi"].endswith("/api/v1/openapi.json")


def test_the_openapi_document_is_at_a_stable_url(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/cities" in spec["paths"]
    assert "/api/v1/me" in spec["paths"]


def test_cities_can_be_listed_and_read(client, city_a, make_settlement):
    make_settlement(city=city_a, name="Port Community", estimated_population=900)
    listed = client.get("/api/v1/cities", {"country": "th"}).json()
    assert [c["slug"] for c in listed] == ["bangkok"]
    detail = client.get("/api/v1/cities/bangkok").json()
    assert detail["settlements"][0]["name"] == "Port Community"


def test_an_unknown_city_is_a_json_404(client):
    response = client.get("/api/v1/cities/atlantis")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_bad_parameter_is_a_400_naming_the_field(client):
    response = client.get("/api/v1/cities", {"pilot": "maybe"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "pilot"
    response = client.get("/api/v1/organisations", {"type": "guild"})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "type", "message": response.json()["errors"][0]["message"]}
    ]


def test_me_needs_authentication(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_personal_token_authenticates(client, member):
    token, key = ApiToken.issue(member, "script")
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["email"] == member.email
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer sch_wrong").status_code == 401


def test_the_session_authenticates_too(client, member):
    client.force_login(member)
    assert client.get("/api/v1/me").json()["roles"] == ["member"]


def test_a_profile_update_through_the_api_validates_each_field(client, member):
    _, key = ApiToken.issue(member, "script")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    bad = client.patch("/api/v1/me", {"city": "atlantis"}, content_type="application/json", **auth)
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "city"
    bad = client.patch("/api/v1/me", {"bio": "x" * 1001}, content_type="application/json", **auth)
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "bio"
    bad = client.patch("/api/v1/me", "{not json", content_type="application/json", **auth)
    assert bad.status_code == 400
    good = client.patch(
        "/api/v1/me",
        {"name": "API Person", "languages": ["th", "zh_hans"], "themes": ["youth"]},
        content_type="application/json",
        **auth,
    )
    assert good.status_code == 200, good.content
    assert good.json()["languages"] == ["th", "zh-Hans"]
    assert good.json()["themes"] == ["youth"]
    assert AuditLogEntry.objects.filter(action="profile.updated", actor=member).exists()


def test_a_session_write_needs_the_csrf_token(member):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    response = strict.patch("/api/v1/me", {"name": "X"}, content_type="application/json")
    assert response.status_code in (401, 403)
    member.refresh_from_db()
    assert member.name != "X"


def test_a_bad_token_is_a_401_even_where_anonymous_callers_are_served(client):
    url = "/api/v1/tool-versions/999"
    assert client.get(url).status_code == 404  # anonymous: served (nothing there)
    response = client.get(url, HTTP_AUTHORIZATION="Bearer sch_wrong")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required."}
    assert client.get(url, HTTP_AUTHORIZATION="Basic Zm9vOmJhcg==").status_code == 401


def test_the_openapi_document_declares_errors_security_and_allowed_values(client):
    spec = client.get("/api/v1/openapi.json").json()
    paths = spec["paths"]
    public = paths["/api/v1/cities"]["get"]
    assert "security" not in public
    assert set(public["responses"]) == {"200", "400"}
    assert paths["/api/v1/cities/{slug}"]["get"]["responses"]["404"]["content"]
    me = paths["/api/v1/me"]["patch"]
    assert {"200", "400", "401"} <= set(me["responses"])
    assert {} not in me["security"]
    optional = paths["/api/v1/resources/{resource_id}"]["get"]
    assert {} in optional["security"] and "401" in optional["responses"]
    parameters = {p["name"]: p["schema"] for p in paths["/api/v1/resources"]["get"]["parameters"]}
    assert "guide" in str(parameters["type"]) and "TH" in str(parameters["country"])
    assert parameters["limit"]["maximum"] == 100
    assert "403" in paths["/api/v1/resources"]["post"]["responses"]
    assert "403" in paths["/api/v1/assessments/{pk}/submissions"]["get"]["responses"]
    error = spec["components"]["schemas"]["ValidationErrorOut"]
    assert set(error["required"]) == {"detail", "errors"}
