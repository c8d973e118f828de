"""Every team-only response says ``Cache-Control: private, no-store``; public ones stay cacheable.

One mechanism (``safercities.core.privacy``), checked across the team-only pages and data.
"""

import pytest
from django.core.files.base import ContentFile

from safercities.accounts.models import ApiToken
from safercities.core.privacy import TEAM_ONLY_CACHE_CONTROL
from safercities.diagnosis.models import ImportJob

from .conftest import audit_answers, store
from .test_privacy import PNG

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit(make_assessment, team_a):
    assessment = make_assessment()
    for i in range(6):
        store(assessment, audit_answers(2, 13.72 + i * 0.001, 100.55))
    submission = assessment.submissions.first()
    submission.photo.save("spot.png", ContentFile(PNG))
    job = ImportJob.objects.create(assessment=assessment, original_name="x.csv", created_by=team_a)
    return assessment, submission, job


TEAM_ONLY = [
    "/diagnosis/{a}/",
    "/diagnosis/{a}/edit/",
    "/diagnosis/{a}/map/",
    "/diagnosis/{a}/map.json",
    "/diagnosis/{a}/hotspots/",
    "/diagnosis/{a}/hotspots.json",
    "/diagnosis/{a}/submissions/",
    "/diagnosis/{a}/submissions/{s}/",
    "/diagnosis/{a}/submissions/{s}/photo/",
    "/diagnosis/{a}/import/",
    "/diagnosis/{a}/import/{j}/",
]


@pytest.mark.parametrize("path", TEAM_ONLY)
def test_team_only_pages_and_data_are_never_cached(audit, client_for, team_a, path):
    assessment, submission, job = audit
    url = path.format(a=assessment.pk, s=submission.pk, j=job.pk)
    response = client_for(team_a).get(url)
    response.close()  # the photo is a streamed file
    assert response.status_code == 200, url
    assert response["Cache-Control"] == TEAM_ONLY_CACHE_CONTROL
    assert "Cookie" in response["Vary"] and "Authorization" in response["Vary"]


def test_the_api_sends_team_only_submissions_uncached(audit, client, team_a):
    assessment, _submission, _job = audit
    _token, key = ApiToken.issue(team_a, "script")
    response = client.get(
        f"/api/v1/assessments/{assessment.pk}/submissions", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == TEAM_ONLY_CACHE_CONTROL


@pytest.mark.parametrize("path", ["/diagnosis/{a}/map.json", "/diagnosis/{a}/hotspots/"])
def test_what_the_public_sees_may_be_cached(audit, client, path):
    assessment, _submission, _job = audit
    response = client.get(path.format(a=assessment.pk))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_city_draft_of_a_tool_is_not_cached(client_for, team_a, city_a):
    from safercities.toolkit import services
    from safercities.toolkit.models import Tool, ToolVersion

    from .conftest import AUDIT

    ToolVersion.objects.generic(AUDIT)
    draft = services.start_version(team_a, Tool.objects.get(slug=AUDIT), city_a, languages=["en"])
    response = client_for(team_a).get(f"/toolkit/{AUDIT}/versions/{draft.pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == TEAM_ONLY_CACHE_CONTROL
