"""Practices for a city: the Django side of matching (``matching.py`` holds the arithmetic).

``practices_for_city(city, limit=None)`` ranks the published practices of other cities by how
well they fit ``city`` and says why, in the reader's language. The city's themes of concern
are the union of what its city team or an editor set (``CityProfile``), the expertise themes
of its city team, and the themes of published library resources about the city.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from safercities.library.models import Resource
from safercities.places.models import City
from safercities.practices.enums import CostBand
from safercities.practices.matching import Candidate, Fit, Reason, TargetCity, rank
from safercities.practices.models import CityProfile, Practice
from safercities.taxonomy.models import Theme


@dataclass
class CityConcerns:
    """A city's themes of concern, by where they come from."""

    profile: CityProfile | None
    declared: list[Theme] = field(default_factory=list)
    team: list[Theme] = field(default_factory=list)
    resources: list[Theme] = field(default_factory=list)

    @property
    def themes(self) -> list[Theme]:
        seen: dict[str, Theme] = {}
        for theme in (*self.declared, *self.team, *self.resources):
            seen.setdefault(theme.slug, theme)
        return sorted(seen.values(), key=lambda theme: theme.slug)

    @property
    def slugs(self) -> frozenset[str]:
        return frozenset(theme.slug for theme in self.themes)


def city_concerns(city: City) -> CityConcerns:
    profile = CityProfile.objects.filter(city=city).first()
    declared = list(profile.concern_themes.all()) if profile else []
    team = Theme.objects.filter(experts__city_teams__city=city, experts__is_active=True).distinct()
    about_city = Resource.objects.published().filter(cities=city)
    resources = Theme.objects.filter(resources__in=about_city).distinct()
    return CityConcerns(profile, declared, list(team), list(resources))


@dataclass
class Match:
    """A practice that fits a city, its score (see matching.MAX_SCORE) and why it fits."""

    practice: Practice
    score: float
    reasons: list[str]
    fit: Fit

    @property
    def why(self) -> str:
        text = " · ".join(self.reasons)
        return text[:1].upper() + text[1:]


def _people(population: float | None) -> str:
    if not population:
        return "—"
    if population >= 1_000_000:
        return pgettext("population in millions", "%(n)s m") % {
            "n": number_format(population / 1_000_000, 1)
        }
    if population >= 1_000:
        return pgettext("population in thousands", "%(n)s k") % {
            "n": number_format(round(population / 1_000), 0)
        }
    return number_format(population, 0)


def _shares(*values: float | None) -> list[str]:
    """Shares as percentages, with a decimal only when all are under 10 %."""
    digits = 1 if all(v is not None and v < 0.1 for v in values) else 0
    return ["—" if v is None else f"{number_format(v * 100, digits)} %" for v in values]


def explain(reason: Reason, theme_names: dict[str, str]) -> str:
    """One reason as a short sentence in the active language."""
    if reason.code == "themes":
        names = ", ".join(theme_names.get(slug, slug) for slug in reason.themes)
        count = len(reason.themes)
        return ngettext(
            "shares %(count)d theme: %(themes)s", "shares %(count)d themes: %(themes)s", count
        ) % {"count": count, "themes": names}
    if reason.code == "size":
        return _("similar size (%(practice)s vs %(city)s here)") % {
            "practice": _people(reason.practice_value),
            "city": _people(reason.city_value),
        }
    if reason.code == "informal":
        practice, city = _shares(reason.practice_value, reason.city_value)
        return _("similar share living in informal settlements (%(practice)s vs %(city)s here)") % {
            "practice": practice,
            "city": city,
        }
    if reason.code == "budget":
        return _("in this city's budget band (%(band)s)") % {
            "band": str(CostBand(reason.band).label).lower()
        }
    if reason.code == "low_cost":
        return _("low cost")
    if reason.code == "replicable":
        return _("rated replicable by reviewers")
    return reason.code


def target_city(city: City, concerns: CityConcerns | None = None) -> TargetCity:
    concerns = concerns or city_concerns(city)
    budget = concerns.profile.budget_band if concerns.profile else ""
    return TargetCity(
        id=city.pk,
        population=city.population,
        informal_share=city.informal_share,
        concern_themes=concerns.slugs,
        budget_band=budget or None,
    )


def candidate(practice: Practice) -> Candidate:
    city = practice.city
    return Candidate(
        id=practice.pk,
        city_id=practice.city_id,
        city_name=city.name if city else "",
        population=city.population if city else None,
        informal_share=city.informal_share if city else None,
        themes=frozenset(theme.slug for theme in practice.themes.all()),
        cost_band=practice.cost_band or None,
        replicable=practice.is_replicable,
    )


def matchable_practices():
    return (
        Practice.objects.published()
        .select_related("country")
        .prefetch_related(
            "themes",
            # The cities' informal population summed in SQL, not every settlement loaded.
            Prefetch(
                "city", queryset=City.objects.with_informal_population().select_related("country")
            ),
        )
    )


def practices_for_city(
    city: City, limit: int | None = None, *, concerns: CityConcerns | None = None
) -> list[Match]:
    """Published practices from other cities, best fit first, each with its reasons."""
    concerns = concerns or city_concerns(city)
    practices = {p.pk: p for p in matchable_practices().exclude(city=city)}
    fits = rank(
        target_city(city, concerns), (candidate(p) for p in practices.values()), limit=limit
    )
    theme_names = {
        theme.slug: theme.display_name for p in practices.values() for theme in p.themes.all()
    }
    return [
        Match(
            practice=practices[f.practice_id],
            score=round(f.score, 2),
            reasons=[explain(reason, theme_names) for reason in f.reasons],
            fit=f,
        )
        for f in fits
    ]
