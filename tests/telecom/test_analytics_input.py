"""Bad input gets a message naming the file and the column; a bad partition is skipped and reported."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from fanzha.telecom.analytics.scan import run_scan
from fanzha.telecom.analytics.schema import InputError, validate_input

from .conftest import CALL_COLS, HAND_CALLS, table, write_hand_input


def calls_csv(folder: Path, rows: list[tuple], cols: list[str] = CALL_COLS, name: str = "calls.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    pacsv.write_csv(table(rows, cols), folder / name)
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        validate_input(folder)
    return [str(p) for p in info.value.problems]


def test_it_names_a_missing_column(tmp_path: Path) -> None:
    rows = [r[:7] for r in HAND_CALLS]
    msgs = problems(calls_csv(tmp_path, rows, CALL_COLS[:7]))
    assert len(msgs) == 1
    assert "calls.csv" in msgs[0] and "列 imsi" in msgs[0] and "缺少" in msgs[0]


def test_it_names_an_unparseable_time(tmp_path: Path) -> None:
    rows = [HAND_CALLS[0], ("A", "B", "yesterday noon", 5, True, "c1", "I1", "SA")]
    msgs = problems(calls_csv(tmp_path, rows))
    assert "列 start_time" in msgs[0] and "yesterday noon" in msgs[0]


def test_it_names_a_wrong_type(tmp_path: Path) -> None:
    rows = [("A", "B", "2024-03-01 10:00:00", "long", True, "c1", "I1", "SA")]
    msgs = problems(calls_csv(tmp_path, rows))
    assert "列 duration_s" in msgs[0] and "整数" in msgs[0]


def test_it_rejects_a_callee_column_full_of_nulls(tmp_path: Path) -> None:
    t = table(HAND_CALLS, CALL_COLS, ("start_time",)).set_column(
        1, "callee", pa.nulls(len(HAND_CALLS), pa.string())
    )
    pq.write_table(t, tmp_path / "calls.parquet")
    msgs = problems(tmp_path)
    assert "calls.parquet" in msgs[0] and "列 callee" in msgs[0] and "整列为空" in msgs[0]


def test_it_rejects_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "calls").mkdir()
    msgs = problems(tmp_path)
    assert "文件夹为空" in msgs[0] and "calls" in msgs[0]


def test_it_rejects_missing_calls_table(tmp_path: Path) -> None:
    assert "找不到 calls 表" in problems(tmp_path)[0]


def test_a_bad_partition_is_skipped_and_reported(tmp_path: Path) -> None:
    folder = write_hand_input(tmp_path / "in")
    (folder / "calls.parquet").rename(tmp_path / "good.parquet")
    (folder / "calls").mkdir()
    (tmp_path / "good.parquet").rename(folder / "calls" / "day=1.parquet")
    calls_csv(folder / "calls", [("A", "B", "not a time", 5, True, "c1", "I1", "SA")], name="day=2.csv")
    result = run_scan(folder)
    skipped = result.report["skipped_files"]
    assert len(skipped) == 1
    assert skipped[0]["file"].endswith("day=2.csv") and skipped[0]["column"] == "start_time"
    assert result.report["rows"]["calls"] == len(HAND_CALLS)


def test_numbers_stored_as_integers_and_epoch_times_are_read(tmp_path: Path) -> None:
    t = pa.table(
        {
            "caller": [13800000001, 13800000001],
            "callee": [13900000002, 13900000003],
            "start_time": [1709287200, 1709287260],
            "duration_s": [5, 6],
            "answered": [True, True],
            "cell_id": ["c", "c"],
            "imei": ["i", "i"],
            "imsi": ["s", "s"],
        }
    )
    pq.write_table(t, tmp_path / "calls.parquet")
    result = run_scan(tmp_path)
    row = result.number_features.to_pylist()[0]
    assert row["number"] == "13800000001" and row["out_calls"] == 2 and row["active_hours"] == 1
