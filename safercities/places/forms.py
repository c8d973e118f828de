from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from safercities.places.models import City, Country, District, InformalSettlement


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


def outline_message(problem) -> str:
    """The reader's-language text for an ``outlines.OutlineProblem``."""
    from django.utils.translation import gettext

    messages = {
        "one_polygon": gettext("The file must hold exactly one polygon; it holds %(found)s."),
        "not_polygon": gettext("The file holds no polygon outline."),
        "unreadable": gettext("The file could not be read as %(format)s."),
        "too_large": gettext("The file is larger than %(max_mb)s MB."),
        "bad_coordinates": gettext("Some points are not valid longitude/latitude coordinates."),
        "too_few_points": gettext("An outline needs at least three distinct points."),
        "not_closed": gettext("The outline is not closed: its last point must be its first."),
        "self_intersecting": gettext(
            "The outline crosses itself. Redraw it so that its edges do not cross."
        ),
        "outside_country": gettext("The outline lies outside %(country)s, the city's country."),
    }
    params = dict(problem.params)
    if "country" in params:
        from django.utils.translation import get_language

        from safercities.places.names import country_display_name

        params["country"] = country_display_name(params["country"], get_language() or "en")
    return messages.get(problem.code, gettext("The outline is not valid.")) % params


class OutlineFormMixin(forms.Form):
    """An outline drawn on the map (hidden field filled by the drawing tool) or uploaded."""

    outline_file = forms.FileField(
        label=_("Upload an outline (GeoJSON or KML)"),
        required=False,
        help_text=_("Export it from a GIS, Google Earth or KoboToolbox; one polygon."),
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,.kml"}),
    )
    outline_drawn = forms.CharField(required=False, widget=forms.HiddenInput)
    remove_outline = forms.BooleanField(label=_("Remove the outline"), required=False)

    def clean_outline_for(self, country_code: str | None):
        from safercities.places import outlines

        upload = self.cleaned_data.get("outline_file")
        drawn = (self.cleaned_data.get("outline_drawn") or "").strip()
        if self.cleaned_data.get("remove_outline"):
            return None, True
        try:
            if upload:
                raw = upload.read(outlines.MAX_BYTES + 1)
                polygon = outlines.read_upload(raw, upload.name)
            elif drawn:
                polygon = outlines.read_drawn(drawn)
            else:
                return None, False
            polygon = outlines.check_outline(polygon, country_code)
        except outlines.OutlineProblem as problem:
            self.add_error("outline_file" if upload else None, outline_message(problem))
            return None, False
        # keep a good outline through a validation error elsewhere on the form
        import json

        self.data = self.data.copy()
        self.data[self.add_prefix("outline_drawn")] = json.dumps(polygon)
        return polygon, True


class DistrictForm(OutlineFormMixin, forms.ModelForm):
    class Meta:
        model = District
        fields = ["name", "local_name", "kind"]

    def __init__(self, *args, city: City, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.city = city
        self.instance.city = city
        if self.instance.outline and not self.is_bound:
            import json

            self.initial["outline_drawn"] = json.dumps(self.instance.outline)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        taken = District.objects.filter(city=self.city, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This city already has a district with this name."))
        return name

    def clean(self) -> dict:
        data = super().clean()
        outline, changed = self.clean_outline_for(self.city.country_id)
        if changed:
            self.instance.outline = outline
        return data


class SettlementForm(OutlineFormMixin, forms.ModelForm):
    class Meta:
        model = InformalSettlement
        fields = ["name", "local_name", "district", "estimated_population"]

    def __init__(self, *args, city: City, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.city = city
        self.instance.city = city
        self.fields["district"].queryset = city.districts.order_by("name")
        if self.instance.outline and not self.is_bound:
            import json

            self.initial["outline_drawn"] = json.dumps(self.instance.outline)

    def clean(self) -> dict:
        data = super().clean()
        outline, changed = self.clean_outline_for(self.city.country_id)
        if changed:
            self.instance.outline = outline
            if outline:
                from safercities.places.geometry import polygon_centroid

                lon, lat = polygon_centroid(outline)
                self.instance.longitude, self.instance.latitude = round(lon, 6), round(lat, 6)
        return data
