"""The team's raw data (submissions, photos) and everyone's aggregate exports."""

import csv
import io

import filetype
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from safercities.core.filenames import attach, safe_stem
from safercities.core.privacy import team_only
from safercities.core.sanitize import csv_row, spreadsheet_row
from safercities.diagnosis import computed, permissions, presenters
from safercities.diagnosis.models import Submission
from safercities.diagnosis.repeats import repeat_counts
from safercities.diagnosis.storage import private_storage
from safercities.diagnosis.views import get_assessment

PAGE_SIZE = 50
PRIVATE_FILE_CSP = "sandbox; default-src 'none'; img-src 'self'"


@require_safe
@team_only
def submission_list(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    permissions.check_can_view_raw(request.user, assessment)
    submissions = Submission.objects.filter(assessment=assessment).only(
        "pk", "uuid", "submitted_at", "source", "latitude", "longitude", "sex", "age_band",
        "settlement_type", "category", "weight", "assessment_id",
    )  # fmt: skip
    page = Paginator(submissions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "assessment": assessment,
        "page": page,
        "labels": presenters.choice_labels(
            assessment, "sex", "age_band", "settlement_type", "category"
        ),
        "repeats": _repeat_rows(assessment),
    }
    return render(request, "diagnosis/submission_list.html", context)


def _repeat_rows(assessment) -> list[dict]:
    """Per repeat group: entries, entries per respondent and (incidents) reporting rates."""
    instrument = assessment.instrument()
    if not instrument.repeats:
        return []
    language = presenters.reader_language(instrument)
    answers = (
        Submission.objects.filter(assessment=assessment)
        .values_list("answers", flat=True)
        .iterator(chunk_size=2000)
    )
    crimes = {
        c.name: instrument.label_for(c, language)
        for c in instrument.choice_lists.get("crime_type", [])
    }
    rows = []
    for count in repeat_counts(instrument, answers):
        rows.append(
            {
                "label": instrument.label_for(instrument.group(count.name), language),
                "count": count,
                "crimes": [
                    (crimes.get(crime, crime), incidents, rate)
                    for crime, (incidents, rate) in count.per_crime.items()
                ],
            }
        )
    return rows


def _answer_text(instrument, question, value, language: str) -> str:
    choices = {c.name: instrument.label_for(c, language) for c in instrument.choices_for(question)}
    if isinstance(value, list) and question.type == "select_multiple":
        return ", ".join(choices.get(v, v) for v in value)
    if isinstance(value, list):
        return " ".join(str(v) for v in value if v is not None)
    return choices.get(value, str(value)) if isinstance(value, str) else str(value)


def _answer_rows(assessment, submission: Submission) -> list[tuple[str, str, str]]:
    """``(question label, answer text, question name)`` in the instrument's order; the
    answers of a repeat group come entry by entry ("Incident 2 · Where did it happen?")."""
    instrument = assessment.instrument()
    language = presenters.reader_language(instrument)
    answers = submission.answers
    rows = []
    for question in instrument.questions:
        repeat = instrument.repeat_of(question)
        if repeat is not None:
            if question is not instrument.repeat_questions(repeat.name)[0]:
                continue  # the whole repeat is shown at its first question
            entries = answers.get(repeat.name)
            legend = instrument.label_for(repeat, language)
            for number, entry in enumerate(entries if isinstance(entries, list) else [], 1):
                for inner in instrument.repeat_questions(repeat.name):
                    if isinstance(entry, dict) and inner.name in entry:
                        label = f"{legend} {number} · {instrument.label_for(inner, language)}"
                        text = _answer_text(instrument, inner, entry[inner.name], language)
                        rows.append((label, text, f"{repeat.name}/{inner.name}"))
            continue
        if question.name not in answers:
            continue
        text = _answer_text(instrument, question, answers[question.name], language)
        rows.append((instrument.label_for(question, language), text, question.name))
    return rows


@require_safe
@team_only
def submission_detail(request: HttpRequest, pk: int, submission_pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    permissions.check_can_view_raw(request.user, assessment)
    submission = get_object_or_404(Submission, assessment=assessment, pk=submission_pk)
    context = {
        "assessment": assessment,
        "submission": submission,
        "answers": _answer_rows(assessment, submission),
    }
    return render(request, "diagnosis/submission_detail.html", context)


@require_safe
@team_only
def submission_photo(request: HttpRequest, pk: int, submission_pk: int) -> FileResponse:
    assessment = get_assessment(pk)
    permissions.check_can_view_raw(request.user, assessment)
    submission = get_object_or_404(Submission, assessment=assessment, pk=submission_pk)
    if not submission.photo:
        raise Http404
    # In object storage: after the check above, a URL signed for a few minutes.
    signed = private_storage.signed_url(
        submission.photo.name, ResponseCacheControl="private, no-store"
    )
    if signed:
        return HttpResponseRedirect(signed)  # @team_only marks it private, no-store
    try:
        handle = submission.photo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    head = handle.read(262)
    handle.seek(0)
    kind = filetype.guess(head)
    if kind is None or not kind.mime.startswith("image/"):
        handle.close()
        raise Http404
    response = FileResponse(handle, content_type=kind.mime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = PRIVATE_FILE_CSP
    return response


def _filename(assessment, extension: str) -> str:
    stem = safe_stem(assessment.title, max_length=60, fallback="assessment")
    return f"diagnosis-{assessment.pk}-{stem}.{extension}"


@require_safe
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The aggregates only (suppressed as for the public), whoever downloads them."""
    assessment = get_assessment(pk)
    rows = presenters.aggregate_rows(assessment, computed.summary(assessment, public=True))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(presenters.COLUMNS)
    writer.writerows(csv_row(row[column] for column in presenters.COLUMNS) for row in rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    attach(response, _filename(assessment, "csv"))
    return response


@require_safe
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from openpyxl import Workbook

    assessment = get_assessment(pk)
    rows = presenters.aggregate_rows(assessment, computed.summary(assessment, public=True))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("aggregates")
    sheet.append(spreadsheet_row(sheet, presenters.COLUMNS))
    for row in rows:
        sheet.append(spreadsheet_row(sheet, (row[column] for column in presenters.COLUMNS)))
    about = workbook.create_sheet("about")
    for pair in (
        ("assessment", assessment.title),
        ("city", assessment.city.name),
        ("tool", f"{assessment.tool_version}"),
        ("period", f"{assessment.start} – {assessment.end or ''}"),
        ("suppression", presenters.small_label()),
    ):
        about.append(spreadsheet_row(about, pair))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    attach(response, _filename(assessment, "xlsx"))
    return response
