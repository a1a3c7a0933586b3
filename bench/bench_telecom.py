"""Benchmark the call-record generator and the DuckDB scan.

Usage: ``.venv/bin/python bench/bench_telecom.py --rows 10000000 [--engine duckdb] [--dir /tmp/x]``
Each phase runs in its own process so that its peak RSS is measured alone.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CALLS_PER_SUBSCRIBER_DAY = 4.0  # measured on the generator's default mix


def phase(args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in GiB) of ``python -m fanzha.telecom.analytics <args>``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "fanzha.telecom.analytics", *args], check=True)
    wall = time.perf_counter() - t0
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return wall, peak / 1024 / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=2_000_000)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--engine", default="duckdb")
    ap.add_argument("--dir", type=Path, default=None)
    a = ap.parse_args()
    subs = max(100, round(a.rows / (a.days * CALLS_PER_SUBSCRIBER_DAY)))
    with tempfile.TemporaryDirectory(prefix="bench-telecom-", dir=a.dir) as tmp:
        data, out = Path(tmp) / "in", Path(tmp) / "out"
        gen = [
            "generate",
            "--subscribers",
            str(subs),
            "--days",
            str(a.days),
            "--seed",
            "1",
            "--out",
            str(data),
        ]
        g_wall, g_rss = phase(gen)
        s_wall, s_rss = phase(["scan", "--input", str(data), "--out", str(out), "--engine", a.engine])
        report = json.loads((out / "scan_report.json").read_text())
    rows = report["rows"]["calls"]
    result = {
        "subscribers": subs,
        "days": a.days,
        "call_rows": rows,
        "generate": {
            "wall_s": round(g_wall, 1),
            "rows_per_s": round(rows / g_wall),
            "peak_rss_gib": round(g_rss, 2),
        },
        "scan": {
            "engine": a.engine,
            "wall_s": round(s_wall, 1),
            "rows_per_s": round(rows / s_wall),
            "peak_rss_gib": round(s_rss, 2),
            "features_s": report["seconds"]["features"],
        },
        "extrapolated_100M_rows_min": {
            "generate": round(1e8 / rows * g_wall / 60, 1),
            "scan": round(1e8 / rows * s_wall / 60, 1),
        },
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
