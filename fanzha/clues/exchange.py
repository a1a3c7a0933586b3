"""Clues in and out of Excel: the import template, row validation, idempotent re-import, export."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from typing import IO, Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.utils import timezone

from fanzha.audit import services as audit
from fanzha.audit.choices import AuditAction
from fanzha.clues import display, indicators, services
from fanzha.clues.choices import ClueSource, ClueStatus, Priority
from fanzha.clues.models import Clue
from fanzha.core import excel
from fanzha.core.access import owns
from fanzha.core.errors import DomainError
from fanzha.detect import services as detect

C = excel.Column
IMPORT_COLUMNS = (
    C("source", "来源", True, "部推、省厅、市局、本地、运营商、银行、群众举报 之一"),
    C("source_ref", "来源编号", True, "来源单位的线索编号；同一来源同一编号再次导入时更新原线索", width=20),
    C("title", "标题", True, "不超过200字", width=30),
    C("content", "线索内容", True, "线索的详细内容", width=60),
    C("priority", "紧急程度", False, "特急、紧急、一般；留空为一般"),
    C("fraud_type", "诈骗类型", False, "如 刷单返利、冒充公检法；留空则不填"),
    C("indicators", "涉案标识", False, "“类型:值”，多个用；分隔，如 电话号码:13800138000", width=40),
    C("received_at", "接收时间", False, "北京时间，格式 2026-03-01 14:30；留空为导入时间", width=18),
)  # fmt: skip
SHEET = excel.Sheet(
    "线索",
    IMPORT_COLUMNS,
    (
        "每行一条线索，第一行为表头，请勿修改表头；带 * 的列必填。",
        "同一来源的来源编号唯一：再次导入相同编号会更新标题、内容、紧急程度、诈骗类型和涉案标识。",
        "导入时可选择：有错误行时全部不导入，或只导入正确的行；错误行会列在可下载的错误报告中。",
        "导入的线索归本单位，状态为“待下发”，请在线索页面下发。",
    ),
)
EXPORT_COLUMNS = (
    C("number", "线索编号"),
    *IMPORT_COLUMNS,
    C("status", "状态"),
    C("owner_unit", "接收单位", width=24),
    C("holder_unit", "当前承办单位", width=24),
    C("due_at", "当前时限", width=18),
    C("deadline_state", "时限状态"),
    C("result", "反馈结果"),
    C("feedback_at", "反馈时间", width=18),
)
_SOURCES = {label: code for code, label in ClueSource.choices} | {c: c for c in ClueSource.values}
_PRIORITIES = {label: code for code, label in Priority.choices} | {c: c for c in Priority.values}


def template() -> bytes:
    return excel.build_template(SHEET)


def import_file(user: Any, file: IO[bytes], mode: str, now: datetime | None = None) -> excel.ImportResult:
    now = now or timezone.now()
    rows = _Numbered(excel.read_rows(file, SHEET))
    result = excel.run_import(
        rows,
        validate=_Validator(user, rows).validate,
        save=lambda batch: _save(user, batch, now),
        mode=mode if mode in ("all", "valid") else "all",
        sheet=SHEET,
    )
    summary = (
        f"导入线索：共 {result.total} 行，新增 {result.created}，更新 {result.updated}，"
        f"错误 {len(result.problems)}"
    )
    audit.record(AuditAction.IMPORT, object_type="clues.clue", summary=summary)
    return result


class _Numbered:
    """Passes rows through and remembers the Excel row number of the one being validated."""

    def __init__(self, rows: Iterator[tuple[int, dict[str, Any]]]) -> None:
        self.rows, self.current = rows, 0

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any]]]:
        for number, row in self.rows:
            self.current = number
            yield number, row


Parsed = tuple[services.ClueData, Clue | None]


class _Validator:
    def __init__(self, user: Any, rows: _Numbered) -> None:
        self.user, self.rows = user, rows
        self.seen: dict[tuple[str, str], int] = {}
        self.fraud_types = {name: code for code, name in detect.fraud_type_choices()}
        self.fraud_types.update({code: code for code in self.fraud_types.values()})

    def validate(self, row: dict[str, Any]) -> Parsed:
        data = services.ClueData(
            source=_pick(row, "source", _SOURCES, "来源"),
            title=_text(row, "title"),
            content=_text(row, "content"),
            source_ref=_text(row, "source_ref"),
            priority=_pick(row, "priority", _PRIORITIES, "紧急程度", Priority.NORMAL),
            fraud_type=_pick(row, "fraud_type", self.fraud_types, "诈骗类型", ""),
            indicators=_indicators(row),
            received_at=_when(row.get("received_at")),
        )
        services.validate(data)
        return data, self._existing(data)

    def _existing(self, data: services.ClueData) -> Clue | None:
        key = (data.source, data.source_ref)
        if key in self.seen:
            raise excel.RowError(f"与第{self.seen[key]}行的来源编号重复", "来源编号")
        self.seen[key] = self.rows.current
        found = Clue.objects.filter(source=data.source, source_ref=data.source_ref).first()
        if found is not None and not owns(self.user, found.owner_unit):
            raise excel.RowError("该来源编号的线索属于其他单位，不能覆盖", "来源编号")
        if found is not None and found.status == ClueStatus.CLOSED:
            raise excel.RowError("该来源编号的线索已办结，不能再修改", "来源编号")
        return found


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value).strip()


def _pick(
    row: dict[str, Any], key: str, allowed: dict[str, str], header: str, default: str | None = None
) -> str:
    value = _text(row, key)
    if not value and default is not None:
        return default
    if value not in allowed:
        raise excel.RowError(f"{header}“{value}”无效" if value else f"请填写{header}", header)
    return allowed[value]


def _indicators(row: dict[str, Any]) -> list[tuple[str, str]]:
    try:
        return indicators.clean(indicators.parse_lines(_text(row, "indicators")))
    except DomainError as exc:
        raise excel.RowError(exc.message, "涉案标识") from exc


def _when(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time.min)
    else:
        moment = _parse(str(value))
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _parse(text: str) -> datetime:
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M", "%Y/%m/%d"):
        try:
            return datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
    raise excel.RowError("接收时间格式无效，应为 2026-03-01 14:30", "接收时间")


def _save(user: Any, batch: list[Parsed], now: datetime) -> tuple[int, int]:
    created = sum(services.save_imported(user, data, existing, now) for data, existing in batch)
    return created, len(batch) - created


# ---- export ----------------------------------------------------------------------------------


def export(user: Any, clues: QuerySet[Clue], title: str) -> FileResponse:
    rows = _export_rows(user, clues, timezone.now())
    return excel.export_response(user, EXPORT_COLUMNS, rows, filename=title, object_type="clues.clue")


def _export_rows(user: Any, clues: QuerySet[Clue], now: datetime) -> Iterator[dict[str, Any]]:
    for clue in clues.prefetch_related("indicators").iterator(chunk_size=2000):
        yield {
            "number": clue.number, "source": clue.get_source_display(), "source_ref": clue.source_ref,
            "title": clue.title, "content": display.content_for(user, clue),
            "priority": clue.get_priority_display(), "fraud_type": display.fraud_type_name(clue.fraud_type),
            "indicators": display.indicator_text(user, clue), "received_at": clue.received_at,
            "status": clue.get_status_display(), "owner_unit": clue.owner_unit.name,
            "holder_unit": clue.holder_unit.name, "due_at": clue.due_at,
            "deadline_state": display.clue_state_name(clue, now),
            "result": clue.get_result_display() if clue.result else "", "feedback_at": clue.feedback_at,
        }  # fmt: skip
