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
