"""Relevance at any size: an exact top k without scoring every match.

The score of a document is a sum over the query's token forms (FTS5 ``bm25`` on SQLite,
``idf × ts_rank_cd`` per form on PostgreSQL — see :mod:`.backends`), times the boosts of the
flags it carries; equal scores go to the newer document. A form found in at most ``FREQUENT``
documents is cheap: its complete score list is read from the full-text index. A frequent form
has *impact-ordered blocks* kept in the database (``search_rankterm`` / ``search_rankblock``):
its best-scoring documents first with their scores, ``BLOCK`` per block, ``MAX_STORED`` at
most. The ranking reads the first blocks of each form (no random access: FTS5 cannot score one
row without rescanning the doclists): a document's score from a form is known once read, and
otherwise at most that form's next block's best score (the *block-max bound*). It stops when
the k best are fully known and no other document, read or not, can reach the k-th; otherwise
it reads twice as many blocks. Past the stored blocks it scores every match (the exhaustive
ranking, the reference the benchmark compares with).

State lives in the database only: any web worker on any machine reads the blocks one query
needs (a few kilobytes each) and keeps nothing. Documents indexed after the blocks were built
(``search_rankstate``) are scored directly (and their stored entries ignored);
:func:`build` (run by ``rebuild_index`` and by the task
:func:`safercities.search.tasks.refresh_ranking` once more than ``STALE_SHARE`` of the index
changed) rebuilds the blocks. Between builds, block scores keep the statistics (document
count, average length, idf) of the build.
"""

from __future__ import annotations

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from safercities.search.backends import RANK_WINDOW, Terms, get_backend, safe_terms

BLOCK = 512
MAX_STORED = 16 * BLOCK  # postings stored per frequent form
FREQUENT = RANK_WINDOW  # forms in more documents than this get blocks
STALE_SHARE = 0.05  # rebuild the blocks when this share of documents changed since


def forms_of(terms: Terms) -> list[str]:
    return list(dict.fromkeys(form for forms in safe_terms(terms) for form in forms))


class _Form:
    """What the ranking reads of one form: how many blocks so far and the bound past them."""

    def __init__(self, form: str, term_id: int, df: int, stored: int, floor: float) -> None:
        self.form, self.term_id, self.df, self.stored, self.floor = form, term_id, df, stored, floor
        self.read = 0  # blocks read
        self.next_top = np.inf  # no posting past the blocks read scores more than this

    @property
    def exhausted(self) -> bool:
        return self.read * BLOCK >= self.stored


def _load_forms(cursor, forms: list[str]) -> dict[str, _Form]:
    marks = ", ".join(["%s"] * len(forms))
    cursor.execute(
        f"SELECT id, term, df, stored, floor FROM search_rankterm WHERE term IN ({marks})",  # noqa: S608
        forms,
    )
    return {row[1]: _Form(row[1], *row[:1], *row[2:]) for row in cursor.fetchall()}


def _read_blocks(cursor, form: _Form, upto: int) -> tuple[np.ndarray, np.ndarray]:
    """(ids, scores) of blocks ``form.read`` … ``upto - 1``; the bound becomes block
    ``upto``'s best score (0 past the last posting)."""
    cursor.execute(
        "SELECT number, top, CASE WHEN number < %s THEN ids END,"
        " CASE WHEN number < %s THEN scores END FROM search_rankblock"
        " WHERE term_id = %s AND number >= %s AND number <= %s ORDER BY number",
        [upto, upto, form.term_id, form.read, upto],
    )
    ids, scores, bound = [], [], None
    for number, top, id_blob, score_blob in cursor.fetchall():
        if number < upto:
            ids.append(np.frombuffer(bytes(id_blob), dtype="<i8"))
            scores.append(np.frombuffer(bytes(score_blob), dtype="<f8"))
        else:
            bound = float(top)
    if bound is None:  # every stored block read: past them, the lowest stored score bounds
        bound = form.floor if form.stored < form.df else 0.0
    form.read, form.next_top = upto, bound
    if not ids:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
    return np.concatenate(ids), np.concatenate(scores)


def changed_ids(cursor) -> tuple[np.ndarray, bool]:
    """Documents indexed since the blocks were built, and whether blocks were built at all."""
    cursor.execute("SELECT built_at, max_id FROM search_rankstate WHERE id = 1")
    row = cursor.fetchone()
    if row is None or row[0] is None:
        return np.empty(0, dtype=np.int64), False
    cursor.execute(
        "SELECT id FROM search_document WHERE indexed_at > %s OR id > %s", [row[0], row[1]]
    )
    return np.fromiter((r[0] for r in cursor.fetchall()), dtype=np.int64), True


class Ranker:
    """Exact top k of ``ids`` (every match passing the filters, sorted) for ``terms``.

    ``boost(ids) -> multipliers`` (flags) and ``max_boost`` (the largest multiplier) are
    optional. ``rounds`` and ``exhaustive`` tell the benchmark how the answer was found.
    """

    def __init__(self, cursor, terms: Terms, ids: np.ndarray, boost=None, max_boost=1.0):
        self.cursor, self.terms = cursor, terms
        self.ids = np.asarray(ids, dtype=np.int64)
        self.backend = get_backend()
        self.boost, self.max_boost = boost, max(1.0, float(max_boost))
        self.idf: dict[str, float] = {}
        self.scored: dict[int, float] = {}
        self.rounds = 0
        self.exhaustive = False

    def _score(self, ids: np.ndarray) -> None:
        if self.scored:
            done = np.fromiter(self.scored, dtype=np.int64, count=len(self.scored))
            ids = ids[~np.isin(ids, done)]
        if not len(ids):
            return
        found = self.backend.score(self.cursor, self.terms, ids, self.idf)
        if not found:
            return
        got_ids = np.fromiter((i for i, _s in found), dtype=np.int64, count=len(found))
        got = np.fromiter((s for _i, s in found), dtype=np.float64, count=len(found))
        if self.boost is not None:
            got = got * self.boost(got_ids)
        self.scored.update(zip(got_ids.tolist(), got.tolist(), strict=True))

    def _ordered(self) -> list[tuple[int, float]]:
        # best score first; freshness (the newer document: a higher id) breaks ties only
        return sorted(self.scored.items(), key=lambda item: (-item[1], -item[0]))

    def everything(self, dfs: dict[str, int] | None = None) -> list[tuple[int, float]]:
        """Every match scored (the reference the early termination must equal)."""
        if not self.idf:
            self.idf = self.backend.idf(self.cursor, forms_of(self.terms), dfs or {})
        self._score(self.ids)
        self.exhaustive = True
        return self._ordered()

    def top(self, k: int) -> list[tuple[int, float]]:
        """No-random-access top k: each form's score of a document is known once its block is
        read (frequent forms) or from the form's complete list (rare forms); an unread score
        is at most the form's next block's best. Stops when the k best are fully known and no
        other document (read or not) can reach the k-th."""
        cursor = self.cursor
        if len(self.ids) <= max(RANK_WINDOW, 2 * k):
            return self.everything()[:k]
        forms = forms_of(self.terms)
        known = _load_forms(cursor, forms)
        changed, built = changed_ids(cursor)
        if not built:
            return self.everything()[:k]
        lists: dict[str, list] = {}  # form -> [ids, scores] read so far (ids sorted)
        dfs = {form: item.df for form, item in known.items()}
        for form in forms:
            if form not in known:  # a rare form: its complete list, current statistics
                ids, scores = self.backend.form_scores(cursor, form, 0, 0, FREQUENT + 1)
                dfs[form] = len(ids)
                lists[form] = [ids, scores]
        self.idf = self.backend.idf(cursor, forms, dfs)
        for form in list(lists):  # PostgreSQL: the idf applies at query time for rare forms
            lists[form][1] = lists[form][1] * self.backend.rare_factor(form, self.idf)
        changed = changed[np.isin(changed, self.ids)]
        if len(changed):  # indexed since the build: scored directly, blocks ignored for them
            self._score(changed)
        fresh = dict(self.scored)
        upto = 1
        while True:
            self.rounds += 1
            for item in known.values():
                if not item.exhausted:
                    ids, scores = _read_blocks(cursor, item, upto)
                    old = lists.get(item.form)
                    if old is not None:
                        ids, scores = (
                            np.concatenate([old[0], ids]),
                            np.concatenate([old[1], scores]),
                        )
                    lists[item.form] = [ids, scores]
            result = self._decide(k, forms, known, lists, changed, fresh)
            if result is not None:
                return result
            if all(item.exhausted for item in known.values()):
                return self.everything()[:k]
            upto *= 2

    def _decide(self, k, forms, known, lists, changed, fresh):
        pool = [lists[f][0] for f in forms if f in lists]
        universe = np.unique(np.concatenate(pool)) if pool else np.empty(0, dtype=np.int64)
        universe = universe[np.isin(universe, self.ids, assume_unique=True)]
        universe = universe[~np.isin(universe, changed, assume_unique=True)]
        lower = np.zeros(len(universe))
        slack = np.zeros(len(universe))
        for form in forms:
            ids, scores = lists.get(form, (np.empty(0, dtype=np.int64), np.empty(0)))
            order = np.argsort(ids, kind="stable")
            ids, scores = ids[order], scores[order]
            at = np.searchsorted(ids, universe)
            hit = at < len(ids)
            hit[hit] = ids[at[hit]] == universe[hit]
            lower[hit] += scores[at[hit]]
            if form in known:
                slack[~hit] += known[form].next_top
        unseen = sum(item.next_top for item in known.values()) * self.max_boost
        if self.boost is not None and len(universe):
            factor = self.boost(universe)
            lower, slack = lower * factor, slack * factor
        ids = np.concatenate([universe, np.fromiter(fresh, dtype=np.int64, count=len(fresh))])
        lower = np.concatenate([lower, np.fromiter(fresh.values(), dtype=np.float64)])
        slack = np.concatenate([slack, np.zeros(len(fresh))])
        if len(ids) < k:
            return None
        order = np.lexsort((-ids, -lower))
        top, rest = order[:k], order[k:]
        threshold = lower[top[-1]]
        if slack[top].any() or unseen >= threshold:
            return None
        open_rest = rest[slack[rest] > 0]  # fully known ones are already in their place
        if len(open_rest) and (lower[open_rest] + slack[open_rest]).max() >= threshold:
            return None
        return [(int(ids[i]), float(lower[i])) for i in top]


# --- building the blocks -------------------------------------------------------------------


def build(*, frequent: int | None = None, max_stored: int = MAX_STORED) -> int:
    """Rebuild every form's blocks from the index; returns how many forms have blocks."""
    frequent = FREQUENT if frequent is None else frequent
    backend = get_backend()
    started = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT count(*), coalesce(max(id), 0) FROM search_document")
        documents, max_id = cursor.fetchone()
        cursor.execute("DELETE FROM search_rankblock")
        cursor.execute("DELETE FROM search_rankterm")
        forms = backend.frequent_forms(cursor, frequent)
        for form, df in forms:
            ids, scores = backend.form_scores(cursor, form, df, documents, max_stored)
            cursor.execute(
                "INSERT INTO search_rankterm (term, df, stored, floor) VALUES (%s, %s, %s, %s)"
                " RETURNING id",
                [form, df, len(ids), float(scores[-1]) if len(scores) else 0.0],
            )
            term_id = cursor.fetchone()[0]
            rows = []
            for number, start in enumerate(range(0, len(ids), BLOCK)):
                chunk_ids, chunk_scores = ids[start : start + BLOCK], scores[start : start + BLOCK]
                rows.append(
                    (
                        term_id,
                        number,
                        float(chunk_scores[0]),
                        chunk_ids.astype("<i8").tobytes(),
                        chunk_scores.astype("<f8").tobytes(),
                    )
                )
            cursor.executemany(
                "INSERT INTO search_rankblock (term_id, number, top, ids, scores)"
                " VALUES (%s, %s, %s, %s, %s)",
                rows,
            )
        built_at = connection.ops.adapt_datetimefield_value(started)
        cursor.execute("DELETE FROM search_rankstate")
        cursor.execute(
            "INSERT INTO search_rankstate (id, built_at, max_id, documents) VALUES (1, %s, %s, %s)",
            [built_at, max_id, documents],
        )
    return len(forms)


def is_stale(cursor) -> bool:
    """More than ``STALE_SHARE`` of the index changed since the blocks were built."""
    cursor.execute("SELECT documents FROM search_rankstate WHERE id = 1")
    row = cursor.fetchone()
    changed, built = changed_ids(cursor)
    if not built:
        cursor.execute("SELECT count(*) FROM search_document")
        return cursor.fetchone()[0] > FREQUENT
    return len(changed) > STALE_SHARE * max(1, row[0] if row else 0)
