"""The platform side of call-record analytics: loading scans, the liaison page, pushing clues."""

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from fanzha.core.errors import DomainError
from fanzha.core.testing import expect_matrix
from fanzha.telecom import services
from fanzha.telecom.models import FlaggedNumber, Scan


def write_scan_output(folder, numbers=None):
    folder.mkdir(parents=True, exist_ok=True)
    numbers = numbers or [
        ("13912345678", 0.97, "fraud_caller", "外呼 300 次/天"),
        ("17012345678", 0.81, "simbox_member", "同一设备 64 卡"),
    ]
    pq.write_table(
        pa.table({k: [n[i] for n in numbers] for i, k in enumerate(("number", "score", "kind", "reasons"))}),
        folder / "flags_numbers.parquet",
    )
    pq.write_table(
        pa.table(
            {
                "imei": ["8612345678901234"],
                "score": [0.99],
                "sims": ["17012345678;17012345679"],
                "cells": ["c1"],
                "reasons": ["64 卡"],
            }
        ),
        folder / "flags_devices.parquet",
    )
    pq.write_table(
        pa.table(
            {
                "flagged_number": ["13912345678", "13912345678"],
                "victim_number": ["A", "B"],
                "calls": [1, 2],
                "talk_s": [30, 60],
            }
        ),
        folder / "reached.parquet",
    )
    report = {
        "engine": "duckdb",
        "rows": {"calls": 1000},
        "numbers_scored": 50,
        "reached_victims": 2,
        "skipped_files": [],
    }
    (folder / "scan_report.json").write_text(json.dumps(report), encoding="utf-8")
    return folder


@pytest.fixture
def scan(personas, tmp_path):
    return services.load_scan(write_scan_output(tmp_path / "out"), unit=personas.unit("T-CAR"))


def test_loading_keeps_numbers_devices_and_victim_counts(scan):
    assert scan.calls == 1000 and scan.reached_victims == 2
    assert dict(scan.numbers.values_list("number", "victims")) == {"13912345678": 2, "17012345678": 0}
    assert scan.devices.get().sim_count == 2
    assert scan.shared_with.code == "T-CITY"


def test_loading_refuses_a_folder_without_outputs_and_a_police_unit(personas, tmp_path):
    with pytest.raises(DomainError, match="缺少文件"):
        services.load_scan(tmp_path, unit=personas.unit("T-CAR"))
    with pytest.raises(DomainError, match="运营商"):
        services.load_scan(write_scan_output(tmp_path / "o"), unit=personas.unit("T-D1-SA"))
    assert Scan.objects.count() == 0


def test_scan_page_matrix(scan, page_as):
    expect_matrix(
        lambda name: page_as(name).get(f"/telecom/{scan.pk}/").status_code,
        {
            "station_a": 403, "station_b": 403, "district": 403, "city_admin": 200,
            "bank_x": 403, "carrier": 200, "outsider": 403,
        },
    )  # fmt: skip


def test_another_carrier_does_not_see_the_scan(scan, personas, page_as):
    from fanzha.accounts.models import User
    from fanzha.org.models import OrgUnit

    other = OrgUnit.objects.create(code="T-CAR2", name="另一运营商", kind="carrier")
    user = User.objects.create(username="carrier2", role="carrier_liaison", unit=other)
    from django.test import Client

    client = Client()
    client.force_login(user)
    assert client.get(f"/telecom/{scan.pk}/").status_code == 404
    assert "还没有导入的扫描结果" in client.get("/telecom/").content.decode()


def test_api_lists_scans_and_numbers(scan, api_as):
    assert [s["id"] for s in api_as("carrier").get("/api/v1/telecom/scans").json()["items"]] == [scan.pk]
    numbers = (
        api_as("carrier").get(f"/api/v1/telecom/scans/{scan.pk}/numbers?kind=fraud_caller").json()["items"]
    )
    assert [n["number"] for n in numbers] == ["13912345678"]
    assert api_as("station_a").get("/api/v1/telecom/scans").status_code == 403


def test_pushing_numbers_creates_clues_once(scan, personas, page_as):
    from fanzha.clues.models import Clue

    ids = list(scan.numbers.values_list("pk", flat=True))
    client = page_as("carrier")
    assert client.post(f"/telecom/{scan.pk}/push/", {"number": ids}).status_code == 302
    assert client.post(f"/telecom/{scan.pk}/push/", {"number": ids}).status_code == 302
    assert Clue.objects.count() == 2
    assert all(n.pushed_clue_id for n in FlaggedNumber.objects.all())
    clue = Clue.objects.get(source_ref__endswith="13912345678")
    assert clue.source == "carrier"


def test_scan_command_runs_the_engine_and_loads_results(personas, tmp_path):
    from fanzha.telecom.management.commands.telecom import Command

    from .conftest import write_hand_input

    src, out = write_hand_input(tmp_path / "in"), tmp_path / "out"
    with pytest.raises(SystemExit) as done:
        Command().run_from_argv(
            ["fanzha", "telecom", "scan", "--input", str(src), "--out", str(out), "--unit", "T-CAR"]
        )
    assert done.value.code == 0
    assert (out / "flags_numbers.csv").is_file()
    assert Scan.objects.filter(owner_unit__code="T-CAR").count() == 1


def test_scan_command_reports_bad_input_without_a_traceback(personas, tmp_path, capsys):
    from fanzha.telecom.management.commands.telecom import Command

    (tmp_path / "in").mkdir()
    with pytest.raises(SystemExit) as done:
        Command().run_from_argv(
            ["fanzha", "telecom", "scan", "--input", str(tmp_path / "in"), "--out", str(tmp_path / "o")]
        )
    assert done.value.code == 2
    assert "Traceback" not in capsys.readouterr().err
