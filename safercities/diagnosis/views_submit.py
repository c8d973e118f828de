"""Filling in an assessment's instrument on the site, and the thank-you page with referrals.

Audits and surveys are entered by the city team; incident reports by anyone, without an
account (anonymous: the report is not linked to the reporter's account).
"""

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from safercities.core.languages import CONTENT_LANGUAGES
from safercities.diagnosis import abuse, permissions
from safercities.diagnosis.models import SupportService
from safercities.diagnosis.services import submit_answers
from safercities.diagnosis.views import get_assessment
from safercities.toolkit.webform import build_form


def form_languages(version) -> list[tuple[str, str]]:
    """The version's languages as ``(code, name)``, names in the language itself."""
    names = {code.lower(): name for code, name in CONTENT_LANGUAGES.items()}
    codes = version.languages or version.instrument().languages
    return [(code, names.get(code.lower(), code)) for code in codes]


def chosen_language(request: HttpRequest, version) -> str:
    """The respondent's choice, else the UI language when the version has it, else its
    default language."""
    available = {code.lower(): code for code, _name in form_languages(version)}
    wanted = (request.POST.get("lang") or request.GET.get("lang") or "").lower()
    if wanted in available:
        return available[wanted]
    ui = (get_language() or "en").lower()
    for candidate in (ui, ui.split("-")[0]):
        if candidate in available:
            return available[candidate]
    return version.instrument().default_language


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    if assessment.is_incident_report and not assessment.is_open_on():
        context = {"assessment": assessment, "services": assessment.city.support_services.all()}
        return render(request, "diagnosis/closed.html", context, status=403)
    permissions.check_can_submit(request.user, assessment)
    version = assessment.tool_version
    language = chosen_language(request, version)
    form_class = build_form(version.instrument(), language)
    form = form_class(request.POST or None, request.FILES or None)
    key = request.POST.get("submission_uuid", "")
    try:
        key = str(uuid.UUID(key))
    except ValueError:
        key = str(uuid.uuid4())
    is_team = permissions.is_assessment_team(request.user, assessment)
    guarded = assessment.is_incident_report and not is_team
    problem = None
    if request.method == "POST" and guarded:
        if abuse.abuse_problem(request.POST):
            problem = _(
                "Your report could not be accepted. Please wait a few seconds after opening "
                "the form before sending it, and leave the last field empty."
            )
        elif abuse.over_limit(request, assessment.pk):
            problem = _(
                "Too many reports were sent from your connection in the last hour. "
                "Please try again later, or call a support service below."
            )
    if request.method == "POST" and problem is None and form.is_valid():
        photo = next(iter(form.uploads.values()), None)
        submission, created = submit_answers(
            assessment,
            form.json_answers(),
            actor=request.user,
            language=language,
            photo=photo,
            submission_uuid=key,
        )
        if guarded and created:
            abuse.count_report(request, assessment.pk)
        if assessment.is_incident_report:
            return redirect("diagnosis:thanks", pk=assessment.pk)
        if created:
            messages.success(request, _("Saved. You can fill in the next one."))
        return redirect(f"{reverse('diagnosis:submit', args=[assessment.pk])}?lang={language}")
    context = {
        "assessment": assessment,
        "form": form,
        "language": language,
        "languages": form_languages(version),
        "submission_uuid": key,
        "title": version.instrument().title_for(language),
        "is_team": is_team,
        "guarded": guarded,
        "form_stamp": abuse.form_stamp(),
        "problem": problem,
        "services": assessment.city.support_services.all() if problem else (),
    }
    status = 400 if request.method == "POST" and not form.repeat_action else 200
    if problem and abuse.over_limit(request, assessment.pk):
        status = 429
    return render(request, "diagnosis/submit.html", context, status=status)


@require_safe
def thanks(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment(pk)
    services = SupportService.objects.filter(city=assessment.city)
    context = {"assessment": assessment, "services": services}
    return render(request, "diagnosis/thanks.html", context)
