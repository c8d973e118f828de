"""Header mapping for field exports: which column feeds which question or metadata.

KoboToolbox builds export headers in formpack (``formpack/schema/fields.py``:
``FormField._get_label``, ``FormGPSField.get_labels``,
``FormChoiceFieldWithMultipleSelect.get_labels``) from these settings:

* **values and headers**: XML names, or labels in one of the form's languages (a missing
  translation falls back to the XML name);
* **groups in headers** or not, joined by the group separator (``/``, ``.`` or ``-``);
* **multi-select** as a summary column, one 0/1 column per choice (``<question><sep><choice>``,
  where choice is the choice's name or label), or both;
* geopoints as ``<question>`` plus ``[<group><sep>]_<question>_latitude`` … ``_precision``.

ODK Central and Briefcase use XML names joined by ``-`` and geopoints as ``<q>-Latitude`` …
``<q>-Accuracy``. :func:`plan_columns` tries every naming × separator and keeps the one that
names the most columns; in XML-name mode a header also maps by its path suffix (unknown
group prefixes are tolerated). In label mode answers to select questions are choice labels:
the plan carries translators that map them back to choice names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .model import Instrument, Question
from .validation import AnswerValidator

KOBO_CSV = "kobo-csv"
KOBO_XLSX = "kobo-xlsx"
ODK_CSV = "odk-csv"
ODK_ZIP = "odk-zip"

XML = "xml"  # naming of headers and values by XML names (otherwise: a language code)
SEPARATORS = ("/", ".", "-")

_KOBO_GEO_SUFFIXES = {"latitude": 0, "longitude": 1, "altitude": 2, "precision": 3}
_ODK_GEO_SUFFIXES = {"Latitude": 0, "Longitude": 1, "Altitude": 2, "Accuracy": 3}
_PATH_SPLIT = re.compile(r"[/.\-]")

MSG_NOT_EXPORT = "Not a KoboToolbox or ODK export: no _uuid, _submission_time or KEY column."
MSG_NO_ID_COLUMN = "Missing submission id column (_uuid, meta/instanceID or KEY)."
MSG_OTHER_FORM = (
    "None of the columns match this form's questions (by XML name or by label in any of its "
    "languages): this looks like an export of another form."
)
MSG_MISSING_REQUIRED = "Missing column for required question {name!r}."
MSG_NO_PARENT = (
    "The table of repeat group {name!r} has no _parent_index, _submission__uuid or "
    "PARENT_KEY column."
)

Translator = Callable[[object], object]


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
    #: select_multiple questions with a summary column and 0/1 columns (checked to agree)
    flags: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()
    #: select_multiple questions with 0/1 columns only: the answer is built from them
    details: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()
    #: label → name translators for select answers (label-mode exports only)
    translate: tuple[tuple[str, Translator], ...] = ()
    uuid: tuple[int, ...] = ()
    submitted: int | None = None
    weight: int | None = None
    # Survey design columns (diagnosis hook): "stratum" and "psu", like "weight".
    design: dict[str, int] = field(default_factory=dict)
    review: int | None = None
    version: int | None = None
    #: Kobo ``_index`` (main sheet: the row's number; repeat sheet: the entry's number)
    index: int | None = None
    #: repeat sheets / files: Kobo ``_parent_index``, ``_submission__uuid``, ODK ``PARENT_KEY``
    parent_index: int | None = None
    parent_uuid: int | None = None
    parent_key: int | None = None
    naming: str = XML
    separator: str = "/"
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


# --- vocabularies: every header a given naming × separator can produce -------------------

_Target = tuple  # ("q", name) | ("geo", name, position) | ("flag", name, choice_name)


def _text(item: object, naming: str) -> str:
    if naming == XML:
        return item.name  # type: ignore[attr-defined]
    return item.label.get(naming) or item.name  # type: ignore[attr-defined]


def _vocabulary(
    instrument: Instrument, questions: list[Question], naming: str, sep: str
) -> dict[str, list[_Target]]:
    """Header → targets (a list: labels may repeat; the k-th header gets the k-th target)."""
    vocabulary: dict[str, list[_Target]] = {}

    def add(header: str, target: _Target) -> None:
        targets = vocabulary.setdefault(header, [])
        if target not in targets:
            targets.append(target)

    groups = {group.name: group for group in instrument.groups}
    for question in questions:
        leaf = _text(question, naming)
        group = groups.get(question.group or "")
        prefix = f"{_text(group, naming)}{sep}" if group is not None else ""
        forms = (prefix + leaf, leaf) if prefix else (leaf,)
        for form in forms:
            add(form, ("q", question.name))
        if question.type == "geopoint":
            for suffix, position in _KOBO_GEO_SUFFIXES.items():
                for head in {prefix, ""}:
                    add(f"{head}_{leaf}_{suffix}", ("geo", question.name, position))
            for suffix, position in _ODK_GEO_SUFFIXES.items():
                for form in forms:
                    add(f"{form}{sep}{suffix}", ("geo", question.name, position))
        elif question.type == "select_multiple":
            for choice in instrument.choices_for(question):
                label = _text(choice, naming)
                for form in forms:
                    for joiner in {sep, "/"}:
                        add(f"{form}{joiner}{label}", ("flag", question.name, choice.name))
    return vocabulary


def _modes(instrument: Instrument, kind: str) -> list[tuple[str, str]]:
    seps = ("-", "/", ".") if kind == ODK_CSV else SEPARATORS
    languages = [instrument.default_language] + [
        lang for lang in instrument.languages if lang != instrument.default_language
    ]
    return [(naming, sep) for naming in (XML, *languages) for sep in seps]


_LINK_ROLES = {
    "_index": "index",
    "_parent_index": "parent_index",
    "_submission__uuid": "parent_uuid",
    "PARENT_KEY": "parent_key",
    "_parent_table_name": "skip",
}


def _meta_role(header: str) -> str | None:
    if header in _LINK_ROLES:
        return _LINK_ROLES[header]
    if header in ("_uuid", "KEY"):
        return "uuid"
    last = _PATH_SPLIT.split(header)[-1]
    if last == "instanceID":
        return "instance"
    if header in ("_submission_time", "SubmissionDate"):
        return "submitted"
    if header in ("_validation_status", "ReviewState"):
        return "review"
    if header in ("__version__", "_version_", "FormVersion"):
        return "version"
    if last == "weight":
        return "weight"
    if last in DESIGN_COLUMNS:
        return "design"
    return None


# --- label → name translators -------------------------------------------------------------


def _cell_text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))  # a typed spreadsheet cell: "1" exported as the number 1
    return str(raw).strip()


def _select_one_translator(mapping: dict[str, str]) -> Translator:
    def translate(raw: object) -> object:
        text = _cell_text(raw)
        return mapping.get(text, text)

    return translate


def _select_multiple_translator(mapping: dict[str, str]) -> Translator:
    """Split a summary of space-joined choice labels (labels may contain spaces)."""
    longest = max((len(label.split(" ")) for label in mapping), default=1)

    def translate(raw: object) -> object:
        text = _cell_text(raw)
        words = text.split(" ")
        names: list[str] = []
        start = 0
        while start < len(words):
            for size in range(min(longest, len(words) - start), 0, -1):
                candidate = " ".join(words[start : start + size])
                if candidate in mapping:
                    names.append(mapping[candidate])
                    start += size
                    break
            else:
                if words[start]:
                    names.append(words[start])  # unknown: the converter reports it
                start += 1
        return " ".join(names)

    return translate


def _translators(
    instrument: Instrument, questions: list[Question], naming: str
) -> tuple[tuple[str, Translator], ...]:
    if naming == XML:
        return ()
    result = []
    for question in questions:
        if question.type not in ("select_one", "select_multiple"):
            continue
        mapping = {choice.name: choice.name for choice in instrument.choices_for(question)}
        for choice in instrument.choices_for(question):
            mapping[_text(choice, naming)] = choice.name
        if question.type == "select_one":
            result.append((question.name, _select_one_translator(mapping)))
        else:
            result.append((question.name, _select_multiple_translator(mapping)))
    return tuple(result)


# --- the plan -------------------------------------------------------------------------------


def _choose_mode(
    headers: list[str],
    instrument: Instrument,
    questions: list[Question],
    kind: str,
    prefer: str | None = None,
) -> tuple[str, str, dict[str, list[_Target]]]:
    modes = _modes(instrument, kind)
    if prefer is not None:  # a repeat table: same naming as the main table, if it fits
        modes.sort(key=lambda mode: mode[0] != prefer)
    best: tuple[int, str, str, dict[str, list[_Target]]] | None = None
    for naming, sep in modes:
        vocabulary = _vocabulary(instrument, questions, naming, sep)
        score = sum(1 for header in headers if header in vocabulary)
        if best is None or score > best[0]:
            best = (score, naming, sep, vocabulary)
    assert best is not None
    return best[1], best[2], best[3]


def plan_columns(
    headers: list[str],
    instrument: Instrument,
    validator: AnswerValidator,
    kind: str,
    *,
    repeat: str | None = None,
    mode: tuple[str, str] | None = None,
) -> ColumnPlan:
    """The plan for the main table, or with ``repeat`` for that repeat group's sheet or file
    (``mode``: the main table's naming and separator, which the repeat table shares)."""
    if repeat is None:
        answerable = set(validator.question_names)
    else:
        answerable = set(validator.repeat_question_names(repeat))
    questions = [q for q in instrument.questions if q.name in answerable]
    by_name = {q.name: q for q in questions}
    prefer = mode[0] if mode is not None else None
    naming, sep, vocabulary = _choose_mode(headers, instrument, questions, kind, prefer)
    plan = ColumnPlan(naming=naming, separator=sep)
    columns: dict[str, list[int]] = {}
    geo: dict[str, list[int | None]] = {}
    flags: dict[str, list[tuple[str, int]]] = {}
    uuid_primary: list[int] = []
    uuid_fallback: list[int] = []
    seen: dict[str, int] = {}

    def suffix_target(header: str) -> _Target | None:
        if naming != XML:
            return None
        parts = header.split(sep)
        for start in range(1, len(parts)):
            candidate = sep.join(parts[start:])
            if candidate in by_name:
                return ("q", candidate)
        return None

    for index, header in enumerate(headers):
        role = _meta_role(header)
        target = None
        if role is None:
            targets = vocabulary.get(header)
            if targets:
                occurrence = seen.get(header, 0)
                seen[header] = occurrence + 1
                target = targets[min(occurrence, len(targets) - 1)]
            else:
                target = suffix_target(header)
        if role == "skip":
            pass
        elif role in ("index", "parent_index", "parent_uuid", "parent_key"):
            setattr(plan, role, index)
        elif role == "uuid" and repeat is not None:
            pass  # an ODK repeat row's own KEY
        elif role == "uuid":
            uuid_primary.append(index)
        elif role == "instance":
            uuid_fallback.append(index)
        elif role == "submitted":
            plan.submitted = index
        elif role == "review":
            plan.review = index
        elif role == "version":
            plan.version = index
        elif role == "weight":
            plan.weight = index
        elif role == "design":
            plan.design[_PATH_SPLIT.split(header)[-1]] = index
        elif target is None:
            plan.ignored.append(header)
        elif target[0] == "q":
            columns.setdefault(target[1], []).append(index)
            plan.columns.setdefault(target[1], []).append(header)
        elif target[0] == "geo":
            geo.setdefault(target[1], [None, None, None, None])[target[2]] = index
            plan.columns.setdefault(target[1], []).append(header)
        else:
            flags.setdefault(target[1], []).append((target[2], index))
            plan.columns.setdefault(target[1], []).append(header)

    if repeat is not None:
        if plan.parent_index is None and plan.parent_uuid is None and plan.parent_key is None:
            raise FieldImportError([MSG_NO_PARENT.format(name=repeat)])
    elif not plan.columns and questions:
        raise FieldImportError([MSG_OTHER_FORM])
    problems = []
    for question in questions:
        name = question.name
        if question.required and name not in columns and name not in geo and name not in flags:
            problems.append(MSG_MISSING_REQUIRED.format(name=name))
    if not uuid_primary and not uuid_fallback and repeat is None:
        problems.append(MSG_NO_ID_COLUMN)
    if problems:
        raise FieldImportError(problems)
    plan.single = tuple((n, idx[0]) for n, idx in columns.items() if len(idx) == 1)
    plan.merged = tuple((n, tuple(idx)) for n, idx in columns.items() if len(idx) > 1)
    plan.geo_parts = tuple((n, tuple(p)) for n, p in geo.items() if n not in columns)
    plan.flags = tuple((n, tuple(items)) for n, items in flags.items() if n in columns)
    plan.details = tuple((n, tuple(items)) for n, items in flags.items() if n not in columns)
    plan.translate = _translators(instrument, questions, naming)
    plan.uuid = tuple(uuid_primary + uuid_fallback)
    return plan
