import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from safercities.core.models import AuditLogEntry
from safercities.pilots import permissions, services
from safercities.pilots.enums import PHASE_ORDER, PhaseStatus
from safercities.pilots.models import Pilot

pytestmark = pytest.mark.django_db


def test_starting_a_pilot_creates_the_six_phases_in_method_order(pilot_a):
    assert [p.phase for p in pilot_a.phases.in_method_order()] == PHASE_ORDER
    assert AuditLogEntry.objects.filter(action="pilot.started").count() == 1


def test_a_city_cannot_have_two_pilots(pilot_a, team_a, city_a):
    with pytest.raises(ValidationError):
        services.start_pilot(team_a, city_a, title="Again")


def test_the_team_of_city_a_starts_its_pilot_from_the_form(client, team_a, city_a):
    client.force_login(team_a)
    url = reverse("pilots:start", args=[city_a.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Safer Bangkok", "summary": "", "language": "en"})
    pilot = Pilot.objects.get(city=city_a)
    assert response.status_code == 302 and response["Location"] == pilot.get_absolute_url()


def test_the_team_of_city_b_is_refused_starting_city_as_pilot(client, team_b, city_a):
    client.force_login(team_b)
    url = reverse("pilots:start", args=[city_a.slug])
    assert client.post(url, {"title": "x", "language": "en"}).status_code == 403
    assert not Pilot.objects.exists()


def test_a_visitor_is_sent_to_log_in_or_refused_when_starting_a_pilot(client, city_a):
    response = client.get(reverse("pilots:start", args=[city_a.slug]))
    assert response.status_code in (302, 403)
    assert not Pilot.objects.exists()


def test_an_empty_title_is_refused_with_a_message(client, team_a, city_a):
    client.force_login(team_a)
    response = client.post(
        reverse("pilots:start", args=[city_a.slug]), {"title": "", "language": "en"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["title"]


def test_the_team_updates_a_phase_with_dates(client, team_a, pilot_a):
    client.force_login(team_a)
    url = reverse("pilots:phase", args=["bangkok", "diagnosis"])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"status": "done", "started_on": "2026-01-10", "ended_on": "2026-03-01", "notes": "ok"}
    )
    assert response.status_code == 302
    phase = pilot_a.phases.get(phase="diagnosis")
    assert phase.status == PhaseStatus.DONE and str(phase.ended_on) == "2026-03-01"


def test_a_phase_cannot_end_before_it_starts(client, team_a, pilot_a):
    client.force_login(team_a)
    response = client.post(
        reverse("pilots:phase", args=["bangkok", "diagnosis"]),
        {"status": "done", "started_on": "2026-03-10", "ended_on": "2026-03-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ended_on"]
    assert pilot_a.phases.get(phase="diagnosis").status == PhaseStatus.NOT_STARTED


def test_a_finished_phase_needs_its_end_date(team_a, pilot_a):
    with pytest.raises(ValidationError):
        services.update_phase(
            team_a,
            pilot_a.phases.get(phase="partnership"),
            status="done",
            started_on=None,
            ended_on=None,
            notes="",
        )


@pytest.mark.parametrize("who", ["team_b", "partner", "visitor"])
def test_only_the_city_team_may_update_a_phase(client, request, who, pilot_a):
    person = request.getfixturevalue(who)
    if person.is_authenticated:
        client.force_login(person)
    response = client.post(
        reverse("pilots:phase", args=["bangkok", "diagnosis"]),
        {"status": "in_progress", "started_on": "2026-01-01"},
    )
    assert response.status_code in (302, 403) if who == "visitor" else response.status_code == 403
    assert pilot_a.phases.get(phase="diagnosis").status == PhaseStatus.NOT_STARTED


def test_an_unknown_phase_is_404(client, team_a, pilot_a):
    client.force_login(team_a)
    assert client.get(reverse("pilots:phase", args=["bangkok", "nope"])).status_code == 404


def test_the_team_edits_the_pilot_and_others_are_refused(client, team_a, team_b, pilot_a):
    url = reverse("pilots:edit", args=["bangkok"])
    client.force_login(team_b)
    assert client.post(url, {"title": "Hacked", "language": "en"}).status_code == 403
    client.force_login(team_a)
    response = client.post(url, {"title": "Safer Bangkok 2030", "summary": "s", "language": "th"})
    assert response.status_code == 302
    pilot_a.refresh_from_db()
    assert pilot_a.title == "Safer Bangkok 2030" and pilot_a.language == "th"


def test_the_pilot_list_shows_the_pilots_with_phases_done(
    client, pilot_a, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("pilots:list"))
    assert response.status_code == 200
    assert "Safer Bangkok" in response.content.decode()


def test_the_menu_links_to_the_pilot_cities(client):
    assert reverse("pilots:list") in client.get("/").content.decode()


def test_a_visitor_sees_the_public_summary_without_people_or_minutes(client, pilot_a, partner):
    response = client.get(pilot_a.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "A public summary." in html and "Community Network" in html
    assert "Partner Person" not in html
    assert reverse("pilots:meeting_new", args=["bangkok"]) not in html
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_team_sees_edit_links_and_people_as_a_private_page(
    client, team_a, pilot_a, partner, django_assert_max_num_queries
):
    client.force_login(team_a)
    with django_assert_max_num_queries(20):
        response = client.get(pilot_a.get_absolute_url())
    html = response.content.decode()
    assert "Partner Person" in html
    assert reverse("pilots:meeting_new", args=["bangkok"]) in html
    assert "no-store" in response["Cache-Control"]


def test_the_team_of_city_b_sees_only_the_public_summary(client, team_b, pilot_a, partner):
    client.force_login(team_b)
    html = client.get(pilot_a.get_absolute_url()).content.decode()
    assert "Partner Person" not in html
    assert reverse("pilots:edit", args=["bangkok"]) not in html


def test_a_committee_partner_sees_people_but_no_edit_links(client, partner, pilot_a):
    client.force_login(partner)
    html = client.get(pilot_a.get_absolute_url()).content.decode()
    assert "Partner Person" in html
    assert reverse("pilots:edit", args=["bangkok"]) not in html


def test_committee_partner_rights_are_recorded(partner, pilot_a, team_b, team_a):
    assert permissions.is_committee_partner(partner, pilot_a)
    assert not permissions.is_committee_partner(team_b, pilot_a)
    assert not permissions.can_edit_pilot(partner, pilot_a)
    assert permissions.can_edit_pilot(team_a, pilot_a)
    with pytest.raises(PermissionDenied):
        permissions.check_can_edit_pilot(partner, pilot_a)


def test_an_unknown_pilot_is_404(client):
    assert client.get(reverse("pilots:detail", args=["nowhere"])).status_code == 404
