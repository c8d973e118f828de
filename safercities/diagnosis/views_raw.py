"""The city team's raw data download: one row per submission, with a code book.

CSV (streamed, so any size downloads in flat memory) or XLSX (data and code book sheets).
Every download is written to the audit log. Rows go through the shared sanitiser
(:mod:`safercities.core.sanitize`): text is never run as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from safercities.core.audit import record
from safercities.core.sanitize import csv_row, spreadsheet_row
from safercities.diagnosis import permissions, presenters
from safercities.diagnosis.models import Assessment, Submission
from safercities.diagnosis.views import get_assessment

FIXED = (
    ("_id", "Submission number in the Hub"),
    ("_uuid", "Submission id (KoboToolbox/ODK uuid or web form id)"),
    ("_submitted_at", "When it was submitted (ISO 8601, UTC)"),
    ("_source", "web, kobo or odk"),
    ("_latitude", "Latitude of the first location answer (WGS 84)"),
    ("_longitude", "Longitude of the first location answer (WGS 84)"),
    ("_weight", "Survey weight"),
    ("_stratum", "Sampling stratum"),
    ("_psu", "Cluster (primary sampling unit)"),
    ("_verification", "verified, pending or rejected (incident reports)"),
)


def _answer(value) -> str | float | int | None:
    if isinstance(value, list):
        return " ".join("" if v is None else str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def columns(assessment: Assessment) -> list[str]:
    return [name for name, _ in FIXED] + [q.name for q in assessment.instrument().questions]


def codebook(assessment: Assessment) -> list[list[str]]:
    """``column, label, type, choices`` rows, labels in the reader's language."""
    instrument = assessment.instrument()
    language = presenters.reader_language(instrument)
    rows = [["column", "label", "type", "choices"]]
    rows += [[name, label, "", ""] for name, label in FIXED]
    for question in instrument.questions:
        choices = "; ".join(
            f"{c.name} = {instrument.label_for(c, language)}"
            for c in instrument.choices_for(question)
        )
        rows.append(
            [question.name, instrument.label_for(question, language), question.type, choices]
        )
    return rows


def data_rows(assessment: Assessment) -> Iterator[list]:
    names = [q.name for q in assessment.instrument().questions]
    rows = Submission.objects.filter(assessment=assessment).order_by("pk")
    fields = ("pk", "uuid", "submitted_at", "source", "latitude", "longitude", "weight",
              "stratum", "psu", "verification", "answers")  # fmt: skip
    for values in rows.values_list(*fields).iterator(chunk_size=2000):
        *fixed, answers = values
        fixed[2] = fixed[2].isoformat()
        yield fixed + [_answer(answers.get(n)) for n in names]


def _filename(assessment: Assessment, suffix: str) -> str:
    return f"raw-{assessment.pk}-{slugify(assessment.title)[:40] or 'assessment'}{suffix}"


class _Echo:
    def write(self, value: str) -> str:
        return value


def _download(request: HttpRequest, pk: int, fmt: str) -> Assessment:
    assessment = get_assessment(pk)
    permissions.check_can_view_raw(request.user, assessment)
    record(
        request.user,
        "submissions.downloaded",
        assessment,
        format=fmt,
        rows=Submission.objects.filter(assessment=assessment).count(),
    )
    return assessment


@require_safe
def raw_csv(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    assessment = _download(request, pk, "csv")
    writer = csv.writer(_Echo())

    def stream() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(csv_row(columns(assessment)))
        for row in data_rows(assessment):
            yield writer.writerow(csv_row(row))

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(assessment, ".csv")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def raw_codebook_csv(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    permissions.check_can_view_raw(request.user, assessment)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(csv_row(row) for row in codebook(assessment))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = _filename(assessment, "-codebook.csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def raw_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from openpyxl import Workbook

    assessment = _download(request, pk, "xlsx")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    sheet.append(spreadsheet_row(sheet, columns(assessment)))
    for row in data_rows(assessment):
        sheet.append(spreadsheet_row(sheet, row))
    book = workbook.create_sheet("codebook")
    for row in codebook(assessment):
        book.append(spreadsheet_row(book, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(assessment, ".xlsx")}"'
    response["Cache-Control"] = "private, no-store"
    return response
