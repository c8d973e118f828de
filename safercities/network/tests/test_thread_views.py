from django.urls import reverse

from safercities.network.enums import PostStatus, ThreadKind, Visibility
from safercities.network.models import Post, Thread


def test_a_visitor_reads_a_public_thread_and_is_asked_to_log_in_to_reply(client, thread):
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "How do you light a market lane?" in html and "Log in to reply" in html
    assert html.count("<h1") == 1


def test_the_thread_page_answers_htmx_with_the_posts_fragment_only(client, thread):
    response = client.get(thread.get_absolute_url(), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" not in html and "What worked for you?" in html
    assert "HX-Request" in response["Vary"]


def test_a_visitor_sees_public_threads_only(client, member, make_space, make_thread, space):
    public = make_thread(space=space, author=member, title="Public lamp question")
    members_only = make_space(visibility=Visibility.MEMBERS)
    hidden_from_visitors = make_thread(space=members_only, author=member, title="Members lamp")
    html = client.get(reverse("network:home")).content.decode()
    assert public.title in html and hidden_from_visitors.title not in html
    assert client.get(hidden_from_visitors.get_absolute_url()).status_code == 404
    assert client.get(members_only.get_absolute_url()).status_code == 404


def test_a_city_team_space_is_private_to_that_team(
    client_for, make_space, make_thread, city_b, team_a, team_b
):
    space = make_space(visibility=Visibility.CITY_TEAM, city=city_b, kind="city")
    thread = make_thread(space=space, author=team_b, title="Team plan")
    assert client_for(team_b).get(thread.get_absolute_url()).status_code == 200
    assert client_for(team_a).get(thread.get_absolute_url()).status_code == 404


def test_a_cohort_space_is_private_to_its_members(
    client_for, make_space, make_thread, member, trainer
):
    from safercities.network.models import SpaceMembership

    space = make_space(visibility=Visibility.COHORT, kind="cohort")
    SpaceMembership.objects.create(space=space, user=trainer)
    thread = make_thread(space=space, author=trainer, title="Cohort homework")
    assert client_for(trainer).get(thread.get_absolute_url()).status_code == 200
    assert client_for(member).get(thread.get_absolute_url()).status_code == 404


def test_a_member_asks_a_question_through_the_form(client_for, space, member, establish):
    establish(member)
    response = client_for(member).post(
        reverse("network:thread_start", args=[space.slug]),
        {
            "title": "ផ្លូវងងឹត",
            "kind": "question",
            "body": "តើធ្វើដូចម្តេច?",
            "language": "",
            "theme": "womens-safety",
        },
    )
    thread = Thread.objects.get(title="ផ្លូវងងឹត")
    assert response.status_code == 302 and thread.language == "km"
    assert thread.kind == ThreadKind.QUESTION


def test_the_thread_form_shows_errors_in_the_users_language(client_for, space, member):
    client = client_for(member)
    client.cookies["django_language"] = "th"
    response = client.post(
        reverse("network:thread_start", args=[space.slug]),
        {"title": "", "kind": "question", "body": ""},
        headers={"Accept-Language": "th"},
    )
    assert response.status_code == 200
    assert not Thread.objects.filter(space=space).exclude(title="Hello").exists()


def test_a_reply_through_the_form_lands_on_the_post(client_for, thread, make_user, establish):
    peer = establish(make_user())
    response = client_for(peer).post(
        reverse("network:reply", args=[thread.pk]), {"body": "Solar lamps", "language": ""}
    )
    post = Post.objects.get(body="Solar lamps")
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()


def test_a_blank_reply_answers_400_and_saves_nothing(client_for, thread, member):
    response = client_for(member).post(reverse("network:reply", args=[thread.pk]), {"body": ""})
    assert response.status_code == 400
    assert thread.posts.count() == 1


def test_a_locked_thread_refuses_replies_from_members(client_for, thread, make_user):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    response = client_for(make_user()).post(
        reverse("network:reply", args=[thread.pk]), {"body": "Late reply"}
    )
    assert response.status_code == 403
    assert not Post.objects.filter(body="Late reply").exists()


def test_a_hidden_post_is_gone_for_others_but_seen_by_moderators(
    client_for, thread, make_post, make_user, editor
):
    post = make_post(thread=thread, author=make_user(), body="Buy cheap watches")
    Post.objects.filter(pk=post.pk).update(status=PostStatus.HIDDEN)
    assert (
        "Buy cheap watches" not in client_for(None).get(thread.get_absolute_url()).content.decode()
    )
    assert client_for(None).get(post.get_absolute_url()).status_code == 404
    assert "Buy cheap watches" in client_for(editor).get(thread.get_absolute_url()).content.decode()


def test_the_asker_accepts_an_answer_through_the_form(
    client_for, thread, member, make_post, make_user
):
    answer = make_post(thread=thread, author=make_user(), body="Solar lamps")
    response = client_for(member).post(
        reverse("network:post_accept", args=[answer.pk]),
        {
            "city_size": "large",
            "country": "KH",
            "intervention": "situational",
            "note": "Night market",
        },
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.is_answered
    html = client_for(None).get(thread.get_absolute_url()).content.decode()
    assert "Accepted answer" in html and "Night market" in html


def test_someone_else_cannot_accept_an_answer(client_for, thread, make_post, make_user):
    answer = make_post(thread=thread, author=make_user())
    response = client_for(make_user()).post(reverse("network:post_accept", args=[answer.pk]), {})
    assert response.status_code == 403


def test_questions_filter_as_answered_and_unanswered(client, space, member, make_thread):
    make_thread(space=space, author=member, title="Open lamp question")
    make_thread(space=space, author=member, title="Solved lamp question", is_answered=True)
    unanswered = client.get(reverse("network:questions") + "?answered=no").content.decode()
    answered = client.get(reverse("network:questions") + "?answered=yes").content.decode()
    assert "Open lamp question" in unanswered and "Solved lamp question" not in unanswered
    assert "Solved lamp question" in answered and "Open lamp question" not in answered


def test_readers_filter_threads_to_the_languages_they_read(
    client_for, space, make_user, make_thread
):
    reader = make_user(languages=["km"])
    make_thread(space=space, author=reader, title="ផ្លូវ", language="km")
    make_thread(space=space, author=reader, title="Thai only", language="th")
    html = client_for(reader).get(space.get_absolute_url() + "?mine=1").content.decode()
    assert "ផ្លូវ" in html and "Thai only" not in html
    html = client_for(None).get(space.get_absolute_url() + "?language=th").content.decode()
    assert "Thai only" in html and "ផ្លូវ" not in html


def test_the_space_page_answers_htmx_with_the_thread_list(client, space, thread):
    response = client.get(space.get_absolute_url(), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert thread.title in html and "<h1" not in html


def test_a_long_thread_is_paged_and_a_post_link_finds_its_page(
    client, thread, make_post, make_user
):
    author = make_user()
    posts = [make_post(thread=thread, author=author, body=f"Reply number {n}") for n in range(30)]
    page2 = client.get(thread.get_absolute_url() + "?page=2").content.decode()
    assert "Reply number 29" in page2 and "Reply number 0<" not in page2
    response = client.get(posts[-1].get_absolute_url())
    assert response["Location"].endswith(f"?page=2#post-{posts[-1].pk}")


def test_the_thread_page_stays_within_its_query_budget(
    client_for, thread, make_post, make_user, django_assert_max_num_queries
):
    authors = [make_user() for _ in range(5)]
    for n in range(60):
        make_post(thread=thread, author=authors[n % 5], body=f"Reply {n}")
    client = client_for(authors[0])
    with django_assert_max_num_queries(12):
        assert client.get(thread.get_absolute_url() + "?page=2").status_code == 200
    anonymous = client_for(None)
    with django_assert_max_num_queries(8):
        assert anonymous.get(thread.get_absolute_url()).status_code == 200


def test_the_space_page_stays_within_its_query_budget(
    client_for, space, member, make_thread, django_assert_max_num_queries
):
    for n in range(30):
        make_thread(space=space, author=member, title=f"Question {n}")
    client = client_for(member)
    with django_assert_max_num_queries(12):
        assert client.get(space.get_absolute_url()).status_code == 200


def test_a_reply_through_the_form_notifies_the_asker(
    client_for, thread, member, make_user, establish, django_capture_on_commit_callbacks
):
    from safercities.notifications.models import Notification

    peer = establish(make_user())
    client = client_for(peer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:reply", args=[thread.pk]), {"body": "Try solar lamps"})
    assert Notification.objects.filter(recipient=member, verb="network.reply").exists()


def test_links_to_resources_and_practices_show_as_cards_beside_related_ones(
    client, thread, make_post, make_user
):
    from django.utils import timezone

    from safercities.library.models import Resource

    linked = Resource.objects.create(
        title="Lighting guide for markets", summary="s", language="en", resource_type="guide",
        status="published", published_at=timezone.now(),
    )  # fmt: skip
    on_theme = Resource.objects.create(
        title="Women's safety audit handbook", summary="s", language="en",
        resource_type="guide", status="published", published_at=timezone.now(),
    )  # fmt: skip
    on_theme.themes.add(thread.theme)
    post = make_post(thread=thread, author=make_user())
    post.body_html = f'<p>See <a href="/library/{linked.pk}/">this</a></p>'
    post.save()
    html = client.get(thread.get_absolute_url()).content.decode()
    section = html.split('id="related-heading"')[1]
    assert "Lighting guide for markets" in section.split("On the same theme")[0]
    assert "audit handbook" in section.split("On the same theme")[1]


def test_invalid_utf8_and_huge_posts_get_a_clear_answer_and_save_nothing(
    client_for, thread, member
):
    client = client_for(member)
    url = reverse("network:reply", args=[thread.pk])
    response = client.post(
        url, b"body=%FF%FE%FDbad", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (302, 400)  # decoded with replacement characters, never 500
    huge = client.post(url, {"body": "x" * 30_000})
    assert huge.status_code == 400
    assert not thread.posts.filter(body__startswith="xxx").exists()


def test_the_api_refuses_huge_posts_naming_the_field(client, thread, member):
    from safercities.accounts.models import ApiToken

    _token, key = ApiToken.issue(member, "t")
    response = client.post(
        f"/api/v1/network/threads/{thread.pk}/posts", {"body": "x" * 30_000},
        content_type="application/json", headers={"Authorization": f"Bearer {key}"},
    )  # fmt: skip
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "body"
