"""Adapting a tool for a city: start a version, edit its draft, publish it (city team only)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from safercities.accounts.permissions import is_member
from safercities.core.privacy import mark_team_only
from safercities.toolkit import forms, permissions, services
from safercities.toolkit.models import Tool, ToolVersion, VersionLocked
from safercities.toolkit.views import posted

_edit_methods = require_http_methods(["GET", "POST"])


def _editable_version(request: HttpRequest, slug: str, pk: int) -> ToolVersion:
    """Load (404 if not visible) → check the city team → refuse published or locked."""
    version = permissions.get_viewable_version_or_404(
        request.user, ToolVersion.objects.select_related("tool", "city"), tool__slug=slug, pk=pk
    )
    permissions.check_can_edit_version(request.user, version)
    mark_team_only(request)
    if not version.is_editable:
        raise PermissionDenied(_("Only drafts can be edited; start a new version instead."))
    return version


def _draft_url(version: ToolVersion) -> str:
    return reverse("toolkit:version_edit", args=[version.tool.slug, version.pk])


def _refused(form: Any, exc: Exception) -> None:
    """Put the errors of a refused edit on the form."""
    errors = getattr(exc, "errors", None) or {None: [str(exc)]}
    for field, texts in errors.items():
        target = field if field in form.fields else None
        for text in texts:
            form.add_error(target, text)


@_edit_methods
def version_start(request: HttpRequest, slug: str) -> HttpResponse:
    tool = get_object_or_404(Tool, slug=slug)
    if not is_member(request.user):
        return redirect_to_login(request.get_full_path())
    cities = permissions.adaptable_cities(request.user)
    if not cities.exists():
        raise PermissionDenied(_("Only a city team can adapt a tool for its city."))
    form = forms.StartVersionForm(
        posted(request),
        cities=cities,
        versions=forms.versions_to_start_from(tool, cities),
        initial={"based_on": tool.generic_version()},
    )
    if request.method == "POST" and form.is_valid():
        city = form.cleaned_data["city"]
        permissions.check_can_adapt(request.user, city)
        try:
            version = services.start_version(
                request.user,
                tool,
                city,
                based_on=form.cleaned_data["based_on"],
                languages=form.cleaned_data["languages"],
            )
        except services.EditRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Draft %(label)s created.") % {"label": version.label})
            return redirect(_draft_url(version))
    return render(request, "toolkit/version_start.html", {"tool": tool, "form": form})


@_edit_methods
def version_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The draft page: questions with edit links, languages, publish."""
    version = _editable_version(request, slug, pk)
    instrument = version.instrument()
    lang = instrument.default_language
    language_form = forms.AddLanguageForm(instrument=instrument)
    context = {
        "tool": version.tool,
        "version": version,
        "instrument": instrument,
        "questions": [
            (q, instrument.label_for(q, lang), str(forms.TYPE_LABELS.get(q.type, q.type)))
            for q in instrument.questions
        ],
        "languages": [(code, forms.language_name(code)) for code in instrument.languages],
        "language_form": language_form,
    }
    return render(request, "toolkit/version_edit.html", context)


@_edit_methods
def question_edit(request: HttpRequest, slug: str, pk: int, name: str) -> HttpResponse:
    version = _editable_version(request, slug, pk)
    instrument = version.instrument()
    question = _question(instrument, name)
    form = forms.QuestionForm(posted(request), instrument=instrument, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_question(
                request.user, version, name, form.edit(), reason=form.cleaned_data["reason"]
            )
        except services.EditRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Question saved."))
            return redirect(_draft_url(version))
    shared = [
        q.name
        for q in instrument.questions
        if question.choice_list and q.choice_list == question.choice_list and q.name != name
    ]
    context = {"tool": version.tool, "version": version, "question": question, "form": form}
    context.update({"label": instrument.label_for(question, instrument.default_language)})
    context["shared_with"] = shared
    return render(request, "toolkit/question_edit.html", context)


def _question(instrument: Any, name: str) -> Any:
    try:
        return instrument.question(name)
    except KeyError:
        raise Http404(_("No such question.")) from None


@_edit_methods
def question_remove(request: HttpRequest, slug: str, pk: int, name: str) -> HttpResponse:
    version = _editable_version(request, slug, pk)
    instrument = version.instrument()
    question = _question(instrument, name)
    form = forms.RemoveQuestionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_question(
                request.user, version, name, reason=form.cleaned_data["reason"]
            )
        except services.EditRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Question removed."))
            return redirect(_draft_url(version))
    context = {
        "tool": version.tool,
        "version": version,
        "question": question,
        "label": instrument.label_for(question, instrument.default_language),
        "form": form,
    }
    return render(request, "toolkit/question_remove.html", context)


@_edit_methods
def question_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    version = _editable_version(request, slug, pk)
    form = forms.AddQuestionForm(posted(request), instrument=version.instrument())
    if request.method == "POST" and form.is_valid():
        try:
            services.add_question(request.user, version, **form.arguments())
        except services.EditRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Question added."))
            return redirect(_draft_url(version))
    context = {"tool": version.tool, "version": version, "form": form}
    return render(request, "toolkit/question_add.html", context)


@require_POST
def language_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    version = _editable_version(request, slug, pk)
    form = forms.AddLanguageForm(request.POST, instrument=version.instrument())
    if form.is_valid():
        language = form.cleaned_data["language"]
        try:
            services.add_language(request.user, version, language)
        except services.EditRefused as exc:
            messages.error(request, exc.messages[0])
        else:
            return redirect("toolkit:translate", slug, pk, language)
    else:
        messages.error(request, _("Choose a language to add."))
    return redirect(_draft_url(version))


@_edit_methods
def translate(request: HttpRequest, slug: str, pk: int, language: str) -> HttpResponse:
    version = _editable_version(request, slug, pk)
    instrument = version.instrument()
    if language not in instrument.languages:
        raise Http404(_("This version has no such language."))
    form = forms.TranslationForm(posted(request), instrument=instrument, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_translations(
                request.user, version, language, form.texts(), reason=form.cleaned_data["reason"]
            )
        except services.EditRefused as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Translations saved."))
            return redirect(_draft_url(version))
    context = {
        "tool": version.tool,
        "version": version,
        "form": form,
        "language": language,
        "language_name": forms.language_name(language),
        "default_language": instrument.default_language,
    }
    return render(request, "toolkit/translate.html", context)


@require_POST
def version_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    version = _editable_version(request, slug, pk)
    try:
        services.publish_version(request.user, version)
    except (services.EditRefused, VersionLocked) as exc:
        for text in getattr(exc, "messages", [str(exc)]):
            messages.error(request, text)
        return redirect("toolkit:version", slug, pk)
    messages.success(request, _("%(label)s is published.") % {"label": version.label})
    return redirect("toolkit:version", slug, pk)


@require_POST
def version_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    version = _editable_version(request, slug, pk)
    services.delete_draft(request.user, version)
    messages.success(request, _("The draft was deleted."))
    return redirect("toolkit:tool", slug)


@_edit_methods
def tool_resources(request: HttpRequest, slug: str) -> HttpResponse:
    """Editors choose the library resources linked from a tool's page."""
    tool = get_object_or_404(Tool, slug=slug)
    permissions.check_can_link_resources(request.user)
    from safercities.library.models import Resource

    form = forms.ResourceLinkForm(
        posted(request),
        queryset=Resource.objects.published().order_by("title"),
        initial={"resources": tool.resources.all()},
    )
    if request.method == "POST" and form.is_valid():
        services.link_resources(request.user, tool, list(form.cleaned_data["resources"]))
        messages.success(request, _("Linked resources saved."))
        return redirect(tool)
    return render(request, "toolkit/tool_resources.html", {"tool": tool, "form": form})
