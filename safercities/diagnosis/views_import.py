"""Uploading a KoboToolbox / ODK export, and watching its import."""

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from safercities.core.privacy import team_only
from safercities.diagnosis import permissions
from safercities.diagnosis.forms import ImportForm
from safercities.diagnosis.models import ImportJob
from safercities.diagnosis.services import start_import
from safercities.diagnosis.views import get_assessment
from safercities.instruments import converters, fieldimport
from safercities.toolkit.webform import MESSAGES as ANSWER_MESSAGES

#: Row and file problems reported by the importer (stable English) → translatable text.
IMPORT_MESSAGES = {
    fieldimport.MSG_NO_UUID: gettext_lazy("The submission has no id."),
    fieldimport.MSG_LONG_UUID: gettext_lazy("The submission id is longer than 100 characters."),
    fieldimport.MSG_DUPLICATE_UUID: gettext_lazy(
        "The same submission id appears earlier in this file."
    ),
    fieldimport.MSG_WEIGHT: gettext_lazy("Enter a weight as a number of zero or more."),
    fieldimport.MSG_TIMESTAMP: gettext_lazy("Enter a valid date and time."),
    fieldimport.MSG_CHOICE_COLUMNS: gettext_lazy(
        "The 0/1 choice columns disagree with the answer."
    ),
    fieldimport.MSG_EXTRA_CELLS: gettext_lazy("The row has more cells than the header."),
    converters.MSG_GEOPOINT: gettext_lazy(
        "Enter a location as latitude and longitude, optionally altitude and accuracy."
    ),
    "The file is not UTF-8 text.": gettext_lazy("The file is not UTF-8 text."),
    "Not a KoboToolbox or ODK export: no _uuid, _submission_time or KEY column.": gettext_lazy(
        "Not a KoboToolbox or ODK export: no _uuid, _submission_time or KEY column."
    ),
    "Not a KoboToolbox XLSX export: no _uuid column.": gettext_lazy(
        "Not a KoboToolbox XLSX export: no _uuid column."
    ),
    "Missing submission id column (_uuid, meta/instanceID or KEY).": gettext_lazy(
        "Missing submission id column (_uuid, meta/instanceID or KEY)."
    ),
    "The import stopped because of an unexpected error.": gettext_lazy(
        "The import stopped because of an unexpected error."
    ),
    fieldimport.MSG_VERSION_COLUMNS: gettext_lazy(
        "The row was made with another version of the form whose questions are not all in "
        "this file's columns."
    ),
    fieldimport.MSG_OLD_XLS: gettext_lazy(
        "This is an old-style Excel (.xls) file: export the data again as XLSX or CSV."
    ),
    fieldimport.MSG_BAD_ZIP: gettext_lazy(
        "The file is damaged or incomplete (an unreadable zip archive): download the export "
        "again and upload it whole."
    ),
    fieldimport.MSG_ZIP_WITHOUT_CSV: gettext_lazy(
        'The zip archive holds no CSV table: upload ODK Central\'s "CSV (zip)" export or a '
        "KoboToolbox XLSX or CSV export."
    ),
    fieldimport.MSG_BLANK_HEADER: gettext_lazy(
        "Some header cells of the first sheet are blank (merged or deleted cells): upload the "
        "export as KoboToolbox made it, without editing it."
    ),
    fieldimport.MSG_OTHER_FORM: gettext_lazy(
        "None of the columns match this form's questions (by XML name or by label in any of "
        "its languages): this looks like an export of another form."
    ),
}
_MISSING_COLUMN = re.compile(r"Missing column for required question '(?P<name>[^']+)'\.")
_ORPHAN_ENTRIES = re.compile(r"Line (?P<line>\d+) of (?P<part>.+) \(a repeat group\) belongs")
_NO_PARENT = re.compile(r"The table of repeat group '(?P<name>[^']+)' has no _parent_index")


def translate_problem(message: str) -> str:
    text = IMPORT_MESSAGES.get(message) or ANSWER_MESSAGES.get(message)
    if text:
        return str(text)
    match = _MISSING_COLUMN.fullmatch(message)
    if match:
        return _("Missing column for the required question %(name)s.") % {"name": match["name"]}
    if match := _ORPHAN_ENTRIES.match(message):
        return _(
            "Line %(line)s of %(part)s (a repeat group) belongs to no row of the main table, or "
            "the rows are out of order: upload the export as KoboToolbox or ODK made it."
        ) % {"line": match["line"], "part": match["part"]}
    if match := _NO_PARENT.match(message):
        return _(
            "The table of repeat group %(name)s has no _parent_index, _submission__uuid or "
            "PARENT_KEY column: upload the export as KoboToolbox or ODK made it."
        ) % {"name": match["name"]}
    return message


def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def read_report(report: dict) -> dict:
    """How an export was read, for the import page: header naming, group separator, the
    columns and parts not used, rows per form version."""
    if not report:
        return {}
    naming = report.get("naming", "xml")
    return {
        "naming": (
            _("XML names")
            if naming == "xml"
            else _("labels in %(language)s") % {"language": language_name(naming)}
        ),
        "separator": report.get("separator", "/"),
        "ignored_columns": report.get("ignored_columns", []),
        "ignored_parts": report.get("ignored_parts", []),
        "media": report.get("media"),
        "missing_repeats": report.get("missing_repeats", []),
        "versions": [
            (version, count, report.get("version_labels", {}).get(version, ""))
            for version, count in sorted(report.get("versions", {}).items())
        ],
    }


def _error_rows(job: ImportJob) -> list[dict]:
    instrument = job.assessment.instrument()
    from safercities.diagnosis.presenters import reader_language

    language = reader_language(instrument)
    rows = []
    for error in job.errors:
        name = error.get("field", "")
        try:
            label = instrument.label_for(instrument.question(name), language)
        except KeyError:
            label = ""
        rows.append(
            {
                "line": error.get("line"),
                "field": name,
                "column": error.get("column", ""),
                "label": label,
                "message": translate_problem(error.get("message", "")),
            }
        )
    return rows


@require_http_methods(["GET", "POST"])
@team_only
def import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    permissions.check_can_manage(request.user, assessment)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = start_import(
            request.user,
            assessment,
            form.cleaned_data["file"],
            keep_good_rows=form.cleaned_data["keep_good_rows"],
            attachments=form.cleaned_data.get("attachments"),
        )
        return redirect(job)
    jobs = assessment.imports.select_related("created_by")[:20]
    context = {"assessment": assessment, "form": form, "jobs": jobs}
    return render(request, "diagnosis/import.html", context)


@require_safe
@team_only
def import_job(request: HttpRequest, pk: int, job_pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    permissions.check_can_manage(request.user, assessment)
    job = get_object_or_404(ImportJob, assessment=assessment, pk=job_pk)
    job.assessment = assessment
    context = {
        "assessment": assessment,
        "job": job,
        "error_rows": _error_rows(job),
        "file_problems": [translate_problem(p) for p in job.file_problems],
        "read": read_report(job.report),
    }
    template = "diagnosis/import_job.html"
    if getattr(request, "htmx", False) and not request.htmx.boosted:
        template += "#status"
    return render(request, template, context)
