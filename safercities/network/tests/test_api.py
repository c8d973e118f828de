from safercities.accounts.models import ApiToken
from safercities.network.models import Post, Thread


def _auth(user):
    _token, key = ApiToken.issue(user, "test")
    return {"Authorization": f"Bearer {key}"}


def test_visitors_list_public_threads_only(client, thread, make_space, make_thread, member):
    private = make_thread(space=make_space(visibility="members"), author=member, title="Private")
    data = client.get("/api/v1/network/threads").json()
    titles = [item["title"] for item in data["items"]]
    assert thread.title in titles and private.title not in titles


def test_the_thread_endpoint_pages_posts(client, thread, make_post, make_user):
    author = make_user()
    for n in range(30):
        make_post(thread=thread, author=author, body=f"Reply {n}")
    data = client.get(f"/api/v1/network/threads/{thread.pk}?page=2").json()
    assert data["pages"] == 2 and len(data["posts"]) == 6


def test_a_member_asks_in_khmer_and_the_language_is_detected(client, space, member, establish):
    establish(member)
    response = client.post(
        "/api/v1/network/threads",
        {"space": space.slug, "title": "ផ្លូវងងឹត", "body": "តើធ្វើដូចម្តេច?"},
        content_type="application/json",
        headers=_auth(member),
    )
    assert response.status_code == 201, response.content
    assert response.json()["language"] == "km" and response.json()["kind"] == "question"


def test_bad_input_answers_400_naming_the_field(client, space, member):
    headers = _auth(member)
    response = client.post(
        "/api/v1/network/threads",
        {"space": space.slug, "title": "T", "body": "B", "language": "xx"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "language"
    response = client.post(
        "/api/v1/network/threads", {"space": "nowhere", "title": "T", "body": "B"},
        content_type="application/json", headers=headers,
    )  # fmt: skip
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "space"
    assert client.get("/api/v1/network/threads?language=zz").status_code == 400


def test_replies_to_a_locked_thread_answer_403(client, thread, make_user):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    response = client.post(
        f"/api/v1/network/threads/{thread.pk}/posts", {"body": "Late"},
        content_type="application/json", headers=_auth(make_user()),
    )  # fmt: skip
    assert response.status_code == 403 and not Post.objects.filter(body="Late").exists()


def test_the_asker_accepts_an_answer_through_the_api(client, thread, member, make_post, make_user):
    answer = make_post(thread=thread, author=make_user())
    response = client.post(
        f"/api/v1/network/posts/{answer.pk}/accept",
        {"city_size": "large", "country": "KH", "note": "Night market"},
        content_type="application/json", headers=_auth(member),
    )  # fmt: skip
    assert response.status_code == 201 and response.json()["accepted"]["country"] == "KH"
    bad = client.post(
        f"/api/v1/network/posts/{answer.pk}/accept", {"city_size": "huge"},
        content_type="application/json", headers=_auth(member),
    )  # fmt: skip
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "city_size"


def test_the_directory_needs_a_login_and_hides_what_members_hide(client, member, make_user):
    from safercities.network.models import NetworkProfile

    assert client.get("/api/v1/network/members").status_code == 401
    private = make_user(name="Private Person", languages=["th"])
    NetworkProfile.objects.create(user=private, show_languages=False)
    data = client.get("/api/v1/network/members", headers=_auth(member)).json()
    entry = next(item for item in data["items"] if item["name"] == "Private Person")
    assert entry["languages"] == [] and "email" not in entry


def test_openapi_documents_the_network(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/network/threads" in paths and "/api/v1/network/members" in paths
