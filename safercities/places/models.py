from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from safercities.core.languages import language_choices
from safercities.places.names import country_display_name

_latitude = [MinValueValidator(-90), MaxValueValidator(90)]
_longitude = [MinValueValidator(-180), MaxValueValidator(180)]


class CountryQuerySet(models.QuerySet):
    def asia_pacific(self) -> "CountryQuerySet":
        return self.filter(asia_pacific=True)


class Country(models.Model):
    """A country by its ISO 3166-1 alpha-2 code; its name is shown in the reader's language."""

    code = models.CharField(
        _("ISO code"),
        max_length=2,
        primary_key=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use the two-letter ISO 3166-1 code."))],
    )
    name = models.CharField(_("name in English"), max_length=100)
    asia_pacific = models.BooleanField(_("Asia-Pacific"), default=True)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("places:country", args=[self.code.lower()])

    @property
    def display_name(self) -> str:
        return country_display_name(self.code, get_language() or "en", fallback=self.name)


class CityQuerySet(models.QuerySet):
    def pilots(self) -> "CityQuerySet":
        return self.filter(is_pilot=True)

    def with_informal_population(self) -> "CityQuerySet":
        """Sum the settlements' populations in the query (no settlement rows loaded)."""
        return self.annotate(
            informal_population_sum=models.Sum("settlements__estimated_population", default=0)
        )


class City(models.Model):
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    name = models.CharField(_("name in English"), max_length=120)
    local_name = models.CharField(_("local name"), max_length=120, blank=True)
    local_name_language = models.CharField(
        _("language of the local name"), max_length=15, blank=True, choices=language_choices()
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="cities"
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True, validators=_latitude)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, validators=_longitude)
    is_pilot = models.BooleanField(_("pilot city"), default=False)

    objects = CityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("places:city", args=[self.slug])

    @property
    def informal_population(self) -> int:
        summed = getattr(self, "informal_population_sum", None)
        if summed is not None:  # from CityQuerySet.with_informal_population()
            return summed
        return sum(s.estimated_population or 0 for s in self.settlements.all())

    @property
    def informal_share(self) -> float | None:
        """Share of the population living in the recorded informal settlements."""
        if not self.population:
            return None
        return min(1.0, self.informal_population / self.population)


class District(models.Model):
    class Kind(models.TextChoices):
        DISTRICT = "district", _("district")
        WARD = "ward", _("ward")
        SUBDISTRICT = "subdistrict", _("sub-district")
        COMMUNE = "commune", _("commune")

    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="districts"
    )
    name = models.CharField(_("name"), max_length=120)
    local_name = models.CharField(_("local name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DISTRICT)
    outline = models.JSONField(
        _("outline"),
        null=True,
        blank=True,
        help_text=_("A polygon drawn on the map or uploaded as GeoJSON or KML."),
    )

    class Meta:
        ordering = ["city", "name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="district_unique_name_per_city")
        ]
        verbose_name = _("district or ward")
        verbose_name_plural = _("districts and wards")

    def __str__(self) -> str:
        return f"{self.name}, {self.city.name}"


class InformalSettlement(models.Model):
    """An informal settlement (slum, squatter or unplanned area).

    The unit that pro-poor safety work is about.
    """

    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.CASCADE, related_name="settlements"
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district or ward"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="settlements",
    )
    name = models.CharField(_("name"), max_length=120)
    local_name = models.CharField(_("local name"), max_length=120, blank=True)
    estimated_population = models.PositiveIntegerField(
        _("estimated population"), null=True, blank=True
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True, validators=_latitude)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, validators=_longitude)
    outline = models.JSONField(
        _("outline (GeoJSON polygon)"),
        null=True,
        blank=True,
        help_text=_("A GeoJSON Polygon in longitude/latitude."),
    )

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("informal settlement")
        verbose_name_plural = _("informal settlements")

    def __str__(self) -> str:
        return f"{self.name}, {self.city.name}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from safercities.places.geometry import GeometryError, validate_polygon

        if self.district_id and self.district.city_id != self.city_id:
            raise ValidationError({"district": _("This district belongs to another city.")})
        if self.outline:
            try:
                validate_polygon(self.outline)
            except GeometryError as exc:
                raise ValidationError({"outline": str(exc)}) from exc
