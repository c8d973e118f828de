"""Structural validation of instruments and parsing of their JSON form.

Problems are English sentences for the people editing a tool version; each names the
question, group or choice list concerned.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .converters import converter_for
from .expressions import ExpressionError, parse_expression
from .model import (
    _LANGUAGE_RE,
    _SLUG_RE,
    FORMAT,
    QUESTION_TYPES,
    RESERVED_NAMES,
    SELECT_TYPES,
    Choice,
    Group,
    Instrument,
    InstrumentError,
    Problem,
    Question,
    is_xml_name,
)


def instrument_problems(instrument: Instrument) -> list[str]:
    problems: list[str] = []
    _check_header(instrument, problems)
    languages = set(instrument.languages)
    _check_translations("title", instrument.title, instrument, problems, required=True)
    _check_translations("description", instrument.description, instrument, problems)
    _check_translations("guidance", instrument.guidance, instrument, problems)
    _check_choice_lists(instrument, languages, problems)
    _check_groups(instrument, problems)
    _check_questions(instrument, problems)
    _check_scoring(instrument, problems)
    return problems


def _check_header(instrument: Instrument, problems: list[str]) -> None:
    if not isinstance(instrument.slug, str) or not _SLUG_RE.fullmatch(instrument.slug):
        problems.append(f"Slug {instrument.slug!r} must be lowercase words joined by '-'.")
    if not isinstance(instrument.version, int) or isinstance(instrument.version, bool):
        problems.append("Version must be a whole number.")
    elif instrument.version < 1:
        problems.append("Version must be 1 or more.")
    if not instrument.languages:
        problems.append("At least one language is needed.")
    if len(set(instrument.languages)) != len(instrument.languages):
        problems.append("Languages are listed more than once.")
    for lang in instrument.languages:
        if not _LANGUAGE_RE.fullmatch(lang):
            problems.append(f"Language code {lang!r} is not a lowercase BCP-47 tag.")
    if instrument.default_language not in instrument.languages:
        problems.append(f"Default language {instrument.default_language!r} is not listed.")


def _check_translations(
    where: str,
    texts: Mapping[str, str],
    instrument: Instrument,
    problems: list[str],
    *,
    required: bool = False,
) -> None:
    for lang in texts:
        if lang not in instrument.languages:
            problems.append(f"{where}: translation in undeclared language {lang!r}.")
    if (texts or required) and not texts.get(instrument.default_language):
        problems.append(f"{where}: missing text in the default language.")


def _check_choice_lists(instrument: Instrument, languages: set[str], problems: list[str]) -> None:
    for list_name, choices in instrument.choice_lists.items():
        if not is_xml_name(list_name):
            problems.append(f"Choice list name {list_name!r} is not a valid XML name.")
        if not choices:
            problems.append(f"Choice list {list_name!r} is empty.")
        seen: set[str] = set()
        for choice in choices:
            where = f"Choice {list_name}.{choice.name}"
            if not choice.name or any(ch.isspace() for ch in choice.name):
                problems.append(f"{where}: a choice name must be non-empty without spaces.")
            if choice.name in seen:
                problems.append(f"{where}: duplicate choice name.")
            seen.add(choice.name)
            if choice.score is not None and (
                not isinstance(choice.score, int) or isinstance(choice.score, bool)
            ):
                problems.append(f"{where}: score must be a whole number.")
            _check_translations(where, choice.label, instrument, problems, required=True)


def _check_groups(instrument: Instrument, problems: list[str]) -> None:
    names = [group.name for group in instrument.groups]
    question_names = {question.name for question in instrument.questions}
    for group in instrument.groups:
        if not is_xml_name(group.name):
            problems.append(f"Group name {group.name!r} is not a valid XML name.")
        if names.count(group.name) > 1:
            problems.append(f"Group {group.name!r} is defined more than once.")
        if group.name in question_names:
            problems.append(f"Group {group.name!r} has the same name as a question.")
        _check_translations(f"Group {group.name}", group.label, instrument, problems, required=True)
    # Each group's questions must be consecutive so that it becomes one begin/end_group.
    finished: set[str] = set()
    previous: str | None = None
    for question in instrument.questions:
        if question.group != previous:
            if question.group is not None and question.group in finished:
                problems.append(
                    f"Question {question.name!r}: questions of group {question.group!r} "
                    "must be consecutive."
                )
            if previous is not None:
                finished.add(previous)
            previous = question.group
        if question.group is not None and question.group not in names:
            problems.append(f"Question {question.name!r}: unknown group {question.group!r}.")


def _check_questions(instrument: Instrument, problems: list[str]) -> None:
    earlier: set[str] = set()
    all_names = [question.name for question in instrument.questions]
    score_parameters: set[str] = set()
    repeat_names = {group.name for group in instrument.groups if group.repeat}
    in_repeat = {q.name: q.group for q in instrument.questions if q.group in repeat_names}
    for question in instrument.questions:
        where = f"Question {question.name!r}"
        repeat = in_repeat.get(question.name)
        # A question sees earlier top-level questions and earlier ones of its own repeat.
        visible = {name for name in earlier if in_repeat.get(name) in (None, repeat)}
        if repeat is not None and (question.core or question.score_parameter):
            problems.append(f"{where}: a question in a repeat group cannot be core or scored.")
        if not isinstance(question.name, str) or not is_xml_name(question.name):
            problems.append(f"{where}: the name is not a valid XML name.")
        elif question.name.startswith("_") or question.name in RESERVED_NAMES:
            problems.append(f"{where}: the name is reserved for export metadata.")
        if all_names.count(question.name) > 1 and question.name in earlier:
            problems.append(f"{where}: duplicate question name.")
        if question.type not in QUESTION_TYPES:
            problems.append(f"{where}: unknown type {question.type!r}.")
        _check_translations(where, question.label, instrument, problems, required=True)
        _check_translations(f"{where} hint", question.hint, instrument, problems)
        _check_translations(
            f"{where} constraint message", question.constraint_message, instrument, problems
        )
        _check_choices_of(question, instrument, problems)
        if question.type == "note" and (question.required or question.constraint):
            problems.append(f"{where}: a note cannot be required or constrained.")
        _check_expression(question, "relevant", question.relevant, visible, problems)
        _check_expression(
            question, "constraint", question.constraint, visible | {question.name}, problems
        )
        _check_default(question, instrument, problems)
        if question.score_parameter is not None:
            _check_score_parameter(question, instrument, score_parameters, problems)
        earlier.add(question.name)


def _check_choices_of(question: Question, instrument: Instrument, problems: list[str]) -> None:
    where = f"Question {question.name!r}"
    if question.type in SELECT_TYPES:
        if not question.choice_list:
            problems.append(f"{where}: a {question.type} question needs a choice list.")
        elif question.choice_list not in instrument.choice_lists:
            problems.append(f"{where}: unknown choice list {question.choice_list!r}.")
    elif question.choice_list is not None:
        problems.append(f"{where}: only select questions can have a choice list.")


def _check_expression(
    question: Question, column: str, source: str | None, known: set[str], problems: list[str]
) -> None:
    if source is None:
        return
    where = f"Question {question.name!r} {column}"
    try:
        expression = parse_expression(source)
    except ExpressionError as exc:
        problems.append(
            Problem(
                f"{where}: {exc}",
                f"expression_{exc.code}",
                question=question.name,
                column=column,
                **exc.params,
            )
        )
        return
    if column == "relevant" and expression.uses_current:
        problems.append(f"{where}: '.' can only be used in constraints.")
    for ref in expression.refs:
        if ref not in known:
            problems.append(
                f"{where}: refers to ${{{ref}}}, which is not an earlier question."
                if ref != question.name
                else f"{where}: refers to the question itself."
            )


def _check_default(question: Question, instrument: Instrument, problems: list[str]) -> None:
    if question.default is None or question.type not in QUESTION_TYPES:
        return
    if question.type == "note":
        problems.append(f"Question {question.name!r}: a note cannot have a default.")
        return
    names = [choice.name for choice in instrument.choices_for(question)]
    try:
        converter_for(question.type, names)(question.default)
    except ValueError:
        problems.append(f"Question {question.name!r}: invalid default {question.default!r}.")


def _check_score_parameter(
    question: Question, instrument: Instrument, seen: set[str], problems: list[str]
) -> None:
    where = f"Question {question.name!r}"
    if question.score_parameter in seen:
        problems.append(f"{where}: score parameter {question.score_parameter!r} is reused.")
    seen.add(question.score_parameter or "")
    if question.type != "select_one":
        problems.append(f"{where}: only select_one questions can carry a score parameter.")
    elif any(choice.score is None for choice in instrument.choices_for(question)):
        problems.append(f"{where}: every choice of a scored question needs a score.")


def _check_scoring(instrument: Instrument, problems: list[str]) -> None:
    if not isinstance(instrument.scoring, Mapping):
        problems.append("Scoring must be a mapping.")
        return
    declared = {q.score_parameter for q in instrument.questions if q.score_parameter}
    for parameter in instrument.scoring.get("parameters", []):
        if parameter not in declared:
            problems.append(f"Scoring parameter {parameter!r} is not carried by any question.")


# --- from_dict -----------------------------------------------------------------------------

_INSTRUMENT_KEYS = {
    "format",
    "slug",
    "version",
    "default_language",
    "languages",
    "title",
    "description",
    "guidance",
    "groups",
    "questions",
    "choice_lists",
    "scoring",
}
_QUESTION_KEYS = set(Question.__dataclass_fields__)
_OPTIONAL_STRINGS = ("relevant", "constraint", "choice_list", "group", "appearance")


class _Reader:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def mapping(self, value: Any, where: str) -> Mapping[str, Any]:
        if isinstance(value, Mapping):
            return value
        self.problems.append(f"{where}: expected an object.")
        return {}

    def items(self, value: Any, where: str) -> list[Any]:
        if isinstance(value, list):
            return value
        self.problems.append(f"{where}: expected a list.")
        return []

    def text(self, value: Any, where: str, *, optional: bool = False) -> Any:
        if isinstance(value, str) or (optional and value is None):
            return value
        self.problems.append(f"{where}: expected text.")
        return "" if not optional else None

    def translations(self, value: Any, where: str) -> dict[str, str]:
        result: dict[str, str] = {}
        for lang, text in self.mapping(value if value is not None else {}, where).items():
            if isinstance(text, str):
                result[str(lang)] = text
            else:
                self.problems.append(f"{where}: the {lang!r} translation is not text.")
        return result

    def unknown_keys(self, data: Mapping[str, Any], allowed: set[str], where: str) -> None:
        for key in sorted(set(data) - allowed):
            self.problems.append(f"{where}: unknown key {key!r}.")


def instrument_from_dict(cls: type[Instrument], data: Mapping[str, Any]) -> Instrument:
    read = _Reader()
    data = read.mapping(data, "Instrument")
    if data and data.get("format", FORMAT) != FORMAT:
        read.problems.append(f"Unsupported format {data.get('format')!r}.")
    read.unknown_keys(data, _INSTRUMENT_KEYS, "Instrument")
    for key in ("slug", "version", "default_language", "languages", "title", "questions"):
        if key not in data:
            read.problems.append(f"Instrument: missing key {key!r}.")
    questions = [
        _question_from_dict(read, item, f"questions[{index}]")
        for index, item in enumerate(read.items(data.get("questions", []), "questions"))
    ]
    choice_lists = {
        str(name): [
            _choice_from_dict(read, item, f"Choice list {name}")
            for item in read.items(items, f"Choice list {name}")
        ]
        for name, items in read.mapping(data.get("choice_lists", {}), "choice_lists").items()
    }
    groups = [
        Group(
            name=read.text(group.get("name"), "Group name"),
            label=read.translations(group.get("label"), "Group label"),
            appearance=read.text(group.get("appearance"), "Group appearance", optional=True),
            repeat=group.get("repeat") is True,
        )
        for group in (
            read.mapping(g, "Group") for g in read.items(data.get("groups", []), "groups")
        )
    ]
    instrument = cls(
        slug=read.text(data.get("slug", ""), "slug"),
        title=read.translations(data.get("title"), "title"),
        version=data.get("version", 0),
        default_language=read.text(data.get("default_language", ""), "default_language"),
        languages=[
            read.text(lang, "languages") for lang in read.items(data.get("languages"), "languages")
        ],
        questions=questions,
        choice_lists=choice_lists,
        scoring=dict(read.mapping(data.get("scoring", {}), "scoring")),
        description=read.translations(data.get("description"), "description"),
        guidance=read.translations(data.get("guidance"), "guidance"),
        groups=groups,
    )
    problems = read.problems or instrument.problems()
    if problems:
        raise InstrumentError(problems)
    return instrument


def _question_from_dict(read: _Reader, data: Any, where: str) -> Question:
    data = read.mapping(data, where)
    read.unknown_keys(data, _QUESTION_KEYS, where)
    where = f"Question {data.get('name', where)!r}"
    optional = {
        key: read.text(data.get(key), f"{where} {key}", optional=True) for key in _OPTIONAL_STRINGS
    }
    for flag in ("required", "core"):
        if not isinstance(data.get(flag, False), bool):
            read.problems.append(f"{where}: {flag} must be true or false.")
    return Question(
        name=read.text(data.get("name"), f"{where} name"),
        type=read.text(data.get("type"), f"{where} type"),
        label=read.translations(data.get("label"), f"{where} label"),
        hint=read.translations(data.get("hint"), f"{where} hint"),
        required=bool(data.get("required", False)),
        constraint_message=read.translations(
            data.get("constraint_message"), f"{where} constraint_message"
        ),
        core=bool(data.get("core", False)),
        score_parameter=read.text(data.get("score_parameter"), f"{where} score", optional=True),
        default=read.text(data.get("default"), f"{where} default", optional=True),
        **optional,
    )


def _choice_from_dict(read: _Reader, data: Any, where: str) -> Choice:
    data = read.mapping(data, where)
    read.unknown_keys(data, {"name", "label", "score"}, where)
    return Choice(
        name=read.text(data.get("name"), f"{where} name"),
        label=read.translations(data.get("label"), f"{where} label"),
        score=data.get("score"),
    )
