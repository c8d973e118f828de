from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from safercities.places.models import City, Country


class CityForm(forms.ModelForm):
    class Meta:
        model = City
        fields = [
            "name",
            "local_name",
            "local_name_language",
            "country",
            "population",
            "latitude",
            "longitude",
            "is_pilot",
        ]
        help_texts = {
            "latitude": _("Decimal degrees of the city centre, e.g. 11.5564."),
            "longitude": _("Decimal degrees of the city centre, e.g. 104.9282."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.asia_pacific().order_by("name")

    def clean(self) -> dict:
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        name = (data.get("name") or "").strip()
        if self.instance.pk is None and name:
            base = slugify(name)[:70] or "city"
            slug, n = base, 1
            while City.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            self.instance.slug = slug
        return data
