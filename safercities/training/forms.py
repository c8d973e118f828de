import zoneinfo
from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safercities.accounts.models import User
from safercities.core.languages import CONTENT_LANGUAGES
from safercities.library.models import Resource
from safercities.training.enums import EventKind
from safercities.training.models import validate_time_zone

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
RESERVED_SLUGS = {"new", "mine", "offers", "certificates"}


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed in the event's time zone (made aware in ``clean``)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_FORMAT)
    input_formats = [LOCAL_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]

    def to_python(self, value):
        # Keep it naive: the form attaches the event's time zone.
        result = super().to_python(value)
        return result.replace(tzinfo=None) if result is not None else None


def _aware(value: datetime, zone: str) -> datetime:
    return value.replace(tzinfo=zoneinfo.ZoneInfo(zone))


def local_initial(value: datetime, zone: str) -> str:
    return timezone.localtime(value, zoneinfo.ZoneInfo(zone)).strftime(LOCAL_FORMAT)


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name in the address"),
        max_length=80,
        help_text=_("Letters, numbers and hyphens, e.g. tot-bangkok-2027."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea, max_length=2000, required=False
    )
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=60,
        initial="Asia/Bangkok",
        validators=[validate_time_zone],
        help_text=_("For example Asia/Bangkok or Asia/Phnom_Penh."),
    )
    starts_at = LocalDateTimeField(label=_("Starts (local time)"))
    ends_at = LocalDateTimeField(label=_("Ends (local time)"))
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Online link"), max_length=500, required=False, assume_scheme="https"
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=list(CONTENT_LANGUAGES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    audience = forms.CharField(label=_("Audience"), max_length=300, required=False)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=100000, initial=30)
    offer_hours = forms.IntegerField(
        label=_("Hours to accept a freed seat"), min_value=1, max_value=720, initial=48
    )
    attendance_rule = forms.IntegerField(
        label=_("Attendance needed for a certificate (percent of sessions)"),
        min_value=1,
        max_value=100,
        initial=80,
    )
    certificate_hours = forms.DecimalField(
        label=_("Hours on the certificate"),
        min_value=0,
        max_value=9999,
        decimal_places=1,
        required=False,
        help_text=_("Leave empty to count the hours of the sessions attended."),
    )
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)
    registration_open = forms.BooleanField(
        label=_("Registration open"), required=False, initial=True
    )
    is_published = forms.BooleanField(label=_("Published"), required=False, initial=True)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is reserved; choose another."))
        return slug

    def clean(self):
        data = super().clean()
        zone = data.get("time_zone")
        if zone and data.get("starts_at") and data.get("ends_at"):
            data["starts_at"] = _aware(data["starts_at"], zone)
            data["ends_at"] = _aware(data["ends_at"], zone)
            if data["ends_at"] < data["starts_at"]:
                self.add_error("ends_at", _("The event cannot end before it starts."))
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", _("Give a place or an online link."))
        data["certificate_hours"] = data.get("certificate_hours") or 0
        return data

    @classmethod
    def initial_for(cls, event) -> dict:
        initial = {name: getattr(event, name) for name in cls.base_fields}
        initial["starts_at"] = local_initial(event.starts_at, event.time_zone)
        initial["ends_at"] = local_initial(event.ends_at, event.time_zone)
        return initial


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, max_length=2000, required=False
    )
    starts_at = LocalDateTimeField(label=_("Starts (local time)"))
    ends_at = LocalDateTimeField(label=_("Ends (local time)"))
    speaker_emails = forms.CharField(
        label=_("Speakers who are members (email addresses, one per line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    guest_speakers = forms.CharField(label=_("Guest speakers"), max_length=300, required=False)
    material_ids = forms.CharField(
        label=_("Library materials (resource numbers, separated by commas)"),
        required=False,
        help_text=_("The number is in the resource's address: /library/12/ is 12."),
    )

    def __init__(self, *args, event, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)

    def clean_speaker_emails(self):
        emails = [
            line.strip() for line in self.cleaned_data["speaker_emails"].split() if line.strip()
        ]
        users = list(User.objects.filter(email__in=emails, is_active=True))
        missing = sorted({e.lower() for e in emails} - {u.email.lower() for u in users})
        if missing:
            raise forms.ValidationError(
                _("No member has the address %(emails)s."), params={"emails": ", ".join(missing)}
            )
        return users

    def clean_material_ids(self):
        raw = [p.strip() for p in self.cleaned_data["material_ids"].replace(";", ",").split(",")]
        raw = [p for p in raw if p]
        if any(not p.isdigit() or len(p) > 9 for p in raw):
            raise forms.ValidationError(_("Write resource numbers separated by commas."))
        ids = {int(p) for p in raw}
        found = list(Resource.objects.public().filter(pk__in=ids))
        missing = sorted(ids - {r.pk for r in found})
        if missing:
            raise forms.ValidationError(
                _("No published resource has the number %(ids)s."),
                params={"ids": ", ".join(map(str, missing))},
            )
        return found

    def clean(self):
        data = super().clean()
        zone = self.event.time_zone
        if data.get("starts_at") and data.get("ends_at"):
            data["starts_at"] = _aware(data["starts_at"], zone)
            data["ends_at"] = _aware(data["ends_at"], zone)
            if data["ends_at"] < data["starts_at"]:
                self.add_error("ends_at", _("A session cannot end before it starts."))
        return data

    def verb_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["speakers"] = data.pop("speaker_emails")
        data["materials"] = data.pop("material_ids")
        return data

    @classmethod
    def initial_for(cls, session) -> dict:
        zone = session.event.time_zone
        return {
            "title": session.title,
            "description": session.description,
            "starts_at": local_initial(session.starts_at, zone),
            "ends_at": local_initial(session.ends_at, zone),
            "speaker_emails": "\n".join(u.email for u in session.speakers.all()),
            "guest_speakers": session.guest_speakers,
            "material_ids": ", ".join(str(r.pk) for r in session.materials.all()),
        }


class QuestionForm(forms.Form):
    label = forms.CharField(label=_("Question"), max_length=300)
    required = forms.BooleanField(label=_("An answer is required"), required=False)


class RegistrationForm(forms.Form):
    """The registration form: one text field per question the organiser added."""

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        for question in event.questions.all():
            self.fields[f"q{question.pk}"] = forms.CharField(
                label=question.label,
                required=question.required,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def answers(self) -> dict[str, str]:
        return {name[1:]: value for name, value in self.cleaned_data.items()}


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Participant code"), max_length=20)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)
