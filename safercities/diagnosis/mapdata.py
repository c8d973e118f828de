"""What the map and the hot-spot analysis of an assessment show, for the team or the public.

The city team sees exact points (audited spots coloured by score, incident reports). Everyone
else sees the same layers pooled into grid cells: snapped to cell centres, and only cells
holding at least MIN_CELL points. Hot-spot cells are filtered the same way beyond the team.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from safercities.diagnosis import analysis, data, presenters
from safercities.diagnosis.geo import (
    CELL_SIZES,
    DEFAULT_CELL_SIZE,
    HotspotResult,
    hotspots,
    public_cells,
)
from safercities.diagnosis.models import Assessment
from safercities.stats.disclosure import MIN_CELL
from safercities.toolkit.enums import ToolKind


def related_incident_assessments(assessment: Assessment) -> list[Assessment]:
    """The incident reports drawn with an assessment: its own, or the city's in its period."""
    if assessment.is_incident_report:
        return [assessment]
    others = Assessment.objects.filter(city=assessment.city).of_kind(ToolKind.INCIDENT_REPORT)
    if assessment.end is not None:
        others = others.filter(start__lte=assessment.end)
    others = others.filter(Q(end__isnull=True) | Q(end__gte=assessment.start))
    return list(others.select_related("tool_version__tool", "city"))


def _incidents(
    assessment: Assessment, related: list[Assessment] | None = None
) -> list[tuple[float, float, str]]:
    points: list[tuple[float, float, str]] = []
    for other in related if related is not None else related_incident_assessments(assessment):
        points += data.incident_points(other)
    return points


def map_labels(assessment: Assessment) -> dict[str, Any]:
    """The map legend in the reader's language (kept apart from the stored map data)."""
    labels: dict[str, Any] = {
        "spots": _("Audited spots"),
        "incidents": _("Incident reports"),
        "settlements": _("Informal settlements"),
        "cells": _("Grid cells (at least %(n)s points)") % {"n": MIN_CELL},
        "hotspots": _("Hot and cold spots"),
        "score": _("Safety score"),
        "count": _("Points in the cell"),
        "categories": {},
    }
    incident_assessments = related_incident_assessments(assessment)
    if incident_assessments:
        choices = presenters.choice_labels(incident_assessments[0], "category")
        labels["categories"] = choices.get("category", {})
    return labels


def map_payload(assessment: Assessment, *, is_team: bool) -> dict[str, Any]:
    """The map data with its legend (uncached: views use :mod:`.computed`)."""
    return {**map_data(assessment, is_team=is_team), "labels": map_labels(assessment)}


def map_data(assessment: Assessment, *, is_team: bool) -> dict[str, Any]:
    """Layers of the map, language-neutral: exact points for the team, cells for others."""
    origin = data.city_origin(assessment)
    city = assessment.city
    payload: dict[str, Any] = {
        "team": is_team,
        "kind": assessment.kind,
        "center": [city.latitude, city.longitude] if city.latitude is not None else None,
        "cell_size": DEFAULT_CELL_SIZE,
        "min_cell": MIN_CELL,
        "settlements": [
            {"name": s.name, "outline": s.outline}
            for s in city.settlements.exclude(outline=None).order_by("name")
        ],
        "spots": [],
        "spot_cells": [],
        "incidents": [],
        "incident_cells": [],
    }
    incident_assessments = related_incident_assessments(assessment)
    if assessment.is_audit:
        spots = [spot for spot, _low in analysis.spot_points(data.audit_records(assessment))]
        if is_team:
            payload["spots"] = [
                {
                    "lat": spot.latitude,
                    "lon": spot.longitude,
                    "score": _round(spot.score.overall),
                    "feeling": _round(spot.score.feeling),
                    "audits": spot.score.n_audits,
                    "label": spot.description,
                }
                for spot in spots
            ]
        else:
            size, cells = bounded_cells(
                [s.longitude for s in spots],
                [s.latitude for s in spots],
                origin=origin,
                values=[s.score.overall for s in spots],
            )
            payload["cell_size"] = size
            payload["spot_cells"] = [_cell(c) for c in cells]
    incidents = _incidents(assessment, incident_assessments)
    if is_team:
        payload["incidents"] = [
            {"lat": lat, "lon": lon, "category": category} for lat, lon, category in incidents
        ]
    elif incidents:
        size, cells = bounded_cells(
            [lon for _lat, lon, _c in incidents],
            [lat for lat, _lon, _c in incidents],
            origin=origin,
            smallest=payload["cell_size"],
        )
        payload["cell_size"] = size
        payload["incident_cells"] = [_cell(c) for c in cells]
    return payload


#: The public map shows at most this many cells: with more, the next larger fixed cell size
#: is used, so the map data stays small whatever the number of points.
MAX_PUBLIC_CELLS = 250


def bounded_cells(lon, lat, *, origin, values=None, smallest: float = DEFAULT_CELL_SIZE):
    """``(size, cells)``: public cells of the smallest fixed size (from ``smallest`` up) that
    gives at most :data:`MAX_PUBLIC_CELLS` cells (the largest size otherwise)."""
    sizes = [s for s in CELL_SIZES if s >= smallest] or [CELL_SIZES[-1]]
    for size in sizes:
        cells = public_cells(lon, lat, size=size, origin=origin, values=values, min_count=MIN_CELL)
        if len(cells) <= MAX_PUBLIC_CELLS:
            break
    return size, cells


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _cell(cell) -> dict[str, Any]:
    return {
        "lat": cell.latitude,
        "lon": cell.longitude,
        "count": cell.count,
        "score": _round(cell.mean),
        "polygon": cell.polygon,
    }


def hotspot_points(assessment: Assessment) -> tuple[list[float], list[float], list[float] | None]:
    """Longitudes, latitudes and values for the hot-spot analysis of ``assessment``.

    Audits: every located spot, valued 1 when low-scoring (so hot spots are clusters of
    low-scoring spots). Incident reports: every report counts 1.
    """
    if assessment.is_audit:
        spots = analysis.spot_points(data.audit_records(assessment))
        return (
            [spot.longitude for spot, _low in spots],
            [spot.latitude for spot, _low in spots],
            [1.0 if low else 0.0 for _spot, low in spots],
        )
    points = _incidents(assessment)
    return [lon for _l, lon, _c in points], [lat for lat, _lon, _c in points], None


def hotspot_analysis(assessment: Assessment, options: dict) -> HotspotResult:
    lon, lat, values = hotspot_points(assessment)
    return hotspots(
        lon,
        lat,
        values,
        size=options["size"],
        kind=options["kind"],
        origin=data.city_origin(assessment),
        permutations=options["permutations"],
        fdr=options["fdr"],
    )


def visible_hotspot_cells(result: HotspotResult, *, is_team: bool) -> list:
    """Beyond the team only hot and cold cells, by class (no counts or statistics)."""
    if is_team:
        return [cell for cell in result.cells if cell.count or cell.hotspot_class]
    return [cell for cell in result.cells if cell.hotspot_class]
