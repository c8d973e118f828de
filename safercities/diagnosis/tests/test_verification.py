"""Reports from the public are verified before they count; rate limit and abuse check."""

import time

import pytest
from django.core.cache import cache

from safercities.core.models import AuditLogEntry
from safercities.diagnosis import abuse, computed
from safercities.diagnosis.enums import Verification
from safercities.diagnosis.models import Submission

from .conftest import INCIDENT, incident_answers, store
from .test_submit import incident_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reports(make_assessment):
    assessment = make_assessment(tool=INCIDENT)
    # verified reports (imported or entered by the team); "assault" and "other" stay hidden
    for category, n in (("theft", 8), ("harassment", 9), ("unsafe_place", 7), ("assault", 2)):
        for i in range(n):
            store(assessment, incident_answers(category, 13.72 + i * 1e-4, 100.55))
    store(assessment, incident_answers("poor_lighting", 13.74, 100.57))
    return assessment


def post_report(client, assessment, **overrides):
    return client.post(f"/diagnosis/{assessment.pk}/submit/", incident_post(**overrides))


def public_counts(assessment):
    return dict(computed.summary(assessment, public=True).categories)


def test_a_public_report_waits_for_the_team_and_counts_once_verified(
    reports, client_for, team_a, django_capture_on_commit_callbacks
):
    before = public_counts(reports)
    with django_capture_on_commit_callbacks(execute=True):
        assert post_report(client_for(None), reports).status_code == 302
    report = Submission.objects.get(assessment=reports, verification=Verification.PENDING)
    assert public_counts(reports) == before
    queue = client_for(team_a).get(f"/diagnosis/{reports.pk}/verify/").content.decode()
    assert "Men shouting at women near the bus stop" in queue
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(team_a).post(
            f"/diagnosis/{reports.pk}/verify/", {"submission": report.pk, "decision": "verified"}
        )
    assert response.status_code == 302
    assert public_counts(reports)["harassment"] == before["harassment"] + 1
    assert AuditLogEntry.objects.filter(action="submission.verified").exists()
    again = client_for(team_a).post(
        f"/diagnosis/{reports.pk}/verify/",
        {"submission": report.pk, "decision": "rejected"},
        follow=True,
    )
    assert "already checked" in again.content.decode()
    report.refresh_from_db()
    assert report.verification == Verification.VERIFIED


def test_a_rejected_report_never_counts(reports, client_for, team_a):
    post_report(client_for(None), reports)
    report = Submission.objects.get(assessment=reports, verification=Verification.PENDING)
    client_for(team_a).post(
        f"/diagnosis/{reports.pk}/verify/", {"submission": report.pk, "decision": "rejected"}
    )
    assert public_counts(reports)["harassment"] == 9
    assert (
        "No report is waiting"
        in client_for(team_a).get(f"/diagnosis/{reports.pk}/verify/").content.decode()
    )


def test_only_the_city_team_sees_the_queue(reports, client_for, team_b, member):
    for user in (None, member, team_b):
        assert client_for(user).get(f"/diagnosis/{reports.pk}/verify/").status_code in (302, 403)
    assert client_for(None).post(f"/diagnosis/{reports.pk}/verify/", {}).status_code in (302, 403)


def test_a_report_by_the_city_team_counts_at_once(reports, client_for, team_a):
    assert post_report(client_for(team_a), reports).status_code == 302
    assert not Submission.objects.filter(verification=Verification.PENDING).exists()


def test_padding_a_withheld_category_with_ones_own_reports_reveals_nothing(reports, client_for):
    """The attack: add reports to a hidden category until it shows, then subtract."""
    before = public_counts(reports)
    assert before["assault"] == "<5"
    client = client_for(None)
    for _ in range(4):
        post_report(client, reports, category="assault")
    assert public_counts(reports) == before


def test_the_sixth_report_in_an_hour_from_one_source_is_refused(reports, client_for):
    client = client_for(None)
    for _ in range(abuse.REPORTS_PER_HOUR):
        assert post_report(client, reports).status_code == 302
    response = post_report(client, reports)
    assert response.status_code == 429
    assert "Too many reports" in response.content.decode()
    pending = Submission.objects.filter(verification=Verification.PENDING).count()
    assert pending == abuse.REPORTS_PER_HOUR


@pytest.mark.parametrize(
    "overrides",
    [
        {"website": "http://spam.example"},
        {"form_started": 0},  # sent at once: a script
        {"form_started": 3 * 24 * 3600},  # three days old
        {"form_started": "forged"},
    ],
)
def test_the_abuse_check_refuses_bots_without_javascript(reports, client_for, overrides):
    if isinstance(overrides.get("form_started"), int):
        overrides = {"form_started": abuse.form_stamp(time.time() - overrides["form_started"])}
    response = post_report(client_for(None), reports, **overrides)
    assert response.status_code == 400
    assert "could not be accepted" in response.content.decode()
    assert not Submission.objects.filter(verification=Verification.PENDING).exists()


def test_the_report_form_carries_the_trap_and_the_stamp(reports, client_for):
    html = client_for(None).get(f"/diagnosis/{reports.pk}/submit/").content.decode()
    assert 'name="website"' in html and 'name="form_started"' in html
    assert 'class="trap"' in html and "Leave this field empty" in html
