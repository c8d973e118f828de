"""Benchmark: importing a KoboToolbox CSV export of 100,000 submissions, SQLite and PostgreSQL.

    .venv/bin/python bench/import.py                       # 20,000 and 100,000 rows, both DBs
    .venv/bin/python bench/import.py --db sqlite --n 50000 --small 10000
    .venv/bin/python bench/import.py --tool victimization-survey
    .venv/bin/python bench/import.py --format xlsx-labels --n 20000 --small 5000
    .venv/bin/python bench/import.py --code /tmp/ref   # a reference tree, e.g. `git archive main`

``--format xlsx-labels``: the victimization survey exported the way KoboToolbox exports by
default — XLSX, labels (Thai) as headers and values, groups joined by ``.``, multi-select as
0/1 columns only, typed cells — with the per-incident repeat group on its own sheet (one to
three incidents for about a third of the respondents), built with the test suite's formpack
re-implementation (``safercities/instruments/tests/formpack_export.py``; needs the test-only
``xlsxwriter``). ``--code DIR`` runs the imports with the code of another checkout (the
landed importer, for a side-by-side reference); the export files are the same.

The export is a synthetic KoboToolbox CSV (``;``-delimited, groups, 0/1 choice columns,
geopoint columns, Kobo metadata) from ``safercities.instruments.synthetic`` for the generic
women's safety audit by default. It goes through the Hub's own import service,
``safercities.diagnosis.importing.import_submissions`` — the path the upload page's
background task and ``manage.py import_submissions`` take: every row parsed and validated
against the instrument, spooled, then saved in one transaction with the idempotency check
on submission ids. The same file is then imported a second time (nothing is added).

Databases: a fresh SQLite file /tmp/bench_import.sqlite3 and a PostgreSQL database
``bench_import`` on 127.0.0.1 (created, migrated and dropped by the script; ``--pg-url`` to
change). Each import runs in a fresh child process, so its peak resident memory
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) can be compared between the small and the
large file: flat memory means the two peaks are about the same.

Last line per database: ``import: rows=… db=… rows_per_s=…``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path("/tmp/bench_import.sqlite3")
PG_URL = "postgres://postgres@127.0.0.1:5432"
PG_DB = "bench_import"
DATA_DIR = Path("/tmp/bench_import_data")
CODE = ROOT  # the checkout whose importer runs (``--code``)


def child_environment(db: str, pg_url: str) -> dict[str, str]:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="safercities.settings", PYTHONHASHSEED="0")
    env["SAFERCITIES_ENV"] = "development"
    env["TASKS_IMMEDIATE"] = "1"
    env["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}" if db == "sqlite" else f"{pg_url}/{PG_DB}"
    env["PYTHONPATH"] = str(CODE)
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
        return
    import psycopg

    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")


def xlsx_labels_file(n: int) -> Path:
    """The victimization survey as a Kobo XLSX with Thai labels and a repeat sheet."""
    sys.path.insert(0, str(ROOT))
    import random

    from safercities.instruments.generic import generic_instrument
    from safercities.instruments.tests.formpack_export import KoboExport, synthetic_submissions

    DATA_DIR.mkdir(exist_ok=True)
    path = DATA_DIR / f"victimization-labels-{n}.xlsx"
    if path.exists():
        return path
    started = time.perf_counter()
    survey = generic_instrument("victimization-survey")
    rng = random.Random(7)
    crimes = [c.name for c in survey.choice_lists["crime_type"]]
    submissions = synthetic_submissions(survey, n, seed=7)
    for submission in submissions:
        for crime in crimes:
            submission[f"screeners/{crime}"] = "no"
        if rng.random() < 0.35:
            crime = rng.choice(crimes)
            submission[f"screeners/{crime}"] = "yes"
            entries = []
            for _time in range(rng.choice([1, 1, 2, 3])):
                reported = rng.random() < 0.3
                entry = {
                    "incidents/incident_crime": crime,
                    "incidents/incident_reported": "yes" if reported else "no",
                }
                if crime != "burglary":
                    entry["incidents/incident_where"] = "market"
                if not reported:
                    entry["incidents/incident_why_not"] = "not_serious too_far"
                entries.append(entry)
            submission["incidents"] = entries
    export = KoboExport(
        survey, lang="th", group_sep=".", multiple_select="details", xls_types_as_text=False
    )
    data = export.to_xlsx(submissions, repeats={"incidents": survey.repeat_questions("incidents")})
    path.write_bytes(data)
    print(
        f"Kobo XLSX (Thai labels, repeat sheet): {n:,} rows, {len(data) / 1e6:.1f} MB "
        f"written in {time.perf_counter() - started:.1f}s -> {path}",
        flush=True,
    )
    return path


def export_file(tool: str, n: int) -> Path:
    """The synthetic export (written once, reused by later runs)."""
    sys.path.insert(0, str(ROOT))
    from safercities.instruments.generic import generic_instrument
    from safercities.instruments.synthetic import synthetic_kobo_csv

    DATA_DIR.mkdir(exist_ok=True)
    path = DATA_DIR / f"{tool}-{n}.csv"
    if not path.exists():
        started = time.perf_counter()
        synthetic_kobo_csv(generic_instrument(tool), n, seed=7, path=path)
        print(
            f"synthetic Kobo CSV: {n:,} rows, {path.stat().st_size / 1e6:.1f} MB "
            f"written in {time.perf_counter() - started:.1f}s -> {path}",
            flush=True,
        )
    return path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def run_child(args) -> None:
    """Import ``args.file`` into a new assessment and print one JSON line of figures."""
    sys.path.insert(0, str(CODE))
    import django

    django.setup()
    from datetime import date

    from safercities.diagnosis.importing import import_submissions
    from safercities.diagnosis.models import Submission
    from safercities.diagnosis.services import create_assessment
    from safercities.places.models import City
    from safercities.toolkit.models import ToolVersion

    city, _ = City.objects.get_or_create(
        slug="bench-city",
        defaults={"name": "Bench City", "country_id": "TH", "latitude": 13.75, "longitude": 100.5},
    )
    assessment = create_assessment(
        None,
        city=city,
        tool_version=ToolVersion.objects.generic(args.tool),
        title=f"Benchmark import {args.n}",
        start=date(2024, 3, 1),
    )
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    result = import_submissions(assessment, args.file, filename=Path(args.file).name)
    seconds = time.perf_counter() - started
    peak = peak_rss_mb()
    stored = Submission.objects.filter(assessment=assessment).count()
    started = time.perf_counter()
    again = import_submissions(assessment, args.file, filename=Path(args.file).name)
    again_s = time.perf_counter() - started
    print(
        json.dumps(
            {
                "rows": result.rows,
                "created": result.created,
                "stored": stored,
                "error_rows": result.error_rows,
                "file_problems": result.file_problems,
                "seconds": seconds,
                "rss_before_mb": rss_before,
                "peak_rss_mb": peak,
                "reimport_created": again.created,
                "reimport_existing": again.existing,
                "reimport_seconds": again_s,
            }
        ),
        flush=True,
    )


def measure(db: str, args, file: Path) -> dict:
    env = child_environment(db, args.pg_url)
    fresh_database(db, args.pg_url)
    subprocess.run(
        [sys.executable, str(CODE / "manage.py"), "migrate", "--noinput", "-v0"],
        env=env,
        cwd=CODE,
        check=True,
    )
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            "--file",
            str(file),
            "--tool",
            args.tool,
            "--code",
            str(CODE),
        ],
        env=env,
        cwd=CODE,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    if figures["error_rows"] or figures["file_problems"] or figures["stored"] != figures["rows"]:
        raise SystemExit(f"[{db}] import failed: {figures}")
    return figures


def run_database(db: str, args, files: dict[int, Path]) -> None:
    results = {}
    try:
        for n, file in files.items():
            figures = measure(db, args, file)
            results[n] = figures
            rate = figures["rows"] / figures["seconds"]
            print(
                f"[{db}] {figures['rows']:,} rows imported in {figures['seconds']:.1f}s "
                f"({rate:,.0f} rows/s); peak RSS {figures['peak_rss_mb']:.0f} MB "
                f"(before the import {figures['rss_before_mb']:.0f} MB); re-import: "
                f"{figures['reimport_created']} created, {figures['reimport_existing']:,} "
                f"already imported in {figures['reimport_seconds']:.1f}s",
                flush=True,
            )
    finally:
        drop_database(db, args.pg_url)
    small, large = min(results), max(results)
    print(
        f"[{db}] peak RSS: {small:,} rows {results[small]['peak_rss_mb']:.0f} MB, "
        f"{large:,} rows {results[large]['peak_rss_mb']:.0f} MB "
        f"(difference {results[large]['peak_rss_mb'] - results[small]['peak_rss_mb']:+.0f} MB)",
        flush=True,
    )
    figures = results[large]
    print(
        f"import: rows={figures['rows']} db={db} "
        f"rows_per_s={figures['rows'] / figures['seconds']:.0f} "
        f"peak_rss_small_mb={results[small]['peak_rss_mb']:.0f} "
        f"peak_rss_large_mb={figures['peak_rss_mb']:.0f}",
        flush=True,
    )


def main() -> None:
    global CODE, PG_DB, SQLITE_PATH, DATA_DIR  # noqa: PLW0603 - set once from the command line
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="rows of the large file")
    parser.add_argument("--small", type=int, default=20_000, help="rows of the small file")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--tool", default="womens-safety-audit")
    parser.add_argument("--format", choices=["csv", "xlsx-labels"], default="csv")
    parser.add_argument("--code", default=str(ROOT), help="checkout whose importer runs")
    parser.add_argument("--pg-db", default=PG_DB, help="PostgreSQL database (dropped after)")
    parser.add_argument("--sqlite", default=str(SQLITE_PATH), help="SQLite file (deleted after)")
    parser.add_argument("--data-dir", default=str(DATA_DIR), help="where export files are kept")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    CODE, PG_DB, SQLITE_PATH = Path(args.code).resolve(), args.pg_db, Path(args.sqlite)
    DATA_DIR = Path(args.data_dir)
    if args.child:
        run_child(args)
        return
    if args.format == "xlsx-labels":
        args.tool = "victimization-survey"
        files = {n: xlsx_labels_file(n) for n in sorted({args.small, args.n})}
    else:
        files = {n: export_file(args.tool, n) for n in sorted({args.small, args.n})}
    databases = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    for db in databases:
        run_database(db, args, files)


if __name__ == "__main__":
    main()
