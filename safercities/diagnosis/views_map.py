"""The map (Leaflet, with tables for readers without JavaScript) and the hot-spot analysis."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from safercities.core.privacy import mark_team_only
from safercities.diagnosis import computed, findings, mapdata, permissions
from safercities.diagnosis.forms import HotspotForm
from safercities.diagnosis.views import get_assessment

DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILE_ATTRIBUTION = "© OpenStreetMap contributors"


def tile_settings() -> dict[str, str]:
    return {
        "url": getattr(settings, "MAP_TILE_URL", DEFAULT_TILE_URL),
        "attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", DEFAULT_TILE_ATTRIBUTION),
    }


@require_safe
def map_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    is_team = permissions.is_assessment_team(request.user, assessment)
    if is_team:
        mark_team_only(request)
    payload = computed.map_payload(assessment, is_team=is_team)
    context = {
        "assessment": assessment,
        "is_team": is_team,
        "map": payload,
        "tiles": tile_settings(),
        "data_url": reverse("diagnosis:map_json", args=[assessment.pk]),
        "hotspots_url": reverse("diagnosis:hotspots_json", args=[assessment.pk]),
    }
    return render(request, "diagnosis/map.html", context)


@require_safe
def map_json(request: HttpRequest, pk: int) -> JsonResponse:
    assessment = get_assessment(pk)
    is_team = permissions.is_assessment_team(request.user, assessment)
    if is_team:
        mark_team_only(request)
    response = JsonResponse(computed.map_payload(assessment, is_team=is_team))
    response["Cache-Control"] = "public, max-age=300"  # replaced for the team
    response["Vary"] = "Cookie, Authorization"
    return response


#: Beyond the team the hot spots come from one fixed analysis: the exact test on the fixed
#: square grid of the chosen size; only the class of each hot or cold cell is published.
PUBLIC_OPTIONS = {"kind": "square", "permutations": 0, "fdr": True}


def hotspot_options(request: HttpRequest, assessment) -> dict:
    options = HotspotForm(request.GET or None).options()
    if not permissions.is_assessment_team(request.user, assessment):
        options.update(PUBLIC_OPTIONS)
    return options


#: Texts for the codes of :class:`~safercities.diagnosis.geo.HotspotProblem`.
PROBLEM_TEXTS = {
    "too_few_points": gettext_lazy("At least 3 located points are needed for a hotspot analysis."),
    "too_many_cells": gettext_lazy("Too many grid cells: choose a larger cell size."),
    "too_few_cells": gettext_lazy(
        "The points fall in fewer than 3 grid cells: choose a smaller cell size."
    ),
}


def problem_text(exc: ValueError) -> str:
    """The reader's-language text for why the analysis could not run."""
    text = PROBLEM_TEXTS.get(getattr(exc, "code", ""))
    return str(text) if text is not None else str(gettext_lazy("The analysis could not run."))


def _hotspot_cells(request: HttpRequest, assessment, options: dict):
    is_team = permissions.is_assessment_team(request.user, assessment)
    if is_team:
        mark_team_only(request)  # the team sees every cell, the public only large ones
    try:
        result = computed.hotspot_analysis(assessment, options)
    except ValueError as exc:
        return None, [], problem_text(exc)
    return result, mapdata.visible_hotspot_cells(result, is_team=is_team), ""


@require_safe
def hotspots(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    is_team = permissions.is_assessment_team(request.user, assessment)
    form = HotspotForm(request.GET or None, public=not is_team)
    options = hotspot_options(request, assessment)
    result, cells, problem = _hotspot_cells(request, assessment, options)
    context = {
        "assessment": assessment,
        "is_team": permissions.is_assessment_team(request.user, assessment),
        "form": form,
        "options": options,
        "result": result,
        "cells": sorted(cells, key=lambda c: (-c.hotspot_class, -(c.z or 0))),
        "problem": problem,
        "significant": [c for c in cells if c.hotspot_class],
        "findings": findings.with_actions(request, findings.hotspot_findings(assessment, result)),
    }
    return render(request, "diagnosis/hotspots.html", context)


@require_safe
def hotspots_json(request: HttpRequest, pk: int) -> JsonResponse:
    assessment = get_assessment(pk)
    is_team = permissions.is_assessment_team(request.user, assessment)
    options = hotspot_options(request, assessment)
    result, cells, problem = _hotspot_cells(request, assessment, options)
    payload = {
        "options": options,
        "problem": problem,
        "method": result.method if result else None,
        "reachable": list(result.reachable) if result else [],
        "cells": [
            {
                "lat": c.latitude,
                "lon": c.longitude,
                "count": c.count,
                "z": c.z,
                "p": c.p,
                "class": c.hotspot_class,
                "polygon": c.polygon,
            }
            if is_team
            else {
                "lat": c.latitude,
                "lon": c.longitude,
                "class": c.hotspot_class,
                "polygon": c.polygon,
            }  # fmt: skip
            for c in cells
        ],
    }
    response = JsonResponse(payload)
    response["Vary"] = "Cookie, Authorization"
    return response
