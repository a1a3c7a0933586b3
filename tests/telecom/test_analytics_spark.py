"""DuckDB and Spark run the same feature SQL and must give the same features and flags."""

from __future__ import annotations

import importlib.util
import math
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from fanzha.telecom.analytics.scan import ScanResult, run_scan

pytestmark = [
    pytest.mark.spark,
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("pyspark") is None, reason="PySpark 未安装（pip install 'fanzha[spark]'）"
    ),
    pytest.mark.skipif(shutil.which("java") is None, reason="找不到 Java 运行时，Spark 需要 Java 17"),
]


def same_table(a: pa.Table, b: pa.Table, key: str) -> None:
    assert a.column_names == b.column_names
    a, b = a.sort_by(key), b.sort_by(key)
    for name in a.column_names:
        for x, y in zip(a.column(name).to_pylist(), b.column(name).to_pylist(), strict=True):
            if isinstance(x, float) and isinstance(y, float):
                assert math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9), (name, x, y)
            else:
                assert x == y, (name, x, y)


@pytest.fixture(scope="module")
def both(small_spark_input: Path) -> Iterator[tuple[ScanResult, ScanResult]]:
    os.environ.setdefault("FANZHA_SPARK_PARTITIONS", "2")
    from fanzha.telecom.analytics.engines import spark_engine

    yield run_scan(small_spark_input, "duckdb"), run_scan(small_spark_input, "spark")
    spark_engine.stop_session()


@pytest.fixture(scope="module")
def small_spark_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fanzha.telecom.analytics.generator import generate

    from .conftest import write_hand_input

    folder = tmp_path_factory.mktemp("spark") / "in"
    generate(folder, 300, 10, 21)
    hand = write_hand_input(tmp_path_factory.mktemp("hand"), "csv")  # CSV + ISO text beside Parquet
    (folder / "calls" / "hand.csv").write_bytes((hand / "calls.csv").read_bytes())
    return folder


def test_number_features_are_identical(both: tuple[ScanResult, ScanResult]) -> None:
    same_table(both[0].number_features, both[1].number_features, "number")


def test_device_features_are_identical(both: tuple[ScanResult, ScanResult]) -> None:
    same_table(both[0].device_features, both[1].device_features, "imei")


def test_flags_and_victims_are_identical(both: tuple[ScanResult, ScanResult]) -> None:
    same_table(both[0].flags_numbers, both[1].flags_numbers, "number")
    same_table(both[0].flags_devices, both[1].flags_devices, "imei")
    assert both[0].reached.num_rows == both[1].reached.num_rows
    same_table(
        both[0].reached.append_column(
            "k", pc.binary_join_element_wise(both[0].reached.column(0), both[0].reached.column(1), "|")
        ),
        both[1].reached.append_column(
            "k", pc.binary_join_element_wise(both[1].reached.column(0), both[1].reached.column(1), "|")
        ),
        "k",
    )
    assert both[0].flags_numbers.num_rows > 0
