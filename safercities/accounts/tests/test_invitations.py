"""Invitations by email to a city team or an organisation: signed, expiring, for one address."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from safercities.accounts import invitations
from safercities.accounts.models import CityTeamMembership, Invitation, OrganisationMembership
from safercities.core.models import AuditLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_a(make_user, city_a):
    user = make_user(email="lead.a@example.org", name="Lead of Bangkok")
    CityTeamMembership.objects.create(user=user, city=city_a, is_lead=True)
    return user


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/invitations/\S+/)", message.body).group(1)


def test_a_team_lead_invites_somebody_who_signs_up_and_joins(client_for, lead_a, city_a, make_user):
    response = client_for(lead_a).post(
        f"/cities/{city_a.slug}/team/",
        {"email": "Somchai.New@Example.org", "message": "Join us for the audits"},
    )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["somchai.new@example.org"]
    link = _link(mail.outbox[-1])
    assert "Join us for the audits" in mail.outbox[-1].body

    anonymous = client_for(None).get(link)
    assert anonymous.status_code == 200
    assert "Create an account" in anonymous.content.decode()

    somchai = make_user(email="somchai.new@example.org", name="Somchai", verified=False)
    client = client_for(somchai)
    assert "Accept the invitation" in client.get(link).content.decode()
    accepted = client.post(link)
    assert accepted.status_code == 302
    assert CityTeamMembership.objects.filter(user=somchai, city=city_a, is_lead=False).exists()
    assert somchai.emailaddress_set.get().verified
    assert AuditLogEntry.objects.filter(action="invitation.accepted", actor=somchai).exists()
    assert client.get(link).status_code == 410  # used once


def test_an_invitation_for_another_address_cannot_be_accepted(client_for, lead_a, city_a, member):
    invitation = invitations.invite(lead_a, "someone.else@example.org", city=city_a)
    link = _link(mail.outbox[-1])
    client = client_for(member)
    assert "Log in with that address" in client.get(link).content.decode()
    client.post(link)
    assert not CityTeamMembership.objects.filter(user=member).exists()
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_an_invitation_expires_after_fourteen_days(client_for, lead_a, city_a, make_user):
    invitations.invite(lead_a, "late@example.org", city=city_a)
    link = _link(mail.outbox[-1])
    late = make_user(email="late@example.org")
    later = time.time() + 15 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client_for(late).post(link)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not CityTeamMembership.objects.filter(user=late).exists()


def test_an_invitation_past_its_end_date_is_refused(client_for, lead_a, city_a, make_user):
    invitation = invitations.invite(lead_a, "late2@example.org", city=city_a)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client_for(make_user(email="late2@example.org")).post(_link(mail.outbox[-1]))
    assert response.status_code == 410


def test_a_tampered_link_is_refused(client_for, lead_a, city_a):
    invitations.invite(lead_a, "x@example.org", city=city_a)
    link = _link(mail.outbox[-1])
    response = client_for(None).get(link[:-3] + "xx/")
    assert response.status_code == 410
    assert "not valid" in response.content.decode()


def test_a_withdrawn_invitation_no_longer_works(client_for, lead_a, city_a, make_user):
    invitation = invitations.invite(lead_a, "w@example.org", city=city_a)
    link = _link(mail.outbox[-1])
    client_for(lead_a).post(f"/invitations/{invitation.pk}/withdraw/")
    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    person = make_user(email="w@example.org")
    assert client_for(person).post(link).status_code == 410


def test_inviting_as_lead_makes_a_team_lead(lead_a, city_a, make_user, client_for):
    invitations.invite(lead_a, "colead@example.org", city=city_a, as_lead=True)
    person = make_user(email="colead@example.org")
    client_for(person).post(_link(mail.outbox[-1]))
    assert CityTeamMembership.objects.get(user=person).is_lead


def test_only_the_team_lead_or_a_site_admin_can_invite(client_for, team_a, city_a):
    response = client_for(team_a).post(f"/cities/{city_a.slug}/team/", {"email": "a@example.org"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_inviting_a_current_team_member_says_so(client_for, lead_a, team_a, city_a):
    response = client_for(lead_a).post(f"/cities/{city_a.slug}/team/", {"email": team_a.email})
    assert response.status_code == 200
    assert "already in this team" in response.content.decode()


def test_an_invitation_mail_is_written_in_the_invitees_language(lead_a, city_a, make_user):
    make_user(email="khmer.reader@example.org", ui_language="km")
    invitations.invite(lead_a, "khmer.reader@example.org", city=city_a)
    assert "invites you to join" not in mail.outbox[-1].body


def test_an_organisation_invitation_confirms_the_membership(
    site_admin, make_organisation, make_user, client_for
):
    organisation = make_organisation(name="Canal Community Group")
    invitations.invite(site_admin, "org.person@example.org", organisation=organisation)
    person = make_user(email="org.person@example.org")
    client_for(person).post(_link(mail.outbox[-1]))
    membership = OrganisationMembership.objects.get(user=person)
    assert membership.is_confirmed and membership.organisation == organisation
    person.refresh_from_db()
    assert person.organisation == organisation
