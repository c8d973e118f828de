import re

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.template.defaultfilters import filesizeformat
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from safercities.core.languages import language_choices
from safercities.library.enums import Audience, ResourceType
from safercities.library.files import ALLOWED_LABELS, MAX_UPLOAD_BYTES, FileRejected, inspect_file
from safercities.library.models import Collection, Resource
from safercities.library.rules import MIN_YEAR, max_year
from safercities.places.models import City, Country
from safercities.taxonomy.models import Theme

_REJECTIONS = {
    "empty": _("The file is empty."),
    "too_large": _("The file is too large: at most %(limit)s."),
    "executable": _(
        "This file is a program, not a document, whatever its name says. It cannot be attached."
    ),
    "unsupported": _("This kind of file cannot be attached. Allowed: %(allowed)s."),
    "broken": _("The file looks damaged and cannot be read."),
}


def rejection_message(error: FileRejected) -> str:
    return str(_REJECTIONS.get(error.code, _REJECTIONS["unsupported"])) % {
        "limit": filesizeformat(MAX_UPLOAD_BYTES),
        "allowed": ALLOWED_LABELS,
    }


def resource_from_reference(text: str) -> Resource | None:
    """A resource named by its number or its address (``/library/12/``)."""
    match = re.search(r"(?:/library/)?(\d+)/?\s*$", (text or "").strip())
    return Resource.objects.filter(pk=int(match.group(1))).first() if match else None


#: Only for mouse users: hidden on touch screens by CSS (``.pointer-hint``).
POINTER_HINT = mark_safe(  # noqa: S308 - our own markup around a catalog string
    format_lazy('<span class="pointer-hint">{}</span>', _("Hold Ctrl (or ⌘) to choose several."))
)


class ResourceForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.asia_pacific().order_by("name"),
        required=False,
        help_text=POINTER_HINT,
    )
    cities = forms.ModelMultipleChoiceField(
        label=_("Cities"),
        queryset=City.objects.order_by("name"),
        required=False,
        help_text=POINTER_HINT,
    )
    audience = forms.MultipleChoiceField(
        label=_("Written for"),
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(max_year)],
    )
    source_url = forms.URLField(
        label=_("Source address (URL)"), required=False, max_length=500, assume_scheme="https"
    )
    file = forms.FileField(label=_("Attached file"), required=False)
    remove_file = forms.BooleanField(label=_("Remove the attached file"), required=False)
    translation_of = forms.CharField(
        label=_("Same resource in another language"),
        required=False,
        max_length=300,
        help_text=_("The address or number of the version in another language, if there is one."),
    )

    class Meta:
        model = Resource
        fields = [
            "title",
            "summary",
            "body",
            "language",
            "resource_type",
            "themes",
            "countries",
            "cities",
            "audience",
            "year",
            "publisher",
            "authors",
            "licence",
            "source_url",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
            "body": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "—")] + language_choices()
        self.fields["resource_type"].choices = [("", "—")] + list(ResourceType.choices)
        self.fields["file"].help_text = _(
            "PDF, Word, Excel, OpenDocument text or an image; at most %(limit)s."
        ) % {"limit": filesizeformat(MAX_UPLOAD_BYTES)}
        if not (self.instance.pk and self.instance.file):
            del self.fields["remove_file"]
        self.upload_kind = None
        self.translation_target: Resource | None = None

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Please give the resource a title."))
        return title

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        try:
            self.upload_kind = inspect_file(upload, upload.size)
        except FileRejected as error:
            raise forms.ValidationError(rejection_message(error), code=error.code) from error
        return upload

    def clean_translation_of(self) -> str:
        text = self.cleaned_data["translation_of"].strip()
        if text:
            target = resource_from_reference(text)
            if target is None or not target.is_published:
                raise forms.ValidationError(_("No published resource has this address or number."))
            self.translation_target = target
        return text

    def content_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        for name in ("themes", "countries", "cities"):
            data.pop(name)
        return data


class ReviewForm(forms.Form):
    ACTIONS = [
        ("publish", _("Publish")),
        ("request_changes", _("Request changes")),
        ("reject", _("Reject")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    comment = forms.CharField(
        label=_("Comment for the author"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you request changes."),
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "request_changes" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Please tell the author what to change."))
        return data


class CollectionForm(forms.ModelForm):
    class Meta:
        model = Collection
        fields = ["title", "slug", "description", "is_published"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"slug": _("Letters, digits and hyphens; leave empty to derive it.")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean_slug(self) -> str:
        from django.utils.text import slugify

        slug = self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("title", ""))[:80]
        if not slug:
            raise forms.ValidationError(
                _("Give a short name: the title has no letters or digits to make one from.")
            )
        clash = Collection.objects.filter(slug=slug).exclude(pk=self.instance.pk)
        if slug and clash.exists():
            raise forms.ValidationError(_("Another collection already uses this short name."))
        return slug


class AddResourceForm(forms.Form):
    resource = forms.CharField(
        label=_("Resource to add"),
        max_length=300,
        help_text=_("Its address (for example /library/12/) or its number."),
    )

    def clean_resource(self) -> Resource:
        resource = resource_from_reference(self.cleaned_data["resource"])
        if resource is None:
            raise forms.ValidationError(_("No resource has this address or number."))
        return resource
