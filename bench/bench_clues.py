"""Clue list benchmark: bulk-generate clues, then time the list, inbox and overdue pages with filters.

Run: ``.venv/bin/python bench/bench_clues.py [--clues 200000] [--runs 30]``. Uses its own SQLite file
(var/bench_clues.sqlite3) unless FANZHA_DATABASE_URL points elsewhere (PostgreSQL for the 1,000,000
target). Clues are built by the demo generator's bulk builder; existing data is reused and topped up.
Prints p50/p95 per page; docs/clues.md records them with the machine they ran on.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time
from pathlib import Path

os.environ.setdefault("FANZHA_ENV", "development")
os.environ.setdefault("FANZHA_DEBUG", "false")
_DEFAULT_DB = Path(__file__).resolve().parent.parent / "var" / "bench_clues.sqlite3"
os.environ.setdefault("FANZHA_DATABASE_URL", f"sqlite:///{_DEFAULT_DB}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanzha.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from fanzha.accounts.models import User  # noqa: E402
from fanzha.clues import demo as clue_demo  # noqa: E402
from fanzha.clues.models import Clue  # noqa: E402
from fanzha.core.context import acting_as  # noqa: E402
from fanzha.core.demo import DemoContext  # noqa: E402
from fanzha.org import demo as org_demo  # noqa: E402
from fanzha.org.models import OrgUnit  # noqa: E402

PAGES = (
    ("city_analyst", "/clues/"),
    ("city_analyst", "/clues/?status=assessing&priority=urgent"),
    ("city_analyst", "/clues/?source=carrier&overdue=true&sort=due"),
    ("city_analyst", "/clues/?q=13812345678"),
    ("city_analyst", "/clues/overdue/"),
    ("city_analyst", "/clues/inbox/"),
    ("district_analyst", "/clues/"),
    ("district_analyst", "/clues/?status=feedback&fraud_type=investment"),
    ("district_analyst", "/clues/overdue/"),
    ("station_officer", "/clues/"),
    ("station_officer", "/clues/inbox/"),
    ("station_officer", "/clues/?page=20"),
    ("city_analyst", "/api/v1/clues?box=overdue"),
)


def prepare(target: int) -> float:
    if "clues_clue" not in connection.introspection.table_names():
        call_command("migrate", verbosity=0)
    if not OrgUnit.objects.exists():
        with acting_as(channel="cli"):
            org_demo.generate(DemoContext(seed=1, rng=random.Random(1), log=lambda _: None))
    have = Clue.objects.count()
    started = time.perf_counter()
    if have < target:
        units = clue_demo.load_units()
        assert units is not None
        clue_demo.build(random.Random(have), units, target - have, timezone.now())
    with connection.cursor() as cursor:  # fresh planner statistics on either database
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def measure(runs: int) -> list[tuple[str, str, float, float, int]]:
    results = []
    for username, url in PAGES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.get(url)  # warm-up: template compilation and the taxonomy load are not what we measure
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
        results.append((username, url, statistics.median(timings), p95, len(response.content)))
    return results


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clues", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    built = prepare(args.clues)
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {connection.vendor}"
    )
    print(f"clues: {Clue.objects.count()} (generated in {built:.1f} s)")
    print(f"{'user':<18} {'page':<52} {'p50 ms':>8} {'p95 ms':>8}")
    for username, url, p50, p95, _size in measure(args.runs):
        print(f"{username:<18} {url:<52} {p50:>8.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
