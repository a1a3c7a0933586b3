import io

import pytest
from openpyxl import load_workbook

from fanzha.audit.models import AuditEntry
from fanzha.core import excel
from fanzha.core.context import acting_as
from fanzha.core.errors import DomainError
from fanzha.core.testing import xlsx_file

SHEET = excel.Sheet(
    "测试",
    (
        excel.Column("name", "姓名", required=True),
        excel.Column("phone", "手机号", kind="phone"),
        excel.Column("amount", "金额"),
    ),
    ("测试说明",),
)


def test_the_template_has_headers_and_instructions():
    wb = load_workbook(io.BytesIO(excel.build_template(SHEET)))
    assert [c.value for c in wb["测试"][1]] == ["姓名*", "手机号", "金额"]
    notes = [row[0] for row in wb["填写说明"].iter_rows(values_only=True)]
    assert "测试说明" in notes and "姓名" in notes


def test_rows_are_keyed_by_column_and_numbered_like_excel():
    file = xlsx_file([["金额", "姓名*"], [5, " 张三 "], [None, None], [7, "李四"]])
    assert list(excel.read_rows(file, SHEET)) == [
        (2, {"amount": 5, "name": "张三"}),
        (4, {"amount": 7, "name": "李四"}),
    ]


def test_a_missing_required_header_is_refused():
    with pytest.raises(DomainError, match="姓名"):
        list(excel.read_rows(xlsx_file([["金额"], [1]]), SHEET))


def test_a_file_that_is_not_xlsx_is_refused():
    with pytest.raises(DomainError, match="xlsx"):
        list(excel.read_rows(io.BytesIO(b"not a workbook"), SHEET))


def _validate(row):
    if not isinstance(row.get("amount"), int) or row["amount"] < 0:
        raise excel.RowError("金额必须是非负整数", "金额")
    return row


def test_mode_all_saves_nothing_when_a_row_is_bad():
    saved = []
    rows = [(2, {"amount": 1}), (3, {"amount": -1})]
    result = excel.run_import(
        rows, validate=_validate, save=lambda b: (saved.extend(b) or len(b), 0), mode="all"
    )
    assert not result.saved and saved == []
    assert result.problems == [excel.RowProblem(3, "金额", "金额必须是非负整数")]


def test_mode_valid_saves_the_good_rows(db):
    saved = []
    rows = [(2, {"amount": 1}), (3, {"amount": -1}), (4, {"amount": 2})]
    result = excel.run_import(
        rows, validate=_validate, save=lambda b: (saved.extend(b) or len(b), 0), mode="valid"
    )
    assert result.saved and result.created == 2 and len(result.problems) == 1


def test_error_report_lists_row_column_and_message():
    data = excel.error_report([excel.RowProblem(3, "金额", "坏")])
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows == [("行号", "列", "问题"), (3, "金额", "坏")]


def test_export_masks_without_clearance_and_is_audited(personas):
    rows = [{"name": "张三", "phone": "13812345678", "amount": 5}]
    for persona, expected in (("bank_x", "138****5678"), ("district", "13812345678")):
        with acting_as(user=personas[persona]):
            response = excel.export_response(
                personas[persona], SHEET.columns, rows, filename="测试导出", object_type="test.row"
            )
        data = b"".join(response.streaming_content)
        values = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
        assert values[1] == ("张三", expected, 5)
    assert AuditEntry.objects.filter(action="export", object_type="test.row").count() == 2
