"""Reading the toolkit: the tools, their versions, differences, XLSForm downloads, preview."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from safercities.core.filenames import attach, safe_stem
from safercities.core.privacy import mark_team_only
from safercities.instruments.diff import UNCHANGED, SideBySideRow, side_by_side
from safercities.instruments.xlsform import export_xlsform
from safercities.toolkit import permissions
from safercities.toolkit.forms import TYPE_LABELS, language_name, versions_to_start_from
from safercities.toolkit.localization import (
    choice_key,
    localization_errors,
    missing_reasons,
    question_key,
)
from safercities.toolkit.models import GENERIC_FIRST, Tool, ToolVersion, reader_language
from safercities.toolkit.problems import describe
from safercities.toolkit.webform import build_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def posted(request: HttpRequest):
    """The POST data of a POST request (even when empty), else None: an unbound form."""
    return request.POST if request.method == "POST" else None


def uploaded(request: HttpRequest):
    return request.FILES if request.method == "POST" else None


@require_safe
def tool_list(request: HttpRequest) -> HttpResponse:
    return render(request, "toolkit/tool_list.html", {"tools": Tool.objects.all()})


@require_safe
def tool_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tool = get_object_or_404(Tool, slug=slug)
    generic = tool.generic_version()
    versions = permissions.filter_versions_queryset(
        request.user, tool.versions.select_related("city")
    ).order_by(GENERIC_FIRST, "-number")
    lang = reader_language()
    instrument = generic.instrument() if generic else None
    cities = permissions.adaptable_cities(request.user)
    resources = tool.resources.published().order_by("title")
    context = {
        "tool": tool,
        "generic": generic,
        "overview": _overview(instrument, lang) if instrument else [],
        "generic_versions": [v for v in versions if v.is_generic],
        "city_versions": [v for v in versions if not v.is_generic],
        "resources": resources,
        "can_adapt": cities.exists() and versions_to_start_from(tool, cities).exists(),
        "can_link_resources": permissions.can_link_resources(request.user),
    }
    return render(request, "toolkit/tool_detail.html", context)


@dataclass
class OverviewRow:
    name: str
    label: str
    type_label: str
    core: bool
    required: bool
    group: str


def _overview(instrument, lang: str) -> list[OverviewRow]:
    groups = {g.name: instrument.label_for(g, lang) for g in instrument.groups}
    return [
        OverviewRow(
            q.name,
            instrument.label_for(q, lang),
            str(TYPE_LABELS.get(q.type, q.type)),
            q.core,
            q.required,
            groups.get(q.group or "", ""),
        )
        for q in instrument.questions
    ]


@dataclass
class DiffRow:
    row: SideBySideRow
    reason: str

    @property
    def changed(self) -> bool:
        return self.row.kind != UNCHANGED


def diff_rows(version: ToolVersion, lang: str) -> list[DiffRow]:
    """Side-by-side rows of ``version`` against its generic tool, with the reasons given."""
    generic = version.generic_base().instrument()
    instrument = version.instrument()
    reasons = version.change_reasons
    rows = []
    for row in side_by_side(generic, instrument, lang):
        if row.choice is None:
            reason = reasons.get(question_key(row.question), "")
        else:
            reason = _choice_reason(reasons, (instrument, generic), row.question, row.choice)
        rows.append(DiffRow(row, reason))
    return rows


def _choice_reason(reasons: dict[str, str], sources, question: str, choice: str) -> str:
    for source in sources:
        if question in _names(source):
            key = choice_key(source.question(question).choice_list or "", choice)
            if reasons.get(key):
                return reasons[key]
    return ""


def _names(instrument) -> set[str]:
    return {q.name for q in instrument.questions}


def _version(request: HttpRequest, slug: str, pk: int) -> ToolVersion:
    version = permissions.get_viewable_version_or_404(
        request.user, ToolVersion.objects.select_related("tool", "city"), tool__slug=slug, pk=pk
    )
    if not version.published:
        mark_team_only(request)  # a draft is seen by its city team only
    return version


@require_safe
def version_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    version = _version(request, slug, pk)
    lang = reader_language()
    rows = [] if version.is_generic else diff_rows(version, lang)
    changed = [row for row in rows if row.changed]
    problems, missing = [], []
    if not version.is_generic and not version.published:
        generic = version.generic_base().instrument()
        problems = [describe(p) for p in localization_errors(generic, version.instrument())]
        missing = missing_reasons(generic, version.instrument(), version.change_reasons)
    context = {
        "tool": version.tool,
        "version": version,
        "instrument": version.instrument(),
        "languages": [(code, language_name(code)) for code in version.languages],
        "rows": rows,
        "changed_count": len(changed),
        "show_all": request.GET.get("all") == "1",
        "problems": problems,
        "missing_reasons": missing,
        "reasons": sorted(version.change_reasons.items()),
        "can_edit": version.is_editable
        and permissions.is_city_team_member(request.user, version.city),
    }
    return render(request, "toolkit/version_detail.html", context)


def _xlsform_response(version: ToolVersion) -> HttpResponse:
    buffer = io.BytesIO()
    export_xlsform(version.export_instrument(), buffer)
    place = safe_stem(version.city.slug) if version.city_id else "generic"
    filename = f"{version.tool.slug}-{place}-v{version.number}.xlsx"
    return attach(HttpResponse(buffer.getvalue(), content_type=XLSX), filename)


@require_safe
def version_xlsform(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _xlsform_response(_version(request, slug, pk))


@require_safe
def generic_xlsform(request: HttpRequest, slug: str) -> HttpResponse:
    tool = get_object_or_404(Tool, slug=slug)
    version = tool.generic_version()
    if version is None:
        raise Http404(_("This tool has no published generic version."))
    return _xlsform_response(version)


@require_http_methods(["GET", "POST"])
def version_preview(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Try the web form of a version; answers are checked, never stored."""
    version = _version(request, slug, pk)
    instrument = version.instrument()
    lang = request.GET.get("lang") or reader_language()
    if lang not in instrument.languages:
        lang = reader_language() if reader_language() in instrument.languages else "en"
    form_class = build_form(instrument, lang)
    form = form_class(posted(request), uploaded(request))
    valid = request.method == "POST" and form.is_valid()
    context = {
        "tool": version.tool,
        "version": version,
        "form": form,
        "valid": valid,
        "answers": form.json_answers() if valid else None,
        "language": lang,
        "languages": [(code, language_name(code)) for code in instrument.languages],
    }
    return render(request, "toolkit/version_preview.html", context)
