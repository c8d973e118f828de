"""The Practice Library's part of search: which practices may be found, and as what."""

from django.db.models import Prefetch

from safercities.practices.models import Indicator, Practice
from safercities.search.documents import SearchDocument, SearchSource, register_source


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
        replicable=practice.is_replicable,
    )


def register() -> None:
    register_source(
        SearchSource(
            kind="practice",
            model=Practice,
            searchable=searchable_practices,
            to_document=practice_to_document,
        )
    )
