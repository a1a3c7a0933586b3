"""The CLI functions return exit codes and explain bad input in Chinese, without a traceback."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from fanzha.telecom.analytics.cli import eval_main, generate_main, main, scan_main


def test_scan_of_a_missing_folder_exits_2_with_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert scan_main(["--input", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "输入目录不存在" in err and "nope" in err and "Traceback" not in err


def test_bad_threshold_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert scan_main(["--input", str(tmp_path), "--out", str(tmp_path), "--threshold", "abc"]) == 2
    assert "参数错误" in capsys.readouterr().err


def test_generate_refuses_zero_subscribers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert generate_main(["--subscribers", "0", "--days", "1", "--out", str(tmp_path)]) == 2
    assert "正整数" in capsys.readouterr().err


def test_eval_of_a_missing_labels_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_main(["--labels", str(tmp_path / "l.csv"), "--flags", str(tmp_path)]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_unknown_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dance"]) == 2
    assert "用法" in capsys.readouterr().err


def test_generate_scan_eval_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            ["generate", "--subscribers", "300", "--days", "3", "--seed", "5", "--out", str(tmp_path / "in")]
        )
        == 0
    )
    assert main(["scan", "--input", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 0
    for name in ("flags_numbers", "flags_devices", "reached"):
        assert (tmp_path / "out" / f"{name}.csv").exists()
    cols = pq.read_table(tmp_path / "out" / "flags_devices.parquet").column_names
    assert cols == ["imei", "score", "sims", "cells", "reasons"]
    assert (
        main(["eval", "--labels", str(tmp_path / "in" / "labels.csv"), "--flags", str(tmp_path / "out")]) == 0
    )
    assert "涉诈号码：精确率" in capsys.readouterr().out
