"""Keep the search index in step with the content: index, remove, reindex, rebuild.

Apps call :func:`reindex_object` / :func:`reindex_objects` after any change that alters what is
searchable (inside their own transaction: the index is transactional with the data).
:func:`index_documents` is the bulk path (rebuilds, imports, the benchmark). Text goes through
:func:`safercities.search.analyzer.index_text`; the database part is in :mod:`.backends`.
"""

from __future__ import annotations

import json
import multiprocessing as mp
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from safercities.search import analyzer, mirror
from safercities.search.backends import EntryRow, get_backend
from safercities.search.documents import SearchDocument, source_for_model, sources
from safercities.search.models import FacetCode, IndexedDocument

BATCH_SIZE = 500
STORED_TEXT_CHARS = 20_000  # kept for snippets
INDEXED_TEXT_CHARS = 200_000  # analysed and indexed


def facet_pairs(doc: SearchDocument) -> list[tuple[str, str]]:
    """The (facet, value) pairs a document is counted and filtered under."""
    pairs = [("kind", doc.kind)]
    if doc.type:
        pairs.append(("type", doc.type[:80]))
    if doc.language:
        pairs.append(("language", doc.language[:80]))
    if doc.year is not None:
        pairs.append(("year", str(int(doc.year))))
    pairs += [("flag", str(name)[:80]) for name in doc.flags]
    for facet, values in (("theme", doc.themes), ("country", doc.countries), ("city", doc.cities)):
        pairs += [(facet, str(v)[:80]) for v in values]
    return list(dict.fromkeys(pairs))


def facet_codes(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Codes of the given pairs, creating the missing ones."""
    wanted = set(pairs)
    if not wanted:
        return {}
    found = _lookup_codes(wanted)
    missing = wanted - found.keys()
    if missing:
        FacetCode.objects.bulk_create(
            [FacetCode(facet=f, value=v) for f, v in sorted(missing)], ignore_conflicts=True
        )
        found.update(_lookup_codes(missing))
    return found


def _lookup_codes(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    by_facet: dict[str, list[str]] = defaultdict(list)
    for facet, value in pairs:
        by_facet[facet].append(value)
    found = {}
    for facet, values in by_facet.items():
        for pk, value in FacetCode.objects.filter(facet=facet, value__in=values).values_list(
            "pk", "value"
        ):
            found[(facet, value)] = pk
    return found


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _prior(doc: SearchDocument) -> int:
    return int(doc.published_at.timestamp()) if doc.published_at else 0


def analyse(doc: SearchDocument) -> tuple[str, str, Any]:
    """Title tokens, body tokens and what the backend prepares from them (e.g. tsvectors)."""
    title = analyzer.index_text(doc.title, doc.language)
    body = analyzer.index_text((doc.text or "")[:INDEXED_TEXT_CHARS], doc.language)
    return title, body, get_backend().prepare(title, body)


def _analyse_batch(batch: list[SearchDocument]):
    return batch, [analyse(doc) for doc in batch]


def index_documents(
    documents: Iterable[SearchDocument], *, batch_size: int = BATCH_SIZE, workers: int = 1
) -> int:
    """Add or replace documents in the index; returns how many were indexed.

    ``workers`` > 1 analyses text in that many forked processes while this one writes (bulk
    loads outside a transaction only; inside one, or where fork is unavailable, it is ignored).
    """
    batches = _batched(documents, batch_size)
    total = 0
    if workers > 1 and not connection.in_atomic_block and "fork" in mp.get_all_start_methods():
        with mp.get_context("fork").Pool(workers) as pool:
            for batch, tokens in pool.imap(_analyse_batch, batches):
                with transaction.atomic():
                    total += _index_batch(batch, tokens)
        return total
    for batch in batches:
        with transaction.atomic():
            total += _index_batch(batch, [analyse(doc) for doc in batch])
    return total


def _index_batch(batch: list[SearchDocument], tokens: list[tuple[str, str, Any]]) -> int:
    """Write one batch: document rows (raw SQL, no model instances: this is the hot path of
    bulk indexing), facet codes, then the backend's full-text rows."""
    latest = {}
    for doc, pair in zip(batch, tokens, strict=True):
        latest[(doc.kind, int(doc.object_id))] = (doc, pair)
    with connection.cursor() as cursor:
        ids = _existing_ids(cursor, list(latest))
        new = sorted(  # ids follow publication order: they double as the recency prior
            (key for key in latest if key not in ids),
            key=lambda key: _prior(latest[key][0]),
        )
        _update_documents(cursor, [(ids[key], *latest[key]) for key in latest if key in ids])
        ids.update(_insert_documents(cursor, [latest[key] for key in new]))
        pairs = {key: facet_pairs(doc) for key, (doc, _pair) in latest.items()}
        codes = facet_codes({p for doc_pairs in pairs.values() for p in doc_pairs})
        rows = [
            EntryRow(
                id=ids[key],
                prior=_prior(doc),
                codes=[codes[p] for p in pairs[key]],
                title=title,
                body=body,
                prepared=prepared,
            )
            for key, (doc, (title, body, prepared)) in latest.items()
        ]
        get_backend().write(cursor, rows)
        mirror.touch(cursor)
    return len(rows)


# search_document's columns as written by the bulk path, with their PostgreSQL types.
DOCUMENT_COLUMNS = [
    ("kind", "text"),
    ("object_id", "bigint"),
    ("ref", "text"),
    ("title", "text"),
    ("text", "text"),
    ("language", "text"),
    ("url", "text"),
    ("published_at", "timestamptz"),
    ("type", "text"),
    ("year", "smallint"),
    ("themes", "jsonb"),
    ("countries", "jsonb"),
    ("cities", "jsonb"),
    ("flags", "jsonb"),
    ("indexed_at", "timestamptz"),
]
_COLUMNS = [name for name, _type in DOCUMENT_COLUMNS]


def _values(doc: SearchDocument, now) -> list[Any]:
    adapt = connection.ops.adapt_datetimefield_value
    return [
        doc.kind[:20],
        int(doc.object_id),
        (doc.ref or "")[:200],
        (doc.title or "")[:500],
        (doc.text or "")[:STORED_TEXT_CHARS],
        (doc.language or "")[:15],
        (doc.url or "")[:500],
        adapt(doc.published_at),
        (doc.type or "")[:40],
        doc.year,
        json.dumps(list(doc.themes)),
        json.dumps(list(doc.countries)),
        json.dumps(list(doc.cities)),
        json.dumps(list(doc.flags)),
        now,
    ]


def _existing_ids(cursor, keys: list[tuple[str, int]]) -> dict[tuple[str, int], int]:
    by_kind: dict[str, list[int]] = defaultdict(list)
    for kind, object_id in keys:
        by_kind[kind].append(object_id)
    found = {}
    for kind, object_ids in by_kind.items():
        marks = ", ".join(["%s"] * len(object_ids))
        cursor.execute(
            "SELECT object_id, id FROM search_document"  # noqa: S608 - placeholders only
            f" WHERE kind = %s AND object_id IN ({marks})",
            [kind, *object_ids],
        )
        found.update({(kind, int(object_id)): pk for object_id, pk in cursor.fetchall()})
    return found


def _insert_documents(cursor, docs: list[tuple[SearchDocument, tuple[str, str, Any]]]):
    """Insert new document rows (the backend's bulk INSERT … RETURNING)."""
    if not docs:
        return {}
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = [_values(doc, now) for doc, _tokens in docs]
    prepared = [tokens[2] for _doc, tokens in docs]
    returned = get_backend().insert_documents(cursor, DOCUMENT_COLUMNS, rows, prepared)
    return {(kind, int(object_id)): pk for pk, kind, object_id in returned}


def _update_documents(cursor, rows: list[tuple[int, SearchDocument, tuple[str, str, Any]]]):
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    backend = get_backend()
    for pk, doc, (_title, _body, prepared) in rows:
        extra = backend.document_columns(prepared)
        assignments = [f"{column} = %s" for column in _COLUMNS]
        assignments += [f"{column} = {sql}" for column, sql, _params in extra]
        cursor.execute(
            f"UPDATE search_document SET {', '.join(assignments)} WHERE id = %s",  # noqa: S608
            [*_values(doc, now), *(p for _c, _s, params in extra for p in params), pk],
        )


def remove_documents(kind: str, object_ids: Iterable[int]) -> int:
    """Remove documents from the index; returns how many were there."""
    object_ids = [int(pk) for pk in object_ids]
    removed = 0
    for chunk in _batched(object_ids, BATCH_SIZE):
        with transaction.atomic():
            ids = list(
                IndexedDocument.objects.filter(kind=kind, object_id__in=chunk).values_list(
                    "pk", flat=True
                )
            )
            if ids:
                with connection.cursor() as cursor:
                    get_backend().delete(cursor, ids)
                    mirror.touch(cursor)
                IndexedDocument.objects.filter(pk__in=ids).delete()
            removed += len(ids)
    return removed


def remove_document(kind: str, object_id: int) -> bool:
    """Remove one document; True when it was in the index."""
    return remove_documents(kind, [object_id]) > 0


def _source_of(obj: Any):
    source = source_for_model(type(obj))
    if source is None:
        raise LookupError(f"No search source is registered for {type(obj).__name__}.")
    return source


def reindex_object(obj: Any) -> bool:
    """Index ``obj`` when its source says it may be found, else remove it.

    Returns True when the object is in the index afterwards.
    """
    return reindex_objects([obj]) == (1, 0)


def reindex_objects(objects: Iterable[Any]) -> tuple[int, int]:
    """Reindex many objects (any mix of registered models); returns (indexed, removed)."""
    grouped: dict[str, tuple[Any, list[Any]]] = {}
    for obj in objects:
        source = _source_of(obj)
        grouped.setdefault(source.kind, (source, []))[1].append(obj.pk)
    indexed = removed = 0
    for source, pks in grouped.values():
        for chunk in _batched(dict.fromkeys(pks), BATCH_SIZE):
            visible = list(source.searchable().filter(pk__in=chunk))
            indexed += index_documents(source.to_document(obj) for obj in visible)
            gone = set(chunk) - {obj.pk for obj in visible}
            remove_documents(source.kind, gone)
            removed += len(gone)
    if indexed or removed:
        refresh_ranking_when_stale()
    return indexed, removed


def refresh_ranking_when_stale() -> None:
    """Queue a rebuild of the ranking blocks once enough of the index changed since the last
    (searches stay exact meanwhile: changed documents are scored directly)."""
    from safercities.search import ranking
    from safercities.search.tasks import refresh_ranking

    with connection.cursor() as cursor:
        stale = ranking.is_stale(cursor)
    if stale:
        transaction.on_commit(refresh_ranking.enqueue)


def rebuild_index(kind: str | None = None) -> int:
    """Empty the index (or one kind of it) and index every searchable object again."""
    chosen = [s for s in sources() if kind is None or s.kind == kind]
    if kind is not None and not chosen:
        raise LookupError(f"No search source is registered for kind {kind!r}.")
    with transaction.atomic():
        if kind is None:
            with connection.cursor() as cursor:
                get_backend().clear(cursor)
                cursor.execute("DELETE FROM search_document")
                mirror.touch(cursor)
        else:
            remove_documents(
                kind, IndexedDocument.objects.filter(kind=kind).values_list("object_id", flat=True)
            )
        total = 0
        for source in chosen:
            objects = source.searchable().order_by("pk").iterator(chunk_size=BATCH_SIZE)
            total += index_documents(source.to_document(obj) for obj in objects)
    with connection.cursor() as cursor:
        get_backend().optimize(cursor)
    from safercities.search import ranking

    ranking.build()
    return total
