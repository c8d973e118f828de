import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safercities.notifications.models import Notification
from safercities.pilots import services
from safercities.pilots.enums import MeetingStatus
from safercities.pilots.models import CommitteeMember, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(team_a, pilot_a):
    return services.save_meeting(
        team_a, pilot_a, held_on=datetime.date(2026, 2, 1), title="First meeting", minutes="Agreed."
    )


def test_the_team_adds_a_community_organisation_not_in_the_directory(client, team_a, pilot_a):
    client.force_login(team_a)
    url = reverse("pilots:committee_add", args=["bangkok"])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"organisation_name": "Klong Toey Women's Group", "community": "on", "role": "member"},
    )
    assert response.status_code == 302
    seat = CommitteeMember.objects.get()
    assert seat.community and seat.organisation_label == "Klong Toey Women's Group"


def test_a_committee_seat_needs_an_organisation(client, team_a, pilot_a):
    client.force_login(team_a)
    response = client.post(
        reverse("pilots:committee_add", args=["bangkok"]), {"person_name": "X", "role": "chair"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["organisation_name"]
    assert not CommitteeMember.objects.exists()


def test_an_unknown_account_email_is_refused(client, team_a, pilot_a):
    client.force_login(team_a)
    response = client.post(
        reverse("pilots:committee_add", args=["bangkok"]),
        {"organisation_name": "Org", "role": "partner", "user_email": "nobody@example.org"},
    )
    assert response.context["form"].errors["user_email"]


def test_partner_rights_need_a_hub_account(client, team_a, pilot_a):
    client.force_login(team_a)
    response = client.post(
        reverse("pilots:committee_add", args=["bangkok"]),
        {"organisation_name": "Org", "role": "partner", "can_update_interventions": "on"},
    )
    assert response.context["form"].errors["user_email"]


def test_a_person_named_on_the_committee_is_notified(partner):
    assert Notification.objects.filter(recipient=partner, verb="pilot.committee_seat").exists()


def test_the_team_of_city_b_cannot_change_the_committee(client, team_b, pilot_a, partner):
    client.force_login(team_b)
    seat = CommitteeMember.objects.get()
    assert client.post(reverse("pilots:committee_add", args=["bangkok"]), {}).status_code == 403
    url = reverse("pilots:committee_remove", args=["bangkok", seat.pk])
    assert client.post(url).status_code == 403
    assert CommitteeMember.objects.exists()


def test_the_team_removes_a_committee_member(client, team_a, pilot_a, partner):
    client.force_login(team_a)
    seat = CommitteeMember.objects.get()
    response = client.post(reverse("pilots:committee_remove", args=["bangkok", seat.pk]))
    assert response.status_code == 302 and not CommitteeMember.objects.exists()


def test_the_team_records_a_meeting_as_a_draft(client, team_a, pilot_a):
    client.force_login(team_a)
    url = reverse("pilots:meeting_new", args=["bangkok"])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"held_on": "2026-02-01", "title": "Kick-off", "minutes": "We met."}
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.status == MeetingStatus.DRAFT


def test_a_meeting_without_a_date_is_refused(client, team_a, pilot_a):
    client.force_login(team_a)
    response = client.post(reverse("pilots:meeting_new", args=["bangkok"]), {"title": "x"})
    assert response.status_code == 200 and response.context["form"].errors["held_on"]


def test_draft_minutes_are_for_the_team_only(client, draft, partner, team_b):
    url = draft.get_absolute_url()
    client.force_login(partner)
    assert client.get(url).status_code == 403
    client.force_login(team_b)
    assert client.get(url).status_code == 403


def test_approving_minutes_locks_them_and_tells_the_committee(client, team_a, draft, partner):
    client.force_login(team_a)
    response = client.post(reverse("pilots:meeting_approve", args=["bangkok", draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.locked and draft.approved_by == team_a and draft.approved_at
    assert Notification.objects.filter(recipient=partner, verb="pilot.minutes_approved").exists()
    edit = reverse("pilots:meeting_edit", args=["bangkok", draft.pk])
    client.post(edit, {"held_on": "2026-02-01", "title": "Changed", "minutes": "Changed"})
    draft.refresh_from_db()
    assert draft.title == "First meeting"
    client.post(reverse("pilots:meeting_delete", args=["bangkok", draft.pk]))
    assert Meeting.objects.filter(pk=draft.pk).exists()


def test_approved_minutes_are_read_by_the_committee_not_by_the_public(
    client, team_a, draft, partner
):
    services.approve_minutes(team_a, draft)
    client.force_login(partner)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200 and "Agreed." in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code in (302, 403)


def test_the_public_page_counts_approved_meetings(client, team_a, draft):
    services.approve_minutes(team_a, draft)
    html = client.get(draft.pilot.get_absolute_url()).content.decode()
    assert "approved the minutes of 1 meeting" in html
    assert "First meeting" not in html


def test_empty_minutes_cannot_be_approved(team_a, pilot_a):
    meeting = services.save_meeting(
        team_a, pilot_a, held_on=datetime.date(2026, 1, 1), title="t", minutes=" "
    )
    with pytest.raises(ValidationError):
        services.approve_minutes(team_a, meeting)


def test_the_team_of_city_b_cannot_approve_minutes(client, team_b, draft):
    client.force_login(team_b)
    assert (
        client.post(reverse("pilots:meeting_approve", args=["bangkok", draft.pk])).status_code
        == 403
    )
    draft.refresh_from_db()
    assert not draft.locked


def test_the_team_deletes_a_draft_meeting(client, team_a, draft):
    client.force_login(team_a)
    client.post(reverse("pilots:meeting_delete", args=["bangkok", draft.pk]))
    assert not Meeting.objects.exists()
