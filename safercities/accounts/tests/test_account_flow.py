"""Sign up, confirm, log in, log out, reset a password, edit the profile: as a new user would."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from safercities.accounts.models import User
from safercities.core.models import AuditLogEntry
from safercities.taxonomy.models import Theme

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-long-new-password-77"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def _sign_up(client, email="new.person@example.org", password="a-good-password-51"):
    return client.post(
        "/accounts/signup/", {"email": email, "password1": password, "password2": password}
    )


def test_sign_up_sends_a_confirmation_mail_through_the_task_queue(client):
    response = _sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.org"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert User.objects.filter(email="new.person@example.org").exists()


def test_a_new_user_cannot_log_in_before_confirming_the_email(client):
    _sign_up(client)
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "new.person@example.org", "password": "a-good-password-51"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_the_confirmation_link_confirms_and_then_login_and_logout_work(client):
    _sign_up(client)
    client.logout()
    link = _link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert "new.person@example.org" in page.content.decode()
    confirmed = client.post(link)
    assert confirmed.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert user.emailaddress_set.get().verified

    logged_in = client.post(
        "/accounts/login/", {"login": "new.person@example.org", "password": "a-good-password-51"}
    )
    assert logged_in.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert AuditLogEntry.objects.filter(action="account.logged_in", actor=user).exists()

    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_gets_a_clear_message(client, member):
    response = client.post("/accounts/login/", {"login": member.email, "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_login_attempts_are_rate_limited(client, member):
    for _ in range(5):
        client.post("/accounts/login/", {"login": member.email, "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": "correct-horse-battery-staple-42"}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_forgotten_password_can_be_reset_by_mail(client, member):
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = _link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(action, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


def test_a_member_edits_the_profile(client, member, city_a, make_organisation):
    organisation = make_organisation(name="Canal Community Group")
    themes = list(Theme.objects.filter(slug__in=["womens-safety", "street-lighting"]))
    client.force_login(member)
    response = client.post(
        "/profile/",
        {
            "name": "Renamed Member",
            "organisation": organisation.pk,
            "position": "Community organiser",
            "city": city_a.pk,
            "languages": ["th", "en"],
            "themes": [t.pk for t in themes],
            "bio": "Works with <b>residents</b> on lighting.",
            "phone": "+66 2 000 0000",
            "contact_visible": "on",
            "ui_language": "th",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.name == "Renamed Member"
    assert member.organisation == organisation
    assert member.city == city_a
    assert member.languages == ["th", "en"]
    assert set(member.themes.values_list("slug", flat=True)) == {"womens-safety", "street-lighting"}
    assert member.contact_visible
    assert member.ui_language == "th"
    assert AuditLogEntry.objects.filter(action="profile.updated", actor=member).exists()


def test_profile_errors_are_shown_on_the_page_and_nothing_is_lost(client, member):
    member.position = "Planner"
    member.save()
    client.force_login(member)
    response = client.post("/profile/", {"name": "  ", "phone": "call me", "position": "X"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "This field is required." in body
    assert "Enter a phone number" in body
    member.refresh_from_db()
    assert member.position == "Planner"


def test_the_bio_is_escaped_on_the_public_profile(client, member, editor):
    member.bio = '<script>alert("x")</script>'
    member.save()
    client.force_login(editor)
    body = client.get(f"/members/{member.pk}/").content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;" in body


def test_contact_details_show_only_when_the_member_allows_it(client, member, editor):
    member.phone = "+66 2 123 4567"
    member.contact_visible = False
    member.save()
    client.force_login(editor)
    assert member.email not in client.get(f"/members/{member.pk}/").content.decode()
    member.contact_visible = True
    member.save()
    assert member.email in client.get(f"/members/{member.pk}/").content.decode()


def test_visitors_are_sent_to_log_in_to_see_member_profiles(client, member):
    response = client.get(f"/members/{member.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out(client, member):
    from django.test import Client

    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(6):
        attacker.post("/accounts/login/", {"login": member.email, "password": "wrong"})
    refused = attacker.post(
        "/accounts/login/", {"login": member.email, "password": "correct-horse-battery-staple-42"}
    )
    assert "Too many failed login attempts" in refused.content.decode()

    owner = Client(REMOTE_ADDR="198.51.100.20")
    response = owner.post(
        "/accounts/login/", {"login": member.email, "password": "correct-horse-battery-staple-42"}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in owner.session


def test_an_owner_limited_on_their_own_network_gets_in_after_a_password_reset(client, member):
    for _ in range(5):
        client.post("/accounts/login/", {"login": member.email, "password": "wrong"})
    client.post("/accounts/password/reset/", {"email": member.email})
    link = _link(mail.outbox[-1])
    form_page = client.get(link, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    client.post(action, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    response = client.post("/accounts/login/", {"login": member.email, "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
