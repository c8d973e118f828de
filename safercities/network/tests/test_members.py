import pytest
from django.urls import reverse

from safercities.accounts.enums import OrganisationType
from safercities.network import messaging
from safercities.network.models import Block, Message, NetworkProfile, Report
from safercities.network.trust import Refused, TrustLevel, trust_level


@pytest.fixture
def people(make_user, make_city, make_organisation, theme):
    phnom_penh = make_city(name="Phnom Penh", country="KH", slug="pp")
    hanoi = make_city(name="Hanoi", country="VN", slug="hanoi")
    council = make_organisation(name="PP Council", kind=OrganisationType.LOCAL_GOVERNMENT)
    dara = make_user(
        name="Dara Demo", city=phnom_penh, languages=["km", "en"], organisation=council
    )
    dara.themes.add(theme)
    lan = make_user(name="Lan Demo", city=hanoi, languages=["vi"])
    shy = make_user(name="Shy Demo", city=phnom_penh, languages=["km"])
    NetworkProfile.objects.create(user=shy, listed=False)
    unconfirmed = make_user(name="Unconfirmed Demo", verified=False, city=phnom_penh)
    return {"dara": dara, "lan": lan, "shy": shy, "unconfirmed": unconfirmed}


def test_visitors_are_asked_to_log_in_for_the_directory(client):
    response = client.get(reverse("network:directory"))
    assert response.status_code in (302, 403)


def test_the_directory_lists_confirmed_members_who_did_not_opt_out(client_for, member, people):
    html = client_for(member).get(reverse("network:directory")).content.decode()
    assert "Dara Demo" in html and "Lan Demo" in html
    assert "Shy Demo" not in html and "Unconfirmed Demo" not in html
    assert "@" not in html.split('id="results"')[1].split("</ul>")[0]  # no email addresses


@pytest.mark.parametrize(
    ("query", "found", "missing"),
    [
        ("city=pp", "Dara Demo", "Lan Demo"),
        ("country=VN", "Lan Demo", "Dara Demo"),
        ("language=vi", "Lan Demo", "Dara Demo"),
        ("theme=womens-safety", "Dara Demo", "Lan Demo"),
        ("org_type=local_government", "Dara Demo", "Lan Demo"),
        ("q=council", "Dara Demo", "Lan Demo"),
    ],
)
def test_the_directory_filters_by_city_country_language_theme_and_organisation(
    client_for, member, people, query, found, missing
):
    html = client_for(member).get(reverse("network:directory") + "?" + query).content.decode()
    assert found in html and missing not in html


def test_a_hidden_field_neither_shows_nor_matches(client_for, member, people):
    NetworkProfile.objects.create(user=people["dara"], show_city=False)
    html = client_for(member).get(reverse("network:directory") + "?city=pp").content.decode()
    assert "Dara Demo" not in html


def test_the_directory_answers_htmx_with_the_results_only(client_for, member, people):
    response = client_for(member).get(reverse("network:directory"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Dara Demo" in html and "<h1" not in html


def test_the_directory_stays_within_its_query_budget(
    client_for, member, make_user, theme, django_assert_max_num_queries
):
    for _ in range(30):
        make_user(languages=["th"]).themes.add(theme)
    client = client_for(member)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("network:directory")).status_code == 200


def test_the_profile_shows_declared_and_shown_expertise_labelled(
    client_for, member, people, thread, make_post
):
    from safercities.network import services

    answer = make_post(thread=thread, author=people["dara"])
    services.accept_answer(member, answer)
    html = (
        client_for(member).get(reverse("network:member", args=[people["dara"].pk])).content.decode()
    )
    assert "Declared by the member" in html and "Shown on the Hub" in html
    assert "1 accepted answer about" in html


def test_an_opted_out_member_has_no_page_for_others(client_for, member, people):
    url = reverse("network:member", args=[people["shy"].pk])
    assert client_for(member).get(url).status_code == 404
    assert client_for(people["shy"]).get(url).status_code == 200


def test_a_member_opts_out_of_the_directory(client_for, member):
    client = client_for(member)
    client.post(reverse("network:settings"), {"show_city": "on"})
    assert NetworkProfile.objects.get(user=member).listed is False


def test_a_member_sends_a_private_message_without_seeing_an_email(client_for, member, people):
    client = client_for(member)
    url = reverse("network:conversation", args=[people["dara"].pk])
    response = client.post(url, {"body": "Can we talk about lighting?"})
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.sender == member and message.recipient == people["dara"]
    html = client.get(url).content.decode()
    assert "Can we talk about lighting?" in html and people["dara"].email not in html


def test_a_blank_message_answers_400(client_for, member, people):
    url = reverse("network:conversation", args=[people["dara"].pk])
    assert client_for(member).post(url, {"body": ""}).status_code == 400
    assert not Message.objects.exists()


def test_blocking_stops_messages(client_for, member, people):
    dara = people["dara"]
    client_for(dara).post(reverse("network:block", args=[member.pk]))
    assert Block.objects.filter(blocker=dara, blocked=member).exists()
    response = client_for(member).post(
        reverse("network:conversation", args=[dara.pk]), {"body": "Hello?"}
    )
    assert response.status_code == 403 and not Message.objects.exists()
    client_for(dara).post(reverse("network:block", args=[member.pk]), {"undo": "1"})
    assert not Block.objects.exists()


def test_messaging_is_rate_limited(member, people):
    for n in range(3):
        messaging.send_message(member, people["dara"], f"Message {n}")
    with pytest.raises(Refused) as info:
        messaging.send_message(member, people["dara"], "One more")
    assert info.value.code == "rate_limited"


def test_the_recipient_reports_a_message(client_for, member, people):
    message = messaging.send_message(member, people["dara"], "Buy my product")
    client = client_for(people["dara"])
    client.post(reverse("network:message_report", args=[message.pk]), {"reason": "spam"})
    assert Report.objects.get().message == message
    assert (
        client_for(member).get(reverse("network:message_report", args=[message.pk])).status_code
        == 404
    )


def test_the_inbox_lists_conversations_with_unread_counts(client_for, member, people):
    messaging.send_message(people["lan"], member, "Xin chào")
    html = client_for(member).get(reverse("network:inbox")).content.decode()
    assert "Lan Demo" in html and "1 unread" in html


def test_trust_needs_a_confirmed_organisation_not_activity_alone(
    member, make_organisation, make_thread, space, site_admin
):
    from safercities.accounts import organisations
    from safercities.accounts.enums import OrganisationStatus

    organisation = make_organisation(status=OrganisationStatus.VERIFIED)
    for _ in range(6):
        make_thread(space=space, author=member)
    membership = organisations.join_organisation(member, organisation)
    assert trust_level(member) == TrustLevel.BASIC  # active and claims it, not yet confirmed
    organisations.confirm_member(site_admin, membership)
    assert trust_level(member) == TrustLevel.TRUSTED


def test_the_member_page_says_when_the_organisation_membership_is_confirmed(
    client_for, member, make_user, make_organisation, site_admin
):
    from safercities.accounts import organisations
    from safercities.accounts.enums import OrganisationStatus

    other = make_user()
    page = reverse("network:member", args=[other.pk])
    assert "organisation membership confirmed" not in client_for(member).get(page).content.decode()
    organisation = make_organisation(status=OrganisationStatus.VERIFIED)
    organisations.confirm_member(site_admin, organisations.join_organisation(other, organisation))
    assert "organisation membership confirmed" in client_for(member).get(page).content.decode()


def test_a_member_follows_a_space_and_changes_the_level(client_for, member, space):
    from safercities.network.models import Follow

    client = client_for(member)
    client.post(reverse("network:follow", args=["space", space.pk]), {"level": "watching"})
    client.post(reverse("network:follow", args=["space", space.pk]), {"level": "muted"})
    assert Follow.objects.get(user=member).level == "muted"
    html = client.get(reverse("network:following")).content.decode()
    assert space.get_absolute_url() in html
    client.post(reverse("network:follow", args=["space", space.pk]), {"undo": "1"})
    assert not Follow.objects.exists()


def test_a_private_space_cannot_be_followed_by_outsiders(client_for, member, make_space):
    private = make_space(visibility="cohort", kind="cohort")
    response = client_for(member).post(
        reverse("network:follow", args=["space", private.pk]), {"level": "watching"}
    )
    assert response.status_code == 404


def test_a_tracked_thread_shows_its_unread_count(client_for, member, thread, make_post, make_user):
    from safercities.network.follows import follow

    follow(member, "thread", thread, "tracking")
    client = client_for(member)
    client.get(thread.get_absolute_url())  # read it
    for _ in range(2):
        make_post(thread=thread, author=make_user())
    html = client.get(reverse("network:following")).content.decode()
    assert "2 unread" in html
