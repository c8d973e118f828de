import pytest

pytestmark = pytest.mark.django_db


def test_the_api_lists_pilots(client, pilot_a):
    data = client.get("/api/v1/pilots").json()
    assert [p["city"] for p in data] == ["bangkok"]


def test_a_visitor_reads_a_pilot_without_people(client, pilot_a, partner):
    response = client.get("/api/v1/pilots/bangkok")
    data = response.json()
    assert response.status_code == 200
    assert [p["phase"] for p in data["phases"]][0] == "diagnosis" and len(data["phases"]) == 6
    assert data["committee"][0]["organisation"] == "Community Network"
    assert data["committee"][0]["person"] is None


def test_the_team_reads_people_on_a_private_response(client, team_a, pilot_a, partner):
    client.force_login(team_a)
    response = client.get("/api/v1/pilots/bangkok")
    assert response.json()["committee"][0]["person"] == "Partner Person"
    assert "no-store" in response["Cache-Control"]


def test_the_team_of_city_b_reads_no_people(client, team_b, pilot_a, partner):
    client.force_login(team_b)
    assert client.get("/api/v1/pilots/bangkok").json()["committee"][0]["person"] is None


def test_an_unknown_pilot_is_a_json_404(client):
    response = client.get("/api/v1/pilots/nowhere")
    assert response.status_code == 404 and response.json()["detail"]


def test_problems_and_interventions_in_the_api(
    client, team_a, pilot_a, partner, django_assert_max_num_queries
):
    from safercities.pilots import plan, problems

    problem = problems.create_problem(
        team_a, pilot_a, title="Dark lanes", rank=1, rank_reason="r", approach="situational"
    )
    problem.evidence_figures = {"score": 10.0}
    problem.save()
    objective = plan.add_objective(team_a, problem, title="Light the lanes")
    intervention = plan.create_intervention(
        team_a, objective, title="Lamps", approach="situational", lead_agency="District"
    )
    plan.add_milestone(team_a, intervention, title="m", weight=1)
    data = client.get("/api/v1/pilots/bangkok/problems").json()
    assert data[0]["title"] == "Dark lanes" and data[0]["evidence_figures"] is None
    with django_assert_max_num_queries(6):
        items = client.get("/api/v1/pilots/bangkok/interventions").json()
    assert items[0]["title"] == "Lamps" and items[0]["progress"] == 0
    assert items[0]["problem"] == problem.pk
    client.force_login(team_a)
    response = client.get("/api/v1/pilots/bangkok/problems")
    assert response.json()[0]["evidence_figures"] == {"score": 10.0}
    assert "no-store" in response["Cache-Control"]
    client.force_login(partner)
    assert client.get("/api/v1/pilots/bangkok/problems").json()[0]["evidence_figures"] is None


def test_problems_of_an_unknown_pilot_are_404(client):
    assert client.get("/api/v1/pilots/nowhere/problems").status_code == 404
