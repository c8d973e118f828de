"""Search parameters: read them from a query string, check them, and say what is wrong.

Shared by the page and the API. Unknown values (a theme, country, type or language nobody
uses) and malformed numbers are errors naming the field; the page shows them and searches
without the faulty filter, the API answers 400.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_lazy as _

from safercities.core.languages import normalize_language_code

YEAR_MIN, YEAR_MAX = 1900, 2100
MAX_PAGE = 500
PER_PAGE = 20
MAX_QUERY_CHARS = 10_000  # longer text is cut (the analyzer reads the first 2,000 anyway)
SORTS = ("relevance", "date")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    kinds: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    flags: tuple[str, ...] = ()  # registered flag names the hits must all carry
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    city: str = ""  # "for my city": only the kinds with a city ranking, ranked by fit

    @property
    def has_filters(self) -> bool:
        return bool(
            self.kinds or self.types or self.themes or self.languages or self.countries
            or self.cities or self.year_from or self.year_to or self.flags or self.city
        )  # fmt: skip

    def with_page(self, page: int) -> SearchRequest:
        return replace(self, page=page)


@dataclass
class Vocabulary:
    """The values filters may take (what the Hub knows about)."""

    kinds: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    themes: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)
    flags: set[str] = field(default_factory=set)


def clean_query(text: str) -> str:
    """The query text without control characters (NUL included), at most MAX_QUERY_CHARS."""
    return _CONTROL_RE.sub(" ", text or "")[:MAX_QUERY_CHARS].strip()


def _values(data: Mapping[str, Sequence[str]], name: str) -> list[str]:
    raw = data.get(name) or []
    if isinstance(raw, str):
        raw = [raw]
    values = []
    for item in raw:
        values += [part.strip() for part in str(item).split(",") if part.strip()]
    return list(dict.fromkeys(values))


def _int(data, name: str, errors: dict[str, str]) -> int | None:
    values = _values(data, name)
    if not values:
        return None
    try:
        return int(values[0])
    except ValueError:
        errors[name] = str(_("Enter a whole number."))
        return None


def parse(data: Mapping[str, Sequence[str]], vocabulary: Vocabulary):
    """``(SearchRequest, errors)`` from query parameters (``request.GET.lists()`` as a dict).

    ``errors`` maps a field name to a translated message; faulty fields are left out of the
    request.
    """
    errors: dict[str, str] = {}
    q = clean_query(" ".join(_values_raw(data, "q")))

    def known(name: str, allowed: set[str], *, upper: bool = False) -> tuple[str, ...]:
        values = [v.upper() if upper else v for v in _values(data, name)]
        return known_values(name, values, allowed)

    def known_values(name: str, values, allowed: set[str]) -> tuple[str, ...]:
        bad = [v for v in values if v not in allowed or not _SLUG_RE.match(v)]
        if bad:
            errors[name] = str(_("Unknown value: %(value)s.") % {"value": bad[0][:80]})
        return tuple(v for v in values if v not in bad)

    languages = []
    for value in _values(data, "language"):
        code = normalize_language_code(value)
        if code is None:
            errors["language"] = str(_("Unknown language code: %(value)s.") % {"value": value[:20]})
        else:
            languages.append(code)
    year_from, year_to = _int(data, "year_from", errors), _int(data, "year_to", errors)
    for name, year in (("year_from", year_from), ("year_to", year_to)):
        if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
            errors[name] = str(
                _("Enter a year between %(min)s and %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX}
            )
    if "year_from" in errors:
        year_from = None
    if "year_to" in errors:
        year_to = None
    if year_from is not None and year_to is not None and year_from > year_to:
        errors["year_from"] = str(_("The first year must not be after the last year."))
        year_from = None
    page = _int(data, "page", errors)
    if page is not None and not 1 <= page <= MAX_PAGE:
        errors["page"] = str(_("Enter a page between 1 and %(max)s.") % {"max": MAX_PAGE})
        page = None
    sort = (_values(data, "sort") or ["relevance"])[0]
    if sort not in SORTS:
        errors["sort"] = str(_("Sort by relevance or date."))
        sort = "relevance"
    city = (_values(data, "city") or [""])[0]
    if city and city not in vocabulary.cities:
        errors["city"] = str(_("Unknown city: %(value)s.") % {"value": city[:80]})
        city = ""
    # A flag is asked for as ``flag=replicable`` or as its own parameter ``replicable=1``.
    wanted_flags = list(_values(data, "flag"))
    for name in sorted(vocabulary.flags):
        if (_values(data, name) or [""])[0].lower() in {"1", "true", "on", "yes"}:
            wanted_flags.append(name)
    flags = known_values("flag", dict.fromkeys(wanted_flags), vocabulary.flags)
    request = SearchRequest(
        q=q,
        kinds=known("kind", vocabulary.kinds),
        types=known("type", vocabulary.types),
        themes=known("theme", vocabulary.themes),
        languages=tuple(dict.fromkeys(languages)),
        countries=known("country", vocabulary.countries, upper=True),
        year_from=year_from,
        year_to=year_to,
        flags=flags,
        sort=sort,
        page=page or 1,
        city=city,
    )
    return request, errors


def _values_raw(data, name: str) -> list[str]:
    raw = data.get(name) or []
    return [raw] if isinstance(raw, str) else [str(item) for item in raw]
