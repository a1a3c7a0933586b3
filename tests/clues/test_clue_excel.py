"""Excel: template, per-row errors, modes "all"/"valid", round trip and idempotent re-import."""

import io

import pytest
from openpyxl import load_workbook

from fanzha.audit.models import AuditEntry
from fanzha.clues import exchange
from fanzha.clues.models import Clue
from fanzha.core.context import acting_as
from fanzha.core.testing import xlsx_file

HEADER = ["来源", "来源编号", "标题", "线索内容", "紧急程度", "诈骗类型", "涉案标识", "接收时间"]
GOOD = [
    ["部推", "BT-001", "冒充客服", "客服电话13812345678", "特急", "冒充电商物流客服", "电话号码:13812345678",
     "2026-03-01 23:50"],
    ["运营商", "YY-001", "猫池号码", "GoIP", "", "", "手机号:13912345678；银行卡:6222021234567890128", None],
]  # fmt: skip
BAD = ["银行", "YH-001", "坏行", "内容", "很急", "", "电话号码:123", "昨天"]


def _xlsx(rows):
    return xlsx_file(rows, HEADER)


def _import(personas, rows, mode="all", persona="city_admin"):
    with acting_as(user=personas[persona]):
        return exchange.import_file(personas[persona], _xlsx(rows), mode)


def test_the_template_has_chinese_headers_and_instructions():
    wb = load_workbook(io.BytesIO(exchange.template()))
    assert [c.value for c in wb["线索"][1]][:4] == ["来源*", "来源编号*", "标题*", "线索内容*"]
    notes = [row[0] for row in wb["填写说明"].iter_rows(values_only=True)]
    assert any("不会重复" in str(n) or "更新" in str(n) for n in notes)


def test_good_rows_import_with_their_indicators_and_time(personas):
    result = _import(personas, GOOD)
    assert (result.created, result.updated, result.problems) == (2, 0, [])
    clue = Clue.objects.get(source_ref="BT-001")
    assert (clue.source, clue.priority, clue.fraud_type, clue.status) == (
        "ministry",
        "critical",
        "impersonate_cs",
        "new",
    )
    assert clue.received_at.isoformat() == "2026-03-01T15:50:00+00:00"  # 23:50 Beijing time
    assert set(Clue.objects.get(source_ref="YY-001").indicators.values_list("kind", flat=True)) == {
        "phone", "bank_account"
    }  # fmt: skip
    assert AuditEntry.objects.filter(action="import", object_type="clues.clue").count() == 1


def test_a_bad_row_in_mode_all_imports_nothing_and_reports_each_cell(personas):
    result = _import(personas, [*GOOD, BAD])
    assert not result.saved and not Clue.objects.exists()
    assert [(p.row, p.column) for p in result.problems] == [(4, "紧急程度")]
    result = _import(personas, [*GOOD, ["银行", "YH-001", "坏行", "内容", "", "", "电话号码:123", ""]])
    assert [(p.row, p.column) for p in result.problems] == [(4, "涉案标识")]
    report = load_workbook(io.BytesIO(exchange.excel.error_report(result.problems))).active
    assert list(report.iter_rows(values_only=True))[1][:2] == (4, "涉案标识")


def test_mode_valid_imports_the_good_rows(personas):
    result = _import(personas, [*GOOD, BAD], mode="valid")
    assert result.saved and result.created == 2 and len(result.problems) == 1
    assert Clue.objects.count() == 2


def test_the_same_number_twice_in_one_file_is_an_error(personas):
    result = _import(personas, [GOOD[0], GOOD[0]])
    assert [(p.row, p.message) for p in result.problems] == [(3, "与第2行的来源编号重复")]


def test_reimport_updates_instead_of_duplicating(personas):
    _import(personas, GOOD)
    changed = [list(GOOD[0]), GOOD[1]]
    changed[0][2] = "冒充客服（更新）"
    result = _import(personas, changed)
    assert (result.created, result.updated) == (0, 2)
    assert Clue.objects.count() == 2
    assert Clue.objects.get(source_ref="BT-001").title == "冒充客服（更新）"


def test_another_units_number_cannot_be_overwritten(personas):
    _import(personas, GOOD, persona="district")
    result = _import(personas, GOOD, persona="station_a")
    assert {p.message for p in result.problems} == {"该来源编号的线索属于其他单位，不能覆盖"}


def test_export_then_reimport_round_trips(personas, page_as):
    _import(personas, GOOD)
    response = page_as("city_admin").get("/clues/?export=xlsx")
    exported = io.BytesIO(b"".join(response.streaming_content))
    with acting_as(user=personas["city_admin"]):
        result = exchange.import_file(personas["city_admin"], exported, "all")
    assert (result.created, result.updated, result.problems) == (0, 2, [])
    clue = Clue.objects.get(source_ref="YY-001")
    assert clue.indicators.count() == 2 and clue.fraud_type == ""


def test_the_import_page_offers_the_mode_and_the_error_report(page_as, personas):
    client = page_as("city_admin")
    upload = _xlsx([*GOOD, BAD])
    upload.name = "线索.xlsx"
    response = client.post("/clues/import/", {"file": upload, "mode": "all"})
    body = response.content.decode()
    assert response.status_code == 400 and "未导入任何数据" in body and "下载错误报告" in body
    upload = _xlsx([*GOOD, BAD])
    upload.name = "线索.xlsx"
    body = client.post("/clues/import/", {"file": upload, "mode": "valid"}).content.decode()
    assert "新增 2 条" in body


@pytest.mark.parametrize("content", [b"not a workbook", b""])
def test_a_file_that_is_not_xlsx_is_a_form_error(page_as, personas, content):
    upload = io.BytesIO(content)
    upload.name = "x.xlsx"
    response = page_as("city_admin").post("/clues/import/", {"file": upload, "mode": "all"})
    assert response.status_code == 200 and ("xlsx" in response.content.decode())
    assert not Clue.objects.exists()
