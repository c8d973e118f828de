"""Parse KoboToolbox and ODK Central/Briefcase submission exports into clean records.

Supported inputs (detected from the header row):

* KoboToolbox CSV (``;`` or ``,``, UTF-8 with or without BOM) and XLSX (first sheet),
  exported with XML names as headers. Group paths use ``/`` (``grp_audit/lighting``);
  select-multiple answers come as a space-joined column plus optional 0/1 columns
  ``q/choice`` (checked for consistency); geopoints as ``q`` plus ``_q_latitude`` …
  ``_q_precision``; metadata columns start with ``_`` (``_uuid``, ``_submission_time``…).
* ODK Central / Briefcase CSV: groups joined by ``-`` (``grp-q``), ``SubmissionDate``,
  ``meta-instanceID`` and ``KEY``; geopoints as ``q-Latitude``, ``q-Longitude``,
  ``q-Altitude``, ``q-Accuracy``.

Columns map to questions by their path suffix (the last component, or more if a
question name itself contains the separator); unknown columns are ignored. File-level
problems raise :class:`FieldImportError` when :func:`parse_export` is called; row-level
problems are reported on each :class:`ParsedRow` as ``"<field>: <message>"`` strings
whose message part is a stable English msgid (see ``converters.MSG_*`` and ``MSG_*``).

Reading streams row by row (``csv`` over a text stream, openpyxl in read-only mode), so
memory does not grow with the file, apart from the set of submission ids seen (needed to
flag duplicates). Converters are compiled once per file.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any

from ._columns import KOBO_CSV, KOBO_XLSX, ODK_CSV, FieldImportError, detect_format, plan_columns
from .converters import MSG_NUL, GeoPoint
from .model import Instrument
from .validation import AnswerValidator

#: The longest submission id stored (``Submission.uuid``): the one rule for every way in.
MAX_SUBMISSION_ID = 100
MSG_NO_UUID = "The submission has no id."
MSG_LONG_UUID = "The submission id is longer than 100 characters."
MSG_DUPLICATE_UUID = "The same submission id appears earlier in this file."
MSG_WEIGHT = "Enter a weight as a number of zero or more."
MSG_TIMESTAMP = "Enter a valid date and time."
MSG_CHOICE_COLUMNS = "The 0/1 choice columns disagree with the answer."
MSG_EXTRA_CELLS = "The row has more cells than the header."

_TRUE_FLAGS = frozenset({"1", "true", "True", "TRUE", 1})  # 1 == True == 1.0
_BRIEFCASE_FORMATS = ("%b %d, %Y %I:%M:%S %p", "%d-%b-%Y %H:%M:%S", "%Y/%m/%d %H:%M:%S")


@dataclass(slots=True)
class ParsedRow:
    line: int
    uuid: str
    submitted_at: datetime | None
    answers: dict[str, object]
    location: tuple[float, float] | None
    weight: float | None
    errors: list[str] = field(default_factory=list)
    review_status: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def submission_id_problem(uuid: str) -> str | None:
    """Why ``uuid`` cannot identify a submission (``MSG_*``), or None when it can."""
    if not uuid:
        return MSG_NO_UUID
    if len(uuid) > MAX_SUBMISSION_ID:
        return MSG_LONG_UUID
    if "\x00" in uuid:
        return MSG_NUL
    return None


def parse_timestamp(value: object) -> datetime:
    """Submission timestamps: ISO 8601 (Kobo, Central) or Briefcase's formats; naive → UTC."""
    if isinstance(value, datetime):
        parsed = value
    else:
        text = str(value).strip()
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            for fmt in _BRIEFCASE_FORMATS:
                try:
                    parsed = datetime.strptime(text, fmt)
                    break
                except ValueError:
                    continue
            else:
                raise ValueError(MSG_TIMESTAMP) from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


class ExportReader:
    """Iterate over :class:`ParsedRow` records of one export file. Use as a context manager."""

    def __init__(
        self,
        source: str | os.PathLike[str] | bytes | IO[bytes] | IO[str],
        instrument: Instrument,
        filename: str | None = None,
    ) -> None:
        self.instrument = instrument
        self.validator = AnswerValidator(instrument)
        self._owned: IO[Any] | None = None
        self._workbook: Any = None
        self._text: io.TextIOWrapper | None = None
        stream = self._open(source)
        try:
            self.format, self._headers, self._rows = self._start(stream, filename or "")
            self._plan = plan_columns(self._headers, instrument, self.validator, self.format)
        except BaseException:
            self.close()
            raise

    @property
    def columns(self) -> dict[str, list[str]]:
        """Question name → the header(s) mapped to it."""
        return self._plan.columns

    @property
    def ignored_columns(self) -> list[str]:
        return self._plan.ignored

    def _open(self, source: Any) -> IO[Any]:
        if isinstance(source, (bytes, bytearray)):
            return io.BytesIO(source)
        if isinstance(source, (str, os.PathLike)):
            self._owned = open(source, "rb")  # noqa: SIM115 - closed in close()
            return self._owned
        return source

    def _start(self, stream: IO[Any], filename: str) -> tuple[str, list[str], Iterator]:
        if isinstance(stream, io.TextIOBase):
            return self._start_csv(stream)
        position = stream.tell()
        head = stream.read(4)
        stream.seek(position)
        if head == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
            return self._start_xlsx(stream)
        self._text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        return self._start_csv(self._text)

    def _start_csv(self, text: IO[str]) -> tuple[str, list[str], Iterator]:
        try:
            first = text.readline()
        except UnicodeDecodeError:
            raise FieldImportError(["The file is not UTF-8 text."]) from None
        counts = {delimiter: first.count(delimiter) for delimiter in (";", ",", "\t")}
        delimiter = max(counts, key=counts.__getitem__) if any(counts.values()) else ","
        reader = csv.reader(itertools.chain([first], text), delimiter=delimiter)
        headers = [cell.strip() for cell in next(reader, [])]
        kind = detect_format(headers)
        if kind is None:
            raise FieldImportError(
                ["Not a KoboToolbox or ODK export: no _uuid, _submission_time or KEY column."]
            )
        return kind, headers, self._csv_rows(reader)

    @staticmethod
    def _csv_rows(reader: Any) -> Iterator[tuple[int, list[str]]]:
        previous = reader.line_num
        try:
            for cells in reader:
                start, previous = previous + 1, reader.line_num
                if cells:
                    yield start, cells
        except UnicodeDecodeError:
            raise FieldImportError(
                [f"The file is not UTF-8 text (after line {previous})."]
            ) from None
        except csv.Error as exc:
            raise FieldImportError([f"Unreadable CSV after line {previous}: {exc}."]) from None

    def _start_xlsx(self, stream: IO[bytes]) -> tuple[str, list[str], Iterator]:
        from openpyxl import load_workbook

        try:
            self._workbook = load_workbook(stream, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for corrupt files
            raise FieldImportError([f"Unreadable XLSX file: {exc}."]) from None
        rows = self._workbook.worksheets[0].iter_rows(values_only=True)
        header_row = next(rows, ())
        headers = ["" if cell is None else str(cell).strip() for cell in header_row]
        if detect_format(headers) != KOBO_CSV:
            raise FieldImportError(["Not a KoboToolbox XLSX export: no _uuid column."])

        def numbered() -> Iterator[tuple[int, Any]]:
            for line, cells in enumerate(rows, 2):
                if any(cell is not None and cell != "" for cell in cells):
                    yield line, cells

        return KOBO_XLSX, headers, numbered()

    def __iter__(self) -> Iterator[ParsedRow]:
        try:
            yield from self._parse()
        finally:
            self.close()

    def _parse(self) -> Iterator[ParsedRow]:
        plan = self._plan
        validate = self.validator.validate
        width = len(self._headers)
        seen: set[str] = set()
        geopoints = [q.name for q in self.instrument.questions if q.type == "geopoint"]
        for line, cells in self._rows:
            errors: list[str] = []
            if len(cells) != width:
                if len(cells) > width and any(c not in (None, "") for c in cells[width:]):
                    errors.append(f"_row: {MSG_EXTRA_CELLS}")
                cells = list(cells[:width]) + [""] * (width - len(cells))
            raw = {name: cells[index] for name, index in plan.single}
            for name, indexes in plan.merged:
                raw[name] = next((cells[i] for i in indexes if cells[i] not in (None, "")), "")
            for name, parts in plan.geo_parts:
                raw[name] = _join_geopoint(cells, parts)
            answers, field_errors = validate(raw)
            for name, message in field_errors.items():
                errors.append(f"{name}: {message}")
            for name, index, choice_cells in plan.flags:
                if not _flags_agree(cells[index], cells, choice_cells):
                    errors.append(f"{name}: {MSG_CHOICE_COLUMNS}")
            uuid = ""
            for index in plan.uuid:
                value = cells[index]
                if value not in (None, ""):
                    uuid = str(value).strip().removeprefix("uuid:")
                    if uuid:
                        break
            problem = submission_id_problem(uuid)
            if problem:
                errors.append(f"_uuid: {problem}")
            elif uuid in seen:
                errors.append(f"_uuid: {MSG_DUPLICATE_UUID}")
            else:
                seen.add(uuid)
            submitted_at = None
            if plan.submitted is not None and cells[plan.submitted] not in (None, ""):
                try:
                    submitted_at = parse_timestamp(cells[plan.submitted])
                except ValueError:
                    errors.append(f"_submission_time: {MSG_TIMESTAMP}")
            weight = None
            if plan.weight is not None and cells[plan.weight] not in (None, ""):
                weight = _weight(cells[plan.weight])
                if weight is None:
                    errors.append(f"weight: {MSG_WEIGHT}")
            location = None
            for name in geopoints:
                point = answers.get(name)
                if point is not None:
                    location = (point.latitude, point.longitude)  # type: ignore[attr-defined]
                    break
            review = None
            if plan.review is not None and cells[plan.review] not in (None, ""):
                review = str(cells[plan.review])
            yield ParsedRow(line, uuid, submitted_at, answers, location, weight, errors, review)

    def close(self) -> None:
        if self._text is not None:
            if self._owned is None:
                self._text.detach()  # the caller owns the binary stream: leave it open
            else:
                self._text.close()
            self._text = None
        if self._workbook is not None:
            self._workbook.close()
            self._workbook = None
        if self._owned is not None:
            self._owned.close()
            self._owned = None

    def __enter__(self) -> ExportReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _join_geopoint(cells: Any, parts: tuple[int | None, ...]) -> str:
    values = [
        "" if index is None or cells[index] is None else str(cells[index]).strip()
        for index in parts
    ]
    if not values[0] and not values[1]:
        return ""
    if not values[0] or not values[1]:
        return "invalid"  # one coordinate without the other: let the converter reject it
    return " ".join(v for v in values if v)


def _flags_agree(summary: object, cells: Any, choice_cells: tuple[tuple[str, int], ...]) -> bool:
    selected = set(str(summary).split()) if summary not in (None, "") else set()
    for choice, index in choice_cells:
        flag = cells[index]
        if flag in (None, ""):
            continue
        if (flag in _TRUE_FLAGS) != (choice in selected):
            return False
    return True


def _weight(value: object) -> float | None:
    try:
        weight = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return weight if weight >= 0 and weight != float("inf") else None


def parse_export(
    source: str | os.PathLike[str] | bytes | IO[bytes] | IO[str],
    instrument: Instrument,
    filename: str | None = None,
) -> ExportReader:
    """Open an export; raises :class:`FieldImportError` at once for file-level problems.

    Iterate over the result for :class:`ParsedRow` records (the file is closed at the end,
    or by ``close()`` / the ``with`` statement).
    """
    return ExportReader(source, instrument, filename)


def read_export(
    source: str | os.PathLike[str] | bytes | IO[bytes] | IO[str],
    instrument: Instrument,
    filename: str | None = None,
) -> tuple[list[ParsedRow], list[str]]:
    """Read a whole (small) export: ``(records, file_problems)``; never raises for data."""
    try:
        with parse_export(source, instrument, filename) as reader:
            return list(reader), []
    except FieldImportError as exc:
        return [], exc.problems


__all__ = [
    "KOBO_CSV",
    "KOBO_XLSX",
    "ODK_CSV",
    "ExportReader",
    "FieldImportError",
    "GeoPoint",
    "ParsedRow",
    "parse_export",
    "parse_timestamp",
    "read_export",
]
