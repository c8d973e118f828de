"""The database-specific part of the search engine, behind one small interface.

Two implementations: :mod:`.sqlite` (FTS5) and :mod:`.postgres` (``tsvector`` + GIN); their
tables and columns are created by migration ``0001_initial`` (per vendor). The rest
of the app never writes SQL that depends on the database; it calls :func:`get_backend`. Every
statement is built from analyzer tokens (``[a-z0-9_]+``, checked again by :func:`safe_terms`)
and integer codes only, passed as parameters: user text never reaches SQL.

A backend answers three questions (the engine does the rest with
:class:`safercities.search.facetindex.FacetIndex`):

- ``match_ids``: the ids of every document matching the terms (one aggregated string, parsed
  by numpy — no row objects);
- ``score``: relevance scores of given ids (bm25 on SQLite; sum of idf x ts_rank_cd per form
  on PostgreSQL; title weighted 10) — a sum over the query's forms;
- ``idf`` / ``form_ids`` / ``frequent_forms`` / ``form_scores``: what
  :mod:`safercities.search.ranking` needs to build and read impact-ordered blocks;
- ``load_entries``: the compact (id, prior, codes) rows, to (re)build the facet mirror.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from django.db import connections

RANK_WINDOW = 2000  # result sets up to this size are scored in full; larger: see ranking.py
TOKEN_RE = re.compile(r"[a-z0-9_]+")

Terms = list[tuple[str, ...]]


@dataclass
class EntryRow:
    """What the backend stores for one document."""

    id: int
    prior: int
    codes: list[int]
    title: str  # analyzer tokens, space-separated
    body: str
    prepared: Any = None  # what the backend's prepare() made of them


class Backend(Protocol):
    vendor: str

    def prepare(self, title: str, body: str) -> Any: ...
    def insert_documents(
        self, cursor, columns: list[tuple[str, str]], rows: list[list], prepared: list
    ) -> list[tuple[int, str, int]]: ...
    def document_columns(self, prepared: Any) -> list[tuple[str, str, list]]: ...
    def write(self, cursor, rows: list[EntryRow]) -> None: ...
    def delete(self, cursor, ids: list[int]) -> None: ...
    def clear(self, cursor) -> None: ...
    def optimize(self, cursor) -> None: ...
    def load_entries(self, cursor) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]: ...
    def match_ids(self, cursor, terms: Terms) -> np.ndarray: ...
    def idf(self, cursor, forms: list[str], dfs: dict[str, int]) -> dict[str, float]: ...
    def score(
        self, cursor, terms: Terms, ids: np.ndarray, idf: dict[str, float]
    ) -> list[tuple[int, float]]: ...
    def form_ids(self, cursor, form: str) -> np.ndarray: ...
    def rare_factor(self, form: str, idf: dict[str, float]) -> float: ...
    def frequent_forms(self, cursor, more_than: int) -> list[tuple[str, int]]: ...
    def form_scores(
        self, cursor, form: str, df: int, documents: int, limit: int
    ) -> tuple[np.ndarray, np.ndarray]: ...
    def bare(self, cursor, terms: Terms, limit: int) -> list[int]: ...


def safe_terms(terms: Terms) -> Terms:
    """Keep only tokenizer-safe forms; drop terms left without any (defence in depth)."""
    kept = []
    for forms in terms:
        good = tuple(f for f in forms if TOKEN_RE.fullmatch(f) and not f.startswith("_"))
        if good:
            kept.append(good)
    return kept


def int_array(text: str | None) -> np.ndarray:
    """Parse a comma-separated list of integers (what the aggregate queries return)."""
    if not text:
        return np.empty(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")


def get_backend(using: str = "default") -> Backend:
    vendor = connections[using].vendor
    if vendor == "sqlite":
        from safercities.search.backends.sqlite import SqliteBackend

        return SqliteBackend()
    if vendor == "postgresql":
        from safercities.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    raise NotImplementedError(f"search has no backend for {vendor}")
