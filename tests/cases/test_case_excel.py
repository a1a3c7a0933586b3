import io
from datetime import timedelta

from django.utils import timezone
from openpyxl import load_workbook

from fanzha.audit.models import AuditEntry
from fanzha.cases import importer, services
from fanzha.cases.models import Case, Payment
from fanzha.cases.testing import bank_card, resident_id
from fanzha.core.testing import xlsx_file


def _row(ref, **kw):
    now = timezone.localtime().replace(tzinfo=None, microsecond=0)
    row = {
        "来源案件编号": ref,
        "报案时间": now - timedelta(hours=1),
        "案发时间": now - timedelta(hours=6),
        "接触渠道": "电话",
        "诈骗类型": "冒充公检法",
        "简要案情": "对方冒充公安要求转账到安全账户",
        "受害人姓名": "赵一",
        "身份证号": resident_id(),
        "手机号": "13800138000",
        "文化程度": "本科",
        "居住社区/村": "T-D1-SA-C1",
        "转账时间": now - timedelta(hours=5),
        "转账金额（元）": 3000,
        "支付方式": "银行转账",
        "收款账号": bank_card(),
        "收款银行": "X银行",
    }
    row.update(kw)
    return row


def _xlsx(rows):
    headers = [c.header for c in importer.CASE_SHEET.columns]
    return xlsx_file(([row.get(h) for h in headers] for row in rows), headers)


def test_the_template_has_chinese_headers_and_instructions():
    wb = load_workbook(io.BytesIO(importer.template()))
    headers = [c.value for c in wb["案件"][1]]
    assert headers[0] == "来源案件编号*" and "身份证号*" in headers
    assert "填写说明" in wb.sheetnames


def test_import_creates_cases_and_multiple_rows_become_payments(personas):
    rows = [_row("110-1"), _row("110-1", **{"转账金额（元）": 500}), _row("110-2")]
    result = importer.import_cases(personas["station_a"], _xlsx(rows), "all")
    assert result.ok and result.saved and result.created == 2
    case = Case.objects.get(source_ref="110-1")
    assert case.payments.count() == 2 and str(case.loss_yuan) == "3500.00"
    assert case.owner_unit.code == "T-D1-SA" and case.source == "import"
    assert AuditEntry.objects.filter(action="import").count() == 1


def test_re_importing_the_same_file_updates_instead_of_duplicating(personas):
    rows = [_row("110-1"), _row("110-1", **{"转账金额（元）": 500})]
    importer.import_cases(personas["station_a"], _xlsx(rows), "all")
    rows[0]["简要案情"] = "补充：对方冒充公安，要求转账"
    result = importer.import_cases(personas["station_a"], _xlsx(rows), "all")
    assert result.created == 0 and result.updated == 1
    assert Case.objects.count() == 1 and Payment.objects.count() == 2
    case = Case.objects.get()
    assert case.narrative.startswith("补充") and case.version == 2


def test_bad_rows_are_reported_per_row_and_mode_all_saves_nothing(personas):
    bad_card = bank_card()[:-1] + ("1" if not bank_card().endswith("1") else "2")
    now = timezone.localtime().replace(tzinfo=None)
    rows = [
        _row("110-1"),
        _row("110-2", **{"身份证号": "110105199003071230"}),
        _row("110-3", **{"收款账号": bad_card}),
        _row("110-4", **{"转账时间": now - timedelta(days=3)}),
        _row("110-5", **{"转账金额（元）": -10}),
        _row("110-6", **{"收款银行": "火星银行"}),
        _row("110-7", **{"居住社区/村": "不存在社区"}),
        _row("110-8", **{"报案时间": "昨天下午"}),
    ]
    result = importer.import_cases(personas["station_a"], _xlsx(rows), "all")
    assert not result.saved and Case.objects.count() == 0
    by_row = {p.row: p for p in result.problems}
    assert set(by_row) == {3, 4, 5, 6, 7, 8, 9}
    assert (
        by_row[3].column == "身份证号" and by_row[4].column == "收款账号" and by_row[5].column == "转账时间"
    )
    assert by_row[6].column == "转账金额（元）" and "火星银行" in by_row[7].message
    report = load_workbook(io.BytesIO(importer.excel.error_report(result.problems)))
    assert report.active.max_row == 8


def test_mode_valid_saves_the_good_rows(personas):
    rows = [_row("110-1"), _row("110-2", **{"身份证号": "123"})]
    result = importer.import_cases(personas["station_a"], _xlsx(rows), "valid")
    assert result.saved and result.created == 1 and len(result.problems) == 1
    assert list(Case.objects.values_list("source_ref", flat=True)) == ["110-1"]


def test_rows_outside_the_users_area_are_errors(personas):
    result = importer.import_cases(personas["station_b"], _xlsx([_row("110-1")]), "all")
    assert result.problems[0].column == "居住社区/村" and Case.objects.count() == 0


def test_round_trip_export_is_masked_per_clearance_and_audited(page_as, personas):
    importer.import_cases(personas["station_a"], _xlsx([_row("110-1")]), "all")
    response = page_as("station_a").get("/cases/export/")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == "110-1" and rows[1][10] == resident_id()
    personas.users["district"].role = "outreach_coordinator"
    personas.users["district"].unit = personas.unit("T-D1")
    personas.users["district"].save()
    masked = load_workbook(
        io.BytesIO(b"".join(page_as("district").get("/cases/export/").streaming_content))
    ).active
    assert "*" in list(masked.iter_rows(values_only=True))[1][10]
    assert AuditEntry.objects.filter(action="export", object_type="cases.case").count() == 2


def test_the_import_page_offers_the_error_report(page_as):
    client = page_as("station_a")
    template = client.get("/cases/import/template/")
    assert template.status_code == 200
    upload = _xlsx([_row("110-1", **{"身份证号": "1"})])
    upload.name = "cases.xlsx"
    page = client.post("/cases/import/", {"file": upload, "mode": "all"}).content.decode()
    assert "下载错误报告" in page
    token = page.split("/cases/import/report/")[1].split("/")[0]
    assert client.get(f"/cases/import/report/{token}/").status_code == 200
    assert page_as("district").get(f"/cases/import/report/{token}/").status_code == 404


def _import_in_batches(user, rows, size):
    """The page's import with tiny batches, so that one case's rows fall into different batches."""
    records = importer.excel.read_rows(_xlsx(rows), importer.CASE_SHEET)
    return importer.excel.run_import(
        records, validate=importer.make_validator(user), save=importer.Saver(user), batch=size
    )


def test_a_cases_rows_in_different_batches_add_up_to_one_case(personas):
    rows = [_row("110-1"), _row("110-2"), _row("110-1", **{"转账金额（元）": 500}), _row("110-1")]
    result = _import_in_batches(personas["station_a"], rows, 1)
    assert result.created == 2 and result.updated == 0
    case = Case.objects.get(source_ref="110-1")
    assert case.payments.count() == 3 and str(case.loss_yuan) == "6500.00"
    assert case.indicators.filter(source="payment").count() == 1
    rows[0]["损失金额（元）"] = 8000
    result = _import_in_batches(personas["station_a"], rows, 2)
    case.refresh_from_db()
    assert result.updated == 2 and str(case.loss_yuan) == "8000.00" and case.payments.count() == 3
    assert case.events.filter(kind="updated").count() == 1 and case.version == 2


def test_the_detector_suggests_a_type_only_where_the_row_leaves_it_empty(personas):
    story = "对方冒充公安局民警来电称我涉嫌洗钱，要求转到安全账户，来电号码13912345678"
    rows = [_row("110-1", **{"诈骗类型": None, "简要案情": story}), _row("110-2", **{"简要案情": story})]
    importer.import_cases(personas["station_a"], _xlsx(rows), "all")
    untyped, typed = Case.objects.get(source_ref="110-1"), Case.objects.get(source_ref="110-2")
    assert untyped.fraud_type == "" and untyped.suggested_type
    assert typed.fraud_type == "impersonate_police" and typed.suggested_type == ""
    for case in (untyped, typed):
        assert case.indicators.filter(kind="phone", value="13912345678", source="narrative").exists()
    assert {r.source_id for r in services.related(personas["station_a"], typed)} == {str(untyped.pk)}


def test_a_source_case_number_registered_by_another_unit_is_refused(personas):
    importer.import_cases(personas["station_a"], _xlsx([_row("110-1")]), "all")
    row = _row("110-1", **{"居住社区/村": "T-D1-SB-C1"})
    result = importer.import_cases(personas["station_b"], _xlsx([row]), "all")
    assert not result.saved and result.problems[0].column == "来源案件编号"
