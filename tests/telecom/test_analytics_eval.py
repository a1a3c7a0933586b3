"""Evaluation arithmetic on hand-made flags and labels."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from fanzha.telecom.analytics.evaluate import curve, evaluate, evaluate_numbers, pr

LABELS = {
    "f1": "fraud_caller",
    "f2": "fraud_caller",
    "s1": "sleeping_card",
    "m1": "simbox_member",
    "c1": "call_center",
    "k1": "courier",
    "e1": "elderly",
    "e2": "elderly",
}
FLAGS = {
    "f1": "fraud_caller",
    "s1": "fraud_caller",
    "m1": "simbox_member",
    "e1": "handset_churn",
    "n9": "fraud_caller",
}


def test_precision_and_recall_count_any_kind_as_a_hit() -> None:
    r = evaluate_numbers(FLAGS, LABELS)["fraud_numbers"]
    # positives f1 f2 s1 m1; flagged f1 s1 m1 e1 n9 → tp 3, fp 2, fn 1
    assert (r["tp"], r["fp"], r["fn"]) == (3, 2, 1)
    assert r["precision"] == pytest.approx(3 / 5) and r["recall"] == pytest.approx(3 / 4)


def test_per_kind_figures() -> None:
    r = evaluate_numbers(FLAGS, LABELS)
    assert r["by_label_kind"]["fraud_caller"] == {"labelled": 2, "recall": 0.5, "same_kind": 0.5}
    assert r["by_label_kind"]["sleeping_card"] == {"labelled": 1, "recall": 1.0, "same_kind": 0.0}
    assert r["by_flag_kind"]["fraud_caller"] == {"flagged": 3, "precision": round(2 / 3, 4)}
    assert r["hard_negatives"]["rate"] == pytest.approx(1 / 4) and r["hard_negatives"]["elderly"] == 0.5


def test_empty_sets_are_not_a_division_by_zero() -> None:
    assert pr(set(), set()).precision == 1.0 and pr(set(), set()).recall == 1.0


def test_curve_is_monotone_in_flag_count() -> None:
    rows = curve({"f1": 0.9, "f2": 0.3, "e1": 0.6}, LABELS, steps=3)
    assert [r["threshold"] for r in rows] == [0.05, 0.5, 0.95]
    assert rows[0]["recall"] == 0.5 and rows[1] == {"threshold": 0.5, "precision": 0.5, "recall": 0.25}


def test_evaluate_reads_a_scan_folder(tmp_path: Path) -> None:
    pacsv.write_csv(
        pa.table(
            {
                "entity": ["number"] * 2 + ["device"],
                "id": ["13800000001", "13800000002", "860001"],
                "kind": ["fraud_caller", "courier", "simbox"],
            }
        ),
        tmp_path / "labels.csv",
    )
    out = tmp_path / "scan"
    out.mkdir()
    pq.write_table(
        pa.table({"number": ["13800000001"], "score": [0.9], "kind": ["fraud_caller"], "reasons": ["x"]}),
        out / "flags_numbers.parquet",
    )
    pacsv.write_csv(
        pa.table({"imei": ["860001"], "score": [1.0], "sims": ["a"], "cells": ["c"], "reasons": ["r"]}),
        out / "flags_devices.csv",
    )
    r = evaluate(tmp_path / "labels.csv", out)
    assert r["numbers"]["fraud_numbers"]["precision"] == 1.0 and r["devices"]["recall"] == 1.0
