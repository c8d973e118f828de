from django import forms
from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from safercities.taxonomy.models import Theme


def _other_languages():
    return [(code, name) for code, name in settings.LANGUAGES if code != "en"]


class ThemeForm(forms.ModelForm):
    """A theme's English name and description, and its name in each interface language."""

    class Meta:
        model = Theme
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "maxlength": 1000})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for code, language in _other_languages():
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name in %(language)s") % {"language": language},
                max_length=120,
                required=False,
                initial=self.instance.name_translations.get(code, ""),
            )
            self.fields[f"name_{code}"].widget.attrs["lang"] = code

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        duplicate = Theme.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(_("A theme with this name exists already."))
        return name

    def save(self, commit: bool = True) -> Theme:
        theme = super().save(commit=False)
        translations = dict(theme.name_translations or {})
        for code, _language in _other_languages():
            value = self.cleaned_data.get(f"name_{code}", "").strip()
            if value:
                translations[code] = value
            else:
                translations.pop(code, None)
        theme.name_translations = translations
        if not theme.slug:
            base = slugify(theme.name)[:50] or "theme"
            slug, n = base, 1
            while Theme.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            theme.slug = slug
        if commit:
            theme.save()
        return theme
