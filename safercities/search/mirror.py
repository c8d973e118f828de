"""The per-process facet mirror (:class:`~.facetindex.FacetIndex`) and the index version token.

Every change to the index replaces the token in ``search_state`` inside the writing
transaction (:func:`touch`); a search reads the token first and reloads the mirror when it
differs (a random token, not a counter, so a rolled-back or flushed database never looks
current). Reloading reads ``search_entry`` in one aggregate statement (~0.2 s at 200,000
documents) and happens once per process after each change.
"""

from __future__ import annotations

import secrets

from django.db import connection

from safercities.search.backends import get_backend
from safercities.search.facetindex import FacetIndex

_mirrors: dict[tuple[str, str], tuple[int | None, FacetIndex]] = {}


def _key() -> tuple[str, str]:
    return connection.alias, str(connection.settings_dict.get("NAME"))


def current_token(cursor) -> int | None:
    cursor.execute("SELECT token FROM search_state WHERE id = 1")
    row = cursor.fetchone()
    return int(row[0]) if row else None


def touch(cursor) -> None:
    """Mark the index as changed (call inside the transaction that changed it)."""
    token = secrets.randbits(62)
    cursor.execute("UPDATE search_state SET token = %s WHERE id = 1", [token])
    if cursor.rowcount == 0:
        cursor.execute("INSERT INTO search_state (id, token) VALUES (1, %s)", [token])


def facet_index(cursor, token: int | None, *, reload: bool = False) -> FacetIndex:
    """The mirror for ``token`` (None: the index was never written); reloaded when stale."""
    cached = _mirrors.get(_key())
    if cached and cached[0] == token and not reload:
        return cached[1]
    index = FacetIndex(*get_backend().load_entries(cursor))
    _mirrors[_key()] = (token, index)
    return index


def forget() -> None:
    _mirrors.clear()
