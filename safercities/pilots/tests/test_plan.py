import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from safercities.notifications.models import Notification
from safercities.pilots import plan, problems
from safercities.pilots.models import CommitteeMember, Intervention, Milestone
from safercities.taxonomy.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def problem(team_a, pilot_a):
    theme = Theme.objects.get(slug="street-lighting")
    return problems.create_problem(
        team_a, pilot_a, title="Dark lanes", theme=theme, approach="situational"
    )


@pytest.fixture
def objective(team_a, problem):
    return plan.add_objective(team_a, problem, title="Light every lane by 2027")


@pytest.fixture
def intervention(team_a, objective, partner):
    seat = CommitteeMember.objects.get(user=partner)
    return plan.create_intervention(
        team_a,
        objective,
        title="Solar lamps",
        approach="situational",
        lead_agency="District office",
        lead_seat=seat,
    )


def _form(**extra):
    data = {"title": "Women's safety walks", "approach": "social", "lead_agency": "NGO"}
    data.update(extra)
    return data


def test_the_team_adds_an_objective(client, team_a, problem):
    client.force_login(team_a)
    url = reverse("pilots:objective_add", args=["bangkok", problem.pk])
    assert client.post(url, {"title": "Fewer dark lanes"}).status_code == 302
    assert problem.objectives.get().title == "Fewer dark lanes"


def test_the_problem_suggests_practices_with_reasons_and_bases_an_intervention_on_one(
    client, team_a, objective, make_practice, make_city
):
    elsewhere = make_city(name="Surabaya", country="ID")
    practice = make_practice(city=elsewhere, title="Lit lanes", themes=("street-lighting",))
    client.force_login(team_a)
    html = client.get(objective.problem.get_absolute_url()).content.decode()
    assert "Lit lanes" in html
    link = reverse("pilots:intervention_new", args=["bangkok", objective.pk])
    assert f"{link}?practice={practice.pk}" in html
    response = client.get(f"{link}?practice={practice.pk}")
    assert response.context["form"].initial["based_on"] == practice.pk
    client.post(link, _form(based_on=practice.pk, target_groups=["women", "youth"]))
    intervention = Intervention.objects.get()
    assert intervention.based_on == practice and intervention.target_groups == ["women", "youth"]
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Adapted in Bangkok" in page and intervention.get_absolute_url() in page


def test_an_intervention_in_another_citys_settlement_is_refused(
    client, team_a, objective, make_settlement, city_b
):
    other = make_settlement(city=city_b)
    client.force_login(team_a)
    link = reverse("pilots:intervention_new", args=["bangkok", objective.pk])
    response = client.post(link, _form(settlement=other.pk))
    assert response.status_code == 200 and response.context["form"].errors["settlement"]
    assert not Intervention.objects.exists()


def test_an_intervention_cannot_end_before_it_starts_and_needs_a_currency(
    client, team_a, objective
):
    client.force_login(team_a)
    link = reverse("pilots:intervention_new", args=["bangkok", objective.pk])
    response = client.post(link, _form(starts_on="2026-05-01", ends_on="2026-01-01", budget="1000"))
    errors = response.context["form"].errors
    assert "ends_on" in errors and "currency" in errors
    response = client.post(link, _form(currency="baht"))
    assert response.context["form"].errors["currency"]
    assert not Intervention.objects.exists()


def test_an_intervention_in_a_settlement_of_the_city(
    client, team_a, objective, make_settlement, city_a
):
    place = make_settlement(city=city_a, name="Klong Toey")
    client.force_login(team_a)
    link = reverse("pilots:intervention_new", args=["bangkok", objective.pk])
    client.post(link, _form(settlement=place.pk, budget="250000", currency="thb"))
    intervention = Intervention.objects.get()
    assert intervention.settlement == place and intervention.currency == "THB"
    assert "Klong Toey" in client.get(intervention.get_absolute_url()).content.decode()


def test_progress_comes_from_weighted_milestones_with_evidence(team_a, intervention):
    first = plan.add_milestone(team_a, intervention, title="Survey lanes", weight=1)
    plan.add_milestone(team_a, intervention, title="Install lamps", weight=3)
    assert Intervention.objects.get(pk=intervention.pk).progress == 0
    plan.complete_milestone(team_a, first, done_on=timezone.localdate(), evidence="Report")
    assert Intervention.objects.get(pk=intervention.pk).progress == 25


def test_a_milestone_is_not_done_without_evidence(client, team_a, intervention):
    milestone = plan.add_milestone(team_a, intervention, title="Install", weight=1)
    client.force_login(team_a)
    url = reverse("pilots:milestone_done", args=["bangkok", intervention.pk, milestone.pk])
    client.post(url, {"done_on": str(timezone.localdate()), "evidence": ""})
    milestone.refresh_from_db()
    assert milestone.done_on is None


def test_the_leading_partner_updates_milestones_but_not_the_intervention(
    client, partner, intervention
):
    client.force_login(partner)
    client.post(
        reverse("pilots:milestone_add", args=["bangkok", intervention.pk]),
        {"title": "Meet residents", "weight": "2"},
    )
    milestone = Milestone.objects.get()
    url = reverse("pilots:milestone_done", args=["bangkok", intervention.pk, milestone.pk])
    client.post(url, {"done_on": str(timezone.localdate()), "evidence": "Minutes, photos"})
    assert Intervention.objects.get(pk=intervention.pk).progress == 100
    edit = reverse("pilots:intervention_edit", args=["bangkok", intervention.pk])
    assert client.post(edit, _form()).status_code == 403


def test_a_partner_without_the_right_or_another_team_cannot_update(
    client, team_b, intervention, make_user, team_a, pilot_a
):
    other = make_user(email="other.partner@example.org")
    CommitteeMember.objects.create(pilot=pilot_a, organisation_name="X", role="partner", user=other)
    url = reverse("pilots:milestone_add", args=["bangkok", intervention.pk])
    for person in (other, team_b):
        client.force_login(person)
        assert client.post(url, {"title": "x", "weight": "1"}).status_code == 403
    client.logout()
    assert client.post(url, {"title": "x", "weight": "1"}).status_code in (302, 403)
    assert not Milestone.objects.exists()


def test_an_intervention_without_update_for_90_days_is_stale(client, intervention):
    assert not intervention.is_stale()
    Intervention.objects.filter(pk=intervention.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=91)
    )
    html = client.get(reverse("pilots:plan", args=["bangkok"])).content.decode()
    assert "no update in 90 days" in html


def test_adding_a_milestone_clears_the_stale_flag(team_a, intervention):
    Intervention.objects.filter(pk=intervention.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=91)
    )
    plan.add_milestone(team_a, intervention, title="New step")
    assert not Intervention.objects.get(pk=intervention.pk).is_stale()


def test_the_team_is_reminded_once_before_a_reporting_date(team_a, intervention):
    today = datetime.date(2026, 6, 1)
    intervention.next_report_on = today + datetime.timedelta(days=5)
    intervention.save()
    assert plan.send_reporting_reminders(today) == 1
    assert plan.send_reporting_reminders(today) == 0
    assert Notification.objects.filter(recipient=team_a, verb="pilot.reporting_due").exists()


def test_no_reminder_for_distant_reporting_dates(team_a, intervention):
    today = datetime.date(2026, 6, 1)
    intervention.next_report_on = today + datetime.timedelta(days=30)
    intervention.save()
    assert plan.send_reporting_reminders(today) == 0


def test_the_plan_page_is_public_and_bounded_in_queries(
    client, team_a, intervention, objective, django_assert_max_num_queries
):
    for i in range(5):
        other = plan.create_intervention(
            team_a, objective, title=f"Step {i}", approach="social", lead_agency="NGO"
        )
        plan.add_milestone(team_a, other, title="m", weight=2)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("pilots:plan", args=["bangkok"]))
    html = response.content.decode()
    assert "Solar lamps" in html and "Step 4" in html


def test_the_public_intervention_page_hides_milestone_evidence(client, team_a, intervention):
    milestone = plan.add_milestone(team_a, intervention, title="Install")
    plan.complete_milestone(team_a, milestone, done_on=timezone.localdate(), evidence="Secret memo")
    html = client.get(intervention.get_absolute_url()).content.decode()
    assert "Install" in html and "Secret memo" not in html


def test_the_problem_and_intervention_pages_are_bounded_in_queries(
    client, team_a, intervention, objective, django_assert_max_num_queries
):
    for i in range(4):
        plan.add_milestone(team_a, intervention, title=f"m{i}", weight=i + 1)
        plan.create_intervention(
            team_a, objective, title=f"Other {i}", approach="social", lead_agency="NGO"
        )
    client.force_login(team_a)
    with django_assert_max_num_queries(30):
        assert client.get(objective.problem.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(intervention.get_absolute_url()).status_code == 200


def test_the_reminder_command_runs(team_a, intervention):
    from io import StringIO

    from django.core.management import call_command

    intervention.next_report_on = timezone.localdate() + datetime.timedelta(days=2)
    intervention.save()
    out = StringIO()
    call_command("pilot_reminders", stdout=out)
    assert "1 reminders sent" in out.getvalue()
