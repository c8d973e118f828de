"""U+0000 is refused everywhere text enters over HTTP, with a 400 naming the field.

PostgreSQL cannot store it (the request used to fail with a 500) and SQLite stored it
silently; both databases must now answer the same way.
"""

import pytest

from safercities.accounts.models import ApiToken
from safercities.library.models import Resource

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict:
    _token, key = ApiToken.issue(user, "script")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_nul_in_a_new_resource_title_is_a_400_naming_the_field(client, member):
    response = client.post(
        "/api/v1/resources",
        {"title": "a\u0000b", "language": "en", "resource_type": "guide"},
        content_type="application/json",
        **_bearer(member),
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "title"
    assert "null character" in response.json()["errors"][0]["message"]
    assert not Resource.objects.exists()


def test_a_nul_in_the_profile_bio_is_a_400_and_nothing_is_stored(client, member):
    response = client.patch(
        "/api/v1/me", {"bio": "hello\u0000"}, content_type="application/json", **_bearer(member)
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "bio"
    member.refresh_from_db()
    assert "\x00" not in member.bio


def test_a_nul_in_a_query_parameter_is_a_400(client):
    response = client.get("/api/v1/search", {"q": "lamp\x00"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "q"
    page = client.get("/library/", {"q": "lamp\x00"})
    assert page.status_code == 400
    assert "null character" in page.content.decode()


def test_a_nul_in_a_form_field_is_a_clear_400_page(client_for, member):
    response = client_for(member).post("/accounts/profile/", {"name": "A\x00B"})
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("<h1") == 1 and "null character" in html


def test_json_nested_without_bound_is_a_400_not_a_500(client, member):
    response = client.patch(
        "/api/v1/me", "[" * 100_000, content_type="application/json", **_bearer(member)
    )
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["errors"][0]["message"]
