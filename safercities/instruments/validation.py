"""Answer validation compiled once per instrument, reused for every submission."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .converters import (
    MSG_CONSTRAINT,
    MSG_NUL,
    MSG_REPEAT,
    MSG_REQUIRED,
    Converter,
    converter_for,
)
from .expressions import parse_expression
from .model import Instrument, InstrumentError

_Condition = Callable[..., bool]


class AnswerValidator:
    """Converts and checks raw answers against an instrument.

    Questions are processed in order. A question whose relevance is false is skipped and
    its raw answer dropped (as ODK clears non-relevant answers). Otherwise a blank answer
    is an error only if the question is required; a present answer is converted (type
    errors, unknown choices, bad geopoints) and then checked against its constraint.
    Relevance and constraints see the clean values of earlier questions only (the
    instrument checks enforce that they refer to earlier questions), so an invalid
    earlier answer counts as unanswered.
    """

    __slots__ = ("instrument", "_steps", "_repeats")

    def __init__(self, instrument: Instrument) -> None:
        problems = instrument.problems()
        if problems:
            raise InstrumentError(problems)
        self.instrument = instrument
        steps: list[tuple[str, Converter, bool, _Condition | None, _Condition | None]] = []
        repeats: dict[str, list] = {group.name: [] for group in instrument.repeats}
        for question in instrument.questions:
            if question.type == "note":
                continue
            target = repeats.get(question.group or "", steps)
            names = [choice.name for choice in instrument.choices_for(question)]
            relevant = parse_expression(question.relevant).evaluate if question.relevant else None
            constraint = (
                parse_expression(question.constraint).evaluate if question.constraint else None
            )
            target.append(
                (
                    question.name,
                    converter_for(question.type, names),
                    question.required,
                    relevant,
                    constraint,
                )
            )
        self._steps = tuple(steps)
        self._repeats = tuple((name, tuple(items)) for name, items in repeats.items())

    @property
    def question_names(self) -> list[str]:
        """Names of the top-level questions that take answers (every type except ``note``;
        questions of repeat groups are in :meth:`repeat_question_names`)."""
        return [step[0] for step in self._steps]

    @property
    def repeat_names(self) -> list[str]:
        return [name for name, _steps in self._repeats]

    def repeat_question_names(self, repeat: str) -> list[str]:
        for name, steps in self._repeats:
            if name == repeat:
                return [step[0] for step in steps]
        raise KeyError(repeat)

    def validate(self, answers: Mapping[str, object]) -> tuple[dict[str, object], dict[str, str]]:
        """Clean answers and errors. A repeat group's raw answer is a list of mappings (one
        per entry); its clean answer is a list of dicts, and errors inside it are keyed
        ``<repeat>[<n>]/<question>`` (``n`` from 1)."""
        clean, errors = self._run(self._steps, answers, {})
        for name, steps in self._repeats:
            entries = answers.get(name)
            if entries is None or entries == "" or entries == []:
                continue
            if not isinstance(entries, (list, tuple)) or not all(
                isinstance(entry, Mapping) for entry in entries
            ):
                errors[name] = MSG_REPEAT
                continue
            cleaned = []
            for number, entry in enumerate(entries, 1):
                entry_clean, entry_errors = self._run(steps, entry, clean)
                for question, message in entry_errors.items():
                    errors[f"{name}[{number}]/{question}"] = message
                cleaned.append(entry_clean)
            clean[name] = cleaned
        return clean, errors

    @staticmethod
    def _run(
        steps: tuple, answers: Mapping[str, object], outer: dict[str, object]
    ) -> tuple[dict[str, object], dict[str, str]]:
        """Run ``steps`` over ``answers``; expressions also see the ``outer`` clean values."""
        scope: dict[str, object] = dict(outer) if outer else {}
        clean: dict[str, object] = scope if not outer else {}
        errors: dict[str, str] = {}
        get = answers.get
        for name, convert, required, relevant, constraint in steps:
            if relevant is not None and not relevant(scope):
                continue
            raw = get(name)
            if raw is None or raw == "":
                value = None
            elif isinstance(raw, str) and "\x00" in raw:
                errors[name] = MSG_NUL  # PostgreSQL cannot store it; no answer may hold it
                continue
            else:
                try:
                    value = convert(raw)
                except ValueError as exc:
                    errors[name] = exc.args[0]
                    continue
            if value is None:
                if required:
                    errors[name] = MSG_REQUIRED
                continue
            if constraint is not None and not constraint(scope, value):
                errors[name] = MSG_CONSTRAINT
                continue
            clean[name] = value
            if scope is not clean:
                scope[name] = value
        return clean, errors
