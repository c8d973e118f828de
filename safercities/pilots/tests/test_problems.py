import re

import numpy as np
import pytest
from django.urls import reverse

from safercities.diagnosis import findings
from safercities.diagnosis.tests.conftest import (
    INCIDENT,
    SURVEY,
    audit_answers,
    incident_answers,
    store,
    survey_answers,
)
from safercities.pilots import problems
from safercities.pilots.enums import Approach
from safercities.pilots.models import Problem

pytestmark = pytest.mark.django_db

ACTION = "Make it a priority problem"


@pytest.fixture
def audit(make_assessment):
    assessment = make_assessment()
    for i in range(6):
        store(assessment, audit_answers(0, 13.73 + i * 0.001, 100.53))
    return assessment


@pytest.fixture
def survey(make_assessment):
    assessment = make_assessment(tool=SURVEY)
    for i in range(40):
        theft = "yes" if i % 4 else "no"
        store(assessment, survey_answers(settlement="informal", theft_personal=theft))
        store(
            assessment,
            survey_answers(settlement="formal", theft_personal="yes" if i % 4 == 0 else "no"),
        )
    return assessment


@pytest.fixture
def reports(make_assessment):
    assessment = make_assessment(tool=INCIDENT)
    rng = np.random.default_rng(5)
    for _ in range(60):
        lat, lon = 13.73 + rng.normal(0, 0.0008), 100.53 + rng.normal(0, 0.0008)
        store(assessment, incident_answers("theft", lat, lon))
    for _ in range(60):
        lat, lon = rng.uniform(13.70, 13.76), rng.uniform(100.50, 100.56)
        store(assessment, incident_answers("theft", lat, lon))
    return assessment


def _form_fields(html: str) -> dict:
    form = html.split('action="/pilots/bangkok/problems/from-evidence/"')[1].split("</form>")[0]
    return dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))


def test_the_bangkok_team_turns_a_low_audit_parameter_into_a_problem_in_one_click(
    client, team_a, pilot_a, audit
):
    client.force_login(team_a)
    html = client.get(audit.get_absolute_url()).content.decode()
    assert ACTION in html
    fields = _form_fields(html)
    response = client.post(reverse("pilots:problem_from_evidence", args=["bangkok"]), fields)
    problem = Problem.objects.get()
    assert response["Location"] == problem.get_absolute_url()
    assert problem.evidence_kind == "audit_parameter"
    assert problem.evidence_assessment == audit
    assert problem.evidence_figures["score"] == 0.0 and problem.evidence_figures["n_audits"] == 6
    assert problem.evidence_date is not None
    page = client.get(problem.get_absolute_url()).content.decode()
    assert audit.get_absolute_url() in page


def test_the_snapshot_keeps_the_figures_of_that_date(client, team_a, pilot_a, audit):
    client.force_login(team_a)
    fields = _form_fields(client.get(audit.get_absolute_url()).content.decode())
    client.post(reverse("pilots:problem_from_evidence", args=["bangkok"]), fields)
    for i in range(6):
        store(audit, audit_answers(3, 13.73 + i * 0.001, 100.53))
    problem = Problem.objects.get()
    assert problem.evidence_figures["n_audits"] == 6


def test_the_same_finding_twice_gives_the_same_problem(client, team_a, pilot_a, audit):
    client.force_login(team_a)
    fields = _form_fields(client.get(audit.get_absolute_url()).content.decode())
    url = reverse("pilots:problem_from_evidence", args=["bangkok"])
    client.post(url, fields)
    client.post(url, fields)
    assert Problem.objects.count() == 1


def test_a_victimization_gap_becomes_a_problem(client, team_a, pilot_a, survey):
    client.force_login(team_a)
    fields = _form_fields(client.get(survey.get_absolute_url()).content.decode())
    assert fields["kind"] == "victimization_gap" and fields["key"] == "theft_personal"
    client.post(reverse("pilots:problem_from_evidence", args=["bangkok"]), fields)
    figures = Problem.objects.get().evidence_figures
    assert figures["difference"] == pytest.approx(0.5) and figures["low"] > 0


def test_a_hotspot_cluster_becomes_a_problem_linking_back_to_the_analysis(
    client, team_a, pilot_a, reports
):
    client.force_login(team_a)
    html = client.get(reverse("diagnosis:hotspots", args=[reports.pk])).content.decode()
    fields = _form_fields(html)
    assert fields["kind"] == "hotspot"
    client.post(reverse("pilots:problem_from_evidence", args=["bangkok"]), fields)
    problem = Problem.objects.get()
    assert abs(problem.evidence_figures["latitude"] - 13.73) < 0.01
    assert problem.evidence_figures["class"] >= 1
    assert reverse("diagnosis:hotspots", args=[reports.pk]) in problems.evidence_url(problem)


def test_a_forged_key_is_refused_without_creating_anything(client, team_a, pilot_a, audit):
    client.force_login(team_a)
    response = client.post(
        reverse("pilots:problem_from_evidence", args=["bangkok"]),
        {"kind": "audit_parameter", "assessment": audit.pk, "key": "nowhere:lighting"},
    )
    assert response.status_code == 302 and response["Location"] == audit.get_absolute_url()
    assert not Problem.objects.exists()


def test_an_assessment_of_another_city_is_404(client, team_a, pilot_a, make_assessment, city_b):
    other = make_assessment(city=city_b)
    client.force_login(team_a)
    response = client.post(
        reverse("pilots:problem_from_evidence", args=["bangkok"]),
        {"kind": "audit_parameter", "assessment": other.pk, "key": "x"},
    )
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["team_b", "partner", "visitor"])
def test_only_the_city_team_is_offered_and_allowed_the_action(client, request, who, pilot_a, audit):
    person = request.getfixturevalue(who)
    if person.is_authenticated:
        client.force_login(person)
    assert ACTION not in client.get(audit.get_absolute_url()).content.decode()
    response = client.post(
        reverse("pilots:problem_from_evidence", args=["bangkok"]),
        {"kind": "audit_parameter", "assessment": audit.pk, "key": "x"},
    )
    assert response.status_code in (302, 403) if who == "visitor" else response.status_code == 403
    assert not Problem.objects.exists()


def test_no_action_without_a_pilot(client, team_a, audit):
    client.force_login(team_a)
    assert ACTION not in client.get(audit.get_absolute_url()).content.decode()


def test_the_diagnosis_does_not_import_pilots():
    from pathlib import Path

    import safercities.diagnosis as package

    for path in Path(package.__file__).parent.rglob("*.py"):
        for line in path.read_text().splitlines():
            if line.lstrip().startswith(("import ", "from ")):
                assert "pilots" not in line, (path, line)


def test_ranking_needs_a_reason(client, team_a, pilot_a):
    problem = problems.create_problem(team_a, pilot_a, title="Dark lanes")
    client.force_login(team_a)
    response = client.post(problem.get_absolute_url(), {"title": "Dark lanes", "rank": "1"})
    assert response.status_code == 200 and response.context["form"].errors["rank_reason"]
    client.post(
        problem.get_absolute_url(),
        {
            "title": "Dark lanes",
            "rank": "1",
            "rank_reason": "Most reports",
            "approach": "situational",
        },
    )
    problem.refresh_from_db()
    assert problem.rank == 1 and problem.approach == Approach.SITUATIONAL


def test_problems_are_listed_by_rank_and_grouped(
    client, team_a, pilot_a, django_assert_max_num_queries
):
    problems.create_problem(
        team_a, pilot_a, title="B second", rank=2, rank_reason="r", approach="social"
    )
    problems.create_problem(
        team_a, pilot_a, title="A first", rank=1, rank_reason="r", approach="institutional"
    )
    problems.create_problem(team_a, pilot_a, title="C unranked")
    url = reverse("pilots:problems", args=["bangkok"])
    with django_assert_max_num_queries(10):
        html = client.get(url).content.decode()
    assert html.index("A first") < html.index("B second") < html.index("C unranked")
    grouped = client.get(url + "?by=approach").content.decode()
    assert grouped.index("Social prevention") < grouped.index("Institutional prevention")
    assert client.get(url + "?by=theme").status_code == 200
    assert client.get(url + "?by=nonsense").status_code == 200


def test_the_public_sees_problems_without_the_evidence_figures(client, team_a, pilot_a, audit):
    client.force_login(team_a)
    fields = _form_fields(client.get(audit.get_absolute_url()).content.decode())
    client.post(reverse("pilots:problem_from_evidence", args=["bangkok"]), fields)
    problem = Problem.objects.get()
    client.logout()
    html = client.get(problem.get_absolute_url()).content.decode()
    assert problem.title in html and "Parameter score" not in html
    assert client.post(problem.get_absolute_url(), {"title": "x"}).status_code in (302, 403)


def test_the_team_of_city_b_cannot_edit_or_delete_a_problem(client, team_a, team_b, pilot_a):
    problem = problems.create_problem(team_a, pilot_a, title="Dark lanes")
    client.force_login(team_b)
    assert client.post(problem.get_absolute_url(), {"title": "x"}).status_code == 403
    url = reverse("pilots:problem_delete", args=["bangkok", problem.pk])
    assert client.post(url).status_code == 403
    problem.refresh_from_db()
    assert problem.title == "Dark lanes"


def test_the_team_adds_and_deletes_a_problem(client, team_a, pilot_a):
    client.force_login(team_a)
    url = reverse("pilots:problem_new", args=["bangkok"])
    assert client.get(url).status_code == 200
    client.post(url, {"title": "Harassment at the market", "approach": "social"})
    problem = Problem.objects.get()
    client.post(reverse("pilots:problem_delete", args=["bangkok", problem.pk]))
    assert not Problem.objects.exists()


def test_the_registry_lists_only_findings_with_an_action(rf, visitor, audit):
    request = rf.get("/")
    request.user = visitor
    assert findings.with_actions(request, [findings.Finding("hotspot", audit, "k", "t", {})]) == []
