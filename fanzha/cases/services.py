"""Case logic: intake, edits under optimistic locking, the status machine, payments, indicators."""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from fanzha.accounts.choices import Perm
from fanzha.audit import services as audit
from fanzha.audit.choices import AuditAction
from fanzha.cases.choices import (
    ACCOUNT_KIND,
    TRANSITIONS,
    CaseStatus,
    ContactChannel,
    EventKind,
    IndicatorSource,
)
from fanzha.cases.models import Case, CaseEvent, CaseIndicator, Payment, Victim
from fanzha.cases.validation import (
    CaseInput,
    CleanCase,
    CleanPayment,
    PaymentInput,
    Problems,
    as_datetime,
    check_times,
    choice,
    fraud_type_code,
    phone_number,
    validate_case,
    validate_payment,
)
from fanzha.core.access import owns, require
from fanzha.core.errors import Conflict, DomainError, Forbidden
from fanzha.detect import services as detect

SOURCE_TYPE = "case"
EDITABLE = (
    "fraud_type",
    "contact_channel",
    "incident_at",
    "reported_at",
    "loss_yuan",
    "narrative",
    "reporter_name",
    "reporter_phone",
)
_AUDITED = (*EDITABLE, "status")
_NOTE_REQUIRED = frozenset({CaseStatus.NOT_FILED, CaseStatus.WITHDRAWN})
ALPHABET = string.ascii_uppercase + string.digits


def new_number(at: datetime, token: str | None = None) -> str:
    """ "AJ" + the report date (Beijing) + eight random characters; unique by constraint."""
    token = token or "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"AJ{timezone.localtime(at):%Y%m%d}{token}"


def suggest(narrative: str) -> detect.Analysis | None:
    """The detector's reading of a narrative (fraud type, indicators); None for empty text."""
    if not (narrative or "").strip():
        return None
    try:
        return detect.analyze(narrative)
    except DomainError:
        return None


# --- intake -------------------------------------------------------------------------------


def create_case(user: Any, data: CaseInput, *, source: str = "station", now: datetime | None = None) -> Case:
    require(user, Perm.WRITE_CASES)
    clean = validate_case(data, now=now)
    _check_area(user, clean)
    if clean.source_ref and Case.objects.filter(source_ref=clean.source_ref).exists():
        raise DomainError(
            "该来源案件编号已登记", code="duplicate", fields={"source_ref": "来源案件编号已存在"}
        )
    with transaction.atomic():
        case = insert_case(clean, user=user, source=source)
        audit.record(AuditAction.CREATE, case, summary=f"受理案件 {case.number}", after=_snapshot(case))
    return case


def _check_area(user: Any, clean: CleanCase) -> None:
    if not owns(user, clean.station):
        raise Forbidden(
            f"受害人居住地属于{clean.station.name}辖区，不在您单位范围内，请由上级单位受理",
            code="out_of_scope",
            fields={"victim.community": "该社区不在您单位的辖区内"},
        )


def insert_case(clean: CleanCase, *, user: Any = None, source: str = "station") -> Case:
    """Writes a validated case with its victim, payments, indicators and first event (no audit)."""
    analysis = suggest(clean.narrative)
    case = Case(
        owner_unit=clean.station, source=source, suggested_type=analysis.case_type if analysis else ""
    )
    apply_clean(case, clean)
    case.number = new_number(clean.reported_at)
    case.created_by = user if getattr(user, "pk", None) else None
    case.save()
    _save_victim(case, clean)
    Payment.objects.bulk_create(new_payment(case, p) for p in clean.payments)
    _extract_indicators(case, analysis, clean.payments)
    _event(case, EventKind.CREATED, user, f"受理，主办单位 {clean.station.name}", to_status=case.status)
    return case


def apply_clean(case: Case, clean: CleanCase) -> None:
    """Copies a validated case's own fields onto `case` (not its victim or payments); does not save."""
    for name in (
        "narrative",
        "incident_at",
        "reported_at",
        "contact_channel",
        "fraud_type",
        "loss_yuan",
        "reporter_name",
        "reporter_phone",
        "source_ref",
    ):
        setattr(case, name, getattr(clean, name))


def _save_victim(case: Case, clean: CleanCase) -> Victim:
    victim = fill_victim(Victim.objects.filter(case=case).first() or Victim(case=case), clean)
    victim.save()
    return victim


def fill_victim(victim: Victim, clean: CleanCase) -> Victim:
    """Sets the victim's fields from a validated case (age as of the report date); does not save."""
    v = clean.victim
    resident = v.resident
    victim.name, victim.id_number, victim.phone = v.name, resident.number, v.phone
    victim.gender, victim.birth_date = resident.gender, resident.birth_date
    victim.age = resident.age(timezone.localtime(clean.reported_at).date())
    victim.occupation, victim.education, victim.community = v.occupation, v.education, v.community
    return victim


def new_payment(case: Case, p: CleanPayment) -> Payment:
    return Payment(
        case=case,
        paid_at=p.paid_at,
        amount_yuan=p.amount_yuan,
        channel=p.channel,
        from_account=p.from_account,
        to_account=p.to_account,
        to_name=p.to_name,
        to_bank=p.to_bank,
        to_bank_name=p.to_bank_name,
    )


def payment_items(payments: Iterable[Any]) -> list[tuple[str, str]]:
    return [
        (ACCOUNT_KIND[p.channel], p.to_account)
        for p in payments
        if p.to_account and p.channel in ACCOUNT_KIND
    ]


def _extract_indicators(case: Case, analysis: detect.Analysis | None, payments: Iterable[Any]) -> None:
    rows = [
        CaseIndicator(case=case, kind=f.kind, value=f.value, source=IndicatorSource.NARRATIVE)
        for f in (analysis.indicators if analysis else [])
    ]
    rows += [
        CaseIndicator(case=case, kind=k, value=v, source=IndicatorSource.PAYMENT)
        for k, v in payment_items(payments)
    ]
    CaseIndicator.objects.bulk_create(rows, ignore_conflicts=True)
    _sightings(case, [(r.kind, r.value) for r in rows])


def _sightings(case: Case, items: list[tuple[str, str]]) -> None:
    if items:
        detect.record_sightings(
            items,
            source_type=SOURCE_TYPE,
            source_id=str(case.pk),
            owner_unit=case.owner_unit,
            fraud_type=case.fraud_type or case.suggested_type,
        )


def _event(
    case: Case, kind: str, user: Any, note: str = "", *, from_status: str = "", to_status: str = ""
) -> None:
    CaseEvent.objects.create(
        case=case,
        at=timezone.now(),
        kind=kind,
        actor=user if getattr(user, "pk", None) else None,
        actor_name=actor_name(user),
        from_status=from_status,
        to_status=to_status,
        note=note[:500],
    )


def record_event(case: Case, kind: str, user: Any, note: str) -> None:
    """For other domains (freeze, shutdown) to write into a case's timeline."""
    _event(case, kind, user, note)


def actor_name(user: Any) -> str:
    if not getattr(user, "pk", None):
        return "系统"
    unit = getattr(user.unit, "name", "")
    return f"{user}（{unit}）" if unit else str(user)


def _snapshot(case: Case) -> dict[str, Any]:
    return audit.snapshot(case, _AUDITED)


# --- edits ----------------------------------------------------------------------------------


def _stale(case: Case, version: int) -> Conflict:
    current = Case.objects.filter(pk=case.pk).values_list("version", flat=True).first()
    return Conflict(
        f"该案件已被他人修改（您编辑的是第 {version} 版，当前为第 {current} 版），"
        "请刷新查看最新内容后重新提交",
        code="stale_version",
        fields={"version": "版本已过期"},
    )


def _save_versioned(case: Case, version: int | None, fields: Iterable[str]) -> None:
    """Writes `fields` only if nobody saved the case since `version` was read; bumps the version."""
    expected = case.version if version is None else version
    values = {name: getattr(case, name) for name in fields}
    done = Case.objects.filter(pk=case.pk, version=expected).update(
        **values, version=F("version") + 1, updated_at=timezone.now()
    )
    if not done:
        raise _stale(case, expected)
    case.version = expected + 1


def update_case(user: Any, case: Case, *, version: int, changes: dict[str, Any]) -> Case:
    require(user, Perm.WRITE_CASES, case.owner_unit)
    if version != case.version:
        raise _stale(case, version)
    clean = _clean_changes(case, changes)
    before = _snapshot(case)
    with transaction.atomic():
        for name, value in clean.items():
            setattr(case, name, value)
        _save_versioned(case, version, clean)
        if "narrative" in clean:
            analysis = suggest(case.narrative)
            case.suggested_type = analysis.case_type if analysis else ""
            Case.objects.filter(pk=case.pk).update(suggested_type=case.suggested_type)
            _extract_indicators(case, analysis, [])
        old, new = audit.changed(before, _snapshot(case))
        if new:
            _event(case, EventKind.UPDATED, user, "修改：" + "、".join(_label(k) for k in new))
            audit.record(AuditAction.UPDATE, case, summary=f"修改案件 {case.number}", before=old, after=new)
    return case


def _label(name: str) -> str:
    return str(getattr(Case._meta.get_field(name), "verbose_name", name))


def _clean_changes(case: Case, changes: dict[str, Any]) -> dict[str, Any]:
    """Re-validates the edited case as a whole (times stay ordered, codes stay valid)."""
    problems = Problems()
    unknown = set(changes) - set(EDITABLE)
    for name in unknown:
        problems.add(name, "该字段不能修改")
    out: dict[str, Any] = {}
    checks = {
        "fraud_type": lambda v: fraud_type_code(v or ""),
        "contact_channel": lambda v: choice(v, ContactChannel.choices, "接触渠道"),
        "incident_at": lambda v: as_datetime(v, "案发时间"),
        "reported_at": lambda v: as_datetime(v, "报案时间"),
        "loss_yuan": _non_negative,
        "narrative": _required_text,
        "reporter_name": lambda v: (v or "").strip()[:50],
        "reporter_phone": lambda v: phone_number(v or ""),
    }
    for name, value in changes.items():
        if name in checks:
            cleaned = problems.attempt(name, checks[name], value)
            if cleaned is not None:
                out[name] = cleaned
    incident, reported = out.get("incident_at", case.incident_at), out.get("reported_at", case.reported_at)
    check_times(incident, reported, timezone.now(), problems)
    problems.done()
    return out


def _non_negative(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise DomainError("损失金额应为数字") from None
    if not amount.is_finite() or amount < 0:
        raise DomainError("损失金额不能为负数")
    return amount.quantize(Decimal("0.01"))


def _required_text(value: Any) -> str:
    text = str(value or "").strip()
    if not text:
        raise DomainError("请填写简要案情")
    return text


def allowed_next(case: Case) -> list[tuple[str, str]]:
    return [(s, CaseStatus(s).label) for s in CaseStatus.values if s in TRANSITIONS[case.status]]


def change_status(user: Any, case: Case, to: str, *, note: str = "", version: int | None = None) -> Case:
    require(user, Perm.WRITE_CASES, case.owner_unit)
    if to not in CaseStatus.values:
        raise DomainError("状态无效", code="bad_status", fields={"status": "状态无效"})
    if to not in TRANSITIONS[case.status]:
        raise DomainError(
            f"案件当前为“{case.get_status_display()}”，不能变更为“{CaseStatus(to).label}”",
            code="bad_transition",
            fields={"status": "不允许的状态变更"},
        )
    if to in _NOTE_REQUIRED and not note.strip():
        raise DomainError("不立案或撤案须填写原因", code="note_required", fields={"note": "请填写原因"})
    old = case.status
    with transaction.atomic():
        case.status = to
        _save_versioned(case, version, ["status"])
        _event(case, EventKind.STATUS, user, note.strip(), from_status=old, to_status=to)
        audit.record(
            AuditAction.UPDATE,
            case,
            summary=f"案件 {case.number} {CaseStatus(old).label}→{CaseStatus(to).label}",
            before={"status": old},
            after={"status": to},
        )
    return case


def add_payment(user: Any, case: Case, data: PaymentInput, *, version: int | None = None) -> Payment:
    require(user, Perm.WRITE_CASES, case.owner_unit)
    problems = Problems()
    clean = validate_payment(data, "payment", case.incident_at, problems)
    problems.done()
    with transaction.atomic():
        payment = new_payment(case, clean)
        payment.save()
        case.loss_yuan = case.loss_yuan + payment.amount_yuan
        _save_versioned(case, version, ["loss_yuan"])
        _extract_indicators(case, None, [payment])
        _event(case, EventKind.PAYMENT, user, f"补充转账 {payment.amount_yuan} 元")
        audit.record(
            AuditAction.CREATE,
            payment,
            summary=f"案件 {case.number} 补充转账记录",
            after=audit.snapshot(payment, ("paid_at", "amount_yuan", "channel")),
        )
    return payment


# --- indicators -----------------------------------------------------------------------------


def add_indicator(user: Any, case: Case, kind: str, value: str) -> CaseIndicator:
    require(user, Perm.WRITE_CASES, case.owner_unit)
    clean = detect.clean_value(kind, value)
    try:
        with transaction.atomic():
            row = CaseIndicator.objects.create(
                case=case, kind=kind, value=clean, source=IndicatorSource.MANUAL
            )
    except IntegrityError:
        raise DomainError("该标识已在本案中", code="duplicate", fields={"value": "已存在"}) from None
    _sightings(case, [(kind, clean)])
    _event(case, EventKind.INDICATOR, user, f"添加涉案标识 {kind}")
    audit.record(AuditAction.CREATE, row, summary=f"案件 {case.number} 添加涉案标识", after={"kind": kind})
    return row


def remove_indicator(user: Any, case: Case, indicator_id: int) -> None:
    require(user, Perm.WRITE_CASES, case.owner_unit)
    row = case.indicators.filter(pk=indicator_id).first()
    if row is None:
        raise DomainError("该标识不存在", code="not_found")
    audit.record(
        AuditAction.DELETE, row, summary=f"案件 {case.number} 删除涉案标识", before={"kind": row.kind}
    )
    _event(case, EventKind.INDICATOR, user, f"删除涉案标识 {row.kind}")
    row.delete()


def related(user: Any, case: Case) -> list[detect.Related]:
    items = [(i.kind, i.value) for i in case.indicators.all()]
    return detect.related_sources(items, user=user, exclude=(SOURCE_TYPE, str(case.pk)))


def view_case(user: Any, case: Case) -> None:
    """A detail read shows the victim's identifiers: it goes in the audit log."""
    audit.record(AuditAction.VIEW, case, summary=f"查看案件 {case.number}", user=user)
