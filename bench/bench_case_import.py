"""Case import benchmark: build a realistic N-row case import file (.xlsx, one row per payment, as the
template defines) and time the import end to end through the service the page uses
(`importer.import_cases`, which runs `excel.run_import`), with wall time and peak memory.

Run (100,000 rows; a fresh SQLite file is created and migrated):
    FANZHA_DATABASE_URL=sqlite:////tmp/bench-case-import.sqlite3 \\
        .venv/bin/python bench/bench_case_import.py --rows 100000

Rows come from the demo builders (`fanzha.cases.bulk`): plausible types, victims, losses and
payments (a case has 1 to 6 payments, so 100,000 rows are about 65,000 cases). --untyped of the cases
leave 诈骗类型 empty (the detector suggests one), --bad of the rows carry an invalid ID number.
Each import runs in a child process, so its peak RSS is the import's own:
  1. mode "all" on the file with errors: everything is validated, nothing is saved;
  2. mode "valid": the valid rows are saved (creates the cases);
  3. mode "valid" again: the same file re-imported updates the same cases (idempotent).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("FANZHA_ENV", "development")
os.environ.setdefault("FANZHA_DEBUG", "false")  # DEBUG keeps every SQL statement in memory
os.environ.setdefault("FANZHA_DATABASE_URL", "sqlite:////tmp/bench-case-import.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanzha.settings")

import django

django.setup()

from bench_cases import ensure_tree  # noqa: E402  (same folder; the same unit tree)
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from fanzha.accounts.models import User  # noqa: E402
from fanzha.cases import bulk, importer  # noqa: E402
from fanzha.cases.choices import ContactChannel, PaymentChannel  # noqa: E402
from fanzha.cases.models import Case, Payment  # noqa: E402
from fanzha.cases.present import type_name  # noqa: E402
from fanzha.org.models import OrgUnit  # noqa: E402

CONTACT_NAMES = dict(ContactChannel.choices)
CHANNEL_NAMES = dict(PaymentChannel.choices)
EDUCATION_NAMES = {
    "junior": "初中",
    "senior": "高中/中专",
    "college": "大专",
    "bachelor": "本科",
    "graduate": "研究生",
}


def _local(value: datetime) -> datetime:
    return timezone.localtime(value).replace(tzinfo=None, microsecond=0)


def _rows(draft: bulk.Draft, ref: str, typed: bool, bad: bool) -> list[list[Any]]:
    case, victim = draft.case, draft.victim
    head = {
        "source_ref": ref,
        "reported_at": _local(case.reported_at),
        "incident_at": _local(case.incident_at),
        "contact_channel": CONTACT_NAMES[case.contact_channel],
        "fraud_type": type_name(case.fraud_type) if typed else None,
        "narrative": case.narrative,
        "victim_name": victim.name,
        "victim_id_number": victim.id_number[:-1] + ("0" if victim.id_number[-1] != "0" else "1")
        if bad
        else victim.id_number,
        "victim_phone": victim.phone,
        "victim_occupation": victim.occupation,
        "victim_education": EDUCATION_NAMES.get(victim.education, ""),
        "victim_community": victim.community.code,
    }
    out = []
    for p in draft.payments or [None]:
        row = dict(head)
        if p is not None:
            row |= {
                "paid_at": _local(p.paid_at),
                "amount_yuan": float(p.amount_yuan),
                "channel": CHANNEL_NAMES[p.channel],
                "from_account": p.from_account or None,
                "to_account": p.to_account or None,
                "to_name": p.to_name or None,
                "to_bank": p.to_bank.code if p.to_bank else None,
            }
        out.append([row.get(c.key) for c in importer.CASE_SHEET.columns])
    return out


def build_file(path: Path, rows: int, untyped: float, bad: float, seed: int) -> tuple[int, int]:
    """Writes the file (write-only workbook, constant memory); returns (rows, cases)."""
    rng = random.Random(seed)
    world = bulk.load_world(rng)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(importer.CASE_SHEET.title)
    ws.append([c.header for c in importer.CASE_SHEET.columns])
    written = cases = 0
    for draft in bulk.drafts(rng, world, rows):
        block = _rows(draft, f"110-{cases + 1:07d}", rng.random() >= untyped, rng.random() < bad)
        for row in block[: rows - written]:
            ws.append(row)
        written += len(block[: rows - written])
        cases += 1
        if written >= rows:
            break
    wb.save(path)
    return written, cases


def child(path: str, mode: str) -> None:
    """One import, in its own process: prints wall time, peak RSS and the result as JSON."""
    user = User.objects.get(username="bench_import")
    started = time.perf_counter()
    with open(path, "rb") as file:
        result = importer.import_cases(user, file, mode)
    wall = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "mode": mode,
                "wall_s": round(wall, 1),
                "peak_rss_mb": round(peak_mb),
                "rows": result.total,
                "created": result.created,
                "updated": result.updated,
                "problems": len(result.problems),
                "saved": result.saved,
            }
        )
    )


def run_child(path: Path, mode: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path), "--mode", mode],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--untyped", type=float, default=0.2, help="share of cases without 诈骗类型")
    ap.add_argument("--bad", type=float, default=0.01, help="share of cases with an invalid ID number")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--file", default="/tmp/bench-case-import.xlsx")
    ap.add_argument("--reuse", action="store_true", help="use --file as it is when it exists")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--mode", default="valid", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.mode)
        return
    call_command("migrate", verbosity=0)
    ensure_tree()
    if Case.objects.exists():
        sys.exit("the benchmark database already holds cases: point FANZHA_DATABASE_URL at a new file")
    User.objects.get_or_create(
        username="bench_import", defaults={"role": "admin", "unit": OrgUnit.objects.get(code="C0")}
    )
    path = Path(args.file)
    started = time.perf_counter()
    if args.reuse and path.exists():
        rows, cases = args.rows, 0
        print(f"file: reused {path}")
    else:
        rows, cases = build_file(path, args.rows, args.untyped, args.bad, args.seed)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"database: {connection.vendor}")  # fmt: skip
    if cases:
        print(f"file: {rows} rows, {cases} cases, {path.stat().st_size / 1e6:.1f} MB, "
              f"built in {time.perf_counter() - started:.0f} s")  # fmt: skip
    for mode in ("all", "valid", "valid"):
        r = run_child(path, mode)
        print(
            f"mode {r['mode']:5}  {r['wall_s']:7.1f} s  peak RSS {r['peak_rss_mb']:5} MB  rows {r['rows']}  "
            f"created {r['created']}  updated {r['updated']}  errors {r['problems']}  saved {r['saved']}"
        )
    print(f"database now: {Case.objects.count()} cases, {Payment.objects.count()} payments")


if __name__ == "__main__":
    main()
