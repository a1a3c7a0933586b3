"""Benchmark the call-record generator and the DuckDB scan.

Usage: ``.venv/bin/python bench/bench_telecom.py --rows 10000000 [--engine duckdb] [--dir /tmp/x]``,
or ``--input DIR [--repeat 3]`` to time only the scan of an already generated folder.
Each phase runs in its own process so that its peak RSS is measured alone; the load average
before and after each phase is reported, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

CALLS_PER_SUBSCRIBER_DAY = 4.0  # measured on the generator's default mix


def phase(args: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS GiB) of ``python -m fanzha.telecom.analytics <args>``."""
    t0 = time.perf_counter()
    with subprocess.Popen([sys.executable, "-m", "fanzha.telecom.analytics", *args]) as proc:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, args)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024 / 1024


def load() -> float:
    return round(os.getloadavg()[0], 2)


def scan(data: Path, out: Path, engine: str) -> dict:
    load0 = load()
    wall, cpu, rss = phase(["scan", "--input", str(data), "--out", str(out), "--engine", engine])
    report = json.loads((out / "scan_report.json").read_text())
    rows = report["rows"]["calls"]
    return {
        "engine": engine,
        "call_rows": rows,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "rows_per_s": round(rows / wall),
        "peak_rss_gib": round(rss, 2),
        "features_s": report["seconds"]["features"],
        "load_before_after": [load0, load()],
        "extrapolated_100M_rows_min": round(1e8 / rows * wall / 60, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=2_000_000)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--engine", default="duckdb")
    ap.add_argument("--dir", type=Path, default=None)
    ap.add_argument("--input", type=Path, default=None, help="scan this folder; no generation")
    ap.add_argument("--repeat", type=int, default=1, help="scan this many times")
    a = ap.parse_args()
    subs = max(100, round(a.rows / (a.days * CALLS_PER_SUBSCRIBER_DAY)))
    result: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench-telecom-", dir=a.dir) as tmp:
        data, out = a.input or Path(tmp) / "in", Path(tmp) / "out"
        if a.input is None:
            gen = ["generate", "--subscribers", str(subs), "--days", str(a.days), "--seed", "1"]
            load0 = load()
            g_wall, g_cpu, g_rss = phase([*gen, "--out", str(data)])
            rows = sum(pq.ParquetFile(f).metadata.num_rows for f in (data / "calls").glob("*.parquet"))
            result = {"subscribers": subs, "days": a.days, "call_rows": rows}
            result["generate"] = {
                "wall_s": round(g_wall, 1),
                "cpu_s": round(g_cpu, 1),
                "rows_per_s": round(rows / g_wall),
                "peak_rss_gib": round(g_rss, 2),
                "load_before_after": [load0, load()],
                "extrapolated_100M_rows_min": round(1e8 / rows * g_wall / 60, 1),
            }
        result["scan"] = [scan(data, out, a.engine) for _ in range(a.repeat)]
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
