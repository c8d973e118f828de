"""What the Hub holds about a city, section by section.

Each feature registers a function ``section(request, city) -> CitySection | None``; the
city page shows every non-empty section in registration order. Later features (library,
practices, toolkit, pilots, training) add their own in their ``AppConfig.ready``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass
class CitySection:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    count: int | None = None


SectionFunction = Callable[[HttpRequest, Any], CitySection | None]
_SECTIONS: list[SectionFunction] = []


def register_city_section(function: SectionFunction) -> SectionFunction:
    if function not in _SECTIONS:
        _SECTIONS.append(function)
    return function


def city_sections(request: HttpRequest, city: Any) -> list[CitySection]:
    sections = (function(request, city) for function in _SECTIONS)
    return [section for section in sections if section is not None]
