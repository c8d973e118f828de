"""Benchmark: the pilot action-plan page and the interventions API at growing plan sizes.

    .venv/bin/python bench/pilots.py                       # 50 and 200 interventions
    .venv/bin/python bench/pilots.py --sizes 20,200 --repeat 5

A pilot with N interventions spread over N/4 problems (one objective each), 3 weighted
milestones per intervention (a third done with evidence). For each size: server time of
``GET /pilots/<city>/plan/`` and ``GET /api/v1/pilots/<city>/interventions`` through
Django's test client (best of ``--repeat``), the number of SQL queries and the KB sent.
The reference column is the smallest size: a page whose cost grows with the plan shows a
ratio near N_large / N_small; query counts must not grow at all.

Database: a fresh SQLite file /tmp/bench_pilots.sqlite3 (or ``--database-url``), migrated.
Indicators and observations (the issue's 100 indicators × 5 years) are not built yet, so they
are not in this benchmark.

Last line per size: ``pilots: n=… plan_ms=… plan_queries=… plan_kb=… api_ms=… api_queries=…``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SQLITE_PATH = Path("/tmp/bench_pilots.sqlite3")


def setup(database_url: str | None) -> None:
    if database_url is None and SQLITE_PATH.exists():
        SQLITE_PATH.unlink()
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{SQLITE_PATH}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safercities.settings")
    os.environ["SAFERCITIES_ENV"] = "test"  # plain static storage: no collectstatic needed
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(n: int):
    from django.utils import timezone

    from safercities.accounts.models import CityTeamMembership, User
    from safercities.pilots import plan, problems, services
    from safercities.pilots.models import Milestone
    from safercities.places.models import City, Country

    slug = f"bench-city-{n}"
    country = Country.objects.get(code="TH") if Country.objects.filter(code="TH").exists() else None
    city = City.objects.create(
        slug=slug, name=f"Bench {n}", country=country, population=1_000_000,
        latitude=13.7, longitude=100.5,
    )  # fmt: skip
    user = User.objects.create_user(email=f"bench{n}@bench-pilots.invalid", password="x" * 20)
    CityTeamMembership.objects.create(user=user, city=city)
    pilot = services.start_pilot(user, city, title=f"Bench pilot {n}")
    today = timezone.localdate()
    objectives = []
    for p in range(max(1, n // 4)):
        problem = problems.create_problem(user, pilot, title=f"Problem {p}", approach="social")
        objectives.append(plan.add_objective(user, problem, title=f"Objective {p}"))
    rows = []
    for i in range(n):
        intervention = plan.create_intervention(
            user, objectives[i % len(objectives)], title=f"Intervention {i}",
            approach="situational", lead_agency="Bench agency", target_groups=["women"],
        )  # fmt: skip
        for j in range(3):
            done = j == 0 and i % 3 == 0
            rows.append(
                Milestone(
                    intervention=intervention, title=f"Milestone {j}", weight=j + 1,
                    done_on=today if done else None, evidence="report" if done else "",
                )
            )  # fmt: skip
    Milestone.objects.bulk_create(rows)
    return slug


def measure(client, url: str, repeat: int) -> tuple[float, int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best = float("inf")
    queries = 0
    size = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - start
        assert response.status_code == 200, (url, response.status_code)
        best = min(best, elapsed)
        queries = len(context)
        size = len(response.content)
    return best * 1000, queries, size / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    setup(args.database_url)
    from django.test import Client

    client = Client()
    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        slug = build(n)
        plan_ms, plan_q, plan_kb = measure(client, f"/pilots/{slug}/plan/", args.repeat)
        api_ms, api_q, api_kb = measure(client, f"/api/v1/pilots/{slug}/interventions", args.repeat)
        results.append((n, plan_ms, plan_q, plan_kb, api_ms, api_q, api_kb))
    reference = results[0]
    print(f"{'n':>6} {'plan ms':>9} {'×ref':>6} {'queries':>8} {'KB':>7} "
          f"{'api ms':>8} {'×ref':>6} {'queries':>8} {'KB':>7}")  # fmt: skip
    for n, plan_ms, plan_q, plan_kb, api_ms, api_q, api_kb in results:
        print(
            f"{n:>6} {plan_ms:>9.1f} {plan_ms / reference[1]:>6.2f} {plan_q:>8} {plan_kb:>7.1f} "
            f"{api_ms:>8.1f} {api_ms / reference[4]:>6.2f} {api_q:>8} {api_kb:>7.1f}"
        )
    for n, plan_ms, plan_q, plan_kb, api_ms, api_q, _api_kb in results:
        print(
            f"pilots: n={n} plan_ms={plan_ms:.1f} plan_queries={plan_q} plan_kb={plan_kb:.1f} "
            f"api_ms={api_ms:.1f} api_queries={api_q}"
        )


if __name__ == "__main__":
    main()
