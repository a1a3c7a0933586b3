"""Helpers for the call-record analytics tests: tiny hand-made inputs written as Parquet or CSV."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

D1 = "2024-03-01"
D3 = "2024-03-03"

# caller, callee, start_time, duration_s, answered, cell_id, imei, imsi
HAND_CALLS = [
    ("A", "B", f"{D1} 10:00:00", 5, True, "c1", "I1", "SA"),
    ("A", "C", f"{D1} 10:01:00", 0, False, "c1", "I1", "SA"),
    ("A", "B", f"{D1} 14:00:00", 120, True, "c2", "I2", "SA"),
    ("B", "A", f"{D1} 15:00:00", 30, True, "c3", "I3", "SB"),
    ("A", "D", f"{D3} 14:30:00", 8, True, "c1", "I1", "SA"),
    ("X", "D", f"{D3} 09:00:00", 60, True, "c4", "I1", "SX"),
]
HAND_SMS = [
    ("95588", "A", f"{D1} 08:00:00"),
    ("95588", "A", f"{D3} 08:00:00"),
    ("10690", "A", f"{D3} 09:00:00"),
]
HAND_SUBS = [
    ("A", "K", "2024-02-01", "cmcc", "基础套餐", 38.0, "active"),
    ("B", "K", "2020-05-01", "cmcc", "基础套餐", 58.0, "active"),
    ("X", "Z", "2024-02-20", "cucc", "基础套餐", 9.0, "shutdown"),
]
CALL_COLS = ["caller", "callee", "start_time", "duration_s", "answered", "cell_id", "imei", "imsi"]
SMS_COLS = ["sender", "receiver", "time"]
SUB_COLS = ["number", "id_card_hash", "open_date", "carrier", "plan", "arpu_yuan", "status"]


def table(rows: list[tuple], cols: list[str], times: tuple[str, ...] = ()) -> pa.Table:
    data = {c: [r[i] for r in rows] for i, c in enumerate(cols)}
    for c in times:
        data[c] = [dt.datetime.fromisoformat(v) for v in data[c]]
    return pa.table(data)


def write_hand_input(folder: Path, fmt: str = "parquet") -> Path:
    """The hand-made log as typed Parquet (native timestamps) or CSV (ISO 8601 text)."""
    folder.mkdir(parents=True, exist_ok=True)
    specs = (
        ("calls", HAND_CALLS, CALL_COLS, ("start_time",)),
        ("sms", HAND_SMS, SMS_COLS, ("time",)),
        ("subscribers", HAND_SUBS, SUB_COLS, ()),
    )
    for name, rows, cols, times in specs:
        if fmt == "parquet":
            t = table(rows, cols, times)
            if name == "subscribers":
                t = t.set_column(2, "open_date", pa.array([dt.date.fromisoformat(r[2]) for r in rows]))
            pq.write_table(t, folder / f"{name}.parquet")
        else:
            pacsv.write_csv(table(rows, cols), folder / f"{name}.csv")
    return folder


@pytest.fixture
def hand_input(tmp_path: Path) -> Path:
    return write_hand_input(tmp_path / "in")


@pytest.fixture(scope="session")
def small_population(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fanzha.telecom.analytics.generator import generate

    folder = tmp_path_factory.mktemp("pop") / "seed7"
    generate(folder, 600, 12, 7)
    return folder


def copy_input(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst
