"""Survey instrument definitions: dataclasses, JSON round-trip and structural validation.

An :class:`Instrument` is plain data. ``to_dict()`` gives a JSON-ready dict (the toolkit
app stores it as an immutable snapshot per tool version) and ``Instrument.from_dict()``
rebuilds it, raising :class:`InstrumentError` with every problem found.

Translations are dicts keyed by lowercase BCP-47 codes (``en``, ``th``, ``zh-hans``);
:func:`pick_label` falls back from ``zh-hans-cn`` to ``zh-hans`` to the default language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

FORMAT = "safercities.instrument/1"

QUESTION_TYPES = frozenset(
    {
        "select_one",
        "select_multiple",
        "integer",
        "decimal",
        "text",
        "date",
        "time",
        "datetime",
        "geopoint",
        "image",
        "audio",
        "note",
    }
)
SELECT_TYPES = frozenset({"select_one", "select_multiple"})

#: Names that export tools use for their own columns; a question must not take them.
RESERVED_NAMES = frozenset({"meta", "weight", "KEY", "SubmissionDate", "instanceID"})

_XML_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*")
_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

Translations = dict[str, str]


class Problem(str):
    """A problem sentence (stable English) that also carries a ``code`` and ``params``.

    It is a ``str``, so lists of problems stay lists of text; the page layer turns the code
    into the reader's language (``safercities.toolkit.problems.describe``).
    """

    code: str
    params: dict[str, object]

    def __new__(cls, text: str, code: str, **params: object) -> Problem:
        problem = super().__new__(cls, text)
        problem.code = code
        problem.params = params
        return problem

    def reworded(self, text: str) -> Problem:
        """The same problem (code and params) with other English wording."""
        return Problem(text, self.code, **self.params)


class InstrumentError(ValueError):
    """An instrument definition is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("Invalid instrument: " + "; ".join(self.problems))


def is_xml_name(name: str) -> bool:
    """True for names usable as XForm element names (ASCII subset of XML NCName)."""
    return bool(_XML_NAME_RE.fullmatch(name))


def pick_label(labels: Mapping[str, str], lang: str, default_language: str = "en") -> str:
    """``labels[lang]``, else its parent tag (``zh-hans-cn`` → ``zh-hans``), else the
    default language, else any label, else ``''``."""
    code = lang.lower().replace("_", "-")
    while code:
        if labels.get(code):
            return labels[code]
        code = code.rpartition("-")[0]
    if labels.get(default_language):
        return labels[default_language]
    return next((text for text in labels.values() if text), "")


@dataclass
class Choice:
    name: str
    label: Translations
    score: int | None = None

    def label_for(self, lang: str, default_language: str = "en") -> str:
        return pick_label(self.label, lang, default_language)


@dataclass
class Question:
    name: str
    type: str
    label: Translations
    hint: Translations = field(default_factory=dict)
    required: bool = False
    relevant: str | None = None
    constraint: str | None = None
    constraint_message: Translations = field(default_factory=dict)
    choice_list: str | None = None
    core: bool = False
    group: str | None = None
    appearance: str | None = None
    score_parameter: str | None = None
    default: str | None = None

    def label_for(self, lang: str, default_language: str = "en") -> str:
        return pick_label(self.label, lang, default_language)

    def hint_for(self, lang: str, default_language: str = "en") -> str:
        return pick_label(self.hint, lang, default_language)


@dataclass
class Group:
    """A named, labelled group of consecutive questions (an XLSForm ``begin_group``), or with
    ``repeat`` a repeat group (``begin_repeat``): its questions are answered once per entry
    (e.g. once per incident) and their answers stored as a list of dicts under the group's
    name. Repeats do not nest (one level, as the generic tools need)."""

    name: str
    label: Translations
    appearance: str | None = None
    repeat: bool = False

    def label_for(self, lang: str, default_language: str = "en") -> str:
        return pick_label(self.label, lang, default_language)


@dataclass
class Instrument:
    slug: str
    title: Translations
    version: int
    default_language: str
    languages: list[str]
    questions: list[Question]
    choice_lists: dict[str, list[Choice]]
    scoring: dict[str, Any] = field(default_factory=dict)
    description: Translations = field(default_factory=dict)
    guidance: Translations = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)

    # --- lookups ------------------------------------------------------------------------

    def question(self, name: str) -> Question:
        for question in self.questions:
            if question.name == name:
                return question
        raise KeyError(name)

    def group(self, name: str) -> Group:
        for group in self.groups:
            if group.name == name:
                return group
        raise KeyError(name)

    @property
    def repeats(self) -> list[Group]:
        return [group for group in self.groups if group.repeat]

    def repeat_of(self, question: Question) -> Group | None:
        """The repeat group a question belongs to, or ``None`` for a top-level question."""
        if question.group is None:
            return None
        for group in self.groups:
            if group.name == question.group:
                return group if group.repeat else None
        return None

    def repeat_questions(self, repeat: str) -> list[Question]:
        return [question for question in self.questions if question.group == repeat]

    def choices_for(self, question: Question) -> list[Choice]:
        return self.choice_lists.get(question.choice_list or "", [])

    @property
    def core_questions(self) -> list[Question]:
        return [question for question in self.questions if question.core]

    def label_for(self, item: Question | Choice | Group, lang: str) -> str:
        return pick_label(item.label, lang, self.default_language)

    def title_for(self, lang: str) -> str:
        return pick_label(self.title, lang, self.default_language)

    def description_for(self, lang: str) -> str:
        return pick_label(self.description, lang, self.default_language)

    def guidance_for(self, lang: str) -> str:
        return pick_label(self.guidance, lang, self.default_language)

    # --- validation and serialization ---------------------------------------------------

    def problems(self) -> list[str]:
        """Every structural problem of this definition (empty when valid)."""
        from .checks import instrument_problems

        return instrument_problems(self)

    def check(self) -> Instrument:
        """Raise :class:`InstrumentError` unless valid; returns ``self`` for chaining."""
        problems = self.problems()
        if problems:
            raise InstrumentError(problems)
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "slug": self.slug,
            "version": self.version,
            "default_language": self.default_language,
            "languages": list(self.languages),
            "title": dict(self.title),
            "description": dict(self.description),
            "guidance": dict(self.guidance),
            "groups": [
                {"name": g.name, "label": dict(g.label), "appearance": g.appearance}
                | ({"repeat": True} if g.repeat else {})
                for g in self.groups
            ],
            "questions": [_question_to_dict(question) for question in self.questions],
            "choice_lists": {
                name: [{"name": c.name, "label": dict(c.label), "score": c.score} for c in items]
                for name, items in self.choice_lists.items()
            },
            "scoring": _json_copy(self.scoring),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Instrument:
        from .checks import instrument_from_dict

        return instrument_from_dict(cls, data)


def _question_to_dict(question: Question) -> dict[str, Any]:
    return {
        "name": question.name,
        "type": question.type,
        "label": dict(question.label),
        "hint": dict(question.hint),
        "required": question.required,
        "relevant": question.relevant,
        "constraint": question.constraint,
        "constraint_message": dict(question.constraint_message),
        "choice_list": question.choice_list,
        "core": question.core,
        "group": question.group,
        "appearance": question.appearance,
        "score_parameter": question.score_parameter,
        "default": question.default,
    }


def _json_copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(key): _json_copy(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_copy(item) for item in value]
    return value


def validate_answers(
    instrument: Instrument, answers: Mapping[str, object]
) -> tuple[dict[str, object], dict[str, str]]:
    """Convert and check one submission's raw answers.

    Returns ``(clean, errors)``: ``clean`` maps question names to typed values for
    answered, relevant, valid questions; ``errors`` maps question names to a stable
    English message (``converters.MSG_*``). Answers to questions that are not relevant
    are dropped without error; keys that are not questions are ignored. For many
    submissions build one :class:`~safercities.instruments.validation.AnswerValidator`.
    """
    from .validation import AnswerValidator

    return AnswerValidator(instrument).validate(answers)
