"""Benchmark: the Hub's search (index + query with facet counts) on SQLite and PostgreSQL.

    .venv/bin/python bench/search.py                      # n = 200,000, both databases
    .venv/bin/python bench/search.py --n 20000 --db sqlite

Builds a synthetic multilingual corpus of N resources (bench/search_corpus.py: titles and
~200-word summaries in English, Indonesian, Thai, Vietnamese, Chinese, Khmer and Hindi, Zipf
vocabularies), indexes it through ``safercities.search.index.index_documents`` (the bulk path:
the Hub's analyzer and tables, bypassing the library models), then runs a fixed query mix
through ``safercities.search.engine.search`` — top 20 results WITH facet counts and snippets:
20 % rare terms, 60 % domain queries of 2–3 terms (a few hundred hits), 20 % common terms
(each in over 20 % of documents), every script represented, every other query with a facet
filter. The same queries also run as bare statements (FTS5 ``MATCH … ORDER BY bm25``;
PostgreSQL ``@@ … ORDER BY ts_rank_cd``), without facets, so the Hub layer's cost is visible.
Each query runs once to warm up, then ``--repeat`` timed times.

Databases: a fresh SQLite file /tmp/bench_search.sqlite3 and a PostgreSQL database
``bench_search`` on 127.0.0.1 (created and dropped by the script; ``--pg-url`` to change).
Each database runs in its own child process. Last line per database:
``search: db=… n=… index_per_s=… p50_ms=… p95_ms=… bare_p95_ms=…``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path("/tmp/bench_search.sqlite3")
PG_URL = "postgres://postgres@127.0.0.1:5432"
PG_DB = "bench_search"


def child_environment(db: str, pg_url: str) -> dict[str, str]:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="safercities.settings", PYTHONHASHSEED="0")
    env["SAFERCITIES_ENV"] = "development"
    if db == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    else:
        env["DATABASE_URL"] = f"{pg_url}/{PG_DB}"
    return env


def fresh_database(db: str, pg_url: str) -> None:
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
        conn.execute(f"CREATE DATABASE {PG_DB}")


def drop_database(db: str, pg_url: str) -> None:
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    if db == "postgresql":
        import psycopg

        with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def run_child(args) -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from search_corpus import Generator

    call_command("migrate", "search", verbosity=0)
    db = connection.vendor
    generator = Generator(args.seed)
    index_per_s = float("nan") if args.reuse else index_corpus(args, generator, db)
    if args.reuse or args.rebuild_ranking:
        from safercities.search.models import RankingState

        if args.rebuild_ranking or not RankingState.objects.exists():
            build_ranking(db)
    run_queries(args, generator, db, index_per_s)


def index_corpus(args, generator, db) -> float:
    from django.db import connection

    from safercities.search.backends import get_backend
    from safercities.search.documents import SearchDocument
    from safercities.search.index import index_documents

    epoch = datetime(2000, 1, 1, tzinfo=UTC)
    started = time.perf_counter()
    docs = []
    for object_id in range(1, args.n + 1):
        d = generator.doc(object_id)
        published = epoch + timedelta(days=(d.year - 2000) * 365 + generator.rng.randrange(365))
        docs.append(
            SearchDocument(
                kind="resource", object_id=object_id, title=d.title, text=d.text,
                language=d.language, url=f"/library/r{object_id}/", published_at=published,
                type=d.type, themes=d.themes, countries=d.countries, year=d.year,
            )
        )  # fmt: skip
    print(
        f"[{db}] corpus of {args.n:,} documents generated in {time.perf_counter() - started:.1f}s"
    )
    started = time.perf_counter()
    cpu_before = _cpu_seconds()
    index_documents(docs, batch_size=1000, workers=args.workers)
    index_s = time.perf_counter() - started
    cpu_after = _cpu_seconds()
    main_cpu, workers_cpu = cpu_after[0] - cpu_before[0], cpu_after[1] - cpu_before[1]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        get_backend().optimize(cursor)
    optimize_s = time.perf_counter() - started
    index_per_s = args.n / index_s
    print(
        f"[{db}] indexed in {index_s:.1f}s ({index_per_s:,.0f} documents/s);"
        f" optimize/analyze {optimize_s:.1f}s; CPU per document: {main_cpu / args.n * 1000:.2f} ms"
        f" writing + {workers_cpu / args.n * 1000:.2f} ms analysing ({args.workers} workers)"
    )
    build_ranking(db)
    return index_per_s


def build_ranking(db) -> None:
    """The impact-ordered ranking blocks (what a rebuild or the refresh task does)."""
    from django.db import connection

    from safercities.search import ranking

    started = time.perf_counter()
    forms = ranking.build()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), coalesce(sum(length(ids)), 0) FROM search_rankblock")
        blocks, size = cursor.fetchone()
    print(
        f"[{db}] ranking blocks built in {time.perf_counter() - started:.1f}s: {forms} frequent"
        f" forms, {blocks} blocks, {size * 2 / 1e6:.1f} MB of ids and scores"
    )


def _cpu_seconds() -> tuple[float, float]:
    """CPU time of this process and of its finished children (the analyzer workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def run_queries(args, generator, db, index_per_s) -> None:
    from django.db import connection

    from safercities.search.backends import get_backend
    from safercities.search.engine import exhaustive_ranking, search
    from safercities.search.models import IndexedDocument
    from safercities.search.params import SearchRequest

    mix = build_mix(generator, args, search, SearchRequest)
    backend = get_backend()
    results = {}
    for label, request, terms in mix:
        search(request)  # warm-up
        with connection.cursor() as cursor:
            backend.bare(cursor, terms, 20)
        hub_ms, bare_ms = [], []
        for _ in range(args.repeat):
            t = time.perf_counter()
            found = search(request)
            hub_ms.append((time.perf_counter() - t) * 1000)
            with connection.cursor() as cursor:
                t = time.perf_counter()
                backend.bare(cursor, terms, 20)
                bare_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        reference = [doc_id for doc_id, _score in exhaustive_ranking(request, 20)]
        exhaustive_ms = (time.perf_counter() - t) * 1000
        keys = dict(IndexedDocument.objects.filter(pk__in=reference).values_list("pk", "object_id"))
        expected = [keys[i] for i in reference]
        got = [hit.object_id for hit in found.hits[:20]]
        overlap = len(set(got) & set(expected)) / len(expected) if expected else float(not got)
        first = bool(got[:1] == expected[:1])
        results.setdefault(label, []).append(
            (hub_ms, bare_ms, found.count, request, overlap, first, exhaustive_ms)
        )
    print_table(db, results)
    rows = [row for label_rows in results.values() for row in label_rows]
    hub = [ms for row in rows for ms in row[0]]
    bare = [ms for row in rows for ms in row[1]]
    print(
        f"search: db={db} n={args.n} index_per_s={index_per_s:.0f}"
        f" p50_ms={percentile(hub, 0.5):.1f} p95_ms={percentile(hub, 0.95):.1f}"
        f" bare_p95_ms={percentile(bare, 0.95):.1f}"
        f" overlap={statistics.mean(row[4] for row in rows):.3f}"
        f" same_first={sum(row[5] for row in rows)}/{len(rows)}",
        flush=True,
    )


def build_mix(generator, args, search, SearchRequest):
    """(label, SearchRequest, query terms): 20 % rare, 60 % domain, 20 % common queries, every
    language in turn, every other query of each kind with a facet filter. Kinds are decided on
    the unfiltered count: rare 1–50 hits (n / 4,000 for large n), domain n / 2,000 – n / 200
    (a few hundred), common over 20 % of the documents."""
    from search_corpus import CORE, KEYWORDS, LANGUAGES

    from safercities.search.analyzer import query_terms

    rng = random.Random(args.seed + 1)
    languages = [code for code, _w in LANGUAGES]
    n = args.n
    total = args.queries
    wanted = {"rare": total // 5, "domain": total - 2 * (total // 5), "common": total // 5}
    filters = [
        {"types": ("report",)}, {"themes": ("theme-03",)}, {"countries": ("TH",)},
        {"year_from": 2010, "year_to": 2015}, {"types": ("guide", "study")},
    ]  # fmt: skip

    def count(text: str) -> int:
        return search(SearchRequest(q=text, per_page=1)).count

    def candidates(label: str, lang: str) -> list[str]:
        tail = generator.tails[lang]
        core = CORE[lang]
        if label == "rare":
            return [rng.choice(tail[len(tail) // 4 :])]
        if label == "common":
            keywords = KEYWORDS[lang]
            return [*keywords, *core[:4], f"{keywords[0]} {core[0]}", f"{keywords[0]} {core[1]}"]
        words = rng.sample(core[len(core) // 3 :], rng.randint(1, 2))
        words.append(rng.choice(tail[len(core) : len(core) + 400]))
        rng.shuffle(words)
        return [" ".join(words)]

    accept = {
        "rare": lambda c: 1 <= c <= max(50, n // 4000),
        "domain": lambda c: max(20, n // 2000) <= c <= max(100, n // 200),
        "common": lambda c: c > 0.2 * n,
    }
    mix = []
    for label, size in wanted.items():
        texts: list[str] = []
        if label == "common":  # every qualifying candidate, languages interleaved
            pools = [[t for t in candidates(label, lang) if accept[label](count(t))]
                     for lang in languages]  # fmt: skip
            for row in itertools.zip_longest(*pools):
                texts += [t for t in row if t and t not in texts]
        attempts = 0
        while label != "common" and len(texts) < size and attempts < size * 400:
            text = candidates(label, languages[attempts % len(languages)])[0]
            attempts += 1
            if text not in texts and query_terms(text) and accept[label](count(text)):
                texts.append(text)
        items = size if label == "common" and texts else len(texts)
        for i in range(items):
            text = texts[i % len(texts)]
            extra = filters[i % len(filters)] if i % 2 else {}
            mix.append((label, SearchRequest(q=text, **extra), query_terms(text)))
        print(f"  {label}: {items} queries ({len(texts)} distinct texts)")
    return mix


def print_table(db: str, results) -> None:
    print(
        f"\n[{db}] latency in ms (top 20 + facet counts + snippets; bare = FTS statement only;"
        " overlap / first = top 20 vs the exhaustive ranking under the same scoring,"
        " exh = time to score every match)"
    )
    print(f"{'queries':<10}{'n':>4}{'hits p50':>10}{'p50':>8}{'p95':>8}{'max':>8}"
          f"{'bare p50':>10}{'bare p95':>10}{'overlap':>9}{'first':>8}{'exh p95':>9}")  # fmt: skip
    for label, rows in results.items():
        hub = [ms for row in rows for ms in row[0]]
        bare = [ms for row in rows for ms in row[1]]
        hits = statistics.median(row[2] for row in rows)
        overlap = statistics.mean(row[4] for row in rows)
        first = f"{sum(row[5] for row in rows)}/{len(rows)}"
        exhaustive = percentile([row[6] for row in rows], 0.95)
        print(
            f"{label:<10}{len(rows):>4}{hits:>10.0f}{percentile(hub, 0.5):>8.1f}"
            f"{percentile(hub, 0.95):>8.1f}{max(hub):>8.1f}{percentile(bare, 0.5):>10.1f}"
            f"{percentile(bare, 0.95):>10.1f}{overlap:>9.3f}{first:>8}{exhaustive:>9.1f}"
        )
    slowest = sorted(
        ((max(row[0]), label, row[3].q[:40], row[2], row[3].has_filters)
         for label, rows in results.items() for row in rows), reverse=True,
    )[:5]  # fmt: skip
    print("slowest:", "; ".join(f"{ms:.0f}ms {lab} {q!r} hits={c} filter={f}"
                                 for ms, lab, q, c, f in slowest))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200_000, help="corpus size")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--queries", type=int, default=100, help="queries in the mix")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per query")
    parser.add_argument("--workers", type=int, default=2, help="analyzer processes")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--pg-url", default=PG_URL, help="PostgreSQL server URL (no database)")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="query a database kept by --keep (same --n/--seed)"
    )
    parser.add_argument(
        "--rebuild-ranking", action="store_true", help="with --reuse: rebuild the ranking blocks"
    )
    parser.add_argument("--child", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return
    dbs = ["sqlite", "postgresql"] if args.db == "both" else [
        "postgresql" if args.db == "postgres" else "sqlite"
    ]  # fmt: skip
    summary = []
    for db in dbs:
        if not args.reuse:
            fresh_database(db, args.pg_url)
        command = [sys.executable, __file__, "--child", db, *sys.argv[1:]]
        process = subprocess.run(
            command, env=child_environment(db, args.pg_url), cwd=ROOT, text=True,
            stdout=subprocess.PIPE, check=False,
        )  # fmt: skip
        print(process.stdout, end="", flush=True)
        summary += [line for line in process.stdout.splitlines() if line.startswith("search:")]
        if not args.keep:
            drop_database(db, args.pg_url)
        if process.returncode:
            sys.exit(process.returncode)
    if len(summary) > 1:
        print("\n" + "\n".join(summary))


if __name__ == "__main__":
    main()
