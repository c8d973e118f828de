"""Benchmark: the Practitioner Network's thread page and follower fan-out, SQLite and PostgreSQL.

    .venv/bin/python bench/network.py                          # 100,000 posts, 10,000 followers
    .venv/bin/python bench/network.py --posts 20000 --followers 2000 --db sqlite

Builds N posts (one thread of 500 replies, the rest in threads of 20 across 10 spaces) and
F members watching one space, in a fresh database, then measures through the Hub's own views
(Django's test client, in process, so no network time):

* every page of the 500-reply thread: the HTML gzip-compressed, plus the page's CSS and JS
  gzip-compressed (what a first visit transfers), SQL queries per page and server time
  (median of 5 runs per page, as a member and as a visitor);
* posting a reply in the watched space: the request's time (it only queues the fan-out
  task), then the fan-out task itself run as the worker would: notifications stored per
  second.

Last line per database:
``network: db=… posts=… page_kb_max=… queries_max=… page_ms_p50=… page_ms_max=…
post_request_ms=… fanout_per_s=…``.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path("/tmp/bench_network.sqlite3")
PG_URL = "postgres://postgres@127.0.0.1:5432"


def child_environment(db: str, args) -> dict[str, str]:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="safercities.settings", PYTHONHASHSEED="0")
    env["SAFERCITIES_ENV"] = "development"
    env["TASKS_IMMEDIATE"] = "0"
    env["DATABASE_URL"] = (
        f"sqlite:///{SQLITE_PATH}" if db == "sqlite" else f"{args.pg_url}/{args.pg_db}"
    )
    return env


def fresh_database(db: str, args) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    if db == "postgresql":
        import psycopg

        with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {args.pg_db}")
            conn.execute(f"CREATE DATABASE {args.pg_db}")


def build(args):
    from django.utils import timezone

    from safercities.accounts.models import User
    from safercities.network.enums import FollowKind, FollowLevel, ThreadKind
    from safercities.network.models import Follow, Post, Space, Thread

    now = timezone.now()
    body = ("Solar lamps on the market lane worked when vendors maintained them. " * 8).strip()
    html = f"<p>{body}</p>"
    authors = User.objects.bulk_create(
        User(email=f"author{n}@bench.invalid", name=f"Author {n}", password="!", languages=["en"])
        for n in range(200)
    )
    spaces = Space.objects.bulk_create(
        Space(slug=f"space-{n}", name=f"Space {n}", kind="theme", visibility="public")
        for n in range(10)
    )
    big = Thread.objects.create(
        space=spaces[0], author=authors[0], title="Lighting a market lane: 500 replies",
        kind=ThreadKind.QUESTION, language="en", last_post_at=now, reply_count=500,
    )  # fmt: skip
    posts = [Post(thread=big, author=authors[0], is_opening=True, body=body, body_html=html,
                  language="en")]  # fmt: skip
    posts += [
        Post(thread=big, author=authors[n % 200], body=body, body_html=html, language="en")
        for n in range(500)
    ]
    remaining = max(0, args.posts - len(posts))
    per_thread = 20
    threads = Thread.objects.bulk_create(
        Thread(
            space=spaces[n % 10],
            author=authors[n % 200],
            title=f"Thread {n}",
            language="en",
            last_post_at=now,
            reply_count=per_thread - 1,
        )  # fmt: skip
        for n in range(remaining // per_thread)
    )
    Post.objects.bulk_create(posts, batch_size=2000)
    batch = []
    for thread in threads:
        for k in range(per_thread):
            batch.append(Post(thread=thread, author=authors[k % 200], is_opening=k == 0,
                              body=body, body_html=html, language="en"))  # fmt: skip
        if len(batch) >= 20000:
            Post.objects.bulk_create(batch, batch_size=2000)
            batch = []
    Post.objects.bulk_create(batch, batch_size=2000)
    followers = User.objects.bulk_create(
        (User(email=f"f{n}@bench.invalid", password="!", languages=["en"])
         for n in range(args.followers)), batch_size=2000,
    )  # fmt: skip
    Follow.objects.bulk_create(
        (Follow(user=u, kind=FollowKind.SPACE, target_id=spaces[0].pk, level=FollowLevel.WATCHING)
         for u in followers), batch_size=2000,
    )  # fmt: skip
    poster = User.objects.create_user(email="poster@bench.invalid", name="Poster", is_editor=True)
    return big, poster, authors[1]


def asset_bytes() -> int:
    static = ROOT / "safercities" / "static"
    files = [static / "css" / "site.css", static / "css" / "network.css",
             static / "vendor" / "htmx.min.js"]  # fmt: skip
    return sum(len(gzip.compress(path.read_bytes(), 6)) for path in files)


def measure_pages(big, member):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    assets = asset_bytes()
    rows = []
    for who, client in (("member", Client()), ("visitor", Client())):
        if who == "member":
            client.force_login(member)
        for page in range(1, 22):
            url = f"{big.get_absolute_url()}?page={page}"
            client.get(url)  # warm
            times, cpu = [], []
            for _ in range(5):
                with CaptureQueriesContext(connection) as queries:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    response = client.get(url)
                    times.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200, response.status_code
            html_gz = len(gzip.compress(response.content, 6))
            rows.append(
                (
                    who,
                    page,
                    html_gz,
                    html_gz + assets,
                    len(queries),
                    statistics.median(times),
                    statistics.median(cpu),
                )  # fmt: skip
            )
    return rows, assets


def measure_fanout(big, poster):
    from django.test import Client
    from django_tasks_db.models import DBTaskResult

    from safercities.network.models import Post
    from safercities.network.notices import fan_out_post
    from safercities.notifications.models import Notification

    client = Client()
    client.force_login(poster)
    url = f"/network/threads/{big.pk}/reply/"
    client.post(url, {"body": "Warm-up reply", "language": "en"})
    DBTaskResult.objects.all().delete()
    start = time.perf_counter()
    response = client.post(
        url, {"body": "Reply that 10,000 followers hear about", "language": "en"}
    )
    request_ms = (time.perf_counter() - start) * 1000
    assert response.status_code == 302, response.status_code
    queued = DBTaskResult.objects.count()
    post = Post.objects.filter(body__startswith="Reply that").get()
    before = Notification.objects.count()
    start = time.perf_counter()
    stored = fan_out_post.call(post_id=post.pk, skip=[])
    seconds = time.perf_counter() - start
    assert Notification.objects.count() - before == stored
    return request_ms, queued, stored, seconds


def run_child(args) -> None:
    import django

    django.setup()
    from django.conf import settings

    # collectstatic has not run: serve names unhashed (sizes are measured from the files)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command
    from django.db import connection

    db = connection.vendor
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    big, poster, member = build(args)
    from safercities.network.models import Post

    total = Post.objects.count()
    print(
        f"built {total} posts and {args.followers} followers in {time.perf_counter() - start:.1f} s"
    )
    rows, assets = measure_pages(big, member)
    print(f"CSS+JS gzip on a first visit: {assets / 1024:.1f} KB")
    print("who      page  html_gz_KB  first_visit_KB  queries  ms  cpu_ms")
    for who, page, html_gz, first, queries, ms, cpu in rows:
        if page in (1, 2, 10, 21):
            kb, first_kb = html_gz / 1024, first / 1024
            print(
                f"{who:<8} {page:>4}  {kb:>10.1f}  {first_kb:>14.1f}  {queries:>7}  {ms:.1f}"
                f"  {cpu:.1f}"
            )
    request_ms, queued, stored, seconds = measure_fanout(big, poster)
    print(f"posting request: {request_ms:.1f} ms, tasks queued: {queued}")
    print(f"fan-out: {stored} notifications in {seconds:.2f} s = {stored / seconds:.0f}/s")
    print(
        f"network: db={db} posts={total} page_kb_max={max(r[3] for r in rows) / 1024:.1f} "
        f"queries_max={max(r[4] for r in rows)} "
        f"page_ms_p50={statistics.median(r[5] for r in rows):.1f} "
        f"page_ms_max={max(r[5] for r in rows):.1f} "
        f"page_cpu_ms_p50={statistics.median(r[6] for r in rows):.1f} "
        f"post_request_ms={request_ms:.1f} "
        f"fanout_per_s={stored / seconds:.0f} load={os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--pg-db", default="bench_network")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        run_child(args)
        return
    chosen = ["sqlite", "postgresql"] if args.db == "both" else [
        "postgresql" if args.db == "postgres" else "sqlite"]  # fmt: skip
    for db in chosen:
        fresh_database(db, args)
        command = [sys.executable, __file__, "--child", "--posts", str(args.posts),
                   "--followers", str(args.followers), "--pg-url", args.pg_url,
                   "--pg-db", args.pg_db]  # fmt: skip
        subprocess.run(command, check=True, cwd=ROOT, env=child_environment(db, args))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
