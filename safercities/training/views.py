"""Public and participant pages: list, detail, agenda, calendar files, registration."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safercities.accounts.permissions import is_trainer
from safercities.core.privacy import team_only
from safercities.training import ics, permissions, services
from safercities.training.certificates import certificate_pdf
from safercities.training.enums import RegistrationStatus
from safercities.training.forms import RegistrationForm
from safercities.training.models import Certificate, Event, Registration, normalize_code
from safercities.training.qr import qr_svg


def _visible_event(request, slug: str) -> Event:
    visible = permissions.filter_events_queryset(request.user, Event.objects.all())
    return get_object_or_404(visible, slug=slug)


def event_list(request: HttpRequest) -> HttpResponse:
    services.expire_offers()
    events = permissions.filter_events_queryset(request.user, Event.objects.all())
    return render(
        request,
        "training/event_list.html",
        {
            "upcoming": events.upcoming().prefetch_related("sessions"),
            "past": events.past()[:50],
            "can_create": is_trainer(request.user),
        },
    )


def _registration_of(user, event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return event.registrations.filter(user=user).first()


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    services.expire_offers()
    event = _visible_event(request, slug)
    registration = _registration_of(request.user, event)
    is_organiser = permissions.is_organiser(request.user, event)
    return render(
        request,
        "training/event_detail.html",
        {
            "event": event,
            "sessions": event.sessions.prefetch_related("speakers", "materials"),
            "registration": registration,
            "form": RegistrationForm(event=event),
            "is_organiser": is_organiser,
            "organisers": event.organisers.all(),
        },
    )


def agenda_print(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    return render(
        request,
        "training/agenda_print.html",
        {"event": event, "sessions": event.sessions.prefetch_related("speakers", "materials")},
    )


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    base = request.build_absolute_uri("/").rstrip("/")
    return _calendar_response(ics.event_calendar(event, base), f"{event.slug}.ics")


def session_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _visible_event(request, slug)
    session = get_object_or_404(event.sessions, pk=pk)
    base = request.build_absolute_uri("/").rstrip("/")
    return _calendar_response(
        ics.session_calendar(session, base), f"{event.slug}-session-{session.pk}.ics"
    )


@login_required
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    permissions.check_can_register(request.user, event)
    form = RegistrationForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(request.user, event, form.answers())
        except services.TrainingError as error:
            messages.error(request, str(error))
            return redirect(event)
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, _("You are registered: your seat is confirmed."))
        else:
            messages.info(
                request,
                _(
                    "The event is full: you are on the waiting list. "
                    "We will tell you when a seat is free."
                ),
            )
        return redirect(event)
    return render(request, "training/register.html", {"event": event, "form": form})


@require_POST
@login_required
def cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    registration = get_object_or_404(event.registrations, user=request.user)
    try:
        services.cancel_registration(request.user, registration)
        messages.success(request, _("Your registration is cancelled."))
    except services.TrainingError as error:
        messages.error(request, str(error))
    return redirect(event)


@login_required
@team_only
def offer(request: HttpRequest, code: str) -> HttpResponse:
    """A seat offered from the waiting list: accept or decline (the link in the message)."""
    registration = get_object_or_404(
        Registration.objects.select_related("event"), code=normalize_code(code)
    )
    if registration.user_id != request.user.pk:
        raise PermissionDenied(_("This offer was made to someone else."))
    services.expire_offers()
    registration.refresh_from_db()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "decline":
                services.decline_offer(request.user, registration)
                messages.success(
                    request, _("You declined the seat; thank you for letting us know.")
                )
            else:
                services.accept_offer(request.user, registration)
                messages.success(
                    request, _("You accepted the seat: your registration is confirmed.")
                )
        except services.TrainingError as error:
            messages.error(request, str(error))
        return redirect(registration.event)
    return render(
        request, "training/offer.html", {"registration": registration, "event": registration.event}
    )


@login_required
@team_only
def my_registrations(request: HttpRequest) -> HttpResponse:
    services.expire_offers()
    registrations = list(
        Registration.objects.filter(user=request.user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .order_by("-event__starts_at")
    )
    certificates = {
        c.registration_id: c for c in Certificate.objects.filter(registration__in=registrations)
    }
    rows = [
        {
            "registration": r,
            "qr": qr_svg(r.code) if r.status == RegistrationStatus.CONFIRMED else "",
            "certificate": certificates.get(r.pk),
        }
        for r in registrations
    ]
    return render(request, "training/my_registrations.html", {"rows": rows})


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: what the certificate with this code says, and whether it was revoked."""
    certificate = get_object_or_404(Certificate, code=normalize_code(code))
    return render(request, "training/verify.html", {"certificate": certificate})


@login_required
@team_only
def certificate_download(request: HttpRequest, code: str) -> HttpResponse:
    certificate = get_object_or_404(
        Certificate.objects.select_related("registration__event"), code=normalize_code(code)
    )
    permissions.check_can_see_certificate_file(request.user, certificate)
    verify_url = request.build_absolute_uri(certificate.get_absolute_url())
    response = HttpResponse(
        certificate_pdf(certificate, verify_url), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response
