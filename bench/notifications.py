"""Benchmark: notification fan-out and digest generation, SQLite and PostgreSQL.

    .venv/bin/python bench/notifications.py                      # 1,000 and 10,000, both DBs
    .venv/bin/python bench/notifications.py --db sqlite --sizes 500,2000

Fan-out: one event told to N followers with the Hub's ``notify_many`` (batches of 1,000:
one query for the users, one for their preferences, one bulk insert), against the
reference a first version would write — ``notify()`` called once per follower (a preference
lookup and an INSERT per row). 10 % of the followers chose a daily digest, 5 % turned the
kind off (both paths honour that). Figure: notifications stored per second.

Digests: N members who chose a weekly digest, with 3 notifications each (one of them in a
language they do not read), through ``send_digests("weekly")`` — claim rows inserted in
bulk, notifications attached with one UPDATE, mail rendered in each member's language and
handed to the mail task (immediate task backend, in-memory mail backend, so rendering and
"sending" are inside the timing) — against a per-member reference loop (claim with
``get_or_create``, load that member's notifications, render and send, mark them listed).
Figure: members per second.

Databases: a fresh SQLite file /tmp/bench_notifications.sqlite3, and the PostgreSQL database
``--pg-url`` (default ``$BENCH_PG_URL`` or ``bench_notifications`` on 127.0.0.1, created when
missing and migrated; only rows the benchmark created are deleted afterwards, so an existing
database may be used). Each database runs in a child process.

Last line per database and size: ``notifications: db=… n=… fanout_per_s=… digest_members_per_s=…``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from _setup import child_environment, ensure_database

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path("/tmp/bench_notifications.sqlite3")
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/bench_notifications")
EMAIL_DOMAIN = "bench-notifications.invalid"


def run_parent(args) -> None:
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    print(f"load average: {os.getloadavg()[0]:.2f} (2-core machine shared with other work)")
    header = (
        "| database | n | notify_many /s | per-row notify /s | speed-up "
        "| send_digests members/s | per-member loop members/s | speed-up |"
    )
    rows = []
    for db in dbs:
        if db == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        else:
            ensure_database(args.pg_url)
        done = subprocess.run(
            [sys.executable, __file__, "--child", db, "--sizes", args.sizes],
            env=child_environment(db, args.pg_url, SQLITE_PATH),
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(done.stdout, done.stderr[-4000:], file=sys.stderr)
            raise SystemExit(f"benchmark child for {db} failed")
        for line in done.stdout.splitlines():
            if line.startswith("RESULT "):
                rows.append(json.loads(line[7:]))
    print(header)
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['db']} | {r['n']:,} | {r['fanout']:,.0f} | {r['fanout_ref']:,.0f} "
            f"| {r['fanout'] / r['fanout_ref']:.1f}× | {r['digest']:,.0f} | {r['digest_ref']:,.0f} "
            f"| {r['digest'] / r['digest_ref']:.1f}× |"
        )
    for r in rows:
        print(
            f"notifications: db={r['db']} n={r['n']} fanout_per_s={r['fanout']:.0f} "
            f"fanout_ref_per_s={r['fanout_ref']:.0f} digest_members_per_s={r['digest']:.0f} "
            f"digest_ref_members_per_s={r['digest_ref']:.0f}"
        )


# --- child: one database ------------------------------------------------------------------


def run_child(db: str, sizes: list[int]) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.utils.translation import gettext as _

    from safercities.notifications import registry

    registry.register(
        "bench.reply",
        label="Replies (benchmark)",
        message=lambda n: _("News about “%(title)s”.") % {"title": n.title},
        default_delivery="site",
    )
    registry.register(
        "bench.digest",
        label="Digest (benchmark)",
        message=lambda n: _("News about “%(title)s”.") % {"title": n.title},
        default_delivery="weekly",
    )
    warm_up()
    try:
        for n in sizes:
            result = {"db": "sqlite" if db == "sqlite" else "postgresql", "n": n}
            result.update(measure(n))
            print("RESULT " + json.dumps(result), flush=True)
    finally:
        cleanup()


def warm_up() -> None:
    """Load the URLconf, templates and catalogs once, as a running worker has them."""
    from django.template.loader import get_template
    from django.urls import reverse
    from django.utils import translation

    reverse("notifications:list")
    get_template("notifications/mail/digest.txt")
    for code in ("th", "km", "vi", "id", "zh-hans"):
        with translation.override(code):
            translation.gettext("News about “%(title)s”.")
    ids = make_members(50)
    from safercities.notifications.digests import send_digests
    from safercities.notifications.services import notify_many

    notify_many(ids, "bench.digest", data={"title": "warm"}, language="th")
    send_digests("weekly")
    cleanup()


def cleanup() -> None:
    from safercities.accounts.models import User
    from safercities.notifications.models import Digest, Notification

    Notification.objects.filter(verb__startswith="bench.").delete()
    Digest.objects.filter(user__email__endswith="@" + EMAIL_DOMAIN).delete()
    User.objects.filter(email__endswith="@" + EMAIL_DOMAIN).delete()


def make_members(n: int) -> list[int]:
    from django.contrib.auth.hashers import make_password

    from safercities.accounts.models import User
    from safercities.notifications.models import Preference

    cleanup()
    password = make_password(None)
    languages = [["th", "en"], ["km"], ["vi", "en"], ["id"], ["zh-Hans"]]
    ui = ["th", "km", "vi", "id", "zh-hans"]
    User.objects.bulk_create(
        [
            User(
                email=f"m{i}@{EMAIL_DOMAIN}",
                name=f"Bench Member {i}",
                password=password,
                languages=languages[i % 5],
                ui_language=ui[i % 5],
            )
            for i in range(n)
        ],
        batch_size=1000,
    )
    ids = list(User.objects.filter(email__endswith="@" + EMAIL_DOMAIN).values_list("pk", flat=True))
    prefs = []
    for index, pk in enumerate(ids):
        if index % 20 == 0:
            prefs.append(Preference(user_id=pk, verb="bench.reply", delivery="off"))
        elif index % 10 == 1:
            prefs.append(Preference(user_id=pk, verb="bench.reply", delivery="daily"))
    Preference.objects.bulk_create(prefs, batch_size=1000)
    return ids


def measure(n: int) -> dict[str, float]:
    from django.core import mail

    from safercities.accounts.models import User
    from safercities.notifications.digests import send_digests
    from safercities.notifications.models import Digest, Notification
    from safercities.notifications.services import notify, notify_many

    ids = make_members(n)
    expected = n - len(range(0, n, 20))

    started = time.perf_counter()
    stored = notify_many(ids, "bench.reply", data={"title": "Lit lanes"}, language="th")
    fanout_s = time.perf_counter() - started
    assert stored == expected, (stored, expected)
    Notification.objects.filter(verb="bench.reply").delete()

    people = list(User.objects.filter(pk__in=ids))
    started = time.perf_counter()
    stored_ref = sum(
        1
        for person in people
        if notify(person, "bench.reply", data={"title": "Lit lanes"}, language="th")
    )
    fanout_ref_s = time.perf_counter() - started
    assert stored_ref == expected
    Notification.objects.filter(verb="bench.reply").delete()

    # digests: 3 notifications per member, one in Khmer (read by a fifth of them)
    def fill() -> None:
        Notification.objects.filter(verb="bench.digest").delete()
        Digest.objects.filter(user_id__in=ids).delete()
        for title, language in (("ทางเดินสว่าง", "th"), ("Lit lanes", "en"), ("ផ្លូវភ្លឺ", "km")):
            notify_many(ids, "bench.digest", data={"title": title}, language=language)
        mail.outbox = []

    fill()
    started = time.perf_counter()
    run = send_digests("weekly")
    digest_s = time.perf_counter() - started
    assert run.members == n, (run.members, n)
    sent = len(mail.outbox)

    fill()
    started = time.perf_counter()
    reference_digests(ids)
    digest_ref_s = time.perf_counter() - started
    assert len(mail.outbox) == sent, (len(mail.outbox), sent)
    cleanup()
    return {
        "fanout": expected / fanout_s,
        "fanout_ref": expected / fanout_ref_s,
        "digest": n / digest_s,
        "digest_ref": n / digest_ref_s,
    }


def reference_digests(ids: list[int]) -> None:
    """The obvious per-member loop, doing the same work as ``send_digests``."""
    from django.db import transaction
    from django.template.loader import render_to_string
    from django.utils import timezone, translation

    from safercities.accounts.models import User
    from safercities.core.tasks import send_email
    from safercities.notifications.digests import period_start, reads
    from safercities.notifications.mail import unsubscribe_headers, unsubscribe_url
    from safercities.notifications.models import Digest, Notification

    start = period_start("weekly", timezone.localdate())
    for user in User.objects.filter(pk__in=ids):
        with transaction.atomic():
            digest, created = Digest.objects.get_or_create(
                user=user, frequency="weekly", period_start=start, defaults={"claim": "ref"}
            )
            if not created:
                continue
            waiting = list(
                Notification.objects.filter(
                    recipient=user, delivery="weekly", digest__isnull=True
                ).select_related("actor")
            )
            readable = user.languages or [user.ui_language or "en"]
            items = [x for x in waiting if reads(x.language, readable)]
            Notification.objects.filter(pk__in=[x.pk for x in waiting]).update(digest=digest)
            if not items:
                continue
            link = unsubscribe_url(user.pk, "digest:weekly")
            with translation.override(user.ui_language or "en"):
                body = render_to_string(
                    "notifications/mail/digest.txt",
                    {
                        "name": user.name,
                        "items": [{"message": x.message, "link": x.url} for x in items],
                        "other_languages": len(waiting) - len(items),
                        "unsubscribe": link,
                    },
                )
            send_email.enqueue(
                subject="digest", body=body, to=[user.email], headers=unsubscribe_headers(link)
            )
            digest.sent_at = timezone.now()
            digest.listed = len(items)
            digest.save(update_fields=["sent_at", "listed"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated member counts")
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child, [int(s) for s in args.sizes.split(",")])
    else:
        run_parent(args)


if __name__ == "__main__":
    main()
