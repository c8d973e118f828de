"""What filter values exist (for validation) and how facet values are named on the page."""

from __future__ import annotations

from importlib import import_module

from django.utils.translation import pgettext_lazy

from safercities.core.languages import CONTENT_LANGUAGES
from safercities.places.models import City, Country
from safercities.search.documents import sources
from safercities.search.models import FacetCode
from safercities.search.params import Vocabulary
from safercities.taxonomy.models import Theme

KIND_LABELS = {
    "resource": pgettext_lazy("search result kind", "Resource"),
    "practice": pgettext_lazy("search result kind", "Practice"),
    "discussion": pgettext_lazy("search result kind", "Discussion"),
}


class _CitySlugs:
    """``slug in cities`` asks the database (there may be many cities)."""

    def __contains__(self, slug: object) -> bool:
        return isinstance(slug, str) and City.objects.filter(slug=slug).exists()


def _resource_types() -> dict[str, str]:
    try:
        enums = import_module("safercities.library.enums")
    except ImportError:
        return {}
    choices = getattr(enums, "ResourceType", None)
    return {value: str(label) for value, label in choices.choices} if choices else {}


def _indexed(facet: str) -> set[str]:
    return set(FacetCode.objects.filter(facet=facet).values_list("value", flat=True))


def vocabulary() -> Vocabulary:
    return Vocabulary(
        kinds={source.kind for source in sources()} | set(KIND_LABELS) | _indexed("kind"),
        types=set(_resource_types()) | {"practice"} | _indexed("type"),
        themes=set(Theme.objects.values_list("slug", flat=True)) | _indexed("theme"),
        countries=set(Country.objects.values_list("code", flat=True)),
        cities=_CitySlugs(),  # type: ignore[arg-type]
    )


def facet_labels(facets: dict[str, dict[str, int]]) -> dict[str, dict[str, str]]:
    """Display names for the values present in ``facets`` (in the active language)."""
    types = _resource_types()
    themes = {
        t.slug: t.display_name for t in Theme.objects.filter(slug__in=facets.get("theme", {}))
    }
    countries = {
        c.code: c.display_name for c in Country.objects.filter(code__in=facets.get("country", {}))
    }
    cities = dict(City.objects.filter(slug__in=facets.get("city", {})).values_list("slug", "name"))
    labels: dict[str, dict[str, str]] = {}
    for facet, values in facets.items():
        names = {
            "kind": {k: str(v) for k, v in KIND_LABELS.items()},
            "type": {**types, "practice": str(KIND_LABELS["practice"])},
            "theme": themes,
            "language": CONTENT_LANGUAGES,
            "country": countries,
            "city": cities,
        }.get(facet, {})
        labels[facet] = {value: names.get(value, value) for value in values}
    return labels
