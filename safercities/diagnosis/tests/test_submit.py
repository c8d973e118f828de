"""Filling in the web form: audits and surveys by the team, incident reports by anyone."""

import re
import time
import uuid
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from safercities.diagnosis import abuse
from safercities.diagnosis.models import Submission, SupportService

from .conftest import INCIDENT, LEVELS, SURVEY
from .test_privacy import PNG

pytestmark = pytest.mark.django_db


def audit_post(**overrides) -> dict:
    data = {
        "audit_date": "2024-03-05",
        "time_of_day": "after_dark",
        "walk_group": "womens_group",
        "location": "13.72001 100.55002",
        "spot_description": "Bus stop behind the market",
        **{parameter: levels[1] for parameter, levels in LEVELS.items()},
        "submission_uuid": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def incident_post(**overrides) -> dict:
    data = {
        "form_started": abuse.form_stamp(time.time() - 10),  # served ten seconds ago
        "category": "harassment",
        "occurred_at": "2024-03-05T20:15",
        "location": "13.72201 100.55879",
        "description": "Men shouting at women near the bus stop",
        "contact_ok": "no",
    }
    data.update(overrides)
    return data


def test_the_team_submits_a_valid_audit_and_it_is_stored(make_assessment, client_for, team_a):
    audit = make_assessment()
    client = client_for(team_a)
    response = client.post(f"/diagnosis/{audit.pk}/submit/", audit_post())
    assert response.status_code == 302
    submission = Submission.objects.get(assessment=audit)
    assert submission.source == "web" and submission.created_by == team_a
    assert (submission.latitude, submission.longitude) == (13.72001, 100.55002)
    assert submission.answers["lighting"] == "poor"
    assert submission.answers["location"][:2] == [13.72001, 100.55002]
    assert submission.answers["audit_date"] == "2024-03-05"
    page = client.get(response["Location"])
    assert "Saved." in page.content.decode()


def test_an_invalid_audit_shows_errors_in_place_and_stores_nothing(
    make_assessment, client_for, team_a
):
    audit = make_assessment()
    data = audit_post(lighting=None, location="200 100")
    response = client_for(team_a).post(f"/diagnosis/{audit.pk}/submit/", data)
    assert response.status_code == 400
    html = response.content.decode()
    lighting = re.search(r'data-question="lighting".*?</div>', html, re.S).group(0)
    assert "This question requires an answer." in lighting
    location = re.search(r'data-question="location".*?</div>', html, re.S).group(0)
    assert "Latitude must be between -90 and 90." in location
    assert 'value="Bus stop behind the market"' in html or "Bus stop behind the market" in html
    assert not Submission.objects.exists()


def test_sending_the_same_form_twice_stores_one_submission(make_assessment, client_for, team_a):
    audit = make_assessment()
    data = audit_post()
    client = client_for(team_a)
    client.post(f"/diagnosis/{audit.pk}/submit/", data)
    client.post(f"/diagnosis/{audit.pk}/submit/", data)
    assert Submission.objects.filter(assessment=audit).count() == 1


def test_a_photo_is_kept_privately_with_the_submission(make_assessment, client_for, team_a):
    audit = make_assessment()
    data = audit_post(photo=SimpleUploadedFile("spot.png", PNG, content_type="image/png"))
    client = client_for(team_a)
    assert client.post(f"/diagnosis/{audit.pk}/submit/", data).status_code == 302
    submission = Submission.objects.get()
    assert submission.photo.name.endswith(f"{submission.uuid}.png")
    detail = client.get(f"/diagnosis/{audit.pk}/submissions/{submission.pk}/").content.decode()
    assert f"/diagnosis/{audit.pk}/submissions/{submission.pk}/photo/" in detail


@pytest.mark.parametrize("tool", ["womens-safety-audit", SURVEY])
def test_only_the_owning_team_may_fill_in_audits_and_surveys(
    tool, make_assessment, client_for, team_b, member
):
    assessment = make_assessment(tool=tool)
    assert client_for(team_b).get(f"/diagnosis/{assessment.pk}/submit/").status_code == 403
    assert client_for(member).post(f"/diagnosis/{assessment.pk}/submit/", {}).status_code == 403
    response = client_for(None).get(f"/diagnosis/{assessment.pk}/submit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_form_speaks_the_respondents_language(make_assessment, client_for, team_a, settings):
    audit = make_assessment()
    client = client_for(team_a)
    english = client.get(f"/diagnosis/{audit.pk}/submit/").content.decode()
    assert "Lighting" in english and 'lang="en"' in english
    thai = client.get(f"/diagnosis/{audit.pk}/submit/?lang=th").content.decode()
    assert "แสงสว่าง" in thai and 'data-webform lang="th"' in thai
    team_a.ui_language = "th"
    team_a.save()
    default = client.get(f"/diagnosis/{audit.pk}/submit/").content.decode()
    assert 'data-webform lang="th"' in default  # the UI language, when the version has it
    assert 'name="lang" value="th"' in default


def test_a_visitor_reports_an_incident_anonymously_and_is_referred_to_support(
    make_assessment, client_for, city_a
):
    reports = make_assessment(tool=INCIDENT)
    SupportService.objects.create(
        city=city_a,
        name="Demo Helpline",
        phone="+66 0000 0000 (demo)",
        languages=["th", "en"],
    )
    client = client_for(None)
    form = client.get(f"/diagnosis/{reports.pk}/submit/")
    assert form.status_code == 200 and "anonymous" in form.content.decode()
    response = client.post(f"/diagnosis/{reports.pk}/submit/", incident_post())
    assert response.status_code == 302
    assert response["Location"] == f"/diagnosis/{reports.pk}/thanks/"
    submission = Submission.objects.get(assessment=reports)
    assert submission.created_by is None and submission.category == "harassment"
    thanks = client.get(response["Location"]).content.decode()
    assert "Demo Helpline" in thanks
    assert 'href="tel:+6600000000"' in thanks
    assert "ไทย" in thanks  # the languages the service speaks


def test_a_logged_in_reporter_stays_anonymous(make_assessment, client_for, member):
    reports = make_assessment(tool=INCIDENT)
    client_for(member).post(f"/diagnosis/{reports.pk}/submit/", incident_post())
    assert Submission.objects.get(assessment=reports).created_by is None


def test_an_invalid_report_is_shown_again_with_errors(make_assessment, client_for):
    reports = make_assessment(tool=INCIDENT)
    response = client_for(None).post(
        f"/diagnosis/{reports.pk}/submit/", incident_post(category="other")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r'data-question="category_other".*?requires an answer', html, re.S)
    assert not Submission.objects.exists()


def test_a_closed_or_finished_incident_assessment_takes_no_reports(make_assessment, client_for):
    closed = make_assessment(tool=INCIDENT, is_open=False)
    ended = make_assessment(tool=INCIDENT, end=date(2024, 2, 1))
    for assessment in (closed, ended):
        response = client_for(None).post(f"/diagnosis/{assessment.pk}/submit/", incident_post())
        assert response.status_code == 403
        assert "not accepting reports" in response.content.decode()
    assert not Submission.objects.exists()


def test_a_photo_is_stored_with_the_extension_of_its_content(make_assessment, client_for, team_a):
    audit = make_assessment()
    data = audit_post(photo=SimpleUploadedFile("spot.html", PNG, content_type="text/html"))
    assert client_for(team_a).post(f"/diagnosis/{audit.pk}/submit/", data).status_code == 302
    submission = Submission.objects.get()
    assert submission.photo.name.endswith(f"{submission.uuid}.png")


def test_a_photo_over_the_size_limit_is_a_form_error(make_assessment, client_for, team_a, settings):
    settings.SURVEY_PHOTO_MAX_BYTES = 1024
    audit = make_assessment()
    big = PNG + b"\x00" * 2048
    data = audit_post(photo=SimpleUploadedFile("spot.png", big, content_type="image/png"))
    response = client_for(team_a).post(f"/diagnosis/{audit.pk}/submit/", data)
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert not Submission.objects.exists()
