from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safercities.core.languages import language_choices
from safercities.library.files import ALLOWED_LABELS, FileRejected, inspect_file
from safercities.network.enums import (
    CitySize,
    FollowLevel,
    InterventionKind,
    ReportReason,
    ThreadKind,
)
from safercities.network.services import MAX_BODY, MAX_TITLE, Upload
from safercities.places.models import Country
from safercities.taxonomy.models import Theme

AUTO = ""
MAX_ATTACHMENTS = 3


def _language_field(label=None, *, auto: bool = True) -> forms.ChoiceField:
    choices = [(AUTO, _("Detect from the text"))] if auto else []
    return forms.ChoiceField(
        label=label or _("Language of the post"),
        choices=choices + language_choices(),
        required=not auto,
        help_text=_(
            "Left on “Detect”, the script of the text decides (Thai, Khmer, Lao, Myanmar, "
            "Chinese, Hindi, Bengali); Latin text takes your profile's first language."
        )
        if auto
        else "",
    )


def file_error_message(code: str) -> str:
    messages = {
        "empty": _("The file is empty."),
        "too_large": _("The file is larger than 20 MB."),
        "executable": _("Programs cannot be attached."),
    }
    return str(
        messages.get(code)
        or _("This kind of file cannot be attached. Allowed: %(kinds)s.")
        % {"kinds": ALLOWED_LABELS}
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("Attach at most %(count)d files.") % {"count": MAX_ATTACHMENTS}
            )
        uploads = []
        for upload in files:
            try:
                kind = inspect_file(upload, upload.size)
            except FileRejected as exc:
                raise forms.ValidationError(file_error_message(exc.code)) from exc
            uploads.append(Upload(file=upload, kind=kind, name=upload.name or ""))
        return uploads


class BodyField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Text"))
        kwargs.setdefault("max_length", MAX_BODY)
        kwargs.setdefault(
            "help_text", _("Markdown: **bold**, *italic*, [link](https://…), lists with -.")
        )
        super().__init__(widget=forms.Textarea(attrs={"rows": 6}), **kwargs)


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    kind = forms.ChoiceField(
        label=pgettext_lazy("thread kind field", "This is a"),
        choices=ThreadKind.choices,
        initial=ThreadKind.QUESTION,
        widget=forms.RadioSelect,
    )
    body = BodyField()
    language = _language_field()
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        required=False,
        to_field_name="slug",
        help_text=_("Questions are sent to members with this expertise after 48 hours."),
    )
    attachments = AttachmentsField(label=_("Attachments"), required=False)


class ReplyForm(forms.Form):
    body = BodyField(label=_("Your reply"))
    language = _language_field()
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    attachments = AttachmentsField(label=_("Attachments"), required=False)


class EditPostForm(forms.Form):
    body = BodyField()
    language = _language_field(auto=False)


class AcceptForm(forms.Form):
    city_size = forms.ChoiceField(
        label=_("City size"), choices=[("", "—")] + CitySize.choices, required=False
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.asia_pacific(), required=False
    )
    intervention = forms.ChoiceField(
        label=_("Kind of intervention"),
        choices=[("", "—")] + InterventionKind.choices,
        required=False,
    )
    note = forms.CharField(label=_("Where and how it worked"), max_length=300, required=False)


class TranslationForm(forms.Form):
    language = _language_field(_("Translated into"), auto=False)
    body = BodyField(label=_("Translation"))


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ReportReason.choices)
    note = forms.CharField(label=_("Details (optional)"), max_length=500, required=False)


class ModerationForm(forms.Form):
    reason = forms.CharField(label=_("Reason (the author will see it)"), max_length=500)


class MoveForm(ModerationForm):
    space = forms.SlugField(label=_("Move to space"))


class MergeForm(ModerationForm):
    target = forms.IntegerField(label=_("Merge into thread number"), min_value=1)


class SplitForm(ModerationForm):
    title = forms.CharField(label=_("Title of the new thread"), max_length=MAX_TITLE)
    posts = forms.CharField(
        label=_("Reply numbers to split off"),
        help_text=_("Separated by commas, for example 12, 13, 15."),
        max_length=2000,
    )

    def clean_posts(self) -> list[int]:
        raw = self.cleaned_data["posts"].replace(";", ",").split(",")
        try:
            numbers = [int(part.strip().lstrip("#")) for part in raw if part.strip()]
        except ValueError as exc:
            raise forms.ValidationError(_("Use reply numbers separated by commas.")) from exc
        if not numbers:
            raise forms.ValidationError(_("Choose at least one reply to split off."))
        return numbers


class FollowForm(forms.Form):
    level = forms.ChoiceField(label=_("Notify me"), choices=FollowLevel.choices)


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
