"""Where a practice was adapted: other apps (pilots) register a source of adaptations, so the
practice page can say "adapted in Bangkok" without importing them."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Adaptation:
    city: str
    url: str


Source = Callable[[Any], list[Adaptation]]
_SOURCES: list[Source] = []


def register_adaptation_source(function: Source) -> Source:
    if function not in _SOURCES:
        _SOURCES.append(function)
    return function


def adaptations_of(practice) -> list[Adaptation]:
    return [adaptation for source in _SOURCES for adaptation in source(practice)]
