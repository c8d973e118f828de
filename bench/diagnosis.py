"""Benchmark: diagnosis, map and hot-spot pages at growing sizes, against the landed code.

    .venv/bin/python bench/diagnosis.py                          # 1k and 10k, SQLite
    .venv/bin/python bench/diagnosis.py --sizes 1000,10000,100000 --db both
    .venv/bin/python bench/diagnosis.py --ref /tmp/diag_ref      # side by side

For each database and size, a fresh database gets one city with a safety audit, a
victimization survey and incident reports of ``n`` submissions each (bulk-inserted, as an
import would). A visitor then requests, through Django's test client, the diagnosis page of
each, the map data (``map.json``) and the hot-spot page: server milliseconds (median of 3
requests after a first one) and kilobytes transferred (page plus map data). With the stored
results of this branch, ``recompute_s`` is the time of the task run after the data changed
(``results.refresh``), i.e. the recomputation after an import; the first request after it
reads stored results. ``--ref`` runs the same measurement on another source tree (e.g. the
landed code: ``git archive main | tar -x -C /tmp/diag_ref``), where every request computes.

Last lines: ``diagnosis: code=… db=… n=… kind=… page_ms=… map_ms=… hot_ms=… kb=… recompute_s=…``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path("/tmp/bench_diagnosis.sqlite3")
PG_URL = "postgres://postgres@127.0.0.1:5432"
PG_DB = "bench_diagnosis"

CHILD = r"""
import json, os, statistics, sys, time, random, uuid
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from django.utils import timezone
from safercities.places.models import City
from safercities.diagnosis.models import Submission
from safercities.diagnosis.services import create_assessment
from safercities.toolkit.models import ToolVersion
from safercities.diagnosis.tests.conftest import audit_answers, survey_answers, incident_answers
from safercities.diagnosis.records import json_answers, profile_columns

n = int(sys.argv[1])
rng = random.Random(1)
city = City.objects.create(slug="bench", name="Bench City", country_id="TH", population=1_000_000,
                           latitude=13.75, longitude=100.5)
results = []

def make(kind, slug):
    a = create_assessment(None, city=city, tool_version=ToolVersion.objects.generic(slug),
                          title=f"Bench {kind}", start=timezone.localdate())
    objects = []
    for i in range(n):
        lat, lon = 13.70 + rng.random() * 0.1, 100.45 + rng.random() * 0.1
        if kind == "audit":
            answers = audit_answers(rng.randint(0, 3), lat, lon)
        elif kind == "survey":
            answers = survey_answers(
                sex=rng.choice(["female", "male"]), settlement=rng.choice(["informal", "formal"]),
                age=rng.choice(["age_16_24", "age_25_34", "age_35_44", "age_45_54"]),
                robbery=rng.choice(["yes", "no", "no", "no"]),
                theft_personal=rng.choice(["yes", "no", "no"]))
        else:
            answers = incident_answers(rng.choice(["theft", "harassment", "assault"]), lat, lon)
        answers = json_answers(answers)
        point = answers.get("location")
        sex, age, settlement, category = profile_columns(answers)
        objects.append(Submission(
            assessment=a, uuid=str(uuid.UUID(int=rng.getrandbits(128))),
            submitted_at=timezone.now(),
            source="kobo", answers=answers,
            latitude=point[0] if point else None, longitude=point[1] if point else None,
            sex=sex, age_band=age, settlement_type=settlement, category=category,
            weight=rng.uniform(0.5, 2) if kind == "survey" else None))
    Submission.objects.bulk_create(objects, batch_size=2000)
    return a

for kind, slug in (("audit", "womens-safety-audit"), ("survey", "victimization-survey"),
                   ("incidents", "incident-report")):
    a = make(kind, slug)
    recompute = None
    try:
        from safercities.diagnosis import results as stored
        started = time.perf_counter()
        stored.refresh(a)
        recompute = time.perf_counter() - started
    except ImportError:
        pass
    client = Client()
    def timed(url):
        client.get(url)
        times, size = [], 0
        for _ in range(3):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            size = len(response.content)
            assert response.status_code == 200, (url, response.status_code)
        return statistics.median(times), size
    page_ms, page_b = timed(f"/diagnosis/{a.pk}/")
    if kind == "survey":
        map_ms, map_b, hot_ms, hot_b = 0.0, 0, 0.0, 0
    else:
        map_ms, map_b = timed(f"/diagnosis/{a.pk}/map.json")
        hot_ms, hot_b = timed(f"/diagnosis/{a.pk}/hotspots/")
    results.append({"kind": kind, "page_ms": round(page_ms, 1), "map_ms": round(map_ms, 1),
                    "hot_ms": round(hot_ms, 1),
                    "kb": round((page_b + map_b) / 1024, 1), "hot_kb": round(hot_b / 1024, 1),
                    "recompute_s": None if recompute is None else round(recompute, 2)})
print("RESULT " + json.dumps(results))
"""


def database_url(db: str, pg_url: str) -> str:
    return f"sqlite:///{SQLITE_PATH}" if db == "sqlite" else f"{pg_url}/{PG_DB}"


def fresh_database(db: str, pg_url: str) -> None:
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
        conn.execute(f"CREATE DATABASE {PG_DB}")


def run(code: Path, db: str, n: int, pg_url: str) -> list[dict]:
    fresh_database(db, pg_url)
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="safercities.settings", PYTHONHASHSEED="0")
    env.update(SAFERCITIES_ENV="test", TASKS_IMMEDIATE="1")  # plain static files, no mail
    env["DATABASE_URL"] = database_url(db, pg_url)
    env["PYTHONPATH"] = str(code)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(n)],
        cwd=code,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in out.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit(f"benchmark child failed:\n{out.stderr[-3000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--ref", type=Path, help="source tree of the reference (landed) code")
    args = parser.parse_args()
    dbs = ("sqlite", "postgres") if args.db == "both" else (args.db,)
    codes = [("branch", ROOT)] + ([("landed", args.ref)] if args.ref else [])
    for db in dbs:
        for n in (int(s) for s in args.sizes.split(",")):
            for label, code in codes:
                for r in run(code, db, n, args.pg_url):
                    print(
                        f"diagnosis: code={label} db={db} n={n} kind={r['kind']} "
                        f"page_ms={r['page_ms']} map_ms={r['map_ms']} hot_ms={r['hot_ms']} "
                        f"kb={r['kb']} hot_kb={r['hot_kb']} recompute_s={r['recompute_s']}",
                        flush=True,
                    )
    if args.db != "sqlite":
        fresh_database("sqlite", args.pg_url)


if __name__ == "__main__":
    main()
