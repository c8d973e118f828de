"""What filter values exist (for validation) and how facet values are named on the page.

Kinds, types and flags are named by the registered sources (:mod:`.documents`); themes, places
and languages by the shared apps below search (taxonomy, places, core).
"""

from __future__ import annotations

from safercities.core.languages import CONTENT_LANGUAGES
from safercities.places.models import City, Country
from safercities.search import documents
from safercities.search.models import FacetCode
from safercities.search.params import Vocabulary
from safercities.taxonomy.models import Theme


class _CitySlugs:
    """``slug in cities`` asks the database (there may be many cities)."""

    def __contains__(self, slug: object) -> bool:
        return isinstance(slug, str) and City.objects.filter(slug=slug).exists()


def _indexed(facet: str) -> set[str]:
    return set(FacetCode.objects.filter(facet=facet).values_list("value", flat=True))


def kind_label(kind: str) -> str:
    return documents.kind_labels().get(kind, kind)


def vocabulary() -> Vocabulary:
    return Vocabulary(
        kinds=set(documents.kind_labels()) | _indexed("kind"),
        types=set(documents.type_labels()) | _indexed("type"),
        themes=set(Theme.objects.values_list("slug", flat=True)) | _indexed("theme"),
        countries=set(Country.objects.values_list("code", flat=True)),
        cities=_CitySlugs(),  # type: ignore[arg-type]
        flags=set(documents.flags()),
    )


def facet_labels(facets: dict[str, dict[str, int]]) -> dict[str, dict[str, str]]:
    """Display names for the values present in ``facets`` (in the active language)."""
    themes = {
        t.slug: t.display_name for t in Theme.objects.filter(slug__in=facets.get("theme", {}))
    }
    countries = {
        c.code: c.display_name for c in Country.objects.filter(code__in=facets.get("country", {}))
    }
    cities = dict(City.objects.filter(slug__in=facets.get("city", {})).values_list("slug", "name"))
    names = {
        "kind": documents.kind_labels(),
        "type": documents.type_labels(),
        "theme": themes,
        "language": CONTENT_LANGUAGES,
        "country": countries,
        "city": cities,
        "flag": {name: str(flag.label) for name, flag in documents.flags().items()},
    }
    return {
        facet: {value: names.get(facet, {}).get(value, value) for value in values}
        for facet, values in facets.items()
    }
