import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safercities.core.languages import CONTENT_LANGUAGES, language_choices
from safercities.training.enums import SEAT_STATUSES, EventKind, RegistrationStatus

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: typed from paper


def new_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalize_code(text: str) -> str:
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone “%(value)s”."), params={"value": value})


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self):
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")

    def organised_by(self, user):
        return self.filter(organisers=user) if user.is_authenticated else self.none()


class Event(models.Model):
    """A meeting, training or webinar with an agenda, registration and attendance."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=60, default="Asia/Bangkok", validators=[validate_time_zone]
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), default=30)
    seats_taken = models.PositiveIntegerField(default=0, editable=False)
    offer_hours = models.PositiveSmallIntegerField(_("hours to accept a freed seat"), default=48)
    attendance_rule = models.PositiveSmallIntegerField(
        _("attendance needed for a certificate (percent of sessions)"), default=80
    )
    certificate_hours = models.DecimalField(
        _("hours on the certificate"), max_digits=5, decimal_places=1, default=0
    )
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    registration_open = models.BooleanField(_("registration open"), default=True)
    is_published = models.BooleanField(_("published"), default=True)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("organisers"), related_name="organised_events"
    )
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seats_taken__lte=models.F("capacity")),
                name="training_event_not_overbooked",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="training_event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:detail", args=[self.slug])

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def language_names(self) -> list[str]:
        return [CONTENT_LANGUAGES.get(code, code) for code in self.languages]

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    speakers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("speakers (members)"),
        blank=True,
        related_name="training_sessions",
    )
    guest_speakers = models.CharField(_("guest speakers"), max_length=300, blank=True)
    materials = models.ManyToManyField(
        "library.Resource",
        verbose_name=_("materials from the library"),
        blank=True,
        related_name="training_sessions",
    )

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="training_session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def hours(self) -> float:
        return round((self.ends_at - self.starts_at).total_seconds() / 3600, 1)


class Question(models.Model):
    """A question the organiser adds to the registration form."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class RegistrationQuerySet(models.QuerySet):
    def holding_seats(self):
        return self.filter(status__in=SEAT_STATUSES)

    def waiting(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "id")


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_registrations"
    )
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices)
    answers = models.JSONField(default=dict, blank=True)
    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="training_one_registration"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.event}"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    checked_in_at = models.DateTimeField(default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "registration"], name="training_one_check_in"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} @ {self.session_id}"


class Certificate(models.Model):
    """What was certified, stored as issued so an edited PDF can be detected."""

    registration = models.OneToOneField(
        Registration, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    participant_name = models.CharField(max_length=200)
    event_title = models.CharField(max_length=200)
    event_kind = models.CharField(max_length=30, choices=EventKind.choices)
    dates = models.CharField(max_length=100)
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    sessions_attended = models.PositiveSmallIntegerField()
    sessions_total = models.PositiveSmallIntegerField()
    issuer = models.CharField(max_length=200)
    language = models.CharField(max_length=15, choices=language_choices())
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(_("reason"), max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.participant_name} – {self.event_title}"

    def get_absolute_url(self) -> str:
        return reverse("training:verify", args=[self.code])

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
