"""Case list benchmark: fill the configured database with N synthetic cases (bulk path, no audit per
row) and time the case list page with filters through the Django test client.

Run on SQLite (200,000 cases):
    FANZHA_ENV=development FANZHA_DATABASE_URL=sqlite:///var/bench-cases.sqlite3 \\
        .venv/bin/python bench/bench_cases.py --cases 200000
Run on PostgreSQL (1,000,000 cases):
    FANZHA_ENV=development FANZHA_DATABASE_URL=postgres://fanzha:…@localhost/fanzha_bench \\
        .venv/bin/python bench/bench_cases.py --cases 1000000

The script migrates, creates a small org tree if the database has none (a city, 6 districts, 30
stations, ~120 communities, 8 banks), tops the cases up to --cases, then requests each scenario
--repeat times as an admin (sees everything), a district analyst and a station officer.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanzha.settings")
os.environ.setdefault("FANZHA_ENV", "development")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from fanzha.accounts.models import User  # noqa: E402
from fanzha.cases import bulk  # noqa: E402
from fanzha.cases.models import Case  # noqa: E402
from fanzha.org.choices import UnitKind  # noqa: E402
from fanzha.org.models import OrgUnit  # noqa: E402


def ensure_tree() -> None:
    if OrgUnit.objects.filter(kind=UnitKind.COMMUNITY).exists():
        return
    city = OrgUnit.objects.create(code="C0", name="示例市公安局反诈中心", kind=UnitKind.CITY)
    for d in range(1, 7):
        district = OrgUnit.objects.create(
            code=f"D{d:02d}", name=f"第{d}分局", kind=UnitKind.DISTRICT, parent=city
        )
        for s in range(1, 6):
            station = OrgUnit.objects.create(
                code=f"D{d:02d}S{s:02d}", name=f"第{d}-{s}派出所", kind=UnitKind.STATION, parent=district
            )
            for c in range(1, 5):
                OrgUnit.objects.create(
                    code=f"{station.code}C{c:02d}",
                    name=f"{station.name}{c}社区",
                    kind=UnitKind.COMMUNITY,
                    parent=station,
                )
    for b in range(1, 9):
        OrgUnit.objects.create(code=f"BK{b:02d}", name=f"银行{b}", kind=UnitKind.BANK)


def ensure_user(username: str, role: str, unit_code: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create(username=username, role=role, unit=OrgUnit.objects.get(code=unit_code))
    return user


def fill(target: int) -> float:
    have = Case.objects.count()
    if have >= target:
        return 0.0
    started = time.perf_counter()
    seed = random.Random(have + 1)
    bulk.generate(target - have, seed, batch=5000, lean=True, log=print if target - have > 20000 else None)
    return time.perf_counter() - started


def scenarios() -> dict[str, str]:
    today = timezone.localdate()
    month_ago = (today - timedelta(days=30)).isoformat()
    return {
        "first page, no filter": "/cases/",
        "status=investigating": "/cases/?status=investigating",
        "fraud type + date range": f"/cases/?fraud_type=investment&date_from={month_ago}&date_to={today}",
        "station + status": "/cases/?station=D01S01&status=filed",
        "sorted by loss, page 50": "/cases/?sort=-loss&page=50",
        "case number search": "/cases/?q=AJ20250101ABCDEFGH",
        "victim name search": "/cases/?q=王伟",
        "narrative words + type": "/cases/?text=安全账户&fraud_type=impersonate_police",
    }


def measure(client: Client, url: str, repeat: int) -> tuple[float, float]:
    client.get(url)  # warm the connection and the template cache
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=40)
    args = ap.parse_args()
    call_command("migrate", verbosity=0)
    ensure_tree()
    fill_s = fill(args.cases)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"database: {connection.vendor}")  # fmt: skip
    print(f"cases: {Case.objects.count()} (generated now in {fill_s:.0f} s)")
    personas = {
        "admin (all)": ensure_user("bench_admin", "admin", "C0"),
        "district": ensure_user("bench_district", "district_analyst", "D01"),
        "station": ensure_user("bench_station", "station_officer", "D01S01"),
    }
    for who, user in personas.items():
        client = Client()
        client.force_login(user)
        for name, url in scenarios().items():
            p50, p95 = measure(client, url, args.repeat)
            print(f"{who:12} {name:28} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
