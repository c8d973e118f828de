"""Rules for adapting a generic tool to a city, in pure Python (no Django).

A city version may translate, add, remove and reword questions and choices. What it may
not do to core questions is decided by :func:`safercities.instruments.diff.check_localization`.
This module adds the toolkit's own rule — every change to what a question asks or accepts
needs a reason — and small editing helpers that work on :class:`Instrument` copies.

Reason keys: a question's name (``"cctv_visible"``) for the question, and
``"<choice list>/<choice name>"`` (``"yes_no/dont_know"``) for a choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from safercities.instruments.diff import Change, ChangeKind, check_localization, diff_versions
from safercities.instruments.model import Choice, Instrument, is_xml_name

#: Changes that carry no reason: translations, hints and the tool's title or guidance.
NO_REASON_KINDS = frozenset(
    {
        ChangeKind.TRANSLATION_ADDED,
        ChangeKind.TRANSLATION_REMOVED,
        ChangeKind.HINT_CHANGED,
        ChangeKind.METADATA_CHANGED,
    }
)


def question_key(name: str) -> str:
    return name


def choice_key(list_name: str, choice: str) -> str:
    return f"{list_name}/{choice}"


def change_key(change: Change) -> str | None:
    if change.choice is not None and change.choice_list is not None:
        return choice_key(change.choice_list, change.choice)
    if change.question is not None:
        return question_key(change.question)
    return None


def relevant_changes(generic: Instrument, version: Instrument) -> list[Change]:
    """The version's changes from the generic tool, ignoring languages it does not use."""
    shared = set(version.languages)
    return [
        change
        for change in diff_versions(generic, version)
        if change.language is None or change.language in shared
    ]


def changes_needing_reasons(generic: Instrument, version: Instrument) -> dict[str, list[Change]]:
    """Reason key → the changes that need a reason under that key, in diff order."""
    needed: dict[str, list[Change]] = {}
    for change in relevant_changes(generic, version):
        key = change_key(change)
        if key is None or change.kind in NO_REASON_KINDS:
            continue
        needed.setdefault(key, []).append(change)
    return needed


def missing_reasons(generic: Instrument, version: Instrument, reasons: dict[str, str]) -> list[str]:
    """Keys of changes that have no reason yet."""
    return [
        key
        for key in changes_needing_reasons(generic, version)
        if not (reasons.get(key) or "").strip()
    ]


def apply_reason(
    generic: Instrument,
    before: Instrument,
    after: Instrument,
    reasons: dict[str, str],
    reason: str,
) -> tuple[dict[str, str], list[str]]:
    """Reasons after an edit turned ``before`` into ``after``.

    ``reason`` (may be blank) is recorded for every key whose changes this edit touched;
    reasons of changes that no longer exist are dropped. Returns ``(reasons, missing)``
    where ``missing`` lists the touched keys still without a reason.
    """
    old = changes_needing_reasons(generic, before)
    new = changes_needing_reasons(generic, after)
    touched = [key for key in new if old.get(key) != new[key]]
    reason = reason.strip()
    result = {key: text for key, text in reasons.items() if key in new}
    if reason:
        for key in touched:
            result[key] = reason
    missing = [key for key in touched if not (result.get(key) or "").strip()]
    return result, missing


def localization_errors(generic: Instrument, version: Instrument) -> list[str]:
    return check_localization(generic, version)


# --- editing helpers ------------------------------------------------------------------------


def restrict_languages(instrument: Instrument, languages: list[str]) -> None:
    """Keep only ``languages`` (the default language is always kept) in every text."""
    keep = [instrument.default_language] + [
        lang for lang in languages if lang != instrument.default_language
    ]
    instrument.languages = keep

    def trim(texts: dict[str, str]) -> dict[str, str]:
        return {lang: text for lang, text in texts.items() if lang in keep}

    instrument.title = trim(instrument.title)
    instrument.description = trim(instrument.description)
    instrument.guidance = trim(instrument.guidance)
    for group in instrument.groups:
        group.label = trim(group.label)
    for question in instrument.questions:
        question.label = trim(question.label)
        question.hint = trim(question.hint)
        question.constraint_message = trim(question.constraint_message)
    for items in instrument.choice_lists.values():
        for choice in items:
            choice.label = trim(choice.label)


_CHOICE_LINE = re.compile(r"\s*(?P<name>[^\s=]+)\s*=\s*(?P<label>.+?)\s*")


@dataclass(frozen=True)
class ChoiceLineError(ValueError):
    line: int
    text: str


def parse_choice_lines(text: str) -> list[tuple[str, str]]:
    """``name = label`` lines (blank lines skipped) → ``[(name, label)]``.

    Raises :class:`ChoiceLineError` naming the first line that does not fit.
    """
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _CHOICE_LINE.fullmatch(line)
        if not match:
            raise ChoiceLineError(number, line.strip())
        pairs.append((match["name"], match["label"]))
    return pairs


def new_choices(pairs: list[tuple[str, str]], language: str) -> list[Choice]:
    return [Choice(name=name, label={language: label}) for name, label in pairs]


def free_list_name(instrument: Instrument, question_name: str) -> str:
    """A choice-list name for a new question that no list uses yet."""
    base = f"{question_name}_choices"
    name, n = base, 2
    while name in instrument.choice_lists:
        name, n = f"{base}_{n}", n + 1
    return name


def users_of_list(instrument: Instrument, list_name: str) -> list[str]:
    return [q.name for q in instrument.questions if q.choice_list == list_name]


def valid_name(name: str) -> bool:
    return is_xml_name(name) and not name.startswith("_")
