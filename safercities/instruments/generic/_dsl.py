"""Small helpers to write the generic tools in English; translations come from catalogs."""

from __future__ import annotations

from ..model import Choice, Group, Question

EN = "en"


def q(
    name: str,
    type_: str,
    label: str,
    *,
    hint: str | None = None,
    constraint_message: str | None = None,
    **options: object,
) -> Question:
    return Question(
        name=name,
        type=type_,
        label={EN: label},
        hint={EN: hint} if hint else {},
        constraint_message={EN: constraint_message} if constraint_message else {},
        **options,  # type: ignore[arg-type]
    )


def choices(*pairs: tuple[str, str], scores: range | list[int] | None = None) -> list[Choice]:
    score_list = list(scores) if scores is not None else [None] * len(pairs)
    if len(score_list) != len(pairs):
        raise ValueError("one score per choice")
    return [
        Choice(name=name, label={EN: label}, score=score)
        for (name, label), score in zip(pairs, score_list, strict=True)
    ]


def rating(*labels: tuple[str, str]) -> list[Choice]:
    """A 0..3 rating scale for a safety-audit parameter (worst first)."""
    return choices(*labels, scores=range(len(labels)))


def group(name: str, label: str, appearance: str | None = None) -> Group:
    return Group(name=name, label={EN: label}, appearance=appearance)
