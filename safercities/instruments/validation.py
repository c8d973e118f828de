"""Answer validation compiled once per instrument, reused for every submission."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .converters import MSG_CONSTRAINT, MSG_NUL, MSG_REQUIRED, Converter, converter_for
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

    __slots__ = ("instrument", "_steps")

    def __init__(self, instrument: Instrument) -> None:
        problems = instrument.problems()
        if problems:
            raise InstrumentError(problems)
        self.instrument = instrument
        steps: list[tuple[str, Converter, bool, _Condition | None, _Condition | None]] = []
        for question in instrument.questions:
            if question.type == "note":
                continue
            names = [choice.name for choice in instrument.choices_for(question)]
            relevant = parse_expression(question.relevant).evaluate if question.relevant else None
            constraint = (
                parse_expression(question.constraint).evaluate if question.constraint else None
            )
            steps.append(
                (
                    question.name,
                    converter_for(question.type, names),
                    question.required,
                    relevant,
                    constraint,
                )
            )
        self._steps = tuple(steps)

    @property
    def question_names(self) -> list[str]:
        """Names of the questions that take answers (every type except ``note``)."""
        return [step[0] for step in self._steps]

    def validate(self, answers: Mapping[str, object]) -> tuple[dict[str, object], dict[str, str]]:
        clean: dict[str, object] = {}
        errors: dict[str, str] = {}
        get = answers.get
        for name, convert, required, relevant, constraint in self._steps:
            if relevant is not None and not relevant(clean):
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
            if constraint is not None and not constraint(clean, value):
                errors[name] = MSG_CONSTRAINT
                continue
            clean[name] = value
        return clean, errors
