"""The shipped model on a population from a seed it was not trained on."""

from __future__ import annotations

from pathlib import Path

from fanzha.telecom.analytics.evaluate import evaluate_numbers, read_labels
from fanzha.telecom.analytics.scan import run_scan
from fanzha.telecom.analytics.schema import OUTPUT_COLUMNS
from fanzha.telecom.analytics.train import TRAIN_SEEDS


def test_targets_on_an_unseen_seed(small_population: Path) -> None:
    assert 7 not in TRAIN_SEEDS
    result = run_scan(small_population)
    numbers, devices = read_labels(small_population / "labels.csv")
    flags = dict(
        zip(
            result.flags_numbers.column("number").to_pylist(),
            result.flags_numbers.column("kind").to_pylist(),
            strict=True,
        )
    )
    r = evaluate_numbers(flags, numbers)
    assert r["fraud_numbers"]["precision"] >= 0.95 and r["fraud_numbers"]["recall"] >= 0.90
    assert r["hard_negatives"]["rate"] < 0.01
    boxes = {i for i, k in devices.items() if k == "simbox"}
    assert boxes <= set(result.flags_devices.column("imei").to_pylist())


def test_outputs_have_the_documented_columns(small_population: Path) -> None:
    result = run_scan(small_population)
    assert result.flags_numbers.column_names == OUTPUT_COLUMNS["flags_numbers"]
    assert result.flags_devices.column_names == OUTPUT_COLUMNS["flags_devices"]
    assert result.reached.column_names == OUTPUT_COLUMNS["reached"]
    assert all("；" in r or r for r in result.flags_numbers.column("reasons").to_pylist())


def test_reached_counts_answered_calls_of_flagged_numbers(hand_input: Path) -> None:
    result = run_scan(hand_input, threshold=0.0)
    reached = {
        (r["flagged_number"], r["victim_number"]): (r["calls"], r["talk_s"])
        for r in result.reached.to_pylist()
    }
    assert reached[("A", "B")] == (2, 125) and ("A", "C") not in reached and reached[("A", "D")] == (1, 8)
