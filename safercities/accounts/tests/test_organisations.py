"""Organisations without /admin: create (pending), verify, confirm members, edit, merge, archive."""

import pytest
from django.core import mail

from safercities.accounts import organisations, permissions
from safercities.accounts.models import Organisation, OrganisationMembership
from safercities.core.models import AuditLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def canal_group(client_for, member, site_admin):
    client_for(member).post(
        "/organisations/new/",
        {"name": "Canal Community Group", "kind": "community_based", "country": "TH"},
    )
    return Organisation.objects.get(name="Canal Community Group")


def test_a_member_adds_an_organisation_that_waits_for_verification(
    canal_group, member, site_admin, client_for, visitor
):
    assert canal_group.status == "pending" and canal_group.created_by == member
    assert permissions.is_organisation_admin(member, canal_group)
    assert [m.to for m in mail.outbox] == [[site_admin.email]]
    assert "Canal Community Group" not in client_for(None).get("/organisations/").content.decode()
    assert client_for(None).get(canal_group.get_absolute_url()).status_code == 404
    assert client_for(member).get(canal_group.get_absolute_url()).status_code == 200
    # a pending organisation's admin is not yet trusted elsewhere
    assert not permissions.is_confirmed_member(member, canal_group)


def test_a_site_admin_verifies_it_and_its_creator_is_told(
    canal_group, member, site_admin, client_for
):
    client = client_for(site_admin)
    assert "Canal Community Group" in client.get("/organisations/").content.decode()
    client.post(f"/organisations/{canal_group.slug}/status/", {"action": "verify"})
    canal_group.refresh_from_db()
    assert canal_group.status == "verified"
    assert mail.outbox[-1].to == [member.email]
    assert "Canal Community Group" in client_for(None).get("/organisations/").content.decode()
    assert permissions.is_confirmed_member(member, canal_group)


def test_a_member_cannot_verify(canal_group, trainer, client_for):
    response = client_for(trainer).post(
        f"/organisations/{canal_group.slug}/status/", {"action": "verify"}
    )
    assert response.status_code == 404  # pending pages are hidden from others


def test_the_organisation_admin_confirms_who_belongs(
    canal_group, member, trainer, site_admin, client_for
):
    organisations.verify_organisation(site_admin, canal_group)
    client_for(trainer).post(f"/organisations/{canal_group.slug}/join/")
    membership = OrganisationMembership.objects.get(user=trainer)
    assert not membership.is_confirmed
    assert mail.outbox[-1].to == [member.email]
    assert not permissions.is_confirmed_member(trainer, canal_group)
    assert trainer.pk not in permissions.confirmed_member_ids(canal_group)

    page = client_for(member).get(canal_group.get_absolute_url()).content.decode()
    assert "please confirm" in page and "Test Trainer" in page
    client_for(member).post(
        f"/organisations/{canal_group.slug}/members/{membership.pk}/", {"action": "confirm"}
    )
    assert permissions.is_confirmed_member(trainer, canal_group)
    assert trainer.pk in set(
        OrganisationMembership.objects.trusted().values_list("user_id", flat=True)
    )
    assert AuditLogEntry.objects.filter(action="organisation.member_confirmed").exists()


def test_only_organisation_admins_confirm_members(
    canal_group, trainer, editor, site_admin, client_for
):
    organisations.verify_organisation(site_admin, canal_group)
    client_for(trainer).post(f"/organisations/{canal_group.slug}/join/")
    membership = OrganisationMembership.objects.get(user=trainer)
    response = client_for(editor).post(
        f"/organisations/{canal_group.slug}/members/{membership.pk}/", {"action": "confirm"}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert not membership.is_confirmed


def test_choosing_an_organisation_in_the_profile_asks_it_to_confirm(
    client_for, trainer, make_organisation
):
    organisation = make_organisation(name="City Hall")
    client_for(trainer).post("/profile/", {"name": "Test Trainer", "organisation": organisation.pk})
    membership = OrganisationMembership.objects.get(user=trainer, organisation=organisation)
    assert not membership.is_confirmed


def test_the_last_admin_cannot_leave_the_organisation_without_an_admin(canal_group, member):
    membership = OrganisationMembership.objects.get(user=member)
    with pytest.raises(organisations.OrganisationError):
        organisations.remove_member(member, membership)


def test_an_organisation_admin_edits_the_page_and_a_duplicate_name_is_refused(
    canal_group, member, make_organisation, client_for
):
    make_organisation(name="City Hall")
    client = client_for(member)
    response = client.post(
        f"/organisations/{canal_group.slug}/edit/",
        {"name": "city hall", "kind": "community_based"},
    )
    assert "already on the Hub" in response.content.decode()
    client.post(
        f"/organisations/{canal_group.slug}/edit/",
        {
            "name": "Canal Community Network",
            "kind": "community_based",
            "website": "https://canal.example.org",
        },
    )
    canal_group.refresh_from_db()
    assert canal_group.name == "Canal Community Network"


def test_a_site_admin_merges_a_duplicate_and_everything_follows(
    canal_group, member, trainer, site_admin, make_organisation, client_for
):
    target = make_organisation(name="Canal Communities Federation")
    trainer.organisation = canal_group
    trainer.save()
    OrganisationMembership.objects.create(user=trainer, organisation=canal_group)
    OrganisationMembership.objects.create(user=member, organisation=target)
    response = client_for(site_admin).post(
        f"/organisations/{canal_group.slug}/merge/", {"into": target.pk}
    )
    assert response["Location"] == target.get_absolute_url()
    canal_group.refresh_from_db()
    trainer.refresh_from_db()
    assert canal_group.status == "archived" and canal_group.merged_into == target
    assert trainer.organisation == target
    merged = OrganisationMembership.objects.get(user=member, organisation=target)
    assert merged.is_admin and merged.is_confirmed  # the stronger membership is kept
    assert not OrganisationMembership.objects.filter(organisation=canal_group).exists()
    assert AuditLogEntry.objects.get(action="organisation.merged").data["into"] == target.pk
    assert client_for(member).get(canal_group.get_absolute_url())["Location"] == (
        target.get_absolute_url()
    )


def test_a_site_admin_archives_and_restores(canal_group, site_admin, client_for):
    organisations.verify_organisation(site_admin, canal_group)
    client = client_for(site_admin)
    client.post(f"/organisations/{canal_group.slug}/status/", {"action": "archive"})
    canal_group.refresh_from_db()
    assert canal_group.status == "archived"
    assert "Canal Community Group" not in client_for(None).get("/organisations/").content.decode()
    client_for(site_admin).post(f"/organisations/{canal_group.slug}/status/", {"action": "restore"})
    canal_group.refresh_from_db()
    assert canal_group.status == "verified"
