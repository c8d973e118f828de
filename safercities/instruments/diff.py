"""Compare a localized tool version with the generic tool it adapts.

* :func:`diff_versions` lists every change (for the version history and review page).
* :func:`check_localization` lists what a localized version may not do: core questions
  must stay, keep their type, choice names, choice scores and score parameter (so
  results stay comparable across cities). Rewording and translating them is allowed and
  shows up in the diff.
* :func:`side_by_side` gives rows for a generic-vs-local page in one language.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum

from .model import SELECT_TYPES, Choice, Instrument, Problem, Question


class ChangeKind(StrEnum):
    QUESTION_ADDED = "question_added"
    QUESTION_REMOVED = "question_removed"
    QUESTION_REWORDED = "question_reworded"
    HINT_CHANGED = "hint_changed"
    TYPE_CHANGED = "type_changed"
    CHOICE_LIST_CHANGED = "choice_list_changed"
    REQUIRED_CHANGED = "required_changed"
    RELEVANCE_CHANGED = "relevance_changed"
    CONSTRAINT_CHANGED = "constraint_changed"
    GROUP_CHANGED = "group_changed"
    CORE_CHANGED = "core_changed"
    SCORE_PARAMETER_CHANGED = "score_parameter_changed"
    DEFAULT_CHANGED = "default_changed"
    CHOICE_ADDED = "choice_added"
    CHOICE_REMOVED = "choice_removed"
    CHOICE_RELABELLED = "choice_relabelled"
    CHOICE_SCORE_CHANGED = "choice_score_changed"
    TRANSLATION_ADDED = "translation_added"
    TRANSLATION_REMOVED = "translation_removed"
    METADATA_CHANGED = "metadata_changed"


UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class Change:
    kind: ChangeKind
    question: str | None = None
    choice_list: str | None = None
    choice: str | None = None
    language: str | None = None
    old: object = None
    new: object = None
    core: bool = False
    field: str | None = None  # for METADATA_CHANGED: title, description or guidance


def _text_changes(
    old: dict[str, str],
    new: dict[str, str],
    languages: list[str],
    reworded: ChangeKind,
    **where: object,
) -> list[Change]:
    """Per-language changes of one translated text, for the generic tool's languages."""
    changes = []
    for lang in languages:
        before, after = old.get(lang) or None, new.get(lang) or None
        if before == after:
            continue
        if before is None:
            kind = ChangeKind.TRANSLATION_ADDED
        elif after is None:
            kind = ChangeKind.TRANSLATION_REMOVED
        else:
            kind = reworded
        changes.append(Change(kind, language=lang, old=before, new=after, **where))  # type: ignore[arg-type]
    return changes


_FIELDS = (
    ("type", ChangeKind.TYPE_CHANGED),
    ("choice_list", ChangeKind.CHOICE_LIST_CHANGED),
    ("required", ChangeKind.REQUIRED_CHANGED),
    ("relevant", ChangeKind.RELEVANCE_CHANGED),
    ("constraint", ChangeKind.CONSTRAINT_CHANGED),
    ("group", ChangeKind.GROUP_CHANGED),
    ("core", ChangeKind.CORE_CHANGED),
    ("score_parameter", ChangeKind.SCORE_PARAMETER_CHANGED),
    ("default", ChangeKind.DEFAULT_CHANGED),
)


def _question_changes(old: Question, new: Question, languages: list[str]) -> list[Change]:
    where = {"question": old.name, "core": old.core}
    changes = [
        Change(kind, old=getattr(old, attr), new=getattr(new, attr), **where)  # type: ignore[arg-type]
        for attr, kind in _FIELDS
        if getattr(old, attr) != getattr(new, attr)
    ]
    changes += _text_changes(old.label, new.label, languages, ChangeKind.QUESTION_REWORDED, **where)
    changes += _text_changes(old.hint, new.hint, languages, ChangeKind.HINT_CHANGED, **where)
    return changes


def _choice_changes(
    list_name: str, old: list[Choice], new: list[Choice], languages: list[str], core: bool
) -> list[Change]:
    where = {"choice_list": list_name, "core": core}
    before = {choice.name: choice for choice in old}
    after = {choice.name: choice for choice in new}
    changes = [
        Change(ChangeKind.CHOICE_REMOVED, choice=name, **where)  # type: ignore[arg-type]
        for name in before
        if name not in after
    ]
    for name, choice in after.items():
        if name not in before:
            changes.append(Change(ChangeKind.CHOICE_ADDED, choice=name, **where))  # type: ignore[arg-type]
            continue
        if before[name].score != choice.score:
            changes.append(
                Change(
                    ChangeKind.CHOICE_SCORE_CHANGED,
                    choice=name,
                    old=before[name].score,
                    new=choice.score,
                    **where,  # type: ignore[arg-type]
                )
            )
        relabelled = ChangeKind.CHOICE_RELABELLED
        changes += _text_changes(
            before[name].label, choice.label, languages, relabelled, choice=name, **where
        )
    return changes


def diff_versions(generic: Instrument, version: Instrument) -> list[Change]:
    """Every difference of ``version`` from ``generic``, in a stable order."""
    languages = list(generic.languages)
    changes: list[Change] = []
    for lang in version.languages:
        if lang not in generic.languages:
            changes.append(Change(ChangeKind.TRANSLATION_ADDED, language=lang))
    for lang in generic.languages:
        if lang not in version.languages:
            changes.append(Change(ChangeKind.TRANSLATION_REMOVED, language=lang))
    for attr in ("title", "description", "guidance"):
        old, new = getattr(generic, attr), getattr(version, attr)
        changes += _text_changes(old, new, languages, ChangeKind.METADATA_CHANGED, field=attr)
    old_questions = {q.name: q for q in generic.questions}
    new_questions = {q.name: q for q in version.questions}
    for question in generic.questions:
        if question.name not in new_questions:
            changes.append(
                Change(ChangeKind.QUESTION_REMOVED, question=question.name, core=question.core)
            )
        else:
            changes += _question_changes(question, new_questions[question.name], languages)
    for question in version.questions:
        if question.name not in old_questions:
            changes.append(Change(ChangeKind.QUESTION_ADDED, question=question.name))
    core_lists = {q.choice_list for q in generic.questions if q.core and q.choice_list}
    for list_name, old_choices in generic.choice_lists.items():
        if list_name in version.choice_lists:
            changes += _choice_changes(
                list_name,
                old_choices,
                version.choice_lists[list_name],
                languages,
                list_name in core_lists,
            )
    return changes


def check_localization(generic: Instrument, version: Instrument) -> list[str]:
    """Reasons why ``version`` is not an acceptable adaptation of ``generic`` (empty = ok)."""
    errors: list[str] = [
        problem.reworded(f"Invalid definition: {problem}")
        if isinstance(problem, Problem)
        else f"Invalid definition: {problem}"
        for problem in version.problems()
    ]
    new_questions = {q.name: q for q in version.questions}
    for question in generic.core_questions:
        name = question.name
        new = new_questions.get(name)
        if new is None:
            errors.append(f"Core question {name!r} was removed.")
            continue
        if not new.core:
            errors.append(f"Core question {name!r} is no longer marked core.")
        if new.type != question.type:
            errors.append(
                f"Core question {name!r} changed type from {question.type} to {new.type}."
            )
            continue
        if new.score_parameter != question.score_parameter:
            errors.append(f"Core question {name!r} changed its score parameter.")
        if question.type in SELECT_TYPES:
            errors += _core_choice_errors(
                name, generic.choices_for(question), version.choices_for(new)
            )
    return errors


def _core_choice_errors(name: str, old: list[Choice], new: list[Choice]) -> list[str]:
    before = {choice.name: choice.score for choice in old}
    after = {choice.name: choice.score for choice in new}
    errors = []
    added = [choice for choice in after if choice not in before]
    removed = [choice for choice in before if choice not in after]
    if added:
        errors.append(f"Core question {name!r} has new choices: {', '.join(added)}.")
    if removed:
        errors.append(f"Core question {name!r} lost choices: {', '.join(removed)}.")
    for choice, score in after.items():
        if choice in before and before[choice] != score:
            errors.append(f"Core question {name!r} changed the score of choice {choice!r}.")
    return errors


@dataclass(frozen=True, slots=True)
class SideBySideRow:
    question: str
    choice: str | None
    generic_label: str | None
    version_label: str | None
    kind: str
    core: bool = False


def _row_kind(old: dict[str, str], new: dict[str, str], lang: str, reworded: ChangeKind) -> str:
    before, after = old.get(lang) or None, new.get(lang) or None
    if before == after:
        return UNCHANGED
    if before is None:
        return ChangeKind.TRANSLATION_ADDED.value
    if after is None:
        return ChangeKind.TRANSLATION_REMOVED.value
    return reworded.value


def side_by_side(generic: Instrument, version: Instrument, lang: str) -> list[SideBySideRow]:
    """Rows of generic label vs version label in ``lang`` (falling back to each tool's
    default language), one per question and one per choice of select questions, in the
    version's order with removed questions where the generic tool had them. ``kind`` is
    the most significant change of the row (a :class:`ChangeKind` value) or
    ``"unchanged"``; labels are ``None`` on the side where the item does not exist."""
    old_names = [q.name for q in generic.questions]
    new_names = [q.name for q in version.questions]
    rows: list[SideBySideRow] = []
    matcher = difflib.SequenceMatcher(a=old_names, b=new_names, autojunk=False)
    for _tag, a1, a2, b1, b2 in matcher.get_opcodes():
        for name in old_names[a1:a2]:
            if name not in new_names:
                question = generic.question(name)
                label = generic.label_for(question, lang)
                kind = ChangeKind.QUESTION_REMOVED.value
                rows.append(SideBySideRow(name, None, label, None, kind, question.core))
        for name in new_names[b1:b2]:
            if name in old_names:
                rows += _pair_rows(generic, version, name, lang)
            else:
                question = version.question(name)
                label = version.label_for(question, lang)
                kind = ChangeKind.QUESTION_ADDED.value
                rows.append(SideBySideRow(name, None, None, label, kind, question.core))
    return rows


def _pair_rows(
    generic: Instrument, version: Instrument, name: str, lang: str
) -> list[SideBySideRow]:
    old, new = generic.question(name), version.question(name)
    structural = [
        kind.value for attr, kind in _FIELDS[:5] if getattr(old, attr) != getattr(new, attr)
    ]
    kind = (
        structural[0]
        if structural
        else _row_kind(old.label, new.label, lang, ChangeKind.QUESTION_REWORDED)
    )
    old_label, new_label = generic.label_for(old, lang), version.label_for(new, lang)
    rows = [SideBySideRow(name, None, old_label, new_label, kind, old.core)]
    if old.type not in SELECT_TYPES and new.type not in SELECT_TYPES:
        return rows
    before = {choice.name: choice for choice in generic.choices_for(old)}
    after = {choice.name: choice for choice in version.choices_for(new)}
    for choice in [*before, *(c for c in after if c not in before)]:
        if choice not in after:
            choice_kind = ChangeKind.CHOICE_REMOVED.value
        elif choice not in before:
            choice_kind = ChangeKind.CHOICE_ADDED.value
        else:
            choice_kind = _row_kind(
                before[choice].label, after[choice].label, lang, ChangeKind.CHOICE_RELABELLED
            )
        old_text = generic.label_for(before[choice], lang) if choice in before else None
        new_text = version.label_for(after[choice], lang) if choice in after else None
        rows.append(SideBySideRow(name, choice, old_text, new_text, choice_kind, old.core))
    return rows
