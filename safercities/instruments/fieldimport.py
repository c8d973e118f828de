"""Parse KoboToolbox and ODK Central/Briefcase submission exports into clean records.

Supported inputs (detected from the header row):

* KoboToolbox CSV (``;`` or ``,``, UTF-8 with or without BOM) and XLSX (first sheet; typed
  or text cells; a text answer starting with ``=`` is read as its formula text), with every
  export setting: XML names or labels in any of the form's languages, groups in headers or
  not, group separator ``/``, ``.`` or ``-``, select-multiple answers as a summary column,
  0/1 columns per choice, or both (checked for consistency); geopoints as ``q`` plus
  ``_q_latitude`` … ``_q_precision``; metadata columns start with ``_`` (``_uuid``,
  ``_submission_time``, ``__version__``…). See :mod:`._columns` for the header rules.
* ODK Central / Briefcase CSV: groups joined by ``-`` (``grp-q``), ``SubmissionDate``,
  ``meta-instanceID`` and ``KEY``; geopoints as ``q-Latitude``, ``q-Longitude``,
  ``q-Altitude``, ``q-Accuracy``; and ODK Central's "CSV (zip)" (the main table is read;
  the repeat tables and media files are listed in ``ignored_parts``).

Columns that feed nothing are listed in ``ignored_columns``; other sheets or files of the
export in ``ignored_parts``: nothing is dropped without saying so. File-level
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
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import IO, Any

from ._columns import (
    KOBO_CSV,
    KOBO_XLSX,
    MSG_NO_ID_COLUMN,
    MSG_NOT_EXPORT,
    MSG_OTHER_FORM,
    ODK_CSV,
    ODK_ZIP,
    ColumnPlan,
    FieldImportError,
    detect_format,
    plan_columns,
)
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
MSG_NOT_UTF8 = "The file is not UTF-8 text."
MSG_NOT_XLSX_EXPORT = "Not a KoboToolbox XLSX export: no _uuid column."
MSG_OLD_XLS = "This is an old-style Excel (.xls) file: export the data again as XLSX or CSV."
MSG_BAD_ZIP = (
    "The file is damaged or incomplete (an unreadable zip archive): download the export "
    "again and upload it whole."
)
MSG_ZIP_WITHOUT_CSV = (
    'The zip archive holds no CSV table: upload ODK Central\'s "CSV (zip)" export or a '
    "KoboToolbox XLSX or CSV export."
)
MSG_VERSION_COLUMNS = (
    "The row was made with another version of the form whose questions are not all in "
    "this file's columns."
)
MSG_ORPHAN_ENTRIES = (
    "Line {line} of {part} (a repeat group) belongs to no row of the main table, or the "
    "rows are out of order: upload the export as KoboToolbox or ODK made it."
)
MSG_BLANK_HEADER = (
    "Some header cells of the first sheet are blank (merged or deleted cells): upload the "
    "export as KoboToolbox made it, without editing it."
)

_TRUE_FLAGS = frozenset({"1", "true", "True", "TRUE", 1})  # 1 == True == 1.0
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def _delimiter(first: str) -> str:
    """The delimiter of a header line: the one that gives a recognised export header with the
    most columns (labels may contain commas or semicolons), else the most frequent."""
    best, best_width = None, 0
    for delimiter in (";", ",", "\t"):
        cells = [cell.strip() for cell in next(csv.reader([first], delimiter=delimiter), [])]
        if detect_format(cells) is not None and len(cells) > best_width:
            best, best_width = delimiter, len(cells)
    if best is not None:
        return best
    counts = {delimiter: first.count(delimiter) for delimiter in (";", ",", "\t")}
    return max(counts, key=counts.__getitem__) if any(counts.values()) else ","


def _header_text(cell: object) -> str:
    return "" if cell is None else str(cell).strip()


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
    #: The form version the row names (Kobo ``__version__``, ODK ``FormVersion``), if any.
    version: str | None = None
    #: Survey design columns (``stratum``, ``psu``) when the export has them.
    design: dict[str, str] = field(default_factory=dict)

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
    """Iterate over :class:`ParsedRow` records of one export file. Use as a context manager.

    ``local_tz`` is the time zone given to date-times that come without one: KoboToolbox's
    XLSX export with typed cells writes them as spreadsheet dates without their offset
    (formpack ``Export.to_xlsx`` uses xlsxwriter's ``remove_timezone``), in the device's
    local time. Text cells keep their offset and need nothing.
    """

    def __init__(
        self,
        source: str | os.PathLike[str] | bytes | IO[bytes] | IO[str],
        instrument: Instrument,
        filename: str | None = None,
        *,
        local_tz: tzinfo | None = None,
        other_versions: Mapping[str, Instrument] | None = None,
    ) -> None:
        self.instrument = instrument
        self.validator = AnswerValidator(instrument)
        #: Form version (as the file names it: ODK ``FormVersion``, Kobo ``__version__``) →
        #: the instrument of that older or newer deployed version; its rows are read with it.
        self.other_versions = dict(other_versions or {})
        self._alternates: dict[str, tuple[ColumnPlan, Any] | None] = {}
        self.local_tz = local_tz or UTC
        #: Other parts of the file that are not read (repeat sheets, repeat CSVs, media).
        self.ignored_parts: list[str] = []
        self._owned: IO[Any] | None = None
        self._workbook: Any = None
        self._zip: zipfile.ZipFile | None = None
        self._text: io.TextIOWrapper | None = None
        self._extra_texts: list[io.TextIOWrapper] = []
        #: repeat name → (part name, headers, rows iterator), found in the file
        self._repeat_sources: dict[str, tuple[str, list[str], Iterator]] = {}
        stream = self._open(source)
        try:
            self.format, self._headers, self._rows = self._start(stream, filename or "")
            self._plan = plan_columns(self._headers, instrument, self.validator, self.format)
            self._repeat_plans = self._plan_repeats()
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

    @property
    def headers(self) -> dict[str, str]:
        """How the export's headers are written: ``naming`` (``xml`` or a language code) and
        ``separator`` (the group separator)."""
        return {"naming": self._plan.naming, "separator": self._plan.separator}

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
        head = stream.read(8)
        stream.seek(position)
        if head.startswith(_OLE_MAGIC):
            raise FieldImportError([MSG_OLD_XLS])
        if head.startswith(b"PK") or filename.lower().endswith((".xlsx", ".xlsm", ".zip")):
            try:
                archive = zipfile.ZipFile(stream)
                names = archive.namelist()
            except (zipfile.BadZipFile, OSError, EOFError):
                raise FieldImportError([MSG_BAD_ZIP]) from None
            if "xl/workbook.xml" in names:
                archive.close()
                stream.seek(position)
                return self._start_xlsx(stream)
            return self._start_zip(archive, names)
        if head.startswith(b"{") or head.startswith(b"<"):
            raise FieldImportError([MSG_NOT_EXPORT])
        self._text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        return self._start_csv(self._text)

    def _start_zip(
        self, archive: zipfile.ZipFile, names: list[str]
    ) -> tuple[str, list[str], Iterator]:
        """ODK Central's "CSV (zip)": ``<form>.csv``, one ``<form>-<repeat>.csv`` per repeat,
        and ``media/`` with the attachments."""
        self._zip = archive
        tables = sorted(
            (name for name in names if name.lower().endswith(".csv") and "/" not in name),
            key=len,
        )
        if not tables:
            raise FieldImportError([MSG_ZIP_WITHOUT_CSV])
        main = tables[0]
        stem = main[: -len(".csv")] + "-"
        repeats = set(self.validator.repeat_names)
        self.ignored_parts = []
        try:
            member = archive.open(main)
            text = io.TextIOWrapper(member, encoding="utf-8-sig", newline="")
            kind, headers, rows = self._start_csv(text)
            for name in names:
                if name == main or name.endswith("/"):
                    continue
                repeat = name[len(stem) : -len(".csv")] if name.startswith(stem) else ""
                if name.endswith(".csv") and repeat in repeats:
                    extra = io.TextIOWrapper(archive.open(name), encoding="utf-8-sig", newline="")
                    self._extra_texts.append(extra)
                    first = extra.readline()
                    reader = csv.reader(
                        itertools.chain([first], extra), delimiter=_delimiter(first)
                    )
                    repeat_headers = [cell.strip() for cell in next(reader, [])]
                    repeat_rows = self._guard_zip(self._csv_rows(reader))
                    self._repeat_sources[repeat] = (name, repeat_headers, repeat_rows)
                else:
                    self.ignored_parts.append(name)
        except (zipfile.BadZipFile, OSError, EOFError):
            raise FieldImportError([MSG_BAD_ZIP]) from None
        self._text = text
        return (ODK_ZIP if kind == ODK_CSV else kind), headers, self._guard_zip(rows)

    @staticmethod
    def _guard_zip(rows: Iterator) -> Iterator:
        try:
            yield from rows
        except (zipfile.BadZipFile, OSError, EOFError):
            raise FieldImportError([MSG_BAD_ZIP]) from None

    def _start_csv(self, text: IO[str]) -> tuple[str, list[str], Iterator]:
        try:
            first = text.readline()
        except UnicodeDecodeError:
            raise FieldImportError([MSG_NOT_UTF8]) from None
        delimiter = _delimiter(first)
        reader = csv.reader(itertools.chain([first], text), delimiter=delimiter)
        headers = [cell.strip() for cell in next(reader, [])]
        kind = detect_format(headers)
        if kind is None:
            raise FieldImportError([MSG_NOT_EXPORT])
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
            # data_only=False: a text answer starting with "=" is written by xlsxwriter as a
            # formula (cached value 0); its formula text is the answer.
            self._workbook = load_workbook(stream, read_only=True, data_only=False)
            sheets = self._workbook.worksheets
            rows = sheets[0].iter_rows(values_only=True)
            header_row = next(rows, ())
        except Exception as exc:  # openpyxl raises many types for corrupt files
            raise FieldImportError(
                [MSG_BAD_ZIP if "zip" in str(exc).lower() else f"Unreadable XLSX file: {exc}."]
            ) from None
        headers = [_header_text(cell) for cell in header_row]
        if detect_format(headers) != KOBO_CSV:
            raise FieldImportError([MSG_NOT_XLSX_EXPORT])
        width = len(headers)
        while width and not headers[width - 1]:
            width -= 1
        if any(not header for header in headers[:width]):
            raise FieldImportError([MSG_BLANK_HEADER])
        del headers[width:]
        self.ignored_parts = []
        repeats = self.validator.repeat_names
        for sheet in sheets[1:]:
            repeat = next((r for r in repeats if sheet.title in (r, r[:31])), None)
            if repeat is None:
                self.ignored_parts.append(sheet.title)
                continue
            sheet_rows = sheet.iter_rows(values_only=True)
            repeat_headers = [_header_text(cell) for cell in next(sheet_rows, ())]
            numbered_rows = (
                (line, cells)
                for line, cells in enumerate(sheet_rows, 2)
                if any(cell is not None and cell != "" for cell in cells)
            )
            self._repeat_sources[repeat] = (sheet.title, repeat_headers, numbered_rows)

        def numbered() -> Iterator[tuple[int, Any]]:
            for line, cells in enumerate(rows, 2):
                if any(cell is not None and cell != "" for cell in cells):
                    yield line, cells

        return KOBO_XLSX, headers, numbered()

    def _plan_repeats(self) -> list[tuple[str, str, ColumnPlan, int, _Lookahead]]:
        """(repeat, part name, plan, header width, rows) for each repeat table in the file."""
        plans = []
        mode = (self._plan.naming, self._plan.separator)
        for repeat, (part, headers, rows) in self._repeat_sources.items():
            plan = plan_columns(
                headers, self.instrument, self.validator, self.format, repeat=repeat, mode=mode
            )
            self.ignored_columns.extend(f"{part}: {header}" for header in plan.ignored)
            plans.append((repeat, part, plan, len(headers), _Lookahead(rows)))
        return plans

    @property
    def missing_repeats(self) -> list[str]:
        """Repeat groups of the form with no sheet or file in this export (KoboToolbox's CSV
        export leaves repeat groups out: their answers are not in the file)."""
        return [name for name in self.validator.repeat_names if name not in self._repeat_sources]

    @property
    def repeat_tables(self) -> dict[str, str]:
        """Repeat group → the sheet or file its entries were read from."""
        return {repeat: part for repeat, (part, _h, _r) in self._repeat_sources.items()}

    def _parent_link(self, plan: ColumnPlan) -> tuple[int | None, int | None]:
        """(column in the repeat table, column in the main table) that link entries to rows."""
        if plan.parent_key is not None:
            return plan.parent_key, (self._plan.uuid[0] if self._plan.uuid else None)
        if plan.parent_index is not None and self._plan.index is not None:
            return plan.parent_index, self._plan.index
        if plan.parent_uuid is not None and self._plan.uuid:
            return plan.parent_uuid, self._plan.uuid[0]
        if plan.parent_index is not None:
            return plan.parent_index, -1  # the main row's position (1, 2, …)
        return None, None

    def _entries(
        self, repeat_plans: list, main_cells: Any, position: int
    ) -> tuple[dict[str, list], dict[tuple[str, int], tuple[str, int]]]:
        """The raw entries of every repeat for one main row, read in step with it (Kobo and
        ODK write repeat rows in the order of their parent rows)."""
        found: dict[str, list] = {}
        where: dict[tuple[str, int], tuple[str, int]] = {}
        for repeat, part, plan, width, rows, (child, parent) in repeat_plans:
            if parent is None or child is None:
                continue
            key = str(position) if parent == -1 else _key(main_cells[parent])
            entries = []
            while (item := rows.peek()) is not None:
                line, cells = item
                if len(cells) < width:
                    cells = list(cells) + [""] * (width - len(cells))
                if _key(cells[child]) != key:
                    break
                rows.next()
                entries.append(_raw(plan, cells))
                where[(repeat, len(entries))] = (part, line)
            if entries:
                found[repeat] = entries
        return found, where

    def _alternate(self, version: str) -> tuple[ColumnPlan, Any] | None:
        """(plan, validate) for rows of another deployed version; ``None`` if this file's
        columns cannot hold that version's answers."""
        if version not in self._alternates:
            instrument = self.other_versions[version]
            validator = AnswerValidator(instrument)
            try:
                plan = plan_columns(self._headers, instrument, validator, self.format)
            except FieldImportError:
                self._alternates[version] = None
            else:
                self._alternates[version] = (plan, validator.validate)
        return self._alternates[version]

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
        local_tz = self.local_tz
        naive_datetimes = (
            [q.name for q in self.instrument.questions if q.type == "datetime"]
            if self.format == KOBO_XLSX
            else []
        )
        repeat_plans = [
            (repeat, part, plan_r, width_r, rows, self._parent_link(plan_r))
            for repeat, part, plan_r, width_r, rows in self._repeat_plans
        ]
        position = 0
        for line, cells in self._rows:
            errors: list[str] = []
            if len(cells) != width:
                if len(cells) > width and any(c not in (None, "") for c in cells[width:]):
                    errors.append(f"_row: {MSG_EXTRA_CELLS}")
                cells = list(cells[:width]) + [""] * (width - len(cells))
            version = None
            if plan.version is not None and cells[plan.version] not in (None, ""):
                version = _cell_str(cells[plan.version])
            row_plan, row_validate = plan, validate
            if version is not None and version in self.other_versions:
                alternate = self._alternate(version)
                if alternate is None:
                    errors.append(f"_version: {MSG_VERSION_COLUMNS}")
                else:
                    row_plan, row_validate = alternate
            raw = _raw(row_plan, cells)
            where: dict = {}
            if repeat_plans:
                position += 1
                entries, where = self._entries(repeat_plans, cells, position)
                raw.update(entries)
            if naive_datetimes:
                _localize(raw, naive_datetimes, local_tz)
            answers, field_errors = row_validate(raw)
            for name, message in field_errors.items():
                if "[" in name:
                    name = _entry_field(name, where)
                errors.append(f"{name}: {message}")
            for name, choice_cells in row_plan.flags:
                if not _flags_agree(raw.get(name), cells, choice_cells):
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
            design = {
                name: str(cells[index]).strip()[:60]
                for name, index in plan.design.items()
                if cells[index] not in (None, "")
            }
            yield ParsedRow(
                line,
                uuid,
                submitted_at,
                answers,
                location,
                weight,
                errors,
                review,
                version,
                design,
            )
        for _repeat, part, _plan, _width, rows, _link in repeat_plans:
            item = rows.peek()
            if item is not None:
                raise FieldImportError([MSG_ORPHAN_ENTRIES.format(part=part, line=item[0])])

    def close(self) -> None:
        for extra in self._extra_texts:
            extra.close()
        self._extra_texts = []
        if self._zip is not None:
            if self._text is not None:
                self._text.close()  # the archive member, not the caller's stream
                self._text = None
            self._zip.close()
            self._zip = None
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


class _Lookahead:
    """An iterator with one item of look-ahead."""

    __slots__ = ("_items", "_next")
    _END = object()

    def __init__(self, items: Iterator) -> None:
        self._items = iter(items)
        self._next: Any = None

    def peek(self) -> Any:
        if self._next is None:
            self._next = next(self._items, self._END)
        return None if self._next is self._END else self._next

    def next(self) -> Any:
        item = self.peek()
        self._next = None
        return item


def _key(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _raw(plan: ColumnPlan, cells: Any) -> dict[str, object]:
    """The raw answers of one row (or repeat entry) as the plan maps its cells."""
    raw = {name: cells[index] for name, index in plan.single}
    for name, indexes in plan.merged:
        raw[name] = next((cells[i] for i in indexes if cells[i] not in (None, "")), "")
    for name, parts in plan.geo_parts:
        raw[name] = _join_geopoint(cells, parts)
    for name, choice_cells in plan.details:
        raw[name] = _from_flags(cells, choice_cells)
    for name, translate in plan.translate:
        value = raw.get(name)
        if value is not None and value != "":
            raw[name] = translate(value)
    return raw


def _localize(raw: dict[str, Any], names: list[str], local_tz: tzinfo) -> None:
    for target in [raw, *(e for v in raw.values() if isinstance(v, list) for e in v)]:
        if not isinstance(target, dict):
            continue
        for name in names:
            value = target.get(name)
            if isinstance(value, datetime) and value.tzinfo is None:
                target[name] = value.replace(tzinfo=local_tz)


def _entry_field(name: str, where: dict[tuple[str, int], tuple[str, int]]) -> str:
    """``incidents[2]/what`` → ``incidents/what (incidents line 3)``: where the entry is."""
    repeat, _, rest = name.partition("[")
    number, _, question = rest.partition("]/")
    part, line = where.get((repeat, int(number) if number.isdigit() else 0), (repeat, 0))
    return f"{repeat}/{question} ({part} line {line})"


def _cell_str(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _from_flags(cells: Any, choice_cells: tuple[tuple[str, int], ...]) -> str:
    """A select_multiple answer from 0/1 columns only (Kobo's "details" setting); blank when
    every flag is blank (the question was not answered)."""
    if all(cells[index] in (None, "") for _choice, index in choice_cells):
        return ""
    return " ".join(choice for choice, index in choice_cells if cells[index] in _TRUE_FLAGS)


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
    *,
    local_tz: tzinfo | None = None,
    other_versions: Mapping[str, Instrument] | None = None,
) -> ExportReader:
    """Open an export; raises :class:`FieldImportError` at once for file-level problems.

    Iterate over the result for :class:`ParsedRow` records (the file is closed at the end,
    or by ``close()`` / the ``with`` statement).
    """
    return ExportReader(
        source, instrument, filename, local_tz=local_tz, other_versions=other_versions
    )


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
    "ODK_ZIP",
    "MSG_NO_ID_COLUMN",
    "MSG_OTHER_FORM",
    "ExportReader",
    "FieldImportError",
    "GeoPoint",
    "ParsedRow",
    "parse_export",
    "parse_timestamp",
    "read_export",
]
