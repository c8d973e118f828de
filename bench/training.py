"""Registration burst: N people sign up at once for an event with S seats (default 200 for
100). Checks it never over-books (seats taken = confirmed = S, the rest waiting) and reports
sign-ups per second on SQLite (file, WAL as configured) and PostgreSQL.

    .venv/bin/python bench/training.py [--db sqlite|postgres|both] [--people 200] [--seats 100]
        [--threads 50] [--pg-url URL]

PostgreSQL: ``--pg-url`` (default ``$BENCH_PG_URL`` or a ``bench_training`` database, created
when missing). Only the benchmark's own rows are deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from _setup import child_environment, ensure_database

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path("/tmp/bench_training.sqlite3")
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/bench_training")
EMAIL_DOMAIN = "bench-training.invalid"


def run_parent(args) -> None:
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    print(f"load average: {os.getloadavg()[0]:.2f} (2-core machine shared with other work)")
    rows = []
    for db in dbs:
        if db == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        else:
            ensure_database(args.pg_url)
        done = subprocess.run(
            [sys.executable, __file__, "--child", db, "--people", str(args.people),
             "--seats", str(args.seats), "--threads", str(args.threads)],
            env=child_environment(db, args.pg_url, SQLITE_PATH), cwd=ROOT, capture_output=True,
            text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            print(done.stdout, done.stderr[-4000:], file=sys.stderr)
            raise SystemExit(f"benchmark child for {db} failed")
        rows += [json.loads(x[7:]) for x in done.stdout.splitlines() if x.startswith("RESULT ")]
    print("| database | people | seats | threads | confirmed | waiting | errors | sign-ups/s |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['db']} | {r['people']} | {r['seats']} | {r['threads']} | {r['confirmed']} "
            f"| {r['waiting']} | {r['errors']} | {r['per_s']:,.0f} |"
        )
    for r in rows:
        print(
            f"training: db={r['db']} people={r['people']} seats={r['seats']} "
            f"confirmed={r['confirmed']} seats_taken={r['seats_taken']} per_s={r['per_s']:.0f}"
        )
        if r["confirmed"] > r["seats"] or r["seats_taken"] != r["confirmed"]:
            raise SystemExit("OVER-BOOKED")


def run_child(db: str, people: int, seats: int, threads: int) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from safercities.accounts.models import User
    from safercities.training import services
    from safercities.training.enums import RegistrationStatus
    from safercities.training.models import Event

    User.objects.filter(email__endswith=EMAIL_DOMAIN).delete()
    Event.objects.filter(slug="bench-burst").delete()
    organiser = User.objects.create_user(email=f"organiser@{EMAIL_DOMAIN}", is_trainer=True)
    start = timezone.now() + timedelta(days=3)
    event = services.save_event(
        organiser, None,
        {"slug": "bench-burst", "title": "Benchmark burst", "kind": "webinar",
         "starts_at": start, "ends_at": start + timedelta(hours=2),
         "online_url": "https://example.org/bench", "capacity": seats},
    )  # fmt: skip
    User.objects.bulk_create([User(email=f"p{i}@{EMAIL_DOMAIN}") for i in range(people)])
    users = list(User.objects.filter(email__startswith="p", email__endswith=EMAIL_DOMAIN))
    chunks = [users[i::threads] for i in range(threads)]
    barrier = threading.Barrier(threads)
    errors = []

    def work(chunk):
        barrier.wait()
        for user in chunk:
            for _attempt in range(20):
                try:
                    services.register(user, Event.objects.get(pk=event.pk))
                    break
                except Exception as error:  # noqa: BLE001 - SQLite busy: retry, count the rest
                    if "locked" not in str(error):
                        errors.append(repr(error))
                        break
                    time.sleep(0.05)
            else:
                errors.append("database locked 20 times")
        connection.close()

    workers = [threading.Thread(target=work, args=(c,)) for c in chunks]
    began = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - began
    event.refresh_from_db()
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING).count()
    result = {
        "db": connection.vendor, "people": people, "seats": seats, "threads": threads,
        "confirmed": confirmed, "waiting": waiting, "seats_taken": event.seats_taken,
        "errors": len(errors), "per_s": (confirmed + waiting) / elapsed,
    }  # fmt: skip
    print("RESULT " + json.dumps(result))
    Event.objects.filter(slug="bench-burst").delete()
    User.objects.filter(email__endswith=EMAIL_DOMAIN).delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--threads", type=int, default=50)
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--child", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    if args.child:
        run_child(args.child, args.people, args.seats, args.threads)
    else:
        run_parent(args)


if __name__ == "__main__":
    main()
