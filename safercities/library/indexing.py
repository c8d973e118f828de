"""The library's part of search: how a resource becomes a search document, and reindexing."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safercities.library.enums import ResourceType
from safercities.library.markup import plain_text
from safercities.library.models import Resource
from safercities.search.documents import SearchDocument, SearchSource, register_source
from safercities.search.index import reindex_object, reindex_objects


def resource_to_document(resource: Resource) -> SearchDocument:
    body = plain_text(resource.body_html) if resource.body_html else ""
    return SearchDocument(
        kind="resource",
        object_id=resource.pk,
        title=resource.title,
        text="\n\n".join(part for part in (resource.summary, body) if part),
        language=resource.language,
        url=resource.get_absolute_url(),
        ref=resource.ref,
        published_at=resource.published_at,
        type=resource.resource_type,
        themes=sorted(theme.slug for theme in resource.themes.all()),
        countries=sorted(country.code for country in resource.countries.all()),
        cities=sorted(city.slug for city in resource.cities.all()),
        year=resource.year,
    )


def register() -> None:
    register_source(
        SearchSource(
            kind="resource",
            model=Resource,
            searchable=lambda: Resource.objects.published().with_facets(),
            to_document=resource_to_document,
            label=pgettext_lazy("search result kind", "Resource"),
            plural_label=_("Resources"),
            type_labels=lambda: dict(ResourceType.choices),
        )
    )


def reindex(resource: Resource) -> None:
    """Index the resource when it is searchable, remove it from the index otherwise."""
    reindex_object(resource)


def reindex_many(resources) -> None:
    """Reindex many resources at once (imports, demo data)."""
    reindex_objects(resources)
