"""Labels in the reader's language and flat tables of the aggregates (pages, exports, API).

Everything here starts from the analysis summaries; :func:`aggregate_rows` is what leaves
the Hub in exports and the API, so it only ever reads the public (suppressed) figures.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from safercities.diagnosis import analysis
from safercities.diagnosis.models import Assessment
from safercities.spatial import CLASS_LABELS
from safercities.stats import audit as audit_stats
from safercities.stats.disclosure import MIN_CELL, SMALL_CELL_MARKER, SUPPRESSED_MARKER

PARAMETER_LABELS = {
    "lighting": gettext_lazy("Lighting"),
    "openness": gettext_lazy("Openness"),
    "visibility": gettext_lazy("Visibility"),
    "people": gettext_lazy("People"),
    "security": gettext_lazy("Security"),
    "walk_path": gettext_lazy("Walk path"),
    "public_transport": gettext_lazy("Public transport"),
    "gender_usage": gettext_lazy("Gender usage"),
    "feeling": gettext_lazy("Feeling"),
}
CRIME_LABELS = {
    "theft_personal": gettext_lazy("Theft of personal property"),
    "burglary": gettext_lazy("Burglary"),
    "robbery": gettext_lazy("Robbery"),
    "assault_threat": gettext_lazy("Assault or threat"),
    "sexual_offence": gettext_lazy("Sexual harassment or assault"),
}
DIMENSION_LABELS = {
    "sex": gettext_lazy("Sex"),
    "age_band": gettext_lazy("Age"),
    "settlement_type": gettext_lazy("Settlement type"),
}
CLASS_TEXT = {
    # xgettext:no-python-format
    3: gettext_lazy("Hot spot, 99% confidence"),
    # xgettext:no-python-format
    2: gettext_lazy("Hot spot, 95% confidence"),
    # xgettext:no-python-format
    1: gettext_lazy("Hot spot, 90% confidence"),
    0: gettext_lazy("Not significant"),
    # xgettext:no-python-format
    -1: gettext_lazy("Cold spot, 90% confidence"),
    # xgettext:no-python-format
    -2: gettext_lazy("Cold spot, 95% confidence"),
    # xgettext:no-python-format
    -3: gettext_lazy("Cold spot, 99% confidence"),
}
assert set(CLASS_TEXT) == set(CLASS_LABELS)
#: Classes of the exact test, labelled by their false discovery rate threshold (q).
CLASS_TEXT_Q = {
    3: gettext_lazy("Hot spot, q ≤ 0.01"),
    2: gettext_lazy("Hot spot, q ≤ 0.05"),
    1: gettext_lazy("Hot spot, q ≤ 0.10"),
    0: gettext_lazy("Not significant"),
    -1: gettext_lazy("Cold spot, q ≤ 0.10"),
    -2: gettext_lazy("Cold spot, q ≤ 0.05"),
    -3: gettext_lazy("Cold spot, q ≤ 0.01"),
}

# The published method texts of the audit core (marked for translation there).
FORMULA_TEXT = audit_stats.FORMULA_TEXT
RANKING_TEXT = audit_stats.RANKING_TEXT


def small_label() -> str:
    return _("fewer than %(n)s") % {"n": MIN_CELL}


def count_label(value: int | str | None) -> str:
    """A published count: the number, "fewer than 5" or "withheld" (translated)."""
    if value is None or value == SUPPRESSED_MARKER:
        return _("withheld")
    if value == SMALL_CELL_MARKER.format(min_cell=MIN_CELL):
        return small_label()
    if isinstance(value, int):
        return str(value)
    return str(value)


def reader_language(instrument) -> str:
    """The reader's UI language if the instrument has it, else the instrument's default."""
    language = (get_language() or "en").lower()
    codes = [code.lower() for code in instrument.languages]
    if language in codes:
        return language
    base = language.split("-")[0]
    return base if base in codes else instrument.default_language


def choice_labels(assessment: Assessment, *names: str) -> dict[str, dict[str, str]]:
    """``{question: {choice: label}}`` in the reader's language, for the questions named."""
    instrument = assessment.instrument()
    language = reader_language(instrument)
    out: dict[str, dict[str, str]] = {}
    for name in names:
        try:
            question = instrument.question(name)
        except KeyError:
            continue
        out[name] = {
            c.name: instrument.label_for(c, language) for c in instrument.choices_for(question)
        }
    return out


def question_label(assessment: Assessment, name: str) -> str:
    instrument = assessment.instrument()
    try:
        return instrument.label_for(instrument.question(name), reader_language(instrument))
    except KeyError:
        return name


# --- flat tables for exports and the API ---------------------------------------------------

COLUMNS = (
    "section", "measure", "dimension", "group", "value", "low", "high", "n",
    "n_effective", "design_effect", "p_adjusted", "flag",
)  # fmt: skip
#: Survey columns: the effective sample size and design effect of an estimate, the
#: Holm-adjusted p-value of a gap; ``flag`` is "unreliable" (effective n < 30 or an interval
#: wider than 20 points) or "clear_gap" (adjusted p < 0.05).
EXTRA_COLUMNS = {"n_effective": None, "design_effect": None, "p_adjusted": None, "flag": ""}


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _estimate_row(section, measure, dimension, group, estimate) -> dict[str, Any]:
    return {
        "section": section,
        "measure": measure,
        "dimension": dimension,
        "group": group,
        "value": _round(estimate.value),
        "low": _round(estimate.low),
        "high": _round(estimate.high),
        "n": estimate.n if not estimate.suppressed else count_label(estimate.n_label),
        "n_effective": None if estimate.suppressed else _round(estimate.n_eff, 1),
        "design_effect": None if estimate.suppressed else _round(estimate.deff, 3),
        "p_adjusted": None,
        "flag": "unreliable" if getattr(estimate, "unreliable", False) else "",
    }


def _score_rows(section: str, group: str, dimension: str, score: Any) -> list[dict[str, Any]]:
    rows = []
    n = score.n_audits if score.n_audits >= MIN_CELL else small_label()
    for parameter in audit_stats.CHANGEABLE_PARAMETERS:
        value = score.parameters.get(parameter)
        rows.append(
            {
                "section": section,
                "measure": f"score:{parameter}",
                "dimension": dimension,
                "group": group,
                "value": _round(value, 1),
                "low": None,
                "high": None,
                "n": n,
            }
        )
    for measure, value in (("score:feeling", score.feeling), ("score:overall", score.overall)):
        rows.append(
            {
                "section": section,
                "measure": measure,
                "dimension": dimension,
                "group": group,
                "value": _round(value, 1),
                "low": None,
                "high": None,
                "n": n,
            }
        )
    return rows


def aggregate_rows(assessment: Assessment, summary: Any) -> list[dict[str, Any]]:
    """The public aggregates of ``summary`` as flat rows (see :data:`COLUMNS`)."""
    rows: list[dict[str, Any]] = []
    if isinstance(summary, analysis.AuditSummary):
        for area in summary.areas:
            rows += _score_rows("audit_area", area.name, "area", area.score)
        for index, cell in enumerate(summary.cells, start=1):
            label = f"{cell.cell.latitude:.5f},{cell.cell.longitude:.5f}"
            rows += _score_rows("audit_grid_cell", label, f"cell {index}", cell.score)
        for c in summary.correlations:
            rows.append(
                {
                    "section": "what_to_fix_first",
                    "measure": f"spearman_rho:{c.parameter}",
                    "dimension": "priority",
                    "group": c.parameter,
                    "value": _round(c.rho),
                    "low": None,
                    "high": _round(c.priority),
                    "n": c.n,
                }
            )
    elif isinstance(summary, analysis.SurveySummary):
        for crime in summary.crimes:
            for measure, disaggregation in (
                (f"prevalence:{crime.crime}", crime.prevalence),
                (f"reporting_rate:{crime.crime}", crime.reporting),
            ):
                rows += _disaggregation_rows(measure, disaggregation)
            rows.append(_gap_row(f"prevalence:{crime.crime}", crime.prevalence_gap))
        rows += _disaggregation_rows("fear_after_dark:unsafe", summary.fear)
        rows.append(_gap_row("fear_after_dark:unsafe", summary.fear_gap))
    elif isinstance(summary, analysis.IncidentSummary):
        rows.append(
            {
                "section": "incidents",
                "measure": "reports",
                "dimension": "all",
                "group": "all",
                "value": None,
                "low": None,
                "high": None,
                "n": count_label(summary.n_label),
            }
        )
        for category, label in summary.categories:
            rows.append(
                {
                    "section": "incidents",
                    "measure": "reports",
                    "dimension": "category",
                    "group": category,
                    "value": None,
                    "low": None,
                    "high": None,
                    "n": count_label(label),
                }
            )
    return [{**EXTRA_COLUMNS, **row} for row in rows]


def _disaggregation_rows(measure: str, disaggregation: Any) -> list[dict[str, Any]]:
    rows = [_estimate_row("survey", measure, "all", "all", disaggregation.overall)]
    for dimension, groups in disaggregation.dimensions.items():
        for group in groups:
            rows.append(
                _estimate_row("survey", measure, dimension, str(group.group), group.estimate)
            )
    return rows


def _gap_row(measure: str, gap: Any) -> dict[str, Any]:
    return {
        "section": "survey_gap",
        "measure": measure,
        "dimension": "settlement_type",
        "group": f"{gap.first_group} - {gap.second_group}",
        "value": _round(gap.difference),
        "low": _round(gap.low),
        "high": _round(gap.high),
        "n": small_label() if gap.suppressed else "",
        "n_effective": None,
        "design_effect": None,
        "p_adjusted": None if gap.suppressed else _round(gap.p_adjusted),
        "flag": "clear_gap" if gap.clear else "",
    }
