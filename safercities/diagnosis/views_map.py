"""The map (Leaflet, with tables for readers without JavaScript) and the hot-spot analysis."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from safercities.core.privacy import mark_team_only
from safercities.diagnosis import findings, mapdata, permissions
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
    payload = mapdata.map_payload(assessment, is_team=is_team)
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
    response = JsonResponse(mapdata.map_payload(assessment, is_team=is_team))
    response["Cache-Control"] = "public, max-age=300"  # replaced for the team
    response["Vary"] = "Cookie, Authorization"
    return response


def _hotspot_cells(request: HttpRequest, assessment, options: dict):
    is_team = permissions.is_assessment_team(request.user, assessment)
    if is_team:
        mark_team_only(request)  # the team sees every cell, the public only large ones
    try:
        result = mapdata.hotspot_analysis(assessment, options)
    except ValueError as exc:
        return None, [], str(exc)
    return result, mapdata.visible_hotspot_cells(result, is_team=is_team), ""


@require_safe
def hotspots(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    form = HotspotForm(request.GET or None)
    options = form.options()
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
    options = HotspotForm(request.GET or None).options()
    result, cells, problem = _hotspot_cells(request, assessment, options)
    payload = {
        "options": options,
        "problem": problem,
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
            for c in cells
        ],
    }
    response = JsonResponse(payload)
    response["Vary"] = "Cookie, Authorization"
    return response
