"""A compact in-memory mirror of ``search_entry`` for exact facet counts (numpy, no Django).

The full-text index answers *which* documents match (an array of ids, cheap to get from
FTS5 or GIN); everything else a result page needs over *all* matches — filtering on facets,
the count, the count of every facet value, the date order, the recency window of ranking —
is vector arithmetic over this mirror: O(matches) in numpy instead of one row lookup per match
in the database.

Layout (n documents, sorted by id): ``ids``; ``priors`` (publication time); the facet codes
in CSR form (``indptr`` into ``codes``); ``date_rank`` (0 = newest); a dense ``pos`` table
from id to position (-1: unknown id).
"""

from __future__ import annotations

import numpy as np

SMALL_SELECTION = 16  # below n / SMALL_SELECTION matches, gather their codes
DENSE_SHARE = 64  # codes on at least n / DENSE_SHARE documents get a bitmap
BITMAP_ROWS = 32  # bitmaps built this many at a time


class FacetIndex:
    def __init__(
        self, ids: np.ndarray, priors: np.ndarray, lengths: np.ndarray, codes: np.ndarray
    ) -> None:
        order = np.argsort(ids, kind="stable")
        self.ids = np.ascontiguousarray(ids[order], dtype=np.int64)
        self.priors = np.ascontiguousarray(priors[order], dtype=np.int64)
        lengths = np.asarray(lengths, dtype=np.int64)
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(lengths) else lengths
        # codes arrive in the input order; re-pack them in id order
        self.lengths = lengths[order]
        self.indptr = np.concatenate(([0], np.cumsum(self.lengths))).astype(np.int64)
        gather = _ranges(starts[order], self.lengths)
        self.codes = np.asarray(codes, dtype=np.int32)[gather]
        self.n = len(self.ids)
        self.n_codes = int(self.codes.max()) + 1 if len(self.codes) else 1
        self.doc_of_code = np.repeat(np.arange(self.n, dtype=np.int32), self.lengths)
        size = int(self.ids[-1]) + 1 if self.n else 1
        self.pos = np.full(size, -1, dtype=np.int32)
        self.pos[self.ids] = np.arange(self.n, dtype=np.int32)
        newest_first = np.lexsort((-self.ids, -self.priors))
        self.date_order = newest_first.astype(np.int32)
        self.date_rank = np.empty(self.n, dtype=np.int32)
        self.date_rank[newest_first] = np.arange(self.n, dtype=np.int32)
        self._masks: dict[int, np.ndarray] = {}
        self._bitmaps: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None

    # --- selections (arrays of positions, ascending = oldest id first) ----------------------

    def positions(self, ids: np.ndarray) -> tuple[np.ndarray, bool]:
        """Positions of ``ids`` (sorted) and whether every id was known."""
        ids = np.asarray(ids, dtype=np.int64)
        complete = True
        if len(ids) and int(ids.max()) >= len(self.pos):
            ids, complete = ids[ids < len(self.pos)], False
        found = self.pos[ids]
        if len(found) and int(found.min()) < 0:
            found, complete = found[found >= 0], False
        if len(found) > 1 and bool((found[1:] < found[:-1]).any()):
            found = np.sort(found)
        return found, complete

    def everything(self) -> np.ndarray:
        return np.arange(self.n, dtype=np.int32)

    def code_mask(self, code: int) -> np.ndarray:
        mask = self._masks.get(code)
        if mask is None:
            mask = np.zeros(self.n, dtype=bool)
            mask[self.doc_of_code[self.codes == code]] = True
            self._masks[code] = mask
        return mask

    def apply_filters(self, selection: np.ndarray, groups: list[list[int]]) -> np.ndarray:
        """Keep the positions that have, for every group, at least one of its codes."""
        if not groups:
            return selection
        keep = np.ones(len(selection), dtype=bool)
        for group in groups:
            any_of = np.zeros(len(selection), dtype=bool)
            for code in group:
                any_of |= self.code_mask(int(code))[selection]
            keep &= any_of
        return selection[keep]

    # --- what a page needs -----------------------------------------------------------------

    def code_counts(self, selection: np.ndarray) -> dict[int, int]:
        if not len(selection):
            return {}
        if len(selection) * SMALL_SELECTION < self.n:
            flat = self.codes[_ranges(self.indptr[selection], self.lengths[selection])]
            counts = np.bincount(flat, minlength=self.n_codes)
        else:
            counts = self._count_large(selection)
        nonzero = np.flatnonzero(counts)
        return dict(zip(nonzero.tolist(), counts[nonzero].tolist(), strict=True))

    def _count_large(self, selection: np.ndarray) -> np.ndarray:
        """Counts for a large selection: AND + popcount with the bitmaps of frequent codes,
        a gather over the (few) entries of the other codes."""
        if self._bitmaps is None:
            self._build_bitmaps()
        dense, bitmaps, sparse_codes, sparse_docs = self._bitmaps
        mask = np.zeros(self.n, dtype=bool)
        mask[selection] = True
        counts = np.bincount(sparse_codes[mask[sparse_docs]], minlength=self.n_codes)
        if len(dense):
            selected = np.packbits(mask)
            counts[dense] = np.bitwise_count(bitmaps & selected).sum(axis=1, dtype=np.int64)
        return counts

    def _build_bitmaps(self) -> None:
        frequency = np.bincount(self.codes, minlength=self.n_codes)
        is_dense = frequency >= max(1, self.n // DENSE_SHARE)
        dense = np.flatnonzero(is_dense)
        row_of_code = np.full(self.n_codes, -1, dtype=np.int64)
        row_of_code[dense] = np.arange(len(dense))
        rows = row_of_code[self.codes]
        bitmaps = np.zeros((len(dense), (self.n + 7) // 8), dtype=np.uint8)
        for first in range(0, len(dense), BITMAP_ROWS):  # bounded temporary matrix
            chosen = (rows >= first) & (rows < first + BITMAP_ROWS)
            matrix = np.zeros((min(BITMAP_ROWS, len(dense) - first), self.n), dtype=bool)
            matrix[rows[chosen] - first, self.doc_of_code[chosen]] = True
            bitmaps[first : first + len(matrix)] = np.packbits(matrix, axis=1)
        sparse = ~is_dense[self.codes]
        self._bitmaps = (dense, bitmaps, self.codes[sparse], self.doc_of_code[sparse])

    def newest_by_date(self, selection: np.ndarray, start: int, stop: int | None) -> np.ndarray:
        """Ids of ``selection[start:stop]`` in (publication time, id) order, newest first."""
        if len(selection) == self.n:
            return self.ids[self.date_order[start:stop]]
        ranks = self.date_rank[selection]
        return self.ids[selection[_top(ranks, start, stop)]]

    def newest_by_id(self, selection: np.ndarray, start: int, stop: int | None) -> np.ndarray:
        """Ids of ``selection[start:stop]`` by id (indexing order), newest first."""
        return self.ids[selection][::-1][start:stop]


def _top(keys: np.ndarray, start: int, stop: int | None) -> np.ndarray:
    """Indices of ``keys`` sorted ascending, sliced [start:stop], without a full sort."""
    stop = len(keys) if stop is None else min(stop, len(keys))
    if start >= stop:
        return np.empty(0, dtype=np.int64)
    if stop < len(keys) // 4:
        candidates = np.argpartition(keys, stop - 1)[:stop]
        return candidates[np.argsort(keys[candidates], kind="stable")][start:stop]
    return np.argsort(keys, kind="stable")[start:stop]


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenation of ``range(s, s + l)`` for each pair (vectorised)."""
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    offsets = np.repeat(np.asarray(starts, dtype=np.int64) - (ends - lengths), lengths)
    return offsets + np.arange(total, dtype=np.int64)
