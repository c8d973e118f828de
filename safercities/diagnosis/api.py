"""Assessments in the API: public aggregates for everyone, raw submissions for the team.

``GET /assessments`` and ``GET /assessments/{id}/summary`` answer everyone with aggregates
only (cells of fewer than 5 respondents suppressed, as on the public page). ``GET
/assessments/{id}/submissions`` needs authentication and membership of the city's team.
"""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from safercities.api.base import AUTH, Error
from safercities.core.privacy import mark_team_only
from safercities.diagnosis import computed, permissions, presenters
from safercities.diagnosis.models import Assessment, Submission
from safercities.stats.disclosure import MIN_CELL

router = Router(tags=["diagnosis"])


class AssessmentOut(Schema):
    id: int
    title: str
    city: str
    kind: str
    tool_version: str
    start: date
    end: date | None
    is_open: bool
    url: str


class AggregateRow(Schema):
    section: str
    measure: str
    dimension: str
    group: str
    value: float | None
    low: float | None
    high: float | None
    n: int | str | None
    n_effective: float | None = None
    design_effect: float | None = None
    p_adjusted: float | None = None
    flag: str = ""


class SummaryOut(Schema):
    assessment: AssessmentOut
    min_cell: int
    submissions: int | str
    rows: list[AggregateRow]


class SubmissionOut(Schema):
    id: int
    uuid: str
    submitted_at: datetime
    source: str
    latitude: float | None
    longitude: float | None
    weight: float | None
    answers: dict


class SubmissionPage(Schema):
    count: int
    offset: int
    limit: int
    results: list[SubmissionOut]


def _assessment(request, assessment: Assessment) -> dict:
    return {
        "id": assessment.pk,
        "title": assessment.title,
        "city": assessment.city.slug,
        "kind": assessment.kind,
        "tool_version": str(assessment.tool_version),
        "start": assessment.start,
        "end": assessment.end,
        "is_open": assessment.is_open,
        "url": request.build_absolute_uri(assessment.get_absolute_url()),
    }


def _load(pk: int) -> Assessment:
    return get_object_or_404(
        Assessment.objects.select_related("city", "tool_version__tool", "tool_version__city"),
        pk=pk,
    )


@router.get("/assessments", response=list[AssessmentOut])
def list_assessments(request, city: str | None = None):
    assessments = Assessment.objects.select_related(
        "city", "tool_version__tool", "tool_version__city"
    )
    if city:
        assessments = assessments.filter(city__slug=city)
    return [_assessment(request, a) for a in assessments]


@router.get("/assessments/{pk}/summary", response=SummaryOut)
def assessment_summary(request, pk: int):
    """Aggregates only, suppressed as for the public, whoever asks."""
    assessment = _load(pk)
    count = assessment.submissions.count()
    return {
        "assessment": _assessment(request, assessment),
        "min_cell": MIN_CELL,
        "submissions": count if count >= MIN_CELL else presenters.small_label(),
        "rows": presenters.aggregate_rows(assessment, computed.summary(assessment, public=True)),
    }


@router.get("/assessments/{pk}/submissions", response={200: SubmissionPage, 403: Error}, auth=AUTH)
def assessment_submissions(
    request, pk: int, offset: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=1000)
):
    """Raw submissions with exact locations: the city team of the assessment only.

    Paged with ``offset`` and ``limit`` (at most 1,000).
    """
    assessment = _load(pk)
    permissions.check_can_view_raw(request.auth, assessment)
    mark_team_only(request)
    submissions = Submission.objects.filter(assessment=assessment).order_by("pk")
    page = submissions[offset : offset + limit]
    return {
        "count": submissions.count(),
        "offset": offset,
        "limit": limit,
        "results": [
            {
                "id": s.pk,
                "uuid": s.uuid,
                "submitted_at": s.submitted_at,
                "source": s.source,
                "latitude": s.latitude,
                "longitude": s.longitude,
                "weight": s.weight,
                "answers": s.answers,
            }
            for s in page
        ],
    }
