"""Make user text safe for the formats the Hub writes: XML, CSV and spreadsheets.

Pure Python (no Django), so the pure cores (``safercities.instruments``) use it too. Every
exporter in the code base goes through these functions; a new exporter must as well
(see CONTRIBUTING.md → "Writing user text into files"):

- :func:`xml_text` for anything inside XML (Atom feeds, XLSForm/XForm XML, SVG): drops the
  characters XML 1.0 cannot hold (C0 controls except tab/newline/return, U+FFFE/U+FFFF,
  lone surrogates), which would otherwise break the whole document for every reader.
- :func:`csv_cell` for CSV cells: the same, plus a leading ``'`` for text that a spreadsheet
  would run as a formula (starting with ``= + - @``, tab or carriage return).
- :func:`spreadsheet_row` for ``openpyxl`` rows: text is written as a *text* cell, never a
  formula, after :func:`xml_text` (XLSX is XML). ``literal=True`` keeps the text exactly as
  given (an XLSForm label must reach KoboToolbox unchanged); otherwise the formula prefix is
  neutralised as in CSV, so the cell stays harmless after a copy into another sheet or CSV.

The same module has the one check for NUL characters (:func:`find_nul`), used by the request
middleware, the API and the importers, and :func:`loads_json`, a JSON reader that refuses
nesting deeper than :data:`MAX_JSON_DEPTH` with a clear error instead of a ``RecursionError``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

#: Characters that XML 1.0 cannot hold; U+007F-U+009F are legal but invisible, dropped too.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
#: Text starting with one of these is run as a formula by Excel, LibreOffice or Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Nesting deeper than this in an uploaded or posted JSON document is refused.
MAX_JSON_DEPTH = 64


def xml_text(value: object) -> str:
    """``value`` as text that any XML 1.0 document can hold."""
    if value is None:
        return ""
    return _XML_ILLEGAL.sub("", str(value))


def neutralise_formula(text: str) -> str:
    """Prefix ``'`` when a spreadsheet would read ``text`` as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_cell(value: object) -> object:
    """One CSV cell: numbers stay numbers; text is cleaned and can never be a formula."""
    if value is None or isinstance(value, bool | int | float):
        return "" if value is None else value
    return neutralise_formula(xml_text(value))


def csv_row(values: Iterable[object]) -> list[object]:
    return [csv_cell(value) for value in values]


def spreadsheet_row(sheet: Any, values: Iterable[object], *, literal: bool = False) -> list[Any]:
    """``openpyxl`` cells for one row of ``sheet`` (write-only or not): text is never a formula.

    ``literal=True`` keeps the text as given (it still cannot run); the default also
    neutralises formula prefixes, as for CSV.
    """
    from openpyxl.cell import WriteOnlyCell

    cells: list[Any] = []
    for value in values:
        if not isinstance(value, str):
            cells.append(value)
            continue
        text = xml_text(value)
        if not literal:
            text = neutralise_formula(text)
        cell = WriteOnlyCell(sheet, value=None)
        cell.value = text
        cell.data_type = "s"  # openpyxl would make "=…" a formula ("f")
        cells.append(cell)
    return cells


# --- NUL characters -------------------------------------------------------------------------


def find_nul(value: object, path: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """The path to the first text holding U+0000 in ``value`` (nested dicts/lists), or None.

    PostgreSQL cannot store U+0000 in text; SQLite would store it silently. Iterative, so a
    deeply nested document cannot exhaust the stack.
    """
    stack: list[tuple[tuple[str, ...], object]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return where
        elif isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str) and "\x00" in key:
                    return (*where, key.replace("\x00", "\\u0000"))
                stack.append(((*where, str(key)), child))
        elif isinstance(item, list | tuple):
            stack.extend(((*where, str(index)), child) for index, child in enumerate(item))
    return None


# --- JSON with bounded nesting --------------------------------------------------------------


class JSONTooDeep(ValueError):
    """The document nests arrays/objects deeper than the limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"nested deeper than {limit} levels")
        self.limit = limit


def json_depth_exceeds(text: str | bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether brackets outside strings nest deeper than ``limit`` (a linear scan)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def loads_json(text: str | bytes, limit: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` that raises :class:`JSONTooDeep` instead of recursing without bound.

    Other errors are ``json.JSONDecodeError`` (a ``ValueError``) as usual.
    """
    if json_depth_exceeds(text, limit):
        raise JSONTooDeep(limit)
    try:
        return json.loads(text)
    except RecursionError:  # pragma: no cover - the scan above refuses such documents first
        raise JSONTooDeep(limit) from None
