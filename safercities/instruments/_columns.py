"""Header mapping for field exports: which column feeds which question or metadata."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .model import Instrument, Question
from .validation import AnswerValidator

KOBO_CSV = "kobo-csv"
KOBO_XLSX = "kobo-xlsx"
ODK_CSV = "odk-csv"

_KOBO_GEO_SUFFIXES = {"_latitude": 0, "_longitude": 1, "_altitude": 2, "_precision": 3}
_ODK_GEO_SUFFIXES = {"Latitude": 0, "Longitude": 1, "Altitude": 2, "Accuracy": 3}

_Resolver = Callable[[str, str], "str | None"]


class FieldImportError(ValueError):
    """The file cannot be imported at all; ``problems`` says why."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(slots=True)
class ColumnPlan:
    """Which cell feeds what; built once from the header row."""

    single: tuple[tuple[str, int], ...] = ()
    merged: tuple[tuple[str, tuple[int, ...]], ...] = ()
    geo_parts: tuple[tuple[str, tuple[int | None, ...]], ...] = ()
    flags: tuple[tuple[str, int, tuple[tuple[str, int], ...]], ...] = ()
    uuid: tuple[int, ...] = ()
    submitted: int | None = None
    weight: int | None = None
    # Survey design columns (diagnosis hook): "stratum" and "psu", like "weight".
    design: dict[str, int] = field(default_factory=dict)
    review: int | None = None
    ignored: list[str] = field(default_factory=list)
    columns: dict[str, list[str]] = field(default_factory=dict)


#: Survey design columns read like ``weight`` (not questions): stratum and cluster (PSU).
DESIGN_COLUMNS = ("stratum", "psu")


def detect_format(headers: list[str]) -> str | None:
    names = set(headers)
    if names & {"_uuid", "_submission_time", "_id"}:
        return KOBO_CSV
    if names & {"KEY", "SubmissionDate", "meta-instanceID"}:
        return ODK_CSV
    return None


def plan_columns(
    headers: list[str], instrument: Instrument, validator: AnswerValidator, kind: str
) -> ColumnPlan:
    sep = "/" if kind != ODK_CSV else "-"
    answerable = set(validator.question_names)
    questions = {q.name: q for q in instrument.questions if q.name in answerable}
    plan = ColumnPlan()
    columns: dict[str, list[int]] = {}
    geo: dict[str, list[int | None]] = {}
    flags: dict[str, list[tuple[str, int]]] = {}
    uuid_primary: list[int] = []
    uuid_fallback: list[int] = []

    def resolve(path: str, separator: str) -> str | None:
        parts = path.split(separator)
        for start in range(len(parts)):
            candidate = separator.join(parts[start:])
            if candidate in questions:
                return candidate
        return None

    for index, header in enumerate(headers):
        last = header.rsplit(sep, 1)[-1]
        if header in ("_uuid", "KEY"):
            uuid_primary.append(index)
        elif last == "instanceID":
            uuid_fallback.append(index)
        elif header in ("_submission_time", "SubmissionDate"):
            plan.submitted = index
        elif header in ("_validation_status", "ReviewState"):
            plan.review = index
        elif last == "weight":
            plan.weight = index
        elif last in DESIGN_COLUMNS:
            plan.design[last] = index
        elif (flag := _choice_flag(header, sep, resolve, questions, instrument)) is not None:
            flags.setdefault(flag[0], []).append((flag[1], index))
        elif (spot := _geo_part(header, sep, kind, resolve, questions)) is not None:
            geo.setdefault(spot[0], [None, None, None, None])[spot[1]] = index
            plan.columns.setdefault(spot[0], []).append(header)
        elif (name := resolve(header, sep)) is not None:
            columns.setdefault(name, []).append(index)
            plan.columns.setdefault(name, []).append(header)
        else:
            plan.ignored.append(header)

    problems = []
    for question in questions.values():
        if question.required and question.name not in columns and question.name not in geo:
            problems.append(f"Missing column for required question {question.name!r}.")
    if not uuid_primary and not uuid_fallback:
        problems.append("Missing submission id column (_uuid, meta/instanceID or KEY).")
    if problems:
        raise FieldImportError(problems)
    plan.single = tuple((n, idx[0]) for n, idx in columns.items() if len(idx) == 1)
    plan.merged = tuple((n, tuple(idx)) for n, idx in columns.items() if len(idx) > 1)
    plan.geo_parts = tuple((n, tuple(p)) for n, p in geo.items() if n not in columns)
    plan.flags = tuple(
        (n, columns[n][0], tuple(items)) for n, items in flags.items() if n in columns
    )
    plan.uuid = tuple(uuid_primary + uuid_fallback)
    return plan


def _geo_part(
    header: str, sep: str, kind: str, resolve: _Resolver, questions: dict[str, Question]
) -> tuple[str, int] | None:
    prefix, _, last = header.rpartition(sep)
    if kind == ODK_CSV:
        position = _ODK_GEO_SUFFIXES.get(last)
        name = resolve(prefix, sep) if position is not None and prefix else None
    else:
        position, name = None, None
        for suffix, pos in _KOBO_GEO_SUFFIXES.items():
            if last.startswith("_") and last.endswith(suffix) and last[1 : -len(suffix)]:
                position, name = pos, last[1 : -len(suffix)]
                break
    if name is not None and name in questions and questions[name].type == "geopoint":
        return name, position  # type: ignore[return-value]
    return None


def _choice_flag(
    header: str,
    sep: str,
    resolve: _Resolver,
    questions: dict[str, Question],
    instrument: Instrument,
) -> tuple[str, str] | None:
    prefix, _, choice = header.rpartition("/")
    name = resolve(prefix, sep) if prefix else None
    if name is None or questions[name].type != "select_multiple":
        return None
    if choice in {c.name for c in instrument.choices_for(questions[name])}:
        return name, choice
    return None
