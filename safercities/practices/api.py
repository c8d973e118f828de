"""The Practice Library's API: published practices, and practices matched to a city."""

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from safercities.api.types import CountryCode, Slug
from safercities.places.models import City
from safercities.practices.city_matching import practices_for_city
from safercities.practices.models import Practice
from safercities.practices.scoring import CRITERIA

router = Router(tags=["practices"])
MAX_LIMIT = 100


class IndicatorOut(Schema):
    name: str
    baseline: float | None
    result: float | None
    unit: str
    year: int | None


class ReviewSummaryOut(Schema):
    count: int
    means: dict[str, float | None]
    replicable: bool


class PracticeSummaryOut(Schema):
    id: int
    slug: str
    title: str
    language: str
    city: str | None = Field(description="City slug")
    country: str
    start_year: int
    end_year: int | None
    ongoing: bool
    themes: list[str]
    cost_band: str | None
    replicable: bool
    url: str


class PracticeOut(PracticeSummaryOut):
    problem: str
    context: str
    what_was_done: str
    target_groups: list[str]
    approaches: list[str]
    principles: list[str]
    partners: list[str] = Field(description="Organisation slugs")
    other_partners: list[str]
    cost_usd: int | None
    funding: str
    results: str
    evidence: str | None
    indicators: list[IndicatorOut]
    lessons: str
    transfer_conditions: str
    resources: list[int] = Field(description="Ids of published library resources")
    reviews: ReviewSummaryOut
    published_at: str | None


class PracticePage(Schema):
    count: int
    items: list[PracticeSummaryOut]


class MatchOut(Schema):
    practice: PracticeSummaryOut
    score: float
    reasons: list[str]
    why: str


def _summary(practice: Practice, request) -> dict:
    return {
        "id": practice.pk,
        "slug": practice.slug,
        "title": practice.title,
        "language": practice.language,
        "city": practice.city.slug if practice.city_id else None,
        "country": practice.country_id,
        "start_year": practice.start_year,
        "end_year": practice.end_year,
        "ongoing": practice.ongoing,
        "themes": sorted(theme.slug for theme in practice.themes.all()),
        "cost_band": practice.cost_band or None,
        "replicable": practice.is_replicable,
        "url": request.build_absolute_uri(practice.get_absolute_url()),
    }


def _number(value) -> float | None:
    return None if value is None else float(value)


def _detail(practice: Practice, request) -> dict:
    summary = practice.review_summary()
    return {
        **_summary(practice, request),
        "problem": practice.problem,
        "context": practice.context,
        "what_was_done": practice.what_was_done,
        "target_groups": practice.target_groups,
        "approaches": practice.approaches,
        "principles": practice.principles,
        "partners": sorted(org.slug for org in practice.partners.all()),
        "other_partners": practice.other_partner_list,
        "cost_usd": practice.cost_usd,
        "funding": practice.funding,
        "results": practice.results,
        "evidence": practice.evidence or None,
        "indicators": [
            {
                "name": i.name,
                "baseline": _number(i.baseline),
                "result": _number(i.result),
                "unit": i.unit,
                "year": i.year,
            }
            for i in practice.indicators.all()
        ],
        "lessons": practice.lessons,
        "transfer_conditions": practice.transfer_conditions,
        "resources": sorted(practice.resources.published().values_list("pk", flat=True)),
        "reviews": {
            "count": summary.count,
            "means": {c: summary.means[c] for c in CRITERIA},
            "replicable": practice.is_replicable,
        },
        "published_at": practice.published_at.isoformat() if practice.published_at else None,
    }


def _published():
    return Practice.objects.published().select_related("city").prefetch_related("themes")


@router.get("/practices", response=PracticePage, summary="Published practices")
def list_practices(
    request,
    theme: Slug | None = None,
    country: CountryCode | None = None,
    replicable: bool | None = None,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0),
):
    practices = _published()
    # Filters work as on /resources: an unknown theme matches nothing.
    if theme:
        practices = practices.filter(themes__slug=theme)
    if country:
        practices = practices.filter(country_id=country.upper())
    if replicable is not None:
        practices = practices.filter(is_replicable=replicable)
    practices = practices.order_by("title", "id")
    return {
        "count": practices.count(),
        "items": [_summary(p, request) for p in practices[offset : offset + limit]],
    }


@router.get("/practices/{practice_id}", response=PracticeOut, summary="One published practice")
def get_practice(request, practice_id: int):
    practice = get_object_or_404(_published().select_related("country"), pk=practice_id)
    return _detail(practice, request)


@router.get(
    "/cities/{slug}/practices",
    response=list[MatchOut],
    summary="Practices that fit a city, best first, with the reasons",
)
def city_practices(request, slug: str, limit: int = Query(20, ge=1, le=MAX_LIMIT)):
    city = get_object_or_404(City, slug=slug)
    return [
        {
            "practice": _summary(match.practice, request),
            "score": match.score,
            "reasons": match.reasons,
            "why": match.why,
        }
        for match in practices_for_city(city, limit=limit)
    ]
