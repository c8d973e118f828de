import pytest

from .conftest import INCIDENT, SURVEY, audit_answers, incident_answers, store, survey_answers

pytestmark = pytest.mark.django_db


def test_every_diagnosis_page_answers_for_visitors_and_for_the_team(
    client_for, team_a, make_assessment
):
    audit = make_assessment()
    survey = make_assessment(tool=SURVEY)
    incident = make_assessment(tool=INCIDENT)
    for i in range(8):
        store(audit, audit_answers(i % 4, 13.72 + i * 0.0001, 100.56))
        store(survey, survey_answers(theft_personal="yes" if i % 2 else "no"))
        store(incident, incident_answers("theft", 13.72, 100.56 + i * 0.0001))
    for user in (None, team_a):
        client = client_for(user)
        for a in (audit, survey, incident):
            for url in (
                f"/diagnosis/{a.pk}/",
                f"/diagnosis/{a.pk}/map/",
                f"/diagnosis/{a.pk}/map.json",
                f"/diagnosis/{a.pk}/hotspots/",
                f"/diagnosis/{a.pk}/export.csv",
                f"/diagnosis/{a.pk}/export.xlsx",
                f"/api/v1/assessments/{a.pk}/summary",
            ):
                response = client.get(url)
                assert response.status_code == 200, (url, user, response.content[:2000])
