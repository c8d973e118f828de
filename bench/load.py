"""Load test: the Hub on gunicorn + PostgreSQL under a realistic mix (locust, headless).

    .venv/bin/python bench/load.py                       # 10 minutes, 60 users
    .venv/bin/python bench/load.py --duration 180 --users 30 --rows 50000

Sets up a fresh PostgreSQL database ``bench_load`` on 127.0.0.1 (dropped afterwards), applies
the migrations, loads the demo data, writes a synthetic KoboToolbox export of ``--rows`` rows,
starts the Hub with ``manage.py serve`` (gunicorn ``--web-workers`` processes, ``--task-workers``
task workers) on 127.0.0.1 only, and runs ``bench/locustfile.py`` headless for ``--duration``
seconds: visitors reading and searching in six languages, signed-in members (reads and a
profile write), one city team importing the export. Prints, per page kind: requests,
failures, median, p95, p99 and max (ms), then the import's outcome from the database.
Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def manage(env: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, **kwargs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=600, help="seconds of load")
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--rows", type=int, default=50_000, help="rows in the team's import")
    parser.add_argument("--port", type=int, default=8111)
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--task-workers", type=int, default=2)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db", default="bench_load")
    args = parser.parse_args()

    import psycopg

    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{args.db}"')
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "safercities.settings",
        # Production minus HTTPS (locust speaks plain HTTP on loopback; secure cookies would
        # not come back): development profile, DEBUG off, database queue and cache.
        "SAFERCITIES_ENV": "development",
        "DEBUG": "0",
        "DATABASE_URL": f"{args.pg_url}/{args.db}",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "ACCESS_LOG_LEVEL": "WARNING",
    }
    env.pop("TASKS_IMMEDIATE", None)
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable")
    manage(env, "load_demo", stdout=subprocess.DEVNULL)
    info = manage(
        env,
        "shell",
        "-c",
        "from safercities.places.models import City;"
        "from safercities.diagnosis.models import Assessment;"
        "a = Assessment.objects.filter(city__slug='bangkok', tool_version__tool__slug="
        "'womens-safety-audit').order_by('pk').first();"
        "print('BENCH', a.pk, ','.join(City.objects.pilots().values_list('slug', flat=True)))",
        capture_output=True,
    ).stdout
    _, assessment, cities = next(
        line for line in info.splitlines() if line.startswith("BENCH")
    ).split()
    export = work / "export.csv"
    manage(
        env,
        "shell",
        "-c",
        "from safercities.instruments.generic import generic_instrument;"
        "from safercities.instruments.synthetic import synthetic_kobo_csv;"
        f"open({str(export)!r}, 'w').write(synthetic_kobo_csv("
        f"generic_instrument('womens-safety-audit'), {args.rows}, 7, delimiter=';'))",
        capture_output=True,
    )
    print(
        f"set up in {time.monotonic() - started:.0f} s: assessment {assessment}, "
        f"cities {cities}, export {export.stat().st_size / 1e6:.1f} MB"
    )

    server = subprocess.Popen(
        [PY, "manage.py", "serve", "--port", str(args.port), "--web-workers",
         str(args.web_workers), "--task-workers", str(args.task_workers)],
        cwd=ROOT, env=env, stdout=(work / "serve.log").open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).read()  # noqa: S310
                break
            except OSError:
                time.sleep(1)
        locust_env = {
            **os.environ,
            "BENCH_CITIES": cities,
            "BENCH_ASSESSMENT": assessment,
            "BENCH_IMPORT_FILE": str(export),
            "BENCH_IMPORT_ROWS": str(args.rows),
        }
        subprocess.run(
            [str(Path(PY).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"),
             "--headless", "--host", base, "-u", str(args.users), "-r", str(args.spawn_rate),
             "-t", f"{args.duration}s", "--csv", str(work / "stats"), "--only-summary",
             "--stop-timeout", "30", "--loglevel", "WARNING"],
            env=locust_env, check=False, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        outcome = manage(
            env,
            "shell",
            "-c",
            "from safercities.diagnosis.models import ImportJob;"
            "j = ImportJob.objects.order_by('-pk').first();"
            "print('JOB', j and j.status, j and j.created_count,"
            " j and j.finished_at and round((j.finished_at - j.created_at).total_seconds()))",
            capture_output=True,
        ).stdout
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=90)
        with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')

    print(
        f"\nload: users={args.users} duration={args.duration}s web_workers={args.web_workers} "
        f"task_workers={args.task_workers} rows={args.rows}"
    )
    print(
        f"{'page kind':<38}{'reqs':>7}{'fail':>6}{'p50':>7}{'p95':>7}{'p99':>7}{'max':>8}{'rps':>7}"
    )
    with (work / "stats_stats.csv").open() as handle:
        for row in csv.DictReader(handle):
            print(
                f"{row['Name'][:37]:<38}{row['Request Count']:>7}{row['Failure Count']:>6}"
                f"{row['50%']:>7}{row['95%']:>7}{row['99%']:>7}"
                f"{float(row['Max Response Time']):>8.0f}{float(row['Requests/s']):>7.1f}"
            )
    failures = (work / "stats_failures.csv").read_text().strip().splitlines()[1:]
    for line in failures[:10]:
        print("failure:", line)
    job = next((line for line in outcome.splitlines() if line.startswith("JOB")), "JOB ?")
    print(f"import: {job} (status, submissions created, seconds from upload to done)")
    print(f"files in {work}")


if __name__ == "__main__":
    main()
