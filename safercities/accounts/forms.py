from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from safercities.accounts.models import Organisation, User
from safercities.core.languages import language_choices
from safercities.places.models import City
from safercities.taxonomy.models import Theme


class ProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Expertise themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ui_language = forms.ChoiceField(
        label=_("Interface language"),
        choices=[("", _("As my browser asks"))] + list(settings.LANGUAGES),
        required=False,
    )

    class Meta:
        model = User
        fields = [
            "name",
            "organisation",
            "position",
            "city",
            "languages",
            "themes",
            "bio",
            "phone",
            "contact_visible",
            "ui_language",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}
        help_texts = {
            "bio": _("A few sentences on your work; at most 1,000 characters."),
            "contact_visible": _("Other logged-in members then see your email address and phone."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["city"].queryset = City.objects.select_related("country").order_by("name")
        self.fields["name"].required = True

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter your name."))
        return name

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        allowed = set("+0123456789 -()")
        if phone and (not set(phone) <= allowed or sum(c.isdigit() for c in phone) < 6):
            raise forms.ValidationError(
                _("Enter a phone number with digits, spaces and an optional leading +.")
            )
        return phone


class ApiTokenForm(forms.Form):
    label = forms.CharField(
        label=_("What is this token for?"),
        max_length=80,
        help_text=_("For example: city dashboard script."),
    )


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name", "acronym", "kind", "country", "city", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4, "maxlength": 3000})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from safercities.places.models import Country

        self.fields["country"].queryset = Country.objects.asia_pacific().order_by("name")
        self.fields["city"].queryset = City.objects.select_related("country").order_by("name")

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter the organisation's name."))
        duplicate = Organisation.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(
                _("An organisation with this name is already on the Hub; ask to join it instead.")
            )
        return name

    def clean(self) -> dict:
        data = super().clean()
        city, country = data.get("city"), data.get("country")
        if city and country and city.country_id != country.pk:
            self.add_error("city", _("This city is not in the chosen country."))
        if city and not country:
            data["country"] = city.country
            self.instance.country = city.country
        return data


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Organisation.objects.none(),
        help_text=_("Members, links and invitations move there; this organisation is archived."),
    )

    def __init__(self, *args, source: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from safercities.accounts.enums import OrganisationStatus

        self.fields["into"].queryset = (
            Organisation.objects.exclude(pk=source.pk)
            .exclude(status=OrganisationStatus.ARCHIVED)
            .order_by("name")
        )
