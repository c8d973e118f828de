"""The toolkit's part of search: every tool's latest published version (generic or a city's)
is found by its title, description and question texts, in every language it has."""

from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safercities.search.documents import SearchDocument, SearchSource, register_source
from safercities.search.index import reindex_objects
from safercities.toolkit.enums import ToolKind
from safercities.toolkit.models import ToolVersion

KIND_LABEL = pgettext_lazy("search result kind", "Tool")


def searchable_versions():
    """The latest published version of each tool, generic and per city."""
    latest = (
        ToolVersion.objects.published().values("tool_id", "city_id").annotate(top=Max("number"))
    )
    wanted = Q(pk__in=[])
    for row in latest:
        wanted |= Q(tool_id=row["tool_id"], city_id=row["city_id"], number=row["top"])
    return ToolVersion.objects.published().filter(wanted).select_related("tool", "city")


def _texts(translations: dict, first: str) -> list[str]:
    """Every language's text, the version's own language first."""
    ordered = [translations.get(first, "")]
    ordered += [text for lang, text in sorted(translations.items()) if lang != first]
    return [text for text in dict.fromkeys(ordered) if text]


def version_to_document(version: ToolVersion) -> SearchDocument:
    instrument = version.instrument()
    lang = instrument.default_language
    title = instrument.title_for(lang) or version.tool.slug
    if version.city_id:
        title = f"{title} — {version.city.name}"
    parts = _texts(instrument.title, lang)[1:] + _texts(instrument.description, lang)
    for question in instrument.questions:
        parts += _texts(question.label, lang)
    return SearchDocument(
        kind="tool",
        object_id=version.pk,
        title=title,
        text="\n".join(parts),
        language=lang,
        url=version.get_absolute_url(),
        published_at=version.published_at,
        type=version.tool.kind,
        countries=[version.city.country_id] if version.city_id else [],
        cities=[version.city.slug] if version.city_id else [],
        year=version.published_at.year if version.published_at else None,
    )


def reindex_tool(version: ToolVersion) -> None:
    """After publishing: index the new version, drop the ones it replaces."""
    reindex_objects(ToolVersion.objects.filter(tool_id=version.tool_id, city_id=version.city_id))


def register() -> None:
    register_source(
        SearchSource(
            kind="tool",
            model=ToolVersion,
            searchable=searchable_versions,
            to_document=version_to_document,
            label=KIND_LABEL,
            plural_label=_("Tools"),
            type_labels=lambda: dict(ToolKind.choices),
        )
    )
