"""Findings of a diagnosis that other features can act on.

The diagnosis pages list their findings (a hot-spot cluster, a low-scoring audit parameter in
an area, an informal–formal victimization gap); features register an *action* for them (the
pilots turn a finding into a priority problem) with :func:`register_finding_action`, so the
diagnosis never imports them. :func:`resolve` recomputes a finding's figures on the server
from its kind and key, so an action never trusts figures sent by a browser.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

HOTSPOT = "hotspot"
AUDIT_PARAMETER = "audit_parameter"
VICTIMIZATION_GAP = "victimization_gap"
KINDS = (HOTSPOT, AUDIT_PARAMETER, VICTIMIZATION_GAP)
LOW_SCORE = 50.0  # an area's parameter score (0–100) below this is a finding


@dataclass(frozen=True)
class Finding:
    kind: str
    assessment: Any
    key: str
    title: str
    figures: dict[str, Any]
    options: dict[str, Any] = field(default_factory=dict)  # hot spots: the analysis options


@dataclass(frozen=True)
class FindingAction:
    label: str
    url: str
    fields: dict[str, str]  # hidden fields of the one-click POST form


ActionFunction = Callable[[HttpRequest, Finding], FindingAction | None]
_ACTIONS: list[ActionFunction] = []


def register_finding_action(function: ActionFunction) -> ActionFunction:
    if function not in _ACTIONS:
        _ACTIONS.append(function)
    return function


def with_actions(request: HttpRequest, findings: list[Finding]) -> list[tuple[Finding, list]]:
    """The findings some feature offers an action on for this viewer, with those actions."""
    if not _ACTIONS:
        return []
    listed = []
    for finding in findings:
        actions = [a for a in (function(request, finding) for function in _ACTIONS) if a]
        if actions:
            listed.append((finding, actions))
    return listed


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(float(value), digits)


def hotspot_key(cell) -> str:
    return f"{cell.latitude:.6f},{cell.longitude:.6f}"


def hotspot_findings(assessment, result) -> list[Finding]:
    from safercities.diagnosis.presenters import CLASS_TEXT

    if result is None:
        return []
    options = {
        "size": result.size,
        "grid": result.kind,
        "permutations": result.permutations,
        "fdr": result.fdr,
    }
    found = []
    for cell in result.cells:
        if cell.hotspot_class <= 0:
            continue
        found.append(
            Finding(
                kind=HOTSPOT,
                assessment=assessment,
                key=hotspot_key(cell),
                # no coordinates in the title: titles can be shown publicly
                title=f"{CLASS_TEXT.get(cell.hotspot_class, '')} · {assessment.title}",
                figures={
                    "latitude": _round(cell.latitude, 6),
                    "longitude": _round(cell.longitude, 6),
                    "count": cell.count,
                    "z": _round(cell.z),
                    "p": _round(cell.p, 6),
                    "class": cell.hotspot_class,
                    **options,
                },
                options=options,
            )
        )
    return found


def audit_findings(assessment, summary) -> list[Finding]:
    from safercities.diagnosis.presenters import PARAMETER_LABELS

    found = []
    for area in summary.areas:
        for parameter, value in area.score.parameters.items():
            if value is None or value >= LOW_SCORE:
                continue
            label = PARAMETER_LABELS.get(parameter, parameter)
            found.append(
                Finding(
                    kind=AUDIT_PARAMETER,
                    assessment=assessment,
                    key=f"{area.key}:{parameter}",
                    title=f"{label} · {area.name}",
                    figures={
                        "area": area.name,
                        "parameter": parameter,
                        "score": _round(value, 1),
                        "overall": _round(area.score.overall, 1),
                        "n_audits": area.score.n_audits,
                    },
                )
            )
    return found


def survey_findings(assessment, summary) -> list[Finding]:
    from safercities.diagnosis.presenters import CRIME_LABELS

    found = []
    for crime in summary.crimes:
        gap = crime.prevalence_gap
        if gap.suppressed or gap.difference is None or not gap.clear:  # the page's "clear gap"
            continue
        found.append(
            Finding(
                kind=VICTIMIZATION_GAP,
                assessment=assessment,
                key=crime.crime,
                title=str(CRIME_LABELS.get(crime.crime, crime.crime)),
                figures={
                    "crime": crime.crime,
                    "difference": _round(gap.difference),
                    "low": _round(gap.low),
                    "high": _round(gap.high),
                    "informal": _round(gap.first.value),
                    "formal": _round(gap.second.value),
                },
            )
        )
    return found


def page_findings(assessment, context: dict) -> list[Finding]:
    """The findings of an assessment page from what its context already computed."""
    if "audit" in context:
        return audit_findings(assessment, context["audit"])
    if "survey" in context:
        return survey_findings(assessment, context["survey"])
    return []


def resolve(assessment, kind: str, key: str, options: dict | None = None) -> Finding | None:
    """Recompute one finding (the team's figures) from its kind and key; None if it is gone."""
    from safercities.diagnosis import computed

    if kind == HOTSPOT:
        if not options:
            return None
        try:
            result = computed.hotspot_analysis(
                assessment,
                {
                    "size": float(options["size"]),
                    "kind": str(options["grid"]),
                    "permutations": int(options["permutations"]),
                    "fdr": bool(options["fdr"]),
                },
            )
        except (KeyError, TypeError, ValueError):
            return None
        candidates = hotspot_findings(assessment, result)
    elif kind == AUDIT_PARAMETER and assessment.is_audit:
        candidates = audit_findings(assessment, computed.summary(assessment, public=False))
    elif kind == VICTIMIZATION_GAP and assessment.is_survey:
        # the same (disclosure-controlled) summary the public page shows
        candidates = survey_findings(assessment, computed.summary(assessment, public=True))
    else:
        return None
    return next((finding for finding in candidates if finding.key == key), None)
