"""Assessments: the list, creating and editing one, and its diagnosis page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from safercities.accounts.permissions import is_city_team_member, team_city_ids
from safercities.core.privacy import mark_team_only, team_only
from safercities.diagnosis import computed, findings, permissions, presenters
from safercities.diagnosis.forms import AssessmentForm
from safercities.diagnosis.models import Assessment
from safercities.diagnosis.services import create_assessment, update_assessment
from safercities.places.models import City
from safercities.toolkit.versioning import VersionNotPublished

SPOTS_PER_PAGE = 50
CELLS_ON_PAGE = 30


def get_assessment(pk: int) -> Assessment:
    """Every assessment's aggregated diagnosis is public: 404 only for unknown ids."""
    return get_object_or_404(
        Assessment.objects.select_related(
            "city__country", "district", "settlement", "tool_version__tool", "tool_version__city"
        ),
        pk=pk,
    )


@require_safe
def assessment_list(request: HttpRequest) -> HttpResponse:
    assessments = Assessment.objects.select_related("city", "tool_version__tool")
    city = None
    if request.GET.get("city"):
        city = City.objects.filter(slug=request.GET["city"]).first()
        if city is not None:
            assessments = assessments.filter(city=city)
    page = Paginator(assessments, 30).get_page(request.GET.get("page"))
    team_cities = City.objects.filter(pk__in=team_city_ids(request.user)).order_by("name")
    if request.user.is_authenticated and request.user.is_superuser:
        team_cities = City.objects.filter(is_pilot=True).order_by("name")
    context = {"page": page, "city": city, "team_cities": team_cities}
    return render(request, "diagnosis/assessment_list.html", context)


@require_http_methods(["GET", "POST"])
def assessment_create(request: HttpRequest, city_slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=city_slug)
    permissions.check_can_create_assessment(request.user, city)
    form = AssessmentForm(request.POST or None, city=city)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        try:
            assessment = create_assessment(request.user, city=city, **fields)
        except (ValidationError, VersionNotPublished) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The assessment was created; its tool version is locked."))
            return redirect(assessment)
    return render(request, "diagnosis/assessment_form.html", {"form": form, "city": city})


@require_http_methods(["GET", "POST"])
@team_only
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    permissions.check_can_manage(request.user, assessment)
    form = AssessmentForm(request.POST or None, instance=assessment, city=assessment.city)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        update_assessment(request.user, assessment, **fields)
        messages.success(request, _("The assessment was saved."))
        return redirect(assessment)
    context = {"form": form, "city": assessment.city, "assessment": assessment}
    return render(request, "diagnosis/assessment_form.html", context)


def diagnosis_context(request: HttpRequest, assessment: Assessment) -> dict:
    """What the diagnosis page shows: aggregates for everyone, spots for the team."""
    is_team = permissions.is_assessment_team(request.user, assessment)
    if is_team:
        mark_team_only(request)  # the team's page lists its spots
    context: dict = {
        "assessment": assessment,
        "is_team": is_team,
        "can_submit": permissions.can_submit(request.user, assessment),
        "submission_count": assessment.submissions.count(),
    }
    if assessment.is_audit:
        summary = computed.summary(assessment, public=not is_team)
        context["audit"] = summary
        # The page stays small whatever the size: the lowest-scoring cells only.
        context["audit_cells"] = sorted(
            summary.cells, key=lambda c: (c.score.overall is None, c.score.overall or 0)
        )[:CELLS_ON_PAGE]
        context["formula_text"] = _(presenters.FORMULA_TEXT)
        context["ranking_text"] = _(presenters.RANKING_TEXT)
        if is_team:
            spots = sorted(
                summary.spots,
                key=lambda s: (s.score.overall is None, s.score.overall or 0),
            )
            context["spots_page"] = Paginator(spots, SPOTS_PER_PAGE).get_page(
                request.GET.get("page")
            )
    elif assessment.is_survey:
        context["survey"] = computed.summary(assessment, public=True)
        context["labels"] = presenters.choice_labels(
            assessment, "sex", "age_band", "settlement_type"
        )
    else:
        context["incidents"] = computed.summary(assessment, public=True)
        context["labels"] = presenters.choice_labels(assessment, "category")
    return context


@require_safe
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    context = diagnosis_context(request, assessment)
    context["can_view_city_team"] = is_city_team_member(request.user, assessment.city)
    context["findings"] = findings.with_actions(
        request, findings.page_findings(assessment, context)
    )
    return render(request, "diagnosis/assessment_detail.html", context)
