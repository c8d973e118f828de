"""The Practice Library's part of search: which practices may be found, and as what."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safercities.places.models import City
from safercities.practices.models import Indicator, Practice
from safercities.search.documents import (
    SearchDocument,
    SearchFlag,
    SearchSource,
    register_source,
)

KIND_LABEL = pgettext_lazy("search result kind", "Practice")
# A mild boost: a replicable practice passes a slightly better-matching one, not a much
# better one (relevance stays first).
REPLICABLE = SearchFlag("replicable", _("Replicable only"), boost=1.1)


def searchable_practices():
    return (
        Practice.objects.published()
        .select_related("city")
        .prefetch_related("themes", Prefetch("indicators", queryset=Indicator.objects.all()))
    )


def practice_to_document(practice: Practice) -> SearchDocument:
    indicators = "\n".join(indicator.name for indicator in practice.indicators.all())
    parts = (
        practice.problem,
        practice.context,
        practice.what_was_done,
        practice.results,
        indicators,
        practice.lessons,
    )
    return SearchDocument(
        kind="practice",
        object_id=practice.pk,
        title=practice.title,
        text="\n\n".join(part for part in parts if part),
        language=practice.language,
        url=practice.get_absolute_url(),
        published_at=practice.published_at,
        type="practice",
        themes=sorted(theme.slug for theme in practice.themes.all()),
        countries=[practice.country_id],
        cities=[practice.city.slug] if practice.city_id else [],
        year=practice.year,
        flags=[REPLICABLE.name] if practice.is_replicable else [],
    )


def register() -> None:
    register_source(
        SearchSource(
            kind="practice",
            model=Practice,
            searchable=searchable_practices,
            to_document=practice_to_document,
            label=KIND_LABEL,
            plural_label=_("Practices"),
            type_labels=lambda: {"practice": KIND_LABEL},
            flags=(REPLICABLE,),
            city_ranking=practices_fit_for_city,
            city_ranking_label=_("Practices for my city"),
        )
    )


def practices_fit_for_city(slug: str) -> dict[int, float] | None:
    """Practice id → fit with the city (best first), for "practices for my city" in search."""
    from safercities.practices.city_matching import practices_for_city

    city = City.objects.filter(slug=slug).first()
    if city is None:
        return None
    return {match.practice.pk: float(match.score) for match in practices_for_city(city)}
