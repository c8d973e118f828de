"""PostgreSQL backend: tsvectors on ``search_document``, GIN indexes, compact heap rows.

``search_document.tsv`` = title tokens weighted A, then body tokens (D), with a GIN index. The
analyzer's tokens are final (``[a-z0-9_]+``), so no text search parser runs: the tsvector is
written as a literal (:func:`tsvector_literal`, built in :meth:`prepare`, in the same INSERT as
the document) and queries are tsquery literals of the same tokens (:func:`tsquery_text`),
passed as parameters.

Why on ``search_document``: a GIN match still visits the heap row of every matching document
(visibility), so the heap must be small. A tsvector of a 200-word text (~1 KB) stays in the row
unless the row passes PostgreSQL's TOAST threshold (2 KB); the document row, which also holds
the text shown in snippets, does — and ``toast_tuple_target = 128`` then moves text, tsvectors
and title out of line, leaving ~150-byte heap rows. Collecting every matching id thus reads no
text (``@@`` needs no recheck for plain AND/OR queries), and ``ts_rank_cd`` — which detoasts —
runs only for small result sets (at most ``RANK_WINDOW`` ids, by primary key).
``search_entry`` holds (id, prior, codes int4[]) for the facet mirror and ``ttsv``, the
stripped title tokens (small, kept in the row) for the title tier of broad queries.
"""

from __future__ import annotations

import math
import re

import numpy as np

from safercities.search.backends import TOKEN_RE, EntryRow, Terms, int_array, safe_terms

_WEIGHTS = "{0.1, 0.1, 0.1, 1.0}"  # D (body), C, B, A (title)
MAX_POSITION = 16383  # tsvector limits: positions 1..16383, 256 per lexeme
MAX_POSITIONS = 256
_TOKENS_RE = re.compile(r"[a-z0-9_ ]*")


def _gin_ids(cursor, query: str) -> np.ndarray:
    """Every matching id, through the GIN index.

    For common words the planner prefers a sequential scan (or a primary-key scan for the id
    range), which detoasts and evaluates @@ on every row it reads; the GIN bitmap needs no
    recheck for AND/OR queries (as long as it stays exact: hence the work_mem), so it is always
    cheaper. The settings are restored after.
    """
    cursor.execute(
        "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'),"
        " current_setting('work_mem'), set_config('enable_seqscan', 'off', false),"
        " set_config('enable_indexscan', 'off', false), set_config('work_mem', '64MB', false)"
    )
    seqscan, indexscan, work_mem, *_new = cursor.fetchone()
    try:
        cursor.execute(
            "SELECT string_agg(id::text, ',') FROM search_document WHERE tsv @@ %s::tsquery",
            [query],
        )
        return int_array(cursor.fetchone()[0])
    finally:
        cursor.execute(
            "SELECT set_config('enable_seqscan', %s, false),"
            " set_config('enable_indexscan', %s, false), set_config('work_mem', %s, false)",
            [seqscan, indexscan, work_mem],
        )


def _idf(df: int, total: int) -> float:
    return math.log(1 + (total - df + 0.5) / (df + 0.5))


def _id_list(ids: np.ndarray) -> str:
    """Ids as one comma-separated string parameter (an array parameter of thousands of ints
    costs milliseconds to adapt)."""
    return ",".join(map(str, np.asarray(ids, dtype=np.int64).tolist()))


def tsquery_text(terms: Terms) -> str:
    """A tsquery literal (``('a' | 'b') & 'c'``): lexemes taken as they are, like the index."""
    return " & ".join(
        "(" + " | ".join(f"'{form}'" for form in forms) + ")" for forms in safe_terms(terms)
    )


def _tokens(text: str) -> list[str]:
    if _TOKENS_RE.fullmatch(text):  # the usual case: checked in one pass
        return text.split()
    return [token for token in text.split() if TOKEN_RE.fullmatch(token)]


def tsvector_literal(title: str, body: str) -> str:
    """``tok:1A,3A tok2:2,…``: title positions weighted A, then body positions (weight D)."""
    positions: dict[str, list[str]] = {}
    position = 0
    for tokens, weight in ((_tokens(title), "A"), (_tokens(body), "")):
        for token in tokens:
            position += 1
            found = positions.setdefault(token, [])
            if position <= MAX_POSITION and len(found) < MAX_POSITIONS:
                found.append(f"{position}{weight}")
    return " ".join(f"{token}:{','.join(found)}" if found else token
                    for token, found in positions.items())  # fmt: skip


class PostgresBackend:
    vendor = "postgresql"

    def prepare(self, title: str, body: str) -> dict[str, str]:
        """tsvector literals, built here (in the analyzer processes of bulk loads) rather than
        by ``to_tsvector`` in the server: the tokens are final, the server's parser would only
        cost time (it is three times slower than reading a literal)."""
        title_lexemes = " ".join(dict.fromkeys(_tokens(title)))
        return {"tsv": tsvector_literal(title, body), "ttsv": title_lexemes}

    def insert_documents(self, cursor, columns, rows, prepared):
        """COPY, the server's fastest way in, with ids drawn from the sequence first."""
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('search_document', 'id'))"
            " FROM generate_series(1, %s)",
            [len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        names = ", ".join(["id", *(name for name, _type in columns), "tsv"])
        with cursor.cursor.copy(f"COPY search_document ({names}) FROM STDIN") as copy:
            for pk, row, item in zip(ids, rows, prepared, strict=True):
                copy.write_row((pk, *row, item["tsv"]))
        return [(pk, row[0], row[1]) for pk, row in zip(ids, rows, strict=True)]

    def document_columns(self, prepared: dict[str, str]) -> list[tuple[str, str, list]]:
        """Extra (column, SQL expression, parameters) for the document row's INSERT/UPDATE."""
        return [("tsv", "%s::tsvector", [prepared["tsv"]])]

    def write(self, cursor, rows: list[EntryRow]) -> None:
        self.delete(cursor, [row.id for row in rows])
        with cursor.cursor.copy("COPY search_entry (id, prior, codes, ttsv) FROM STDIN") as copy:
            for row in rows:
                codes = "{" + ",".join(str(int(code)) for code in row.codes) + "}"
                copy.write_row((row.id, row.prior, codes, row.prepared["ttsv"]))

    def delete(self, cursor, ids: list[int]) -> None:
        if ids:
            cursor.execute("DELETE FROM search_entry WHERE id = ANY(%s)", [[int(i) for i in ids]])

    def clear(self, cursor) -> None:
        cursor.execute("DELETE FROM search_entry")

    def optimize(self, cursor) -> None:
        # After a bulk load the GIN index holds new entries in its pending list, which every
        # search scans sequentially until it is merged (by autovacuum, or here).
        cursor.execute("SELECT gin_clean_pending_list('search_document_tsv'::regclass)")
        cursor.execute("ANALYZE search_entry")
        cursor.execute("ANALYZE search_document")

    def load_entries(self, cursor):
        cursor.execute(
            "SELECT string_agg(id::text, ','), string_agg(prior::text, ','),"
            " string_agg(cardinality(codes)::text, ','),"
            " string_agg(NULLIF(array_to_string(codes, ','), ''), ',') FROM search_entry"
        )
        ids, priors, lengths, codes = cursor.fetchone()
        return int_array(ids), int_array(priors), int_array(lengths), int_array(codes)

    def match_ids(self, cursor, terms: Terms) -> np.ndarray:
        query = tsquery_text(terms)
        if not query:
            return np.empty(0, dtype=np.int64)
        return _gin_ids(cursor, query)

    # --- ranking (see safercities.search.ranking) -------------------------------------------
    # A document's score is the sum over the query's forms of idf(form) x ts_rank_cd(tsv, form)
    # (title A = 1.0, body D = 0.1, divided by 1 + log(length)): additive, so a form's
    # best-scoring documents can be kept in impact-ordered blocks.

    def idf(self, cursor, forms: list[str], dfs: dict[str, int]) -> dict[str, float]:
        """idf = ln(1 + (N - df + 0.5) / (df + 0.5)); N and the frequent forms' df as of the
        last ranking build (so stored block scores and query-time scores agree)."""
        missing = [form for form in forms if form not in dfs]
        dfs = dict(dfs)
        if missing:
            cursor.execute("SELECT term, df FROM search_rankterm WHERE term = ANY(%s)", [missing])
            dfs.update(dict(cursor.fetchall()))
            for form in missing:
                if form not in dfs:
                    dfs[form] = len(self.form_ids(cursor, form))
        total = self._documents(cursor)
        return {form: _idf(dfs[form], total) for form in forms}

    def _documents(self, cursor) -> int:
        cursor.execute("SELECT documents FROM search_rankstate WHERE id = 1")
        row = cursor.fetchone()
        if row:
            return int(row[0])
        cursor.execute("SELECT count(*) FROM search_entry")
        return int(cursor.fetchone()[0])

    def score(self, cursor, terms: Terms, ids: np.ndarray, idf) -> list[tuple[int, float]]:
        forms = [form for forms in safe_terms(terms) for form in forms]
        forms = list(dict.fromkeys(forms))
        if not forms or not len(ids):
            return []
        parts = " + ".join(
            f"%s::float8 * ts_rank_cd('{_WEIGHTS}', tsv, %s::tsquery, 1)::float8" for _f in forms
        )
        params: list = []
        for form in forms:
            params += [idf.get(form, 1.0), f"'{form}'"]
        cursor.execute(
            f"SELECT id, {parts} FROM search_document"  # noqa: S608 - fixed SQL, parameters only
            " WHERE id = ANY(string_to_array(%s, ',')::bigint[])",
            [*params, _id_list(ids)],
        )
        return [(int(i), float(r)) for i, r in cursor.fetchall()]

    def form_ids(self, cursor, form: str) -> np.ndarray:
        return self.match_ids(cursor, [(form,)])

    def rare_factor(self, form: str, idf: dict[str, float]) -> float:
        return idf.get(form, 1.0)

    def frequent_forms(self, cursor, more_than: int) -> list[tuple[str, int]]:
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat('SELECT tsv FROM search_document')"
            " WHERE ndoc > %s ORDER BY ndoc DESC",
            [more_than],
        )
        return [(w, int(n)) for w, n in cursor.fetchall() if TOKEN_RE.fullmatch(w)]

    def form_scores(self, cursor, form: str, df: int, documents: int, limit: int):
        query = f"'{form}'"
        cursor.execute(
            f"SELECT id, ts_rank_cd('{_WEIGHTS}', tsv, %s::tsquery, 1)::float8 AS s"  # noqa: S608
            " FROM search_document WHERE tsv @@ %s::tsquery ORDER BY s DESC, id DESC LIMIT %s",
            [query, query, limit],
        )
        rows = cursor.fetchall()
        factor = _idf(df, documents) if documents else 1.0  # rare forms: idf at query time
        return (
            np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)),
            np.fromiter((r[1] * factor for r in rows), dtype=np.float64, count=len(rows)),
        )

    def bare(self, cursor, terms: Terms, limit: int) -> list[int]:
        """The plain statement (ts_rank_cd over every match), for the benchmark."""
        cursor.execute(
            "SELECT id FROM search_document WHERE tsv @@ %(q)s::tsquery"
            " ORDER BY ts_rank_cd(tsv, %(q)s::tsquery) DESC LIMIT %(limit)s",
            {"q": tsquery_text(terms), "limit": limit},
        )
        return [row[0] for row in cursor.fetchall()]
