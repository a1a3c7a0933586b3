"""Each feature checked by hand on a six-call log (see conftest.HAND_CALLS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fanzha.telecom.analytics.engines.duckdb_engine import DuckDBEngine
from fanzha.telecom.analytics.scan import compute_features
from fanzha.telecom.analytics.schema import validate_input

from .conftest import write_hand_input


def features(folder: Path) -> tuple[dict, dict]:
    engine = DuckDBEngine()
    try:
        num, dev = compute_features(engine, validate_input(folder))
    finally:
        engine.close()
    return ({r["number"]: r for r in num.to_pylist()}, {r["imei"]: r for r in dev.to_pylist()})


@pytest.fixture(scope="module", params=["parquet", "csv"])
def hand(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    return features(write_hand_input(tmp_path_factory.mktemp(request.param), request.param))


EXPECTED_A = {
    "out_calls": 4,
    "active_days": 2,
    "active_hours": 2,
    "handsets": 2,
    "cells": 2,
    "distinct_callees": 3,
    "in_calls": 1,
    "in_callers": 1,
    "outgoing_share": 4 / 5,
    "answer_rate": 3 / 4,
    "short_share": 3 / 4,
    "callback_rate": 1 / 3,
    "repeat_callee_share": 1 / 3,
    "new_callee_ratio": 3 / 4,
    "afternoon_share": 2 / 4,
    "mean_talk_s": (5 + 0 + 120 + 8) / 4,
    "no_imei_share": 0.0,
    "sims_per_handset": 2,
    "sms_in_days": 2,
    "max_daily_calls": 3,
    "calls_per_active_day": 2.0,
    "gap_cv": 0.0,
    "dormant_days": 0,
    "idle_before_days": 29,
    "account_age_days": 31,
    "arpu_yuan": 38.0,
    "shutdown": 0,
    "numbers_on_card": 2,
}


@pytest.mark.parametrize("name", sorted(EXPECTED_A))
def test_number_feature_matches_hand_count(hand: tuple[dict, dict], name: str) -> None:
    assert hand[0]["A"][name] == pytest.approx(EXPECTED_A[name])


def test_caller_without_subscriber_row_gets_neutral_defaults(hand: tuple[dict, dict]) -> None:
    b = hand[0]["B"]
    assert (b["out_calls"], b["callback_rate"], b["sms_in_days"]) == (1, 1.0, 0)
    assert hand[0]["X"]["shutdown"] == 1


def test_only_callers_are_scored(hand: tuple[dict, dict]) -> None:
    assert set(hand[0]) == {"A", "B", "X"}


def test_device_features_match_hand_count(hand: tuple[dict, dict]) -> None:
    i1 = hand[1]["I1"]
    assert (i1["calls"], i1["sims"], i1["numbers"], i1["cells"]) == (4, 2, 2, 2)
    assert (i1["active_hours"], i1["active_days"], i1["first_hour"], i1["last_hour"]) == (3, 2, 9, 14)
    assert i1["answer_rate"] == pytest.approx(3 / 4)
    assert i1["short_share"] == pytest.approx(3 / 4)
    # on 03-03 SIM SA first called 14:30 and SX 09:00: population std of the two = 9,900 s
    assert i1["power_on_spread_s"] == pytest.approx(9900.0)
    assert hand[1]["I2"]["power_on_spread_s"] == -1


# Distinct counts are taken over pre-grouped tables (f_use, f_day), distinct hours as bits:
# on a generated population they must equal COUNT(DISTINCT ...) straight over the calls.
NUMBER_DIRECT = """SELECT caller AS number, COUNT(*) AS out_calls, COUNT(DISTINCT hod) AS active_hours,
  COUNT(DISTINCT day) AS active_days, COUNT(DISTINCT imei) AS handsets, COUNT(DISTINCT cell_id) AS cells,
  CAST(SUM(CASE WHEN hod >= 13 AND hod < 18 THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(*) AS afternoon_share,
  CAST(SUM(duration_s) AS DOUBLE) / COUNT(*) AS mean_talk_s
FROM calls_n GROUP BY caller ORDER BY caller"""

DEVICE_DIRECT = """SELECT imei, COUNT(*) AS calls, COUNT(DISTINCT imsi) AS sims,
  COUNT(DISTINCT caller) AS numbers, COUNT(DISTINCT cell_id) AS cells,
  COUNT(DISTINCT hod) AS active_hours, COUNT(DISTINCT day) AS active_days,
  MIN(hod) AS first_hour, MAX(hod) AS last_hour
FROM calls_n WHERE imei IS NOT NULL GROUP BY imei ORDER BY imei"""


def test_pre_grouped_counts_equal_direct_counts_over_calls(tmp_path: Path) -> None:
    from fanzha.telecom.analytics.generator import generate

    generate(tmp_path / "in", 400, 12, 33)
    engine = DuckDBEngine()
    try:
        num, dev = compute_features(engine, validate_input(tmp_path / "in"))
        direct_num, direct_dev = engine.query(NUMBER_DIRECT), engine.query(DEVICE_DIRECT)
    finally:
        engine.close()
    assert num.num_rows == direct_num.num_rows > 300
    assert dev.num_rows == direct_dev.num_rows > 20
    for got, want in ((num, direct_num), (dev, direct_dev)):
        for name in want.column_names:
            assert got.column(name).to_pylist() == pytest.approx(want.column(name).to_pylist()), name
