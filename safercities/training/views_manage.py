"""Organiser pages: create and edit events, agenda, questions, roster, check-in, certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safercities.core.privacy import team_only
from safercities.training import certificates, permissions, services
from safercities.training.enums import RegistrationStatus
from safercities.training.forms import CheckInForm, EventForm, QuestionForm, RevokeForm, SessionForm
from safercities.training.models import Certificate, Event, normalize_code
from safercities.training.qr import qr_svg


def _managed_event(request, slug: str) -> Event:
    visible = permissions.filter_events_queryset(request.user, Event.objects.all())
    event = get_object_or_404(visible, slug=slug)
    permissions.check_can_manage_event(request.user, event)
    return event


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    permissions.check_can_create_event(request.user)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if Event.objects.filter(slug=form.cleaned_data["slug"]).exists():
            form.add_error("slug", _("Another event already uses this short name."))
        else:
            try:
                event = services.save_event(request.user, None, form.cleaned_data)
            except (services.TrainingError, ValidationError) as error:
                form.add_error(None, error.messages if hasattr(error, "messages") else str(error))
            else:
                messages.success(request, _("The event is created. Add its agenda now."))
                return redirect(event)
    return render(request, "training/event_form.html", {"form": form, "event": None})


@login_required
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    form = EventForm(request.POST or None, initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        new_slug = form.cleaned_data["slug"]
        if Event.objects.filter(slug=new_slug).exclude(pk=event.pk).exists():
            form.add_error("slug", _("Another event already uses this short name."))
        else:
            try:
                event = services.save_event(request.user, event, form.cleaned_data)
            except services.TrainingError as error:
                form.add_error("capacity", str(error))
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect(event)
    return render(request, "training/event_form.html", {"form": form, "event": event})


@login_required
def session_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    event = _managed_event(request, slug)
    session = get_object_or_404(event.sessions, pk=pk) if pk else None
    initial = SessionForm.initial_for(session) if session else None
    form = SessionForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_session(request.user, event, session, form.verb_data())
        except services.TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The agenda is saved."))
            return redirect(event)
    return render(
        request, "training/session_form.html", {"form": form, "event": event, "session": session}
    )


@require_POST
@login_required
def session_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _managed_event(request, slug)
    session = get_object_or_404(event.sessions, pk=pk)
    try:
        services.delete_session(request.user, session)
        messages.success(request, _("The session is deleted."))
    except services.TrainingError as error:
        messages.error(request, str(error))
    return redirect(event)


@login_required
@team_only
def questions(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    form = QuestionForm(request.POST or None)
    if request.method == "POST":
        if "remove" in request.POST:
            question = get_object_or_404(event.questions, pk=request.POST.get("remove") or 0)
            services.remove_question(request.user, question)
            return redirect("training:questions", slug=event.slug)
        if form.is_valid():
            services.add_question(
                request.user, event, form.cleaned_data["label"], form.cleaned_data["required"]
            )
            messages.success(request, _("The question is added to the registration form."))
            return redirect("training:questions", slug=event.slug)
    return render(
        request,
        "training/questions.html",
        {"event": event, "form": form, "questions": event.questions.all()},
    )


@login_required
@team_only
def registrations(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    rows = event.registrations.select_related("user").order_by("status", "created_at", "id")
    return render(
        request,
        "training/registrations.html",
        {"event": event, "registrations": rows, "questions": event.questions.all()},
    )


@login_required
@team_only
def roster(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Printable roster of one session: a QR per participant that opens the check-in page."""
    event = _managed_event(request, slug)
    session = get_object_or_404(event.sessions, pk=pk)
    present = set(session.attendances.values_list("registration_id", flat=True))
    check_in_url = request.build_absolute_uri(
        reverse("training:check_in", args=[event.slug, session.pk])
    )
    rows = [
        {
            "registration": r,
            "present": r.pk in present,
            "qr": qr_svg(f"{check_in_url}?code={r.code}", scale=2),
        }
        for r in event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .select_related("user")
        .order_by("user__name", "user__email")
    ]
    return render(
        request,
        "training/roster.html",
        {"event": event, "session": session, "rows": rows, "present_count": len(present)},
    )


@login_required
@team_only
def check_in(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Type or scan a participant's code; the same code twice counts once."""
    event = _managed_event(request, slug)
    session = get_object_or_404(event.sessions, pk=pk)
    form = CheckInForm(
        request.POST or None, initial={"code": normalize_code(request.GET.get("code", ""))}
    )
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.check_in(request.user, session, form.cleaned_data["code"])
        except services.TrainingError as error:
            form.add_error("code", str(error))
        else:
            name = outcome.registration.user.name or outcome.registration.user.email
            if outcome.created:
                messages.success(request, _("%(name)s is checked in.") % {"name": name})
            else:
                messages.info(request, _("%(name)s was already checked in.") % {"name": name})
            return redirect("training:check_in", slug=event.slug, pk=session.pk)
    return render(
        request,
        "training/check_in.html",
        {
            "event": event,
            "session": session,
            "form": form,
            "present_count": session.attendances.count(),
        },
    )


@login_required
@team_only
def certificate_list(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    if request.method == "POST":
        try:
            issued = certificates.issue_certificates(request.user, event)
            messages.success(request, _("%(n)s certificates issued.") % {"n": len(issued)})
        except services.TrainingError as error:
            messages.error(request, str(error))
        return redirect("training:certificates", slug=event.slug)
    issued = Certificate.objects.filter(registration__event=event).order_by("participant_name")
    return render(
        request,
        "training/certificates.html",
        {
            "event": event,
            "certificates": issued,
            "eligible": len(certificates.eligible_registrations(event)),
            "revoke_form": RevokeForm(),
        },
    )


@require_POST
@login_required
def certificate_revoke(request: HttpRequest, code: str) -> HttpResponse:
    certificate = get_object_or_404(
        Certificate.objects.select_related("registration__event"), code=normalize_code(code)
    )
    event = certificate.registration.event
    permissions.check_can_manage_event(request.user, event)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the certificate is revoked."))
    else:
        try:
            certificates.revoke_certificate(request.user, certificate, form.cleaned_data["reason"])
            messages.success(request, _("The certificate is revoked."))
        except services.TrainingError as error:
            messages.error(request, str(error))
    return redirect("training:certificates", slug=event.slug)
