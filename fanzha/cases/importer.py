"""Cases from and to Excel: the template, row validation, idempotent re-import, the list export.

One row is one payment; rows sharing a 来源案件编号 are one case with several payments (the case
columns are read from its first row). Re-importing a file updates the cases it names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO, Any

from django.utils import timezone

from fanzha.audit import services as audit
from fanzha.audit.choices import AuditAction
from fanzha.cases.import_writer import Record, Saver, by_source_ref
from fanzha.cases.models import Case
from fanzha.cases.present import type_name
from fanzha.cases.validation import (
    CaseInput,
    CleanCase,
    PaymentInput,
    VictimInput,
    remembered_units,
    validate_case,
)
from fanzha.core import excel
from fanzha.core.access import owns
from fanzha.core.errors import DomainError

_C = excel.Column
CASE_SHEET = excel.Sheet(
    "案件",
    (
        _C(
            "source_ref",
            "来源案件编号",
            True,
            "接警单号或本单位案件编号；再次导入同一编号会更新而不是重复",
            width=20,
        ),
        _C("reported_at", "报案时间", True, "如 2026-03-01 14:30（北京时间）", width=18),
        _C("incident_at", "案发时间", True, "不能晚于报案时间", width=18),
        _C("contact_channel", "接触渠道", True, "电话、短信、应用程序、社交网络、网站、其他"),
        _C("fraud_type", "诈骗类型", help="如 刷单返利、冒充公检法；留空由系统建议后人工确认", width=18),
        _C("loss_yuan", "损失金额（元）", help="留空则按各行转账金额合计"),
        _C("narrative", "简要案情", True, "经过、对方号码/账号/网址等", width=40),
        _C("victim_name", "受害人姓名", True),
        _C(
            "victim_id_number", "身份证号", True, "18位，校验码错误的行会被拒绝", kind="resident_id", width=22
        ),
        _C("victim_phone", "手机号", kind="phone", width=14),
        _C("victim_occupation", "职业"),
        _C("victim_education", "文化程度", help="小学及以下、初中、高中/中专、大专、本科、研究生"),
        _C("victim_community", "居住社区/村", True, "单位代码或名称，须为系统中已有的社区或村", width=18),
        _C("paid_at", "转账时间", help="一行一笔转账；没有转账可留空此列及以后各列", width=18),
        _C("amount_yuan", "转账金额（元）", help="大于 0"),
        _C("channel", "支付方式", help="银行转账、支付宝、微信支付、现金、虚拟货币、礼品卡/充值卡、其他"),
        _C("from_account", "付款账号", kind="bank_account", width=22),
        _C("to_account", "收款账号", help="银行卡号须通过 Luhn 校验", width=22),
        _C("to_name", "收款户名"),
        _C("to_bank", "收款银行", help="银行单位代码或名称；留空按卡号识别", width=20),
    ),
    (
        "每行一笔转账；同一案件有多笔转账时，用相同的“来源案件编号”写多行，案件信息以第一行为准。",
        "带 * 的列必须填写。时间为北京时间，格式如 2026-03-01 14:30。",
        "导入前会逐行校验身份证号、银行卡号、日期、金额、社区和银行，有错误时可下载错误报告。",
        "重复导入同一文件不会产生重复案件：按“来源案件编号”更新已有案件。",
    ),
)
_HEADERS = {c.key: c.header for c in CASE_SHEET.columns}
_FIELD_COLUMNS = {
    "victim.name": "victim_name",
    "victim.id_number": "victim_id_number",
    "victim.phone": "victim_phone",
    "victim.education": "victim_education",
    "victim.community": "victim_community",
}
_PAYMENT_KEYS = ("paid_at", "amount_yuan", "channel", "from_account", "to_account", "to_name", "to_bank")
CHUNK = 2000  # rows read ahead to look up their 来源案件编号 in one query


def template() -> bytes:
    return excel.build_template(CASE_SHEET)


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value).strip()


def row_input(row: dict[str, Any]) -> CaseInput:
    victim = VictimInput(
        name=_text(row, "victim_name"),
        id_number=_text(row, "victim_id_number"),
        community=_text(row, "victim_community"),
        phone=_text(row, "victim_phone"),
        occupation=_text(row, "victim_occupation"),
        education=_text(row, "victim_education"),
    )
    payments = []
    if any(row.get(k) not in (None, "") for k in _PAYMENT_KEYS):
        payments.append(
            PaymentInput(
                paid_at=row.get("paid_at"),
                amount_yuan=row.get("amount_yuan"),
                channel=_text(row, "channel"),
                to_account=_text(row, "to_account"),
                from_account=_text(row, "from_account"),
                to_name=_text(row, "to_name"),
                to_bank=_text(row, "to_bank"),
            )
        )
    return CaseInput(
        narrative=_text(row, "narrative"),
        incident_at=row.get("incident_at"),
        reported_at=row.get("reported_at"),
        contact_channel=_text(row, "contact_channel"),
        victim=victim,
        payments=payments,
        fraud_type=_text(row, "fraud_type"),
        loss_yuan=row.get("loss_yuan"),
        source_ref=_text(row, "source_ref"),
    )


def _column(field: str) -> str:
    key = _FIELD_COLUMNS.get(field) or field.split(".")[-1]
    return _HEADERS.get(key, key)


def make_validator(user: Any, registered: dict[str, Any] | None = None) -> Any:
    """`registered` maps the 来源案件编号 of the rows being read to the owner unit of the case already
    registered under it (see `_look_ahead`); without it, each row looks its number up."""

    def validate(row: dict[str, Any]) -> Record:
        if not _text(row, "source_ref"):
            raise excel.RowError("请填写来源案件编号", _HEADERS["source_ref"])
        try:
            clean = validate_case(row_input(row), now=timezone.now())
        except DomainError as exc:
            columns = [_column(k) for k in exc.fields]
            detail = "；".join(f"{_column(k)}：{m}" for k, m in exc.fields.items())
            raise excel.RowError(detail or exc.message, "、".join(dict.fromkeys(columns))) from None
        owner = registered.get(clean.source_ref) if registered is not None else _registered(clean.source_ref)
        _check_scope(user, clean, owner)
        return Record(clean, row.get("loss_yuan") not in (None, ""))

    return validate


def _registered(ref: str) -> Any:
    case = by_source_ref([ref]).select_related("owner_unit").first()
    return case.owner_unit if case else None


def _check_scope(user: Any, clean: CleanCase, owner: Any) -> None:
    if not owns(user, clean.station):
        raise excel.RowError(
            f"受害人居住地属于{clean.station.name}，不在您单位辖区", _HEADERS["victim_community"]
        )
    if owner is not None and not owns(user, owner):
        raise excel.RowError("该来源案件编号已由其他单位登记", _HEADERS["source_ref"])


def _look_ahead(
    rows: Iterable[tuple[int, dict[str, Any]]], registered: dict[str, Any]
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Streams the rows on in chunks, filling `registered` with the owner units of the cases already
    registered under the chunk's 来源案件编号 (one query per chunk instead of one per row)."""
    it = iter(rows)
    while chunk := list(islice(it, CHUNK)):
        refs = {_text(row, "source_ref") for _, row in chunk} - {""}
        registered.clear()
        registered.update(
            (c.source_ref, c.owner_unit) for c in by_source_ref(refs).select_related("owner_unit")
        )
        yield from chunk


def import_cases(user: Any, file: IO[bytes], mode: str) -> excel.ImportResult:
    registered: dict[str, Any] = {}
    with remembered_units():
        result = excel.run_import(
            _look_ahead(excel.read_rows(file, CASE_SHEET), registered),
            validate=make_validator(user, registered),
            save=Saver(user),
            mode=mode,
            sheet=CASE_SHEET,
            batch=2000,
        )
    if result.saved:
        audit.record(
            AuditAction.IMPORT,
            object_type="cases.case",
            summary=f"导入案件：{result.total} 行，新增 {result.created}，更新 {result.updated}，"
            f"错误 {len(result.problems)}",
        )
    return result


EXPORT_COLUMNS = (
    _C("number", "案件编号"),
    _C("source_ref", "来源案件编号"),
    _C("status", "状态"),
    _C("owner", "主办单位"),
    _C("reported_at", "报案时间"),
    _C("incident_at", "案发时间"),
    _C("fraud_type", "诈骗类型"),
    _C("contact_channel", "接触渠道"),
    _C("loss_yuan", "损失金额（元）"),
    _C("victim_name", "受害人姓名"),
    _C("victim_id_number", "身份证号", kind="resident_id"),
    _C("victim_phone", "手机号", kind="phone"),
    _C("victim_gender", "性别"),
    _C("victim_age", "年龄"),
    _C("victim_occupation", "职业"),
    _C("narrative", "简要案情"),
)


def export_rows(cases: Iterable[Case]) -> Iterator[dict[str, Any]]:
    for case in cases:
        victim = getattr(case, "victim", None)
        yield {
            "number": case.number,
            "source_ref": case.source_ref,
            "status": case.get_status_display(),
            "owner": case.owner_unit.name,
            "reported_at": case.reported_at,
            "incident_at": case.incident_at,
            "fraud_type": type_name(case.fraud_type),
            "contact_channel": case.get_contact_channel_display(),
            "loss_yuan": float(case.loss_yuan),
            "victim_name": victim.name if victim else "",
            "victim_id_number": victim.id_number if victim else None,
            "victim_phone": victim.phone if victim else None,
            "victim_gender": victim.get_gender_display() if victim else "",
            "victim_age": victim.age if victim else None,
            "victim_occupation": victim.occupation if victim else "",
            "narrative": case.narrative,
        }
