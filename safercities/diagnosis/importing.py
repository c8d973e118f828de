"""Import KoboToolbox / ODK exports into an assessment: validated, all-or-nothing, idempotent.

:func:`import_submissions` reads the file with :func:`safercities.instruments.fieldimport.
parse_export` in two passes over a stream, so memory stays flat whatever the file size:

1. **check**: every row is parsed and validated against the assessment's instrument; good
   rows are written to a temporary spool file, problems are collected with line numbers.
   Progress is reported as rows are checked.
2. **save** (only when no row has a problem, or — when the team chose ``keep_good_rows`` —
   with the good rows only, the bad ones listed): one transaction reads the spool back in batches,
   skips submission ids the assessment already holds ("already imported") and bulk-inserts
   the rest. Any failure rolls back everything.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from safercities.core.audit import record
from safercities.diagnosis.enums import SubmissionSource
from safercities.diagnosis.models import Assessment, ImportJob, Submission
from safercities.diagnosis.records import profile_columns
from safercities.instruments.fieldimport import (
    ODK_CSV,
    ODK_ZIP,
    FieldImportError,
    ParsedRow,
    parse_export,
)
from safercities.instruments.model import InstrumentError

BATCH = 2_000
PROGRESS_EVERY = 2_000
#: At most this many row problems are kept for display; the count covers them all.
MAX_LISTED_ERRORS = 500

ProgressCallback = Callable[[int], None]


@dataclass
class ImportResult:
    file_format: str = ""
    rows: int = 0
    created: int = 0
    existing: int = 0
    error_rows: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    file_problems: list[str] = field(default_factory=list)
    keep_good_rows: bool = False
    #: How the file was read: ``naming`` (``xml`` or a language code), ``separator``,
    #: ``ignored_columns``, ``ignored_parts`` (sheets, files) and ``versions`` (rows per
    #: form version named in the file).
    report: dict[str, Any] = field(default_factory=dict)
    #: (submission id, photo file name) of the good rows that answered a photo question
    photos: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when something may be saved: no file problem, and no bad row unless the team
        chose to import the good rows."""
        if self.file_problems:
            return False
        return not self.error_rows or self.keep_good_rows


def source_of(file_format: str) -> str:
    return SubmissionSource.ODK if file_format in (ODK_CSV, ODK_ZIP) else SubmissionSource.KOBO


def estimate_rows(path: str | os.PathLike[str]) -> int:
    """A quick row count for progress: sheet dimensions for XLSX, line breaks for CSV."""
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head == b"PK\x03\x04":
            import zipfile

            try:
                with zipfile.ZipFile(path) as archive:
                    names = archive.namelist()
                    tables = sorted(
                        (n for n in names if n.lower().endswith(".csv") and "/" not in n), key=len
                    )
                    if "xl/workbook.xml" not in names and tables:  # ODK Central's CSV zip
                        lines = 0
                        with archive.open(tables[0]) as member:
                            while chunk := member.read(1 << 20):
                                lines += chunk.count(b"\n")
                        return max(0, lines - 1)
            except (zipfile.BadZipFile, OSError, EOFError):
                return 0
            from openpyxl import load_workbook

            try:
                workbook = load_workbook(path, read_only=True)
                try:
                    return max(0, (workbook.worksheets[0].max_row or 1) - 1)
                finally:
                    workbook.close()
            except Exception:  # noqa: BLE001 - an estimate only; parsing reports real problems
                return 0
        handle.seek(0)
        lines = 0
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
        return max(0, lines - 1)


def deployed_versions(assessment: Assessment) -> tuple[dict[str, Any], dict[str, str]]:
    """Other published versions of the assessment's tool a row may name (the XLSForm
    ``version`` setting is the version number: ODK's ``FormVersion``), as ``(number →
    instrument, number → label)``; the city's own versions win over generic ones."""
    from safercities.toolkit.models import ToolVersion

    current = assessment.tool_version
    cities = [None] if current.city_id is None else [None, current.city_id]
    labels = {str(current.number): str(current)}
    instruments: dict[str, Any] = {}
    for city in cities:
        versions = ToolVersion.objects.filter(tool_id=current.tool_id, published=True)
        versions = versions.filter(city=None) if city is None else versions.filter(city_id=city)
        for version in versions.exclude(pk=current.pk).select_related("tool"):
            key = str(version.number)
            if key == str(current.number):
                continue
            try:
                instruments[key] = version.instrument()
            except InstrumentError:  # a stored definition that no longer checks: not used
                continue
            labels[key] = str(version)
    return instruments, labels


def _split(problem: str) -> tuple[str, str]:
    name, sep, message = problem.partition(": ")
    return (name, message) if sep else ("", problem)


def _json_default(value: object) -> str:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


#: Clean answers → the JSON stored (as :func:`records.json_answers` would make it: dates as
#: ISO text, geopoints — tuples — as lists).
_encode_answers = json.JSONEncoder(
    default=_json_default, ensure_ascii=False, separators=(",", ":")
).encode
_UNSAFE = str.maketrans("\t\n\r", "   ")


def _spool_line(row: ParsedRow) -> str:
    """One checked row as a line of tab-separated cells, the answers' JSON last.

    JSON never contains a raw tab or line break (they are escaped); tabs and line breaks in
    the other cells are replaced by spaces, so splitting on tabs is safe.
    """
    latitude, longitude = row.location or (None, None)
    cells = (
        row.uuid,
        "" if row.submitted_at is None else repr(row.submitted_at.timestamp()),
        "" if latitude is None else repr(latitude),
        "" if longitude is None else repr(longitude),
        "" if row.weight is None else repr(row.weight),
        *profile_columns(row.answers),
        row.design.get("stratum", ""),
        row.design.get("psu", ""),
    )
    head = "\t".join(cells)
    if head.count("\t") != len(cells) - 1 or "\n" in head or "\r" in head:
        head = "\t".join(cell.translate(_UNSAFE) for cell in cells)
    return f"{head}\t{_encode_answers(row.answers)}\n"


def _check(
    source: Any,
    assessment: Assessment,
    filename: str | None,
    spool: IO[str],
    result: ImportResult,
    progress: ProgressCallback | None,
) -> None:
    local_tz = ZoneInfo(settings.TIME_ZONE)
    others, labels = deployed_versions(assessment)
    with parse_export(
        source, assessment.instrument(), filename, local_tz=local_tz, other_versions=others
    ) as reader:
        result.file_format = reader.format
        result.report = {
            **reader.headers,
            "ignored_columns": list(reader.ignored_columns),
            "ignored_parts": list(reader.ignored_parts),
            "missing_repeats": reader.missing_repeats,
        }
        columns = reader.columns
        versions: dict[str, int] = {}
        images = [q.name for q in assessment.instrument().questions if q.type == "image"]
        images = [name for name in images if name in reader.validator.question_names]
        keep = result.keep_good_rows
        for row in reader:
            result.rows += 1
            if row.version is not None:
                versions[row.version] = versions.get(row.version, 0) + 1
            if row.errors:
                result.error_rows += 1
                for problem in row.errors:
                    if len(result.errors) < MAX_LISTED_ERRORS:
                        name, message = _split(problem)
                        column = ", ".join(columns.get(name, ()))
                        result.errors.append(
                            {"line": row.line, "field": name, "column": column, "message": message}
                        )
            elif keep or not result.error_rows:
                spool.write(_spool_line(row))
                for name in images:
                    if isinstance(row.answers.get(name), str):
                        result.photos.append((row.uuid, row.answers[name]))
                        break  # one photo per submission
            if progress is not None and result.rows % PROGRESS_EVERY == 0:
                progress(result.rows)
        result.report["versions"] = versions
        result.report["version_labels"] = {v: labels.get(v, "") for v in versions}


def _batches(spool: IO[str]) -> Iterator[list[list[str]]]:
    spool.seek(0)
    batch: list[list[str]] = []
    for line in spool:
        batch.append(line.rstrip("\n").split("\t", 11))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _number(text: str) -> float | None:
    return float(text) if text else None


#: The columns written for each submission, in order; a test checks that they cover every
#: column of the model, so a new field cannot be forgotten here.
INSERT_COLUMNS = (
    "assessment_id", "uuid", "submitted_at", "source", "answers", "latitude", "longitude",
    "sex", "age_band", "settlement_type", "category", "weight", "stratum", "psu", "language",
    "photo", "verification",
    "import_job_id", "created_by_id", "created_at",
)  # fmt: skip


class _Writer:
    """Writes rows of :data:`INSERT_COLUMNS`: ``COPY`` on PostgreSQL, ``executemany`` else."""

    def __init__(self, cursor: Any) -> None:
        quote = connection.ops.quote_name
        table = quote(Submission._meta.db_table)
        columns = ", ".join(quote(name) for name in INSERT_COLUMNS)
        self.cursor = cursor
        self.copy = connection.vendor == "postgresql"
        if self.copy:
            self.statement = f"COPY {table} ({columns}) FROM STDIN"
        else:
            slots = ", ".join(["%s"] * len(INSERT_COLUMNS))
            self.statement = f"INSERT INTO {table} ({columns}) VALUES ({slots})"  # noqa: S608
        self.select = (
            f"SELECT {quote('uuid')} FROM {table} "  # noqa: S608 - names, not data
            f"WHERE {quote('assessment_id')} = %s AND {quote('uuid')} IN "
        )

    def write(self, rows: list[tuple]) -> None:
        if not rows:
            return
        if self.copy:
            with self.cursor.cursor.copy(self.statement) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            self.cursor.executemany(self.statement, rows)


def _known(cursor: Any, select: str, assessment_id: int, uuids: list[str]) -> set[str]:
    """Submission ids among ``uuids`` that the assessment already holds."""
    known: set[str] = set()
    step = min(BATCH, (connection.features.max_query_params or BATCH + 1) - 1)
    for start in range(0, len(uuids), step):
        chunk = uuids[start : start + step]
        cursor.execute(select + "(" + ", ".join(["%s"] * len(chunk)) + ")", [assessment_id, *chunk])
        known.update(uuid for (uuid,) in cursor.fetchall())
    return known


def _save(
    spool: IO[str],
    assessment: Assessment,
    result: ImportResult,
    *,
    actor: Any,
    job: ImportJob | None,
) -> None:
    source = source_of(result.file_format)
    now = timezone.now()
    adapt_time = connection.ops.adapt_datetimefield_value
    stored_now = adapt_time(now)
    creator = actor.pk if getattr(actor, "is_authenticated", False) else None
    job_id = job.pk if job is not None else None
    with transaction.atomic(), connection.cursor() as cursor:
        writer = _Writer(cursor)
        for batch in _batches(spool):
            known = _known(cursor, writer.select, assessment.pk, [cells[0] for cells in batch])
            rows = []
            for (
                uuid, stamp, lat, lon, weight, sex, age, settlement, category, stratum, psu,
                answers,
            ) in batch:  # fmt: skip
                if uuid in known:
                    result.existing += 1
                    continue
                known.add(uuid)
                submitted = datetime.fromtimestamp(float(stamp), UTC) if stamp else now
                rows.append(
                    (
                        assessment.pk, uuid, adapt_time(submitted), source, answers,
                        _number(lat), _number(lon), sex, age, settlement, category,
                        _number(weight), stratum, psu, "", "", "verified", job_id, creator,
                        stored_now,
                    )
                )  # fmt: skip
            writer.write(rows)
            result.created += len(rows)
        record(
            actor,
            "submissions.imported",
            assessment,
            format=result.file_format,
            created=result.created,
            existing=result.existing,
            skipped=result.error_rows,
            job=job_id,
        )


def import_submissions(
    assessment: Assessment,
    source: str | os.PathLike[str] | bytes | IO[bytes],
    *,
    filename: str | None = None,
    actor: Any = None,
    job: ImportJob | None = None,
    progress: ProgressCallback | None = None,
    on_saving: Callable[[], None] | None = None,
    keep_good_rows: bool = False,
    attachments: str | os.PathLike[str] | bytes | IO[bytes] | None = None,
) -> ImportResult:
    """Import one export file into ``assessment``; see the module docstring.

    Returns an :class:`ImportResult`: nothing is stored unless ``result.ok``; then
    ``created`` new submissions were stored and ``existing`` were already there. With
    ``keep_good_rows`` the rows without problems are stored and the ``error_rows`` others
    are listed in ``errors``; without it a single bad row stops everything. Photos answered
    by the saved rows are then stored from the export itself (ODK Central's zip) or from
    ``attachments`` (KoboToolbox's attachments zip), see :mod:`safercities.diagnosis.media`.
    """
    result = ImportResult(keep_good_rows=keep_good_rows)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        try:
            _check(source, assessment, filename, spool, result, progress)
        except FieldImportError as exc:
            result.file_problems = list(exc.problems)
        if not result.ok:
            return result
        if progress is not None:
            progress(result.rows)
        if on_saving is not None:
            on_saving()
        _save(spool, assessment, result, actor=actor, job=job)
    if result.photos or attachments is not None:
        from safercities.diagnosis.media import attach_photos

        media = attach_photos(assessment, result.photos, [source, attachments])
        result.report["media"] = media.as_dict()
        used = {name for _uuid, name in result.photos} - set(media.missing)
        result.report["ignored_parts"] = [
            part
            for part in result.report.get("ignored_parts", [])
            if part.rsplit("/", 1)[-1] not in used
        ]
    return result
