"""Turn stored answers into the plain records the statistics cores read. No Django here.

Stored answers are the clean values of :func:`safercities.instruments.validate_answers`
made JSON-ready by :func:`json_answers` (dates as ISO text, geopoints as
``[lat, lon, altitude, accuracy]``). The readers below are compiled once per instrument.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from safercities.instruments.model import Instrument
from safercities.stats.audit import PARAMETERS

#: Answers copied into the submission's own columns (for fast grouping), when asked.
PROFILE_QUESTIONS = ("sex", "age_band", "settlement_type")
CATEGORY_QUESTION = "category"

#: The instrument's fear-of-crime answers → the names :mod:`safercities.stats.survey` uses.
_FEAR_ANSWERS = {
    "very_safe": "very_safe",
    "fairly_safe": "fairly_safe",
    "bit_unsafe": "a_bit_unsafe",
    "a_bit_unsafe": "a_bit_unsafe",
    "very_unsafe": "very_unsafe",
}
FEAR_QUESTION = "fear_after_dark"
FEAR_FIELD = "safety_after_dark"
DEFAULT_SCREENERS = (
    "theft_personal",
    "burglary",
    "robbery",
    "assault_threat",
    "sexual_offence",
)


def json_answers(clean: Mapping[str, object]) -> dict[str, object]:
    """Clean answers as JSON-ready values (the form they are stored in)."""
    out: dict[str, object] = {}
    for name, value in clean.items():
        if isinstance(value, (datetime, date, time)):
            out[name] = value.isoformat()
        elif isinstance(value, tuple):
            out[name] = list(value)
        elif isinstance(value, list) and value and isinstance(value[0], Mapping):
            out[name] = [json_answers(entry) for entry in value]  # a repeat group's entries
        else:
            out[name] = value
    return out


def profile_columns(answers: Mapping[str, object]) -> tuple[str, str, str, str]:
    """``(sex, age_band, settlement_type, category)`` copied from the answers ('' if absent)."""
    get = answers.get
    return (
        _text(get("sex")),
        _text(get("age_band")),
        _text(get("settlement_type")),
        _text(get(CATEGORY_QUESTION)),
    )


def _text(value: object) -> str:
    return value[:50] if isinstance(value, str) else ""


class AuditReader:
    """Reads the nine safety-audit ratings (0–3) from stored answers.

    Each question with a ``score_parameter`` among the nine parameters maps its choices'
    scores to ratings; unanswered or unscored choices are ``None``.
    """

    def __init__(self, instrument: Instrument) -> None:
        self.parameters: dict[str, tuple[str, dict[str, int]]] = {}
        for question in instrument.questions:
            parameter = question.score_parameter
            if parameter not in PARAMETERS or question.type != "select_one":
                continue
            scores = {
                choice.name: choice.score
                for choice in instrument.choices_for(question)
                if choice.score is not None
            }
            self.parameters[parameter] = (question.name, scores)

    def ratings(self, answers: Mapping[str, object]) -> dict[str, int | None]:
        out: dict[str, int | None] = dict.fromkeys(PARAMETERS)
        for parameter, (question, scores) in self.parameters.items():
            value = answers.get(question)
            out[parameter] = scores.get(value) if isinstance(value, str) else None
        return out


#: The per-incident repeat group of the victimization survey and two of its questions.
INCIDENTS = "incidents"
INCIDENT_CRIME = "incident_crime"
INCIDENT_REPORTED = "incident_reported"


class SurveyReader:
    """Reads a victimization-survey respondent as a :mod:`safercities.stats.survey` record.

    Screener answers ``yes``/``no`` become 1/0 (``don't know``, refusals and blanks are left
    out of that crime's estimate); ``<crime>_reported`` ``yes``/``no`` become True/False (from
    the last incident of that crime in the ``incidents`` repeat when there is one, as the
    person-level statistics expect; else from version 1's ``<crime>_reported``); the
    fear-of-crime answer is renamed to the field the statistics read.
    """

    def __init__(self, instrument: Instrument) -> None:
        scoring = instrument.scoring or {}
        names = {q.name for q in instrument.questions}
        screeners = scoring.get("screeners") or [s for s in DEFAULT_SCREENERS if s in names]
        self.crimes: tuple[str, ...] = tuple(s for s in screeners if s in names)
        self.yes = scoring.get("yes", "yes")
        self.has_fear = FEAR_QUESTION in names

    def record(
        self,
        answers: Mapping[str, object],
        *,
        sex: str = "",
        age_band: str = "",
        settlement_type: str = "",
        weight: float | None = None,
    ) -> dict[str, Any]:
        get = answers.get
        record: dict[str, Any] = {
            "sex": sex or None,
            "age_band": age_band or None,
            "settlement_type": settlement_type or None,
            "weight": weight,
        }
        incidents = get(INCIDENTS)
        last_reported: dict[str, object] = {}
        if isinstance(incidents, list):  # per-incident follow-up (generic version 2 on)
            for entry in incidents:
                if isinstance(entry, Mapping) and entry.get(INCIDENT_CRIME):
                    last_reported[str(entry[INCIDENT_CRIME])] = entry.get(INCIDENT_REPORTED)
        for crime in self.crimes:
            answer = get(crime)
            if answer == self.yes:
                record[crime] = 1
                reported = last_reported.get(crime, get(f"{crime}_reported"))
                record[f"{crime}_reported"] = (
                    True if reported == "yes" else False if reported == "no" else None
                )
            elif answer == "no":
                record[crime] = 0
            else:
                record[crime] = None
        fear = get(FEAR_QUESTION)
        record[FEAR_FIELD] = _FEAR_ANSWERS.get(fear) if isinstance(fear, str) else None
        return record


def spot_key(latitude: float, longitude: float) -> str:
    """Audits within about 10 metres of each other count as the same spot."""
    return f"{latitude:.4f},{longitude:.4f}"
