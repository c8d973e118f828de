"""Role requests, decisions, direct grants and undo: with named people."""

import pytest
from django.core import mail

from safercities.accounts import roles
from safercities.accounts.models import CityTeamMembership, RoleRequest
from safercities.core.models import AuditLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_a(make_user, city_a):
    user = make_user(email="lead.a@example.org", name="Lead of Bangkok")
    CityTeamMembership.objects.create(user=user, city=city_a, is_lead=True)
    return user


def _ask(client, role, reason="I coordinate the safety audits in Khlong Toei.", city=None):
    data = {"role": role, "reason": reason}
    if city is not None:
        data["city"] = city.pk
    return client.post("/roles/", data)


def test_a_member_asks_to_become_editor_and_site_admins_are_mailed(client_for, member, site_admin):
    response = _ask(client_for(member), "editor")
    assert response.status_code == 302
    request = RoleRequest.objects.get(user=member)
    assert request.role == "editor" and request.status == "pending"
    assert [m.to for m in mail.outbox] == [[site_admin.email]]
    assert "Khlong Toei" in mail.outbox[0].body
    assert AuditLogEntry.objects.filter(action="role.requested", actor=member).exists()


def test_a_request_without_a_reason_is_refused_with_a_message(client_for, member):
    response = _ask(client_for(member), "trainer", reason="  ")
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not RoleRequest.objects.exists()


def test_a_city_team_request_needs_a_city(client_for, member):
    response = _ask(client_for(member), "city_team")
    assert response.status_code == 200
    assert "Choose the city whose team you want to join." in response.content.decode()


def test_asking_twice_for_the_same_role_is_refused(client_for, member):
    client = client_for(member)
    _ask(client, "trainer")
    response = _ask(client, "trainer")
    assert "already asked for this role" in response.content.decode()
    assert RoleRequest.objects.count() == 1


def test_the_team_lead_approves_a_request_to_join_their_team(
    client_for, member, lead_a, city_a, site_admin
):
    _ask(client_for(member), "city_team", city=city_a)
    assert sorted(m.to[0] for m in mail.outbox) == [site_admin.email, lead_a.email]
    mail.outbox.clear()
    request = RoleRequest.objects.get()
    client = client_for(lead_a)
    page = client.get("/roles/")
    assert member.name in page.content.decode()
    response = client.post(
        f"/roles/requests/{request.pk}/decide/",
        {"decision": "approve", "response": "Welcome to the team"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "approved" and request.decided_by == lead_a
    assert CityTeamMembership.objects.filter(user=member, city=city_a, is_lead=False).exists()
    assert mail.outbox[0].to == [member.email]
    assert "Welcome to the team" in mail.outbox[0].body
    granted = AuditLogEntry.objects.get(action="role.granted")
    assert granted.actor == lead_a and granted.data["city_id"] == city_a.pk


def test_a_team_lead_cannot_decide_another_citys_request_or_an_editor_request(
    client_for, member, lead_a, city_b
):
    _ask(client_for(member), "city_team", city=city_b)
    other_city = RoleRequest.objects.get()
    _ask(client_for(member), "editor")
    editor_request = RoleRequest.objects.get(role="editor")
    client = client_for(lead_a)
    assert (
        client.post(f"/roles/requests/{other_city.pk}/decide/", {"decision": "approve"}).status_code
        == 403
    )
    assert (
        client.post(
            f"/roles/requests/{editor_request.pk}/decide/", {"decision": "approve"}
        ).status_code
        == 403
    )
    assert RoleRequest.objects.pending().count() == 2
    assert member.name not in client.get("/roles/").content.decode()


def test_a_plain_member_cannot_decide_requests(client_for, member, trainer):
    _ask(client_for(member), "editor")
    request = RoleRequest.objects.get()
    response = client_for(trainer).post(
        f"/roles/requests/{request.pk}/decide/", {"decision": "approve"}
    )
    assert response.status_code == 403
    member.refresh_from_db()
    assert not member.is_editor


def test_a_site_admin_declines_with_an_answer_and_the_person_is_told_in_their_language(
    client_for, member, site_admin
):
    member.ui_language = "th"
    member.save()
    _ask(client_for(member), "trainer")
    mail.outbox.clear()
    request = RoleRequest.objects.get()
    client_for(site_admin).post(
        f"/roles/requests/{request.pk}/decide/",
        {"decision": "decline", "response": "Please first attend a ToT."},
    )
    request.refresh_from_db()
    member.refresh_from_db()
    assert request.status == "declined" and not member.is_trainer
    assert "Please first attend a ToT." in mail.outbox[0].body
    assert "Your request" not in mail.outbox[0].subject  # Thai, not English


def test_a_member_withdraws_their_request(client_for, member):
    client = client_for(member)
    _ask(client, "editor")
    request = RoleRequest.objects.get()
    client.post(f"/roles/requests/{request.pk}/withdraw/")
    request.refresh_from_db()
    assert request.status == "withdrawn"


def test_a_site_admin_grants_editor_from_the_member_page_and_undoes_it(
    client_for, member, site_admin
):
    client = client_for(site_admin)
    page = client.get(f"/members/{member.pk}/")
    assert "Grant this role" in page.content.decode()
    client.post(f"/members/{member.pk}/roles/", {"role": "editor", "action": "grant"})
    member.refresh_from_db()
    assert member.is_editor
    entry = AuditLogEntry.objects.get(action="role.granted")
    assert "Undo" in client.get("/roles/").content.decode()
    client.post(f"/roles/changes/{entry.pk}/undo/")
    member.refresh_from_db()
    assert not member.is_editor
    undo = AuditLogEntry.objects.get(action="role.removed")
    assert undo.data["undoes"] == entry.pk
    again = client.post(f"/roles/changes/{entry.pk}/undo/", follow=True)
    assert "already been undone" in again.content.decode()


def test_undoing_a_removal_restores_team_lead(site_admin, lead_a, city_a):
    entry = roles.remove_role(site_admin, lead_a, "city_team", city=city_a)
    assert not CityTeamMembership.objects.filter(user=lead_a).exists()
    roles.undo_role_change(site_admin, entry)
    assert CityTeamMembership.objects.get(user=lead_a, city=city_a).is_lead


def test_the_last_site_admin_cannot_be_removed(site_admin):
    with pytest.raises(roles.RoleError):
        roles.remove_role(site_admin, site_admin, "site_admin")


def test_a_member_cannot_grant_roles(client_for, member, trainer):
    response = client_for(member).post(
        f"/members/{trainer.pk}/roles/", {"role": "editor", "action": "grant"}
    )
    assert response.status_code == 403
    trainer.refresh_from_db()
    assert not trainer.is_editor


def test_a_team_lead_manages_their_team_and_nobody_else_can(
    client_for, lead_a, team_a, city_a, member
):
    membership = CityTeamMembership.objects.get(user=team_a)
    assert client_for(member).get(f"/cities/{city_a.slug}/team/").status_code == 403
    client = client_for(lead_a)
    page = client.get(f"/cities/{city_a.slug}/team/")
    assert page.status_code == 200 and "Team A Person" in page.content.decode()
    client.post(f"/cities/{city_a.slug}/team/{membership.pk}/", {"action": "lead"})
    assert CityTeamMembership.objects.get(user=team_a).is_lead
    client.post(f"/cities/{city_a.slug}/team/{membership.pk}/", {"action": "remove"})
    assert not CityTeamMembership.objects.filter(user=team_a).exists()
    removal = AuditLogEntry.objects.get(action="role.removed")
    assert removal.data["was_lead"] is True
    client.post(f"/roles/changes/{removal.pk}/undo/")
    assert CityTeamMembership.objects.get(user=team_a).is_lead


def test_a_team_lead_cannot_grant_editor(client_for, lead_a, member):
    response = client_for(lead_a).post(
        f"/members/{member.pk}/roles/", {"role": "editor", "action": "grant"}
    )
    assert response.status_code == 403


def test_the_city_page_links_the_lead_to_team_management(client_for, lead_a, city_a):
    html = client_for(lead_a).get(city_a.get_absolute_url()).content.decode()
    assert f"/cities/{city_a.slug}/team/" in html
