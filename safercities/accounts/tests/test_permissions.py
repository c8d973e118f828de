"""The permission vocabulary, role by role, including a city team member of another city."""

import pytest
from django.core.exceptions import PermissionDenied

from safercities.accounts import permissions
from safercities.accounts.enums import Role
from safercities.accounts.models import User

pytestmark = pytest.mark.django_db


def test_a_visitor_holds_only_the_visitor_role(visitor):
    assert permissions.roles_of(visitor) == {Role.VISITOR}
    with pytest.raises(PermissionDenied):
        permissions.check_member(visitor)


def test_a_member_is_a_member_and_nothing_more(member, city_a):
    assert permissions.roles_of(member) == {Role.MEMBER}
    permissions.check_member(member)
    for check in (
        permissions.check_editor,
        permissions.check_trainer,
        permissions.check_site_admin,
    ):
        with pytest.raises(PermissionDenied):
            check(member)
    with pytest.raises(PermissionDenied):
        permissions.check_city_team(member, city_a)


def test_an_editor_may_curate_but_not_administer(editor):
    assert permissions.roles_of(editor) == {Role.MEMBER, Role.EDITOR}
    permissions.check_editor(editor)
    with pytest.raises(PermissionDenied):
        permissions.check_site_admin(editor)


def test_a_trainer_is_recognised(trainer):
    permissions.check_trainer(trainer)
    assert Role.TRAINER in permissions.roles_of(trainer)


def test_a_city_team_member_acts_for_their_own_city(team_a, city_a):
    permissions.check_city_team(team_a, city_a)
    assert Role.CITY_TEAM in permissions.roles_of(team_a, city_a)


def test_a_city_team_member_of_another_city_is_refused(team_b, city_a, city_b):
    permissions.check_city_team(team_b, city_b)
    with pytest.raises(PermissionDenied):
        permissions.check_city_team(team_b, city_a)
    assert Role.CITY_TEAM not in permissions.roles_of(team_b, city_a)


def test_a_site_admin_holds_every_role_and_counts_as_every_city_team(site_admin, city_a):
    permissions.check_site_admin(site_admin)
    permissions.check_editor(site_admin)
    permissions.check_city_team(site_admin, city_a)


def test_an_inactive_account_is_treated_as_a_visitor(member, city_a):
    member.is_active = False
    member.save()
    assert permissions.roles_of(member) == {Role.VISITOR}


def test_members_edit_only_their_own_profile(member, editor, site_admin):
    permissions.check_can_edit_profile(member, member)
    with pytest.raises(PermissionDenied):
        permissions.check_can_edit_profile(editor, member)
    permissions.check_can_edit_profile(site_admin, member)


def test_member_listings_are_empty_for_visitors(visitor, member):
    assert not permissions.filter_members_queryset(visitor, User.objects.all()).exists()
    assert permissions.filter_members_queryset(member, User.objects.all()).filter(pk=member.pk)


def test_the_audit_log_is_for_site_admins_only(
    client_for, visitor, member, editor, team_a, site_admin
):
    for person in (member, editor, team_a):
        assert client_for(person).get("/audit-log/").status_code == 403
    assert client_for(visitor).get("/audit-log/").status_code == 302
    assert client_for(site_admin).get("/audit-log/").status_code == 200


def test_the_city_page_shows_the_team_only_to_members(client_for, visitor, member, team_a, city_a):
    anonymous_page = client_for(visitor).get(city_a.get_absolute_url()).content.decode()
    assert "Team A Person" not in anonymous_page
    assert "This city has a team of 1 person" in anonymous_page
    member_page = client_for(member).get(city_a.get_absolute_url()).content.decode()
    assert "Team A Person" in member_page
    assert "You are on this city" not in member_page
    team_page = client_for(team_a).get(city_a.get_absolute_url()).content.decode()
    assert "You are on this city" in team_page
