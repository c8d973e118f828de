"""The resources API: read, list, create a draft; 400s name the field."""

import json

import pytest

from safercities.accounts.models import ApiToken
from safercities.library.enums import ResourceStatus
from safercities.library.models import Resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(member) -> str:
    return ApiToken.issue(member, "script")[1]


def post(client, token, payload):
    return client.post(
        "/api/v1/resources",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


GOOD = {
    "title": "Street lighting audit",
    "summary": "How to map dark spots.",
    "body": "## Steps\n\n<script>x()</script>Walk.",
    "language": "zh_hans",
    "type": "tool",
    "themes": ["street-lighting"],
    "countries": ["th", "KH"],
    "cities": [],
    "audience": ["community"],
    "year": 2020,
    "source_url": "https://example.org/audit",
}


def test_reading_a_published_resource(client, make_resource, theme, pdf_bytes):
    resource = make_resource(
        title="Open guide", themes=[theme], countries=["TH"], year=2018, file=pdf_bytes
    )
    data = client.get(f"/api/v1/resources/{resource.pk}").json()
    assert data["id"] == resource.pk and data["title"] == "Open guide"
    assert data["url"] == f"http://testserver/library/{resource.pk}/"
    assert data["themes"] == [theme.slug] and data["countries"] == ["TH"]
    assert data["status"] == "published" and data["year"] == 2018
    assert data["file"] == {
        "url": f"http://testserver/library/{resource.pk}/download/",
        "content_type": "application/pdf",
        "size": len(pdf_bytes),
    }
    assert set(data) >= {"body", "body_html", "translations", "audience", "ref", "published_at"}


def test_a_draft_is_read_only_by_its_author_and_editors(
    client, member, editor, make_user, make_resource, token
):
    draft = make_resource(status=ResourceStatus.DRAFT, submitter=member)
    url = f"/api/v1/resources/{draft.pk}"
    assert client.get(url).status_code == 404
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    client.force_login(editor)
    assert client.get(url).status_code == 200
    client.force_login(make_user())
    assert client.get(url).json() == {"detail": "Not found."}


def test_creating_a_resource_makes_a_draft_owned_by_the_caller(client, member, token):
    response = post(client, token, GOOD)
    assert response.status_code == 201, response.content
    data = response.json()
    resource = Resource.objects.get(pk=data["id"])
    assert resource.status == ResourceStatus.DRAFT and resource.submitter == member
    assert data["language"] == "zh-Hans" and data["type"] == "tool"
    assert data["countries"] == ["KH", "TH"] or sorted(data["countries"]) == ["KH", "TH"]
    assert "<script>" not in data["body_html"] and "<h2>Steps</h2>" in data["body_html"]
    assert client.get(f"/api/v1/resources/{resource.pk}").status_code == 404  # not public yet


def test_creating_needs_authentication(client):
    response = client.post("/api/v1/resources", json.dumps(GOOD), content_type="application/json")
    assert response.status_code == 401
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"language": "klingon"}, "language"),
        ({"type": "poem"}, "type"),
        ({"themes": ["street-lighting", "astrology"]}, "themes"),
        ({"countries": ["ZZ"]}, "countries"),
        ({"cities": ["atlantis"]}, "cities"),
        ({"year": 1492}, "year"),
        ({"year": "soon"}, "year"),
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"audience": ["aliens"]}, "audience"),
        ({"source_url": "javascript:alert(1)"}, "source_url"),
    ],
)
def test_invalid_input_is_a_400_naming_the_field(client, token, change, field):
    response = post(client, token, {**GOOD, **change})
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == [field]
    assert errors[0]["message"]
    assert not Resource.objects.exists()


def test_a_missing_required_field_is_named(client, token):
    payload = dict(GOOD)
    del payload["language"]
    response = post(client, token, payload)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "language"


def test_the_list_holds_published_resources_with_filters(client, make_resource, theme, member):
    make_resource(title="English guide", language="en", themes=[theme])
    make_resource(title="Thai tool", language="th", resource_type="tool")
    make_resource(title="Draft", status=ResourceStatus.DRAFT, submitter=member)
    data = client.get("/api/v1/resources").json()
    assert data["count"] == 2 and {i["title"] for i in data["items"]} == {
        "English guide",
        "Thai tool",
    }
    assert [
        i["title"] for i in client.get("/api/v1/resources", {"language": "th"}).json()["items"]
    ] == ["Thai tool"]
    assert [
        i["title"] for i in client.get("/api/v1/resources", {"theme": theme.slug}).json()["items"]
    ] == ["English guide"]
    assert client.get("/api/v1/resources", {"type": "poem"}).json()["errors"][0]["field"] == "type"
    assert client.get("/api/v1/resources", {"limit": 1}).json()["count"] == 2
    assert len(client.get("/api/v1/resources", {"limit": 1}).json()["items"]) == 1
    assert client.get("/api/v1/resources", {"limit": 1000}).status_code == 400


def test_the_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/resources"] and "get" in paths["/api/v1/resources"]
    assert "get" in paths["/api/v1/resources/{resource_id}"]
