"""/api/v1/notifications: list, mark read, preferences (the member's own only)."""

from safercities.accounts.models import ApiToken
from safercities.notifications.models import Notification, Preference
from safercities.notifications.services import notify


def _tell(person, title, **extra):
    return notify(person, "test.reply", data={"title": title}, url="/cities/", **extra)


def test_the_openapi_document_covers_notifications(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/notifications",
        "/api/v1/notifications/read",
        "/api/v1/notifications/{notification_id}/read",
        "/api/v1/notifications/preferences",
    ):
        assert path in paths


def test_a_visitor_gets_401(client):
    assert client.get("/api/v1/notifications").status_code == 401
    assert client.get("/api/v1/notifications/preferences").status_code == 401


def test_a_member_lists_their_notifications_in_their_language(client_for, somchai, reply_kind):
    _tell(somchai, "ทางเดินสว่าง", language="th")
    data = client_for(somchai).get("/api/v1/notifications").json()
    assert data["count"] == 1 and data["unread"] == 1
    [item] = data["items"]
    assert item["message"] == "ข่าวเกี่ยวกับ “ทางเดินสว่าง”" and item["language"] == "th"


def test_a_token_works_too_and_paging_is_bounded(client, member, reply_kind):
    for n in range(5):
        _tell(member, f"Item {n}")
    _token, key = ApiToken.issue(member, "phone")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    page = client.get("/api/v1/notifications", {"page_size": 2, "page": 2}, **auth).json()
    assert [i["title"] for i in page["items"]] == ["Item 2", "Item 1"]
    too_big = client.get("/api/v1/notifications", {"page_size": 1000}, **auth)
    assert too_big.status_code == 400 and too_big.json()["errors"][0]["field"] == "page_size"


def test_marking_read_by_id_or_all(client_for, member, make_user, reply_kind):
    first, second = _tell(member, "First"), _tell(member, "Second")
    other = _tell(make_user(), "Not mine")
    client = client_for(member)
    response = client.post(
        "/api/v1/notifications/read", {"ids": [first.pk, other.pk]}, content_type="application/json"
    )
    assert response.json() == {"marked": 1}
    assert Notification.objects.get(pk=other.pk).read_at is None
    assert client.post(f"/api/v1/notifications/{other.pk}/read").status_code == 404
    assert client.post(f"/api/v1/notifications/{second.pk}/read").json()["read_at"]
    empty = client.post("/api/v1/notifications/read", {}, content_type="application/json")
    assert empty.json() == {"marked": 0}
    wrong = client.post("/api/v1/notifications/read", {"ids": "1"}, content_type="application/json")
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "ids"
    _tell(member, "Third")
    everything = client.post(
        "/api/v1/notifications/read", {"all": True}, content_type="application/json"
    )
    assert everything.json() == {"marked": 1}


def test_preferences_are_read_and_set_with_fields_named_on_errors(client_for, member, reply_kind):
    client = client_for(member)
    listed = {p["verb"]: p for p in client.get("/api/v1/notifications/preferences").json()}
    assert listed["test.reply"]["delivery"] == "site"
    assert listed["resource.published"]["default"] == "immediate"
    response = client.put(
        "/api/v1/notifications/preferences",
        {"test.reply": "daily"},
        content_type="application/json",
    )
    assert {p["verb"]: p["delivery"] for p in response.json()}["test.reply"] == "daily"
    assert Preference.objects.get(user=member, verb="test.reply").delivery == "daily"
    bad = client.put(
        "/api/v1/notifications/preferences",
        {"test.reply": "hourly"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "test.reply"
    unknown = client.put(
        "/api/v1/notifications/preferences", {"nope": "site"}, content_type="application/json"
    )
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["field"] == "nope"
    assert Preference.objects.get(user=member, verb="test.reply").delivery == "daily"


def test_a_member_cannot_choose_for_an_editors_only_kind(client_for, member):
    client = client_for(member)
    verbs = {p["verb"] for p in client.get("/api/v1/notifications/preferences").json()}
    assert "resource.published" in verbs and "resource.submitted" not in verbs
    response = client.put(
        "/api/v1/notifications/preferences",
        {"resource.submitted": "off"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "resource.submitted"
