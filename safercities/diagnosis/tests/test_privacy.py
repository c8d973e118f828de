"""Raw data stays with the city team; everyone else sees suppressed aggregates and grid cells."""

import json
import re

import pytest
from django.core.files.base import ContentFile

from .conftest import INCIDENT, SURVEY, audit_answers, incident_answers, store, survey_answers

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
# Exact locations used below, written as they could appear in a page or JSON.
SPOTS = [(13.712345 + i * 0.00013, 100.556789 + (i % 3) * 0.00011) for i in range(12)]


def _coordinate_strings(lat: float, lon: float) -> list[str]:
    return [f"{lat:.6f}", f"{lon:.6f}", f"{lat:.5f}", f"{lon:.5f}", repr(lat), repr(lon)]


@pytest.fixture
def audit(make_assessment):
    assessment = make_assessment(title="Walks in Khlong Toei")
    for i, (lat, lon) in enumerate(SPOTS):
        store(assessment, audit_answers(i % 4, lat, lon, spot_description=f"Secret spot {i}"))
    return assessment


@pytest.fixture
def incidents(make_assessment):
    assessment = make_assessment(tool=INCIDENT)
    for i in range(7):  # a cell of 7 near one point, and 2 far away
        store(assessment, incident_answers("theft", 13.722201 + i * 1e-5, 100.558801))
    store(assessment, incident_answers("assault", 13.752222, 100.523333))
    store(assessment, incident_answers("assault", 13.752223, 100.523334))
    for i in range(6):  # withheld with the small categories, so they cannot be worked out
        store(assessment, incident_answers("harassment", 13.60 + i * 0.02, 100.40))
    return assessment


def test_the_team_sees_raw_submissions_and_others_do_not(audit, client_for, team_a, team_b, member):
    url = f"/diagnosis/{audit.pk}/submissions/"
    assert client_for(team_a).get(url).status_code == 200
    assert client_for(team_b).get(url).status_code == 403
    assert client_for(member).get(url).status_code == 403
    response = client_for(None).get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    submission = audit.submissions.first()
    detail = f"/diagnosis/{audit.pk}/submissions/{submission.pk}/"
    page = client_for(team_a).get(detail)
    assert page.status_code == 200 and "Secret spot" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    assert client_for(team_b).get(detail).status_code == 403


def test_site_admins_count_as_every_team(audit, client_for, site_admin):
    assert client_for(site_admin).get(f"/diagnosis/{audit.pk}/submissions/").status_code == 200


@pytest.mark.parametrize("who", ["team_b", "visitor", "member"])
def test_outsiders_see_no_exact_location_or_free_text(who, audit, incidents, client_for, request):
    user = None if who == "visitor" else request.getfixturevalue(who)
    client = client_for(user)
    pages = []
    for assessment in (audit, incidents):
        for suffix in ("", "map/", "map.json", "hotspots/", "hotspots.json", "export.csv"):
            response = client.get(f"/diagnosis/{assessment.pk}/{suffix}")
            assert response.status_code == 200, suffix
            pages.append(response.content.decode("utf-8-sig"))
        api = client.get(f"/api/v1/assessments/{assessment.pk}/summary")
        pages.append(api.content.decode())
    text = "\n".join(pages)
    for lat, lon in SPOTS + [(13.752222, 100.523333), (13.722201, 100.558801)]:
        for value in _coordinate_strings(lat, lon):
            assert value not in text, value
    assert "Secret spot" not in text
    assert "Submissions" not in pages[0]  # no link to the raw table


def test_the_team_sees_exact_spots_on_the_map_and_others_see_cells(
    audit, client_for, team_a, team_b
):
    team = client_for(team_a).get(f"/diagnosis/{audit.pk}/map.json").json()
    assert team["team"] is True
    assert {(s["lat"], s["lon"]) for s in team["spots"]} == set(SPOTS)
    public = client_for(team_b).get(f"/diagnosis/{audit.pk}/map.json").json()
    assert public["team"] is False and public["spots"] == [] and public["incidents"] == []
    assert all(cell["count"] >= 5 for cell in public["spot_cells"])
    assert sum(cell["count"] for cell in public["spot_cells"]) <= len(SPOTS)


def test_cells_with_fewer_than_five_points_are_not_shown_publicly(incidents, client_for, team_a):
    public = client_for(None).get(f"/diagnosis/{incidents.pk}/map.json").json()
    assert [cell["count"] for cell in public["incident_cells"]] == [7]
    team = client_for(team_a).get(f"/diagnosis/{incidents.pk}/map.json").json()
    assert len(team["incidents"]) == 15
    hot = client_for(None).get(f"/diagnosis/{incidents.pk}/hotspots.json").json()
    assert all(set(cell) == {"lat", "lon", "class", "polygon"} for cell in hot["cells"])
    assert all(cell["class"] != 0 for cell in hot["cells"])


def test_incident_categories_under_five_read_fewer_than_five(incidents, client_for):
    html = client_for(None).get(f"/diagnosis/{incidents.pk}/").content.decode()
    row = re.search(r"Assault or violence</th><td>([^<]*)</td>", html)
    assert row and row.group(1) == "fewer than 5"
    assert re.search(r"Harassment</th><td>withheld</td>", html)
    assert re.search(r"Theft</th><td>7</td>", html)


def test_small_survey_groups_are_suppressed_on_the_page_and_in_the_api(make_assessment, client_for):
    survey = make_assessment(tool=SURVEY)
    for i in range(20):
        store(survey, survey_answers(sex="female", theft_personal="yes" if i % 4 == 0 else "no"))
    for _ in range(3):
        store(survey, survey_answers(sex="male", theft_personal="yes"))
    html = client_for(None).get(f"/diagnosis/{survey.pk}/").content.decode()
    male = re.search(r"Sex:</span> Male</th>\s*<td>([^<]*)</td>", html)
    assert male and male.group(1) == "fewer than 5"
    female = re.search(r"Sex:</span> Female</th>\s*<td>([^<]*)</td>", html)
    assert female and female.group(1) != "fewer than 5"
    rows = client_for(None).get(f"/api/v1/assessments/{survey.pk}/summary").json()["rows"]
    cell = next(
        r for r in rows if r["measure"] == "prevalence:theft_personal" and r["group"] == "male"
    )
    assert cell["value"] is None and cell["n"] == "fewer than 5"


def test_fewer_than_five_is_translated(make_assessment, client_for, settings):
    survey = make_assessment(tool=SURVEY)
    for _ in range(3):
        store(survey, survey_answers(sex="male"))
    client = client_for(None)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
    html = client.get(f"/diagnosis/{survey.pk}/").content.decode()
    assert '<html lang="th"' in html
    from django.utils import translation

    with translation.override("th"):
        from safercities.diagnosis.presenters import small_label

        assert small_label() in html


def test_photos_are_served_only_to_the_team(audit, client_for, team_a, team_b, private_media):
    submission = audit.submissions.first()
    submission.photo.save("spot.png", ContentFile(PNG), save=True)
    assert str(private_media) in submission.photo.path
    url = f"/diagnosis/{audit.pk}/submissions/{submission.pk}/photo/"
    response = client_for(team_a).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    assert client_for(team_b).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


def test_a_submission_of_another_assessment_is_not_found_through_this_one(
    audit, make_assessment, client_for, team_a
):
    other = make_assessment()
    submission = store(other, audit_answers(2, 13.7, 100.5))
    url = f"/diagnosis/{audit.pk}/submissions/{submission.pk}/"
    assert client_for(team_a).get(url).status_code == 404


def test_the_public_summary_api_holds_aggregates_only(audit, client_for):
    data = client_for(None).get(f"/api/v1/assessments/{audit.pk}/summary").json()
    assert data["min_cell"] == 5 and data["submissions"] == 12
    text = json.dumps(data)
    assert "uuid" not in text and "Secret spot" not in text
    measures = {row["measure"] for row in data["rows"]}
    assert "score:overall" in measures
