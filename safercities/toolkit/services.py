"""The verbs of localization: start a city version, edit its draft, publish it.

Every edit works on a copy of the draft's instrument, then goes through one gate,
:func:`save_definition`: the new definition must pass ``Instrument.from_dict`` (structure),
``check_localization`` against the generic tool (core questions) and the reason rule
(:mod:`safercities.toolkit.localization`). Refused edits raise :class:`EditRefused` and change
nothing. Permission checks belong to the caller (views, API).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safercities.core.audit import record
from safercities.instruments.model import (
    SELECT_TYPES,
    Choice,
    Instrument,
    InstrumentError,
    Question,
)
from safercities.toolkit import localization
from safercities.toolkit.models import Tool, ToolVersion, VersionLocked
from safercities.toolkit.problems import describe
from safercities.toolkit.search import reindex_tool
from safercities.toolkit.versioning import (  # noqa: F401  (re-exported for other apps)
    VersionNotPublished,
    ensure_generic_tools,
    lock_version,
    next_number,
)


class EditRefused(Exception):
    """An edit was refused; ``errors`` maps a form field (or ``None``) to messages."""

    def __init__(self, errors: dict[str | None, list[str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(m for messages in errors.values() for m in messages))

    @property
    def messages(self) -> list[str]:
        return [m for messages in self.errors.values() for m in messages]


def _refuse(message: str, field: str | None = None) -> EditRefused:
    return EditRefused({field: [message]})


def check_editable(version: ToolVersion) -> None:
    """Only unlocked drafts of city versions change."""
    if version.locked:
        raise VersionLocked(_("This version is used by an assessment and cannot change."))
    if version.published:
        raise _refuse(_("This version is published; start a new version to change it."))
    if version.is_generic:
        raise _refuse(_("The generic tool cannot be edited here."))


@transaction.atomic
def start_version(
    actor: Any,
    tool: Tool,
    city: Any,
    *,
    based_on: ToolVersion | None = None,
    languages: list[str] | None = None,
) -> ToolVersion:
    """A new draft for ``city``, copied from ``based_on`` (default: the generic tool).

    ``languages`` (default: those of ``based_on``) restricts the copy's languages; the
    default language is always kept. Reasons of the base's changes are carried over.
    """
    base = based_on or tool.generic_version()
    if base is None or base.tool_id != tool.pk:
        raise _refuse(_("Choose a version of this tool to start from."), "based_on")
    if base.city_id not in (None, getattr(city, "pk", None)):
        raise _refuse(_("A city version can only start from the generic tool or its own."))
    instrument = Instrument.from_dict(base.definition)
    if languages:
        localization.restrict_languages(instrument, languages)
    number = next_number(tool, city)
    instrument.version = number
    version = ToolVersion.objects.create(
        tool=tool,
        city=city,
        number=number,
        based_on=base,
        definition=instrument.to_dict(),
        languages=list(instrument.languages),
        change_reasons=dict(base.change_reasons),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(actor, "tool_version.started", version, based_on=base.pk)
    return version


def _problems_to_errors(problems: list[str]) -> dict[str | None, list[str]]:
    """Broken core rules alone when there are any: the structural problems that follow from
    them (a removed scored question leaves its score parameter unused) only add noise."""
    core = [problem for problem in problems if not problem.startswith("Invalid definition")]
    return {None: [describe(problem) for problem in core or problems]}


@transaction.atomic
def save_definition(
    actor: Any,
    version: ToolVersion,
    instrument: Instrument,
    *,
    reason: str = "",
    action: str,
    **data: Any,
) -> ToolVersion:
    """Store ``instrument`` as the draft's new definition, if every rule allows it.

    ``reason`` is recorded for each question or choice this edit changed from the generic
    tool; a change without a reason (given now or earlier) is refused.
    """
    check_editable(version)
    instrument.version = version.number
    generic = version.generic_base().instrument()
    problems = localization.localization_errors(generic, instrument)
    if problems:
        raise EditRefused(_problems_to_errors(problems))
    try:
        candidate = Instrument.from_dict(instrument.to_dict())
    except InstrumentError as exc:
        raise EditRefused(_problems_to_errors(exc.problems)) from None
    reasons, missing = localization.apply_reason(
        generic, version.instrument(), candidate, version.change_reasons, reason
    )
    if missing:
        raise _refuse(
            _("Give a reason for this change (%(what)s).") % {"what": ", ".join(missing)},
            "reason",
        )
    version.definition = candidate.to_dict()
    version.languages = list(candidate.languages)
    version.change_reasons = reasons
    version.save()
    record(actor, action, version, **data)
    return version


def editable_copy(version: ToolVersion) -> Instrument:
    """A fresh instrument to change and pass to :func:`save_definition`."""
    return Instrument.from_dict(version.definition)


@transaction.atomic
def remove_question(actor: Any, version: ToolVersion, name: str, *, reason: str) -> ToolVersion:
    instrument = editable_copy(version)
    question = instrument.question(name)
    instrument.questions.remove(question)
    used = {q.choice_list for q in instrument.questions}
    if question.choice_list and question.choice_list not in used:
        del instrument.choice_lists[question.choice_list]
    return save_definition(
        actor, version, instrument, reason=reason, action="tool_version.question_removed", name=name
    )


@transaction.atomic
def add_language(actor: Any, version: ToolVersion, language: str) -> ToolVersion:
    instrument = editable_copy(version)
    if language in instrument.languages:
        raise _refuse(_("This version already has this language."), "language")
    instrument.languages.append(language)
    return save_definition(
        actor, version, instrument, action="tool_version.language_added", language=language
    )


@transaction.atomic
def publish_version(actor: Any, version: ToolVersion) -> ToolVersion:
    """Make a draft usable by assessments; refused while a rule is broken."""
    check_editable(version)
    generic = version.generic_base().instrument()
    instrument = version.instrument()
    problems = localization.localization_errors(generic, instrument)
    if problems:
        raise EditRefused(_problems_to_errors(problems))
    missing = localization.missing_reasons(generic, instrument, version.change_reasons)
    if missing:
        raise _refuse(
            _("These changes still need a reason: %(what)s.") % {"what": ", ".join(missing)}
        )
    version.published = True
    version.published_at = timezone.now()
    version.save()
    record(actor, "tool_version.published", version)
    reindex_tool(version)
    return version


@transaction.atomic
def delete_draft(actor: Any, version: ToolVersion) -> None:
    check_editable(version)
    record(actor, "tool_version.deleted", version, number=version.number)
    version.delete()


@transaction.atomic
def link_resources(actor: Any, tool: Tool, resources: list[Any]) -> Tool:
    tool.resources.set(resources)
    record(actor, "tool.resources_linked", tool, resources=[r.pk for r in resources])
    return tool


# --- question and translation edits ---------------------------------------------------------


@dataclass
class QuestionEdit:
    """What the question form submits (see ``forms.QuestionForm``)."""

    type: str
    labels: dict[str, str]
    hints: dict[str, str]
    required: bool
    relevant: str | None
    constraint: str | None
    choice_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    removed_choices: list[str] = field(default_factory=list)
    added_choices: list[tuple[str, str]] = field(default_factory=list)


def _texts(values: dict[str, str], previous: dict[str, str] | None = None) -> dict[str, str]:
    result = dict(previous or {})
    for lang, text in values.items():
        text = text.strip()
        if text:
            result[lang] = text
        else:
            result.pop(lang, None)
    return result


def _apply_choices(instrument: Instrument, question: Question, edit: QuestionEdit) -> None:
    if edit.type not in SELECT_TYPES:
        old_list = question.choice_list
        question.choice_list = None
        if old_list and not localization.users_of_list(instrument, old_list):
            del instrument.choice_lists[old_list]
        return
    if question.choice_list is None:
        question.choice_list = localization.free_list_name(instrument, question.name)
        instrument.choice_lists[question.choice_list] = []
    items = instrument.choice_lists[question.choice_list]
    kept = []
    for choice in items:
        if choice.name in edit.removed_choices:
            continue
        if choice.name in edit.choice_labels:
            choice.label = _texts(edit.choice_labels[choice.name], choice.label)
        kept.append(choice)
    known = {choice.name for choice in kept}
    for name, label in edit.added_choices:
        if name in known:
            raise _refuse(_("There is already a choice named “%(name)s”.") % {"name": name})
        kept.append(Choice(name=name, label={instrument.default_language: label}))
        known.add(name)
    instrument.choice_lists[question.choice_list] = kept


@transaction.atomic
def update_question(
    actor: Any, version: ToolVersion, name: str, edit: QuestionEdit, *, reason: str = ""
) -> ToolVersion:
    instrument = editable_copy(version)
    question = instrument.question(name)
    question.type = edit.type
    question.label = _texts(edit.labels, question.label)
    question.hint = _texts(edit.hints, question.hint)
    question.required = edit.required
    question.relevant = (edit.relevant or "").strip() or None
    question.constraint = (edit.constraint or "").strip() or None
    _apply_choices(instrument, question, edit)
    return save_definition(
        actor, version, instrument, reason=reason, action="tool_version.question_changed", name=name
    )


@transaction.atomic
def add_question(
    actor: Any,
    version: ToolVersion,
    *,
    name: str,
    type: str,  # noqa: A002  (the instrument's word)
    labels: dict[str, str],
    hint: str = "",
    required: bool = False,
    relevant: str = "",
    after: str = "",
    choices: list[tuple[str, str]] | None = None,
    reason: str = "",
) -> ToolVersion:
    """Insert a new question after ``after`` (in its group; ``""``: at the start)."""
    instrument = editable_copy(version)
    if any(q.name == name for q in instrument.questions):
        raise _refuse(_("There is already a question named “%(name)s”.") % {"name": name}, "name")
    if not localization.valid_name(name):
        raise _refuse(
            _("Use letters, digits and _ only, starting with a letter (for example cctv_visible)."),
            "name",
        )
    question = Question(
        name=name,
        type=type,
        label=_texts(labels),
        hint=_texts({instrument.default_language: hint}),
        required=required,
        relevant=relevant.strip() or None,
    )
    if after:
        position = [q.name for q in instrument.questions].index(after) + 1
        question.group = instrument.question(after).group
    else:
        position = 0
        question.group = instrument.questions[0].group if instrument.questions else None
    if type in SELECT_TYPES:
        if not choices:
            raise _refuse(_("A question with choices needs at least one choice."), "choices")
        question.choice_list = localization.free_list_name(instrument, name)
        language = instrument.default_language
        instrument.choice_lists[question.choice_list] = localization.new_choices(choices, language)
    instrument.questions.insert(position, question)
    return save_definition(
        actor, version, instrument, reason=reason, action="tool_version.question_added", name=name
    )


@transaction.atomic
def save_translations(
    actor: Any, version: ToolVersion, language: str, texts: dict[str, str], *, reason: str = ""
) -> ToolVersion:
    """Set the texts of one language. Keys: ``title``, ``group:<name>``,
    ``question:<name>:label``, ``question:<name>:hint``, ``choice:<list>:<name>``; an empty
    text removes the translation (the default language's text is then shown)."""
    instrument = editable_copy(version)
    if language not in instrument.languages:
        raise _refuse(_("Add this language to the version first."))
    targets: dict[str, dict[str, str]] = {"title": instrument.title}
    for group in instrument.groups:
        targets[f"group:{group.name}"] = group.label
    for question in instrument.questions:
        targets[f"question:{question.name}:label"] = question.label
        targets[f"question:{question.name}:hint"] = question.hint
    for list_name, items in instrument.choice_lists.items():
        for choice in items:
            targets[f"choice:{list_name}:{choice.name}"] = choice.label
    for key, text in texts.items():
        target = targets.get(key)
        if target is None:
            continue
        target.update(_texts({language: text}, target))
        if not text.strip():
            target.pop(language, None)
    return save_definition(
        actor,
        version,
        instrument,
        reason=reason,
        action="tool_version.translated",
        language=language,
    )
