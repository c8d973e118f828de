"""Read and check a bulk import file of resources (no Django, no database).

Formats: ``.jsonl`` (one JSON object per line) and ``.csv`` (UTF-8, a header row, comma
separated). Fields: ``ref``, ``title``, ``summary``, ``body``, ``language``,
``resource_type``, ``themes``, ``countries``, ``cities``, ``year``, ``url``, ``publisher``
(plus optional ``authors``, ``licence``, ``audience``, ``translation_of`` — the ``ref`` of the
same resource in another language). List fields take a JSON list or ``;``-separated text.

:func:`parse` returns ``(rows, errors)``: every row that is valid, and every problem with its
line number, so a caller can refuse the whole file when ``errors`` is not empty.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from safercities.core.languages import normalize_language_code
from safercities.core.sanitize import JSONTooDeep, find_nul, loads_json
from safercities.library.rules import LIMITS, MIN_YEAR, max_year, year_is_valid

FIELDS = frozenset(
    {"ref", "title", "summary", "body", "language", "resource_type", "themes", "countries",
     "cities", "year", "url", "publisher", "authors", "licence", "audience", "translation_of"}
)  # fmt: skip
PROGRESS_EVERY = 1000


@dataclass(frozen=True)
class Vocabulary:
    """What values are known: slugs, codes, and city names → slugs (keys casefolded)."""

    themes: frozenset[str]
    countries: frozenset[str]
    cities: dict[str, str]
    resource_types: frozenset[str]
    audiences: frozenset[str] = frozenset()
    #: other spellings (labels, hyphens, capitals) → code, keys made by :func:`spelling_key`
    aliases: dict[str, str] = field(default_factory=dict)

    def canonical(self, value: str, codes: frozenset[str]) -> str | None:
        """The code for ``value``: the code itself, its label or a common spelling of it."""
        if value in codes:
            return value
        code = self.aliases.get(spelling_key(value))
        return code if code in codes else None


def spelling_key(value: str) -> str:
    """``Case study``, ``case-study`` and ``CASE_STUDY`` all become ``case_study``."""
    return "_".join(value.casefold().replace("-", " ").replace("_", " ").split())


@dataclass
class ImportRow:
    line: int
    title: str
    language: str
    resource_type: str
    ref: str = ""
    summary: str = ""
    body: str = ""
    themes: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    year: int | None = None
    url: str = ""
    publisher: str = ""
    authors: str = ""
    licence: str = ""
    audience: list[str] = field(default_factory=list)
    translation_of: str = ""


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class _Invalid(Exception):
    pass


def _text(record: dict, name: str, problems: list[str]) -> str:
    value = record.get(name)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        problems.append(f"{name} must be text")
        return ""
    text = str(value).strip()
    limit = LIMITS.get(name)
    if limit and len(text) > limit:
        problems.append(f"{name} is longer than {limit} characters")
    return text


def _list(record: dict, name: str, problems: list[str]) -> list[str]:
    value = record.get(name)
    if value in (None, ""):
        return []
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):
            try:
                value = loads_json(stripped)
            except ValueError:  # malformed, or nested without bound
                problems.append(f"{name} is not a valid JSON list")
                return []
        else:
            value = stripped.split(";")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{name} must be a list of text values or ';'-separated text")
        return []
    items: list[str] = []
    for item in (v.strip() for v in value):
        if item and item not in items:
            items.append(item)
    return items


def _year(record: dict, problems: list[str]) -> int | None:
    value = record.get("year")
    if value in (None, ""):
        return None
    try:
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError
        year = int(str(value).strip()) if not isinstance(value, float) else int(value)
    except ValueError:
        problems.append(f"bad year {value!r}: use four digits, e.g. 2019")
        return None
    if not year_is_valid(year):
        problems.append(f"bad year {year}: must be between {MIN_YEAR} and {max_year()}")
        return None
    return year


def _url(text: str, problems: list[str]) -> str:
    if not text:
        return ""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in text:
        problems.append(f"bad url {text!r}: use a full http:// or https:// address")
    return text


def check_record(record: object, line: int, vocabulary: Vocabulary) -> ImportRow:
    """One import row from one decoded record; raises ``_Invalid`` listing its problems."""
    if not isinstance(record, dict):
        raise _Invalid("each line must be a JSON object")
    nul = find_nul(record)
    if nul is not None:
        raise _Invalid(f"{nul[0] if nul else 'the row'} holds a null character (U+0000)")
    problems: list[str] = []
    unknown = sorted(str(key) for key in record if key not in FIELDS)
    if unknown:
        problems.append("unknown field " + ", ".join(repr(k) for k in unknown))
    title = _text(record, "title", problems)
    if not title:
        problems.append("missing title")
    raw_language = _text(record, "language", problems)
    language = normalize_language_code(raw_language) or ""
    if not raw_language:
        problems.append("missing language")
    elif not language:
        problems.append(f"unknown language code {raw_language!r}")
    resource_type = _text(record, "resource_type", problems)
    if not resource_type:
        problems.append("missing resource_type")
    elif vocabulary.canonical(resource_type, vocabulary.resource_types) is None:
        problems.append(f"unknown resource_type {resource_type!r}")
    else:
        resource_type = vocabulary.canonical(resource_type, vocabulary.resource_types)
    themes = _list(record, "themes", problems)
    for slug in themes:
        if slug not in vocabulary.themes:
            problems.append(f"unknown theme {slug!r}")
    countries = [code.upper() for code in _list(record, "countries", problems)]
    for code in countries:
        if code not in vocabulary.countries:
            problems.append(f"unknown country {code!r}")
    cities: list[str] = []
    for name in _list(record, "cities", problems):
        slug = vocabulary.cities.get(name.casefold())
        if slug is None:
            problems.append(f"unknown city {name!r}")
        elif slug not in cities:
            cities.append(slug)
    audience = []
    for value in _list(record, "audience", problems):
        code = vocabulary.canonical(value, vocabulary.audiences)
        if code is None:
            problems.append(f"unknown audience {value!r}")
        else:
            audience.append(code)
    row = ImportRow(
        line=line,
        title=title,
        language=language,
        resource_type=resource_type,
        ref=_text(record, "ref", problems),
        summary=_text(record, "summary", problems),
        body=_text(record, "body", problems),
        themes=themes,
        countries=countries,
        cities=cities,
        year=_year(record, problems),
        url=_url(_text(record, "url", problems), problems),
        publisher=_text(record, "publisher", problems),
        authors=_text(record, "authors", problems),
        licence=_text(record, "licence", problems),
        audience=audience,
        translation_of=_text(record, "translation_of", problems),
    )
    if problems:
        raise _Invalid("; ".join(problems))
    return row


def _jsonl_records(stream: Iterable[str]) -> Iterator[tuple[int, object]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            yield number, loads_json(line)
        except JSONTooDeep as exc:
            yield number, _Invalid(f"bad JSON: {exc}")
        except json.JSONDecodeError as exc:
            yield number, _Invalid(f"bad JSON: {exc.msg} (column {exc.colno})")


def _csv_records(stream: Iterable[str]) -> Iterator[tuple[int, object]]:
    reader = csv.reader(stream)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        return
    unknown = [name for name in header if name not in FIELDS]
    if unknown or "title" not in header or len(set(header)) != len(header):
        problems = [f"unknown column {name!r}" for name in unknown]
        if "title" not in header:
            problems.append("no 'title' column")
        if len(set(header)) != len(header):
            problems.append("a column name is repeated")
        yield 1, _Invalid("; ".join(problems))
        return
    last = reader.line_num
    for values in reader:
        start, last = last + 1, reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            yield start, _Invalid(f"{len(values)} values for {len(header)} columns")
            continue
        yield start, dict(zip(header, values, strict=True))


def parse(
    source: str | Path | io.TextIOBase | Iterable[str],
    vocabulary: Vocabulary,
    *,
    fmt: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[ImportRow], list[RowError]]:
    """Valid rows and every error (line number + reason) of a ``.jsonl`` or ``.csv`` file."""
    if isinstance(source, str | Path):
        path = Path(source)
        fmt = fmt or path.suffix.lower().lstrip(".")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            return [], [RowError(1, f"the file is not UTF-8 text ({exc.reason})")]
        lines: Iterable[str] = io.StringIO(text, newline="")
    else:
        lines = source
    if fmt not in ("jsonl", "csv"):
        return [], [RowError(0, f"unknown format {fmt!r}: use .jsonl or .csv")]
    records = _jsonl_records(lines) if fmt == "jsonl" else _csv_records(lines)
    rows: list[ImportRow] = []
    errors: list[RowError] = []
    refs: dict[str, int] = {}
    count = 0
    for line, record in records:
        count += 1
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
        try:
            if isinstance(record, _Invalid):
                raise record
            row = check_record(record, line, vocabulary)
        except _Invalid as invalid:
            errors.append(RowError(line, str(invalid)))
            continue
        if row.ref and row.ref in refs:
            errors.append(RowError(line, f"ref {row.ref!r} repeats line {refs[row.ref]}"))
            continue
        if row.ref:
            refs[row.ref] = line
        rows.append(row)
    for row in rows:
        if row.translation_of and row.translation_of == row.ref:
            errors.append(RowError(row.line, "translation_of names the row itself"))
    errors.sort(key=lambda error: error.line)
    return rows, errors
