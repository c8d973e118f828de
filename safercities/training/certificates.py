"""Certificates: who earned one, issuing and revoking them, and the PDF.

What a certificate says is stored when it is issued (name, event, dates, hours, issuer): the
public verification page shows exactly that, so an edited PDF can be told apart.
"""

from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from safercities.core.audit import record
from safercities.training import notifications as tell
from safercities.training.enums import RegistrationStatus
from safercities.training.models import Certificate, Event
from safercities.training.qr import qr_matrix
from safercities.training.services import (
    TrainingError,
    attendance_counts,
    meets_attendance_rule,
)

# Fonts by script. DejaVu (apt: fonts-dejavu-core, always installed with Debian) covers Latin
# and Vietnamese. Thai, Khmer and Chinese need Noto fonts (apt: fonts-noto-core,
# fonts-noto-cjk); without them the certificate is written in English.
FONT_DIRS = [Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/opentype")]
FONTS = {
    "latin": ["dejavu/DejaVuSans.ttf"],
    "th": ["noto/NotoSansThai-Regular.ttf", "noto/NotoSerifThai-Regular.ttf"],
    "km": ["noto/NotoSansKhmer-Regular.ttf", "noto/NotoSerifKhmer-Regular.ttf"],
    "zh-hans": ["noto/NotoSansCJK-Regular.ttc", "noto-cjk/NotoSansCJK-Regular.ttc"],
}


def _find_font(names) -> Path | None:
    for directory in FONT_DIRS:
        for name in names:
            path = directory / name
            if path.exists():
                return path
    return None


def certificate_language(language: str) -> str:
    """The language the PDF is written in: the participant's, if a font for it exists."""
    code = (language or "en").lower()
    if code in ("th", "km", "zh-hans") and _find_font(FONTS[code]) is None:
        return "en"
    return code or "en"


def eligible_registrations(event: Event):
    """Confirmed participants who met the attendance rule, with their counts."""
    total = event.sessions.count()
    counts = attendance_counts(event)
    registrations = event.registrations.filter(status=RegistrationStatus.CONFIRMED).select_related(
        "user"
    )
    return [
        (registration, counts.get(registration.pk, 0), total)
        for registration in registrations
        if meets_attendance_rule(event, counts.get(registration.pk, 0), total)
    ]


def _dates(event: Event) -> str:
    start = timezone.localtime(event.starts_at, event.tz).date()
    end = timezone.localtime(event.ends_at, event.tz).date()
    first = formats.date_format(start, "DATE_FORMAT")
    return first if start == end else f"{first} – {formats.date_format(end, 'DATE_FORMAT')}"


def _hours(event: Event, registration) -> float:
    if event.certificate_hours:
        return event.certificate_hours
    attended = event.sessions.filter(attendances__registration=registration)
    return round(sum(session.hours for session in attended), 1)


def issue_certificates(actor, event: Event) -> list[Certificate]:
    """Issue a certificate to each eligible participant who has none yet; returns the new ones."""
    if not event.sessions.exists():
        raise TrainingError(_("The event has no sessions: attendance cannot be counted."))
    issued = []
    for registration, attended, total in eligible_registrations(event):
        if Certificate.objects.filter(registration=registration).exists():
            continue
        user = registration.user
        language = (user.ui_language or "en").lower()
        with translation.override(language):
            dates = _dates(event)
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    registration=registration,
                    participant_name=user.name or user.email.split("@")[0],
                    event_title=event.title,
                    event_kind=event.kind,
                    dates=dates,
                    hours=_hours(event, registration),
                    sessions_attended=attended,
                    sessions_total=total,
                    issuer=event.issuer or _("Safer Cities Hub"),
                    language=language,
                )
                record(actor, "training.certificate_issued", event, certificate=certificate.code)
                tell.certificate_ready(certificate)
        except IntegrityError:  # issued by someone else at the same moment
            continue
        issued.append(certificate)
    return issued


def revoke_certificate(actor, certificate: Certificate, reason: str) -> Certificate:
    reason = (reason or "").strip()
    if not reason:
        raise TrainingError(_("Say why the certificate is revoked."))
    changed = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason[:300]
    )
    if not changed:
        raise TrainingError(_("This certificate is already revoked."))
    certificate.refresh_from_db()
    record(
        actor,
        "training.certificate_revoked",
        certificate.registration.event,
        certificate=certificate.code,
    )
    return certificate


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    """A one-page A4 landscape PDF in the certificate's language, with its code and a QR."""
    language = certificate_language(certificate.language)
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_title(certificate.event_title)
    pdf.set_creator("Safer Cities Hub")
    pdf.add_page()
    pdf.set_auto_page_break(False)
    latin = _find_font(FONTS["latin"])
    pdf.add_font("body", fname=str(latin))
    fallbacks = []
    for code in ("th", "km", "zh-hans"):
        path = _find_font(FONTS[code])
        if path is not None:
            pdf.add_font(f"f-{code}", fname=str(path))
            fallbacks.append(f"f-{code}")
    if fallbacks:
        pdf.set_fallback_fonts(fallbacks)
    with translation.override(language):
        lines = [
            (26, _("Certificate of participation")),
            (12, _("This certifies that")),
            (22, certificate.participant_name),
            (12, _("took part in")),
            (18, certificate.event_title),
            (12, certificate.get_event_kind_display()),
            (12, certificate.dates),
            (
                12,
                _("%(hours)s hours · %(attended)s of %(total)s sessions attended")
                % {
                    "hours": certificate.hours,
                    "attended": certificate.sessions_attended,
                    "total": certificate.sessions_total,
                },
            ),
            (12, _("Issued by %(issuer)s") % {"issuer": certificate.issuer}),
        ]
        footer = _("Certificate code %(code)s — check it at %(url)s") % {
            "code": certificate.code,
            "url": verify_url,
        }
    pdf.set_y(30)
    for size, text in lines:
        pdf.set_font("body", size=size)
        pdf.multi_cell(0, size * 0.6, text, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    # QR code drawn as squares (no image files).
    matrix = qr_matrix(verify_url)
    module = 1.2
    x0, y0 = 297 - 20 - module * len(matrix), 210 - 20 - module * len(matrix)
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                pdf.rect(x0 + c * module, y0 + r * module, module, module, style="F")
    pdf.set_font("body", size=9)
    pdf.set_xy(20, 185)
    pdf.multi_cell(x0 - 30, 5, footer)
    return bytes(pdf.output())
