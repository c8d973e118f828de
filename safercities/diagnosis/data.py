"""Read an assessment's submissions as the plain records the analysis modules take."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from safercities.diagnosis import analysis
from safercities.diagnosis.enums import SampleDesign
from safercities.diagnosis.geo import DEFAULT_CELL_SIZE
from safercities.diagnosis.models import Assessment, Submission
from safercities.diagnosis.records import AuditReader, SurveyReader, spot_key
from safercities.stats import survey_design


def city_origin(assessment: Assessment) -> tuple[float, float] | None:
    """Every grid of a city is anchored on its centre, so cells agree between layers."""
    city = assessment.city
    if city.latitude is None or city.longitude is None:
        return None
    return (city.longitude, city.latitude)


def audit_records(assessment: Assessment) -> list[dict[str, Any]]:
    reader = AuditReader(assessment.instrument())
    rows = Submission.objects.filter(assessment=assessment).values_list(
        "answers", "latitude", "longitude", "pk"
    )
    records = []
    for answers, latitude, longitude, pk in rows.order_by("pk").iterator(chunk_size=5000):
        record = reader.ratings(answers)
        record["spot"] = spot_key(latitude, longitude) if latitude is not None else f"#{pk}"
        record["latitude"] = latitude
        record["longitude"] = longitude
        description = answers.get("spot_description")
        record["description"] = description if isinstance(description, str) else ""
        records.append(record)
    return records


def survey_records(assessment: Assessment) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    """Respondents as survey records, with ``stratum``/``psu`` (``None`` when blank)."""
    reader = SurveyReader(assessment.instrument())
    rows = Submission.objects.filter(assessment=assessment).values_list(
        "answers", "sex", "age_band", "settlement_type", "weight", "stratum", "psu"
    )
    records = []
    for answers, sex, age, settlement, weight, stratum, psu in rows.order_by("pk").iterator(
        chunk_size=5000
    ):
        record = reader.record(
            answers, sex=sex, age_band=age, settlement_type=settlement, weight=weight
        )
        record["stratum"] = stratum or None
        record["psu"] = psu or None
        records.append(record)
    return records, reader.crimes


def design_spec(assessment: Assessment, records) -> survey_design.DesignSpec:
    """The design the assessment declares; strata/PSUs are used when the data carry them."""
    if assessment.sample_design == SampleDesign.SRS:
        return survey_design.DesignSpec(method="srs")
    has_strata = any(r["stratum"] is not None for r in records)
    has_psu = any(r["psu"] is not None for r in records)
    return survey_design.DesignSpec(
        method="taylor",
        stratum="stratum" if has_strata else None,
        psu="psu" if has_psu else None,
        population_psus=assessment.population_psus or None,
    )


def incident_points(assessment: Assessment) -> list[tuple[float, float, str]]:
    """``(latitude, longitude, category)`` of every located report (exact: team only)."""
    rows = (
        Submission.objects.filter(assessment=assessment)
        .counted()
        .located()
        .values_list("latitude", "longitude", "category")
    )
    return list(rows.order_by("pk"))


def settlement_areas(assessment: Assessment) -> list[tuple[str, str, dict | None]]:
    settlements = assessment.city.settlements.exclude(outline=None).order_by("name")
    if assessment.settlement_id:
        settlements = settlements.filter(pk=assessment.settlement_id)
    return [(f"settlement-{s.pk}", s.name, s.outline) for s in settlements]


def audit_summary(assessment: Assessment, *, public: bool, cell_size: float = DEFAULT_CELL_SIZE):
    return analysis.audit_summary(
        audit_records(assessment),
        settlements=settlement_areas(assessment),
        public=public,
        origin=city_origin(assessment),
        cell_size=cell_size,
        all_label=_("All audited spots"),
        outside_label=_("Outside informal settlements"),
    )


def survey_summary(assessment: Assessment):
    records, crimes = survey_records(assessment)
    return analysis.survey_summary(records, crimes, design=design_spec(assessment, records))


def incident_summary(assessment: Assessment):
    instrument = assessment.instrument()
    known: list[str] = []
    try:
        question = instrument.question("category")
        known = [choice.name for choice in instrument.choices_for(question)]
    except KeyError:
        pass
    categories = (
        Submission.objects.filter(assessment=assessment)
        .counted()
        .values_list("category", flat=True)
    )
    return analysis.incident_summary(categories.iterator(chunk_size=5000), known)


def public_summary(assessment: Assessment):
    """The summary that may leave the team: exports and the API use only this."""
    if assessment.is_audit:
        return audit_summary(assessment, public=True)
    if assessment.is_survey:
        return survey_summary(assessment)
    return incident_summary(assessment)
