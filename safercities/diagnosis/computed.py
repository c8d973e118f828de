"""The named results of an assessment, read through the store of :mod:`.results`.

Results are stored language-neutral; the few labels computed with them (the names of the
"all spots" and "outside" audit areas, the map legend) are put in the reader's language here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.utils.translation import gettext as _

from safercities.diagnosis import analysis, data, mapdata
from safercities.diagnosis.geo import DEFAULT_CELL_SIZE
from safercities.diagnosis.models import Assessment
from safercities.diagnosis.results import get_result

DEFAULT_HOTSPOTS = {"size": DEFAULT_CELL_SIZE, "kind": "square", "permutations": 0, "fdr": True}


def _summary_key(assessment: Assessment, *, public: bool) -> str:
    if assessment.is_audit:
        return "audit:public" if public else "audit:team"
    return "survey" if assessment.is_survey else "incidents"


def _compute_summary(assessment: Assessment, *, public: bool):
    if assessment.is_audit:
        return data.audit_summary(assessment, public=public)
    if assessment.is_survey:
        return data.survey_summary(assessment)
    return data.incident_summary(assessment)


def _localise(summary):
    if isinstance(summary, analysis.AuditSummary):
        names = {"all": _("All audited spots"), "outside": _("Outside informal settlements")}
        summary = replace(
            summary,
            areas=[replace(a, name=names[a.key]) if a.key in names else a for a in summary.areas],
        )
    return summary


def summary(assessment: Assessment, *, public: bool):
    """The diagnosis summary (public: what may leave the team; exports and the API)."""
    key = _summary_key(assessment, public=public)
    value = get_result(assessment, key, lambda: _compute_summary(assessment, public=public))
    return _localise(value)


def map_payload(assessment: Assessment, *, is_team: bool) -> dict[str, Any]:
    key = "map:team" if is_team else "map:public"
    related = [a for a in mapdata.related_incident_assessments(assessment) if a != assessment]
    value = get_result(
        assessment,
        key,
        lambda: mapdata.map_data(assessment, is_team=is_team),
        depends_on=related,
    )
    return {**value, "labels": mapdata.map_labels(assessment)}


def hotspot_key(options: dict) -> str:
    fdr = "fdr" if options["fdr"] else "raw"
    return f"hotspots:{options['size']}:{options['kind']}:{options['permutations']}:{fdr}"


def hotspot_analysis(assessment: Assessment, options: dict):
    """Options come from :class:`~safercities.diagnosis.forms.HotspotForm` (fixed lists)."""
    return get_result(
        assessment, hotspot_key(options), lambda: mapdata.hotspot_analysis(assessment, options)
    )


def default_results(assessment: Assessment) -> dict[str, Any]:
    """What the pages show by default, to recompute after data changes."""
    out: dict[str, Any] = {}
    for public in (True, False) if assessment.is_audit else (True,):
        key = _summary_key(assessment, public=public)
        out[key] = lambda public=public: _compute_summary(assessment, public=public)
    for is_team in (True, False):
        out["map:team" if is_team else "map:public"] = lambda is_team=is_team: mapdata.map_data(
            assessment, is_team=is_team
        )
    if assessment.is_audit or assessment.is_incident_report:
        out[hotspot_key(DEFAULT_HOTSPOTS)] = lambda: mapdata.hotspot_analysis(
            assessment, DEFAULT_HOTSPOTS
        )
    return out
