"""Write checked import rows (:mod:`.importer`) to the database in one transaction.

Rows whose ``ref`` already exists update that resource; others create one. Without
``publish`` new resources wait in the review queue (status *submitted*) and existing ones
keep their status; with ``publish`` every imported resource is published.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from safercities.core.audit import record
from safercities.library.enums import Audience, ResourceStatus, ResourceType
from safercities.library.importer import PROGRESS_EVERY, ImportRow, RowError, Vocabulary
from safercities.library.indexing import reindex_many
from safercities.library.markup import render_markdown
from safercities.library.models import Resource
from safercities.places.models import City, Country
from safercities.taxonomy.models import Theme

BATCH = 500
UPDATED_FIELDS = [
    "title", "summary", "body", "body_html", "language", "resource_type", "year", "source_url",
    "publisher", "authors", "licence", "audience", "status", "published_at", "submitted_at",
    "translation_group", "updated_at",
]  # fmt: skip


@dataclass
class ImportResult:
    created: int
    updated: int
    published: int


def vocabulary() -> Vocabulary:
    cities: dict[str, str] = {}
    for slug, name, local_name in City.objects.values_list("slug", "name", "local_name"):
        for key in (name, local_name):
            if key:
                cities.setdefault(key.casefold(), slug)
    for slug in City.objects.values_list("slug", flat=True):
        cities[slug.casefold()] = slug
    from django.utils import translation

    from safercities.library.importer import spelling_key

    aliases: dict[str, str] = {}
    with translation.override("en"):
        for choices in (ResourceType, Audience):
            for code, label in choices.choices:
                aliases[spelling_key(code)] = code
                aliases[spelling_key(str(label))] = code
    aliases.setdefault("report", ResourceType.RESEARCH)
    aliases.setdefault("case", ResourceType.CASE_STUDY)
    return Vocabulary(
        aliases=aliases,
        themes=frozenset(Theme.objects.values_list("slug", flat=True)),
        countries=frozenset(Country.objects.values_list("code", flat=True)),
        cities=cities,
        resource_types=frozenset(ResourceType.values),
        audiences=frozenset(Audience.values),
    )


def _chunks(items: Sequence, size: int = BATCH) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing(refs: Sequence[str]) -> dict[str, Resource]:
    found: dict[str, Resource] = {}
    for chunk in _chunks(refs):
        found.update((r.ref, r) for r in Resource.objects.filter(ref__in=chunk))
    return found


def check_references(rows: list[ImportRow]) -> list[RowError]:
    """``translation_of`` must name a ref of the file or of a resource already stored."""
    in_file = {row.ref for row in rows if row.ref}
    wanted = sorted({r.translation_of for r in rows if r.translation_of} - in_file)
    stored = set(_existing(wanted)) if wanted else set()
    return [
        RowError(row.line, f"translation_of names an unknown ref {row.translation_of!r}")
        for row in rows
        if row.translation_of and row.translation_of not in in_file | stored
    ]


def _fill(resource: Resource, row: ImportRow) -> None:
    resource.title = row.title
    resource.summary = row.summary
    resource.body = row.body
    resource.body_html = render_markdown(row.body)
    resource.language = row.language
    resource.resource_type = row.resource_type
    resource.year = row.year
    resource.source_url = row.url
    resource.publisher = row.publisher
    resource.authors = row.authors
    resource.licence = row.licence
    resource.audience = row.audience


def _update_rows(resources: list[Resource]) -> None:
    """One UPDATE per row through ``executemany`` (Django's bulk_update builds a CASE per
    field and row, which takes minutes for ten thousand rows)."""
    if not resources:
        return
    fields = [Resource._meta.get_field(name) for name in UPDATED_FIELDS]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 - names from model metadata
        quote(Resource._meta.db_table),
        ", ".join(f"{quote(field.column)} = %s" for field in fields),
        quote(Resource._meta.pk.column),
    )
    params = [
        [field.get_db_prep_save(getattr(r, field.attname), connection) for field in fields] + [r.pk]
        for r in resources
    ]
    with connection.cursor() as cursor:
        for chunk in _chunks(params):
            cursor.executemany(sql, chunk)


def _set_relations(resources: list[Resource], rows: list[ImportRow], replace: list[int]) -> None:
    theme_ids = dict(Theme.objects.values_list("slug", "id"))
    city_ids = dict(City.objects.values_list("slug", "id"))
    relations = (
        (Resource.themes.through, "theme_id", lambda row: [theme_ids[s] for s in row.themes]),
        (Resource.countries.through, "country_id", lambda row: row.countries),
        (Resource.cities.through, "city_id", lambda row: [city_ids[s] for s in row.cities]),
    )
    for through, column, values in relations:
        for chunk in _chunks(replace):
            through.objects.filter(resource_id__in=chunk).delete()
        links = [
            through(resource_id=resource.pk, **{column: value})
            for resource, row in zip(resources, rows, strict=True)
            for value in values(row)
        ]
        through.objects.bulk_create(links, batch_size=BATCH)


def _link_translations(resources: list[Resource], rows: list[ImportRow]) -> None:
    """Give each row naming ``translation_of`` the translation group of that resource
    (following chains inside the file: C → B → A all join A's group)."""
    by_ref = {r.ref: r for r in resources if r.ref}
    target_of = {row.ref: row.translation_of for row in rows if row.ref and row.translation_of}
    wanted = sorted({row.translation_of for row in rows if row.translation_of} - set(by_ref))
    stored = _existing(wanted) if wanted else {}

    def root(ref: str) -> Resource:
        seen = set()
        while ref in target_of and ref not in seen:
            seen.add(ref)
            ref = target_of[ref]
        return by_ref.get(ref) or stored[ref]

    for resource, row in zip(resources, rows, strict=True):
        if row.translation_of:
            resource.translation_group = root(row.translation_of).translation_group


def import_resources(
    rows: list[ImportRow],
    *,
    actor=None,
    publish: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    now = timezone.now()
    with transaction.atomic():
        existing = _existing([row.ref for row in rows if row.ref])
        resources: list[Resource] = []
        new: list[Resource] = []
        for count, row in enumerate(rows, start=1):
            resource = existing.get(row.ref) if row.ref else None
            if resource is None:
                resource = Resource(ref=row.ref, status=ResourceStatus.SUBMITTED, submitted_at=now)
                new.append(resource)
            _fill(resource, row)
            resource.updated_at = now
            if publish and resource.status != ResourceStatus.PUBLISHED:
                resource.status = ResourceStatus.PUBLISHED
                resource.published_at = resource.published_at or now
            resources.append(resource)
            if progress and count % PROGRESS_EVERY == 0:
                progress(count)
        _link_translations(resources, rows)
        Resource.objects.bulk_create(new, batch_size=BATCH)
        updated = [existing[row.ref] for row in rows if row.ref in existing]
        _update_rows(updated)
        _set_relations(resources, rows, [resource.pk for resource in updated])
        published = [r for r in resources if r.status == ResourceStatus.PUBLISHED]
        result = ImportResult(created=len(new), updated=len(updated), published=len(published))
        record(actor, "resource.imported", None, publish=publish, **vars(result))
        if published:
            reindex_many(published)  # the search index reloads them with their facets
    return result
