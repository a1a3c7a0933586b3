"""Stop-payment/freeze requests followed hop by hop to their answer, the golden-time figures, and
shutdown/block requests. Pages and the API call these; banks and carriers answer through them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from fanzha.accounts.choices import Perm
from fanzha.audit import services as audit
from fanzha.audit.choices import AuditAction
from fanzha.cases import services as cases
from fanzha.cases.choices import EventKind, PaymentChannel
from fanzha.cases.models import Case, Payment
from fanzha.cases.validation import Problems, as_money, bank_unit
from fanzha.core.access import owns, require
from fanzha.core.errors import Conflict, DomainError, Forbidden
from fanzha.freeze.choices import (
    CARRIER_CODES,
    HELD,
    OPEN,
    TRANSITIONS,
    FreezeKind,
    FreezeStatus,
    ShutdownStatus,
    TargetKind,
)
from fanzha.freeze.models import FreezeRequest, ShutdownRequest
from fanzha.identifiers import parse_bank_card, parse_domain, parse_phone, parse_url
from fanzha.org import services as org
from fanzha.org.choices import UnitKind
from fanzha.org.models import OrgUnit

ZERO = Decimal("0.00")


@dataclass
class OnwardHop:
    """Where the bank says the money went next: the account, its bank, how much."""

    account: str
    bank: str
    amount_yuan: Any
    account_name: str = ""


# --- sending ------------------------------------------------------------------------------


def request_for_payment(
    user: Any, payment: Payment, *, kind: str = FreezeKind.STOP, now: datetime | None = None
) -> FreezeRequest:
    """The "发起止付" button: one request to the bank that received the victim's transfer."""
    case = payment.case
    require(user, Perm.WRITE_CASES, case.owner_unit)
    bank = _receiving_bank(payment)
    if payment.freeze_requests.filter(parent=None, status__in=OPEN).exists():
        raise Conflict("该笔转账已发起止付，正在等待银行答复", code="already_sent")
    with transaction.atomic():
        req = FreezeRequest.objects.create(
            case=case,
            payment=payment,
            owner_unit=case.owner_unit,
            bank=bank,
            kind=kind,
            account=payment.to_account,
            account_name=payment.to_name,
            amount_yuan=payment.amount_yuan,
            sent_at=now or timezone.now(),
            sent_by=_user(user),
        )
        _log(user, req, AuditAction.CREATE, f"向{req.bank.name}发起{req.get_kind_display()}")
    return req


def _receiving_bank(payment: Payment) -> OrgUnit:
    if payment.channel != PaymentChannel.BANK_TRANSFER or not payment.to_account:
        raise DomainError("只有银行转账可以向银行发起止付", code="not_bank", fields={"payment": "非银行转账"})
    if payment.to_bank is None:
        raise DomainError(
            "无法确定收款银行：请先在转账记录中补充收款银行",
            code="unknown_bank",
            fields={"to_bank": "收款银行未知"},
        )
    return payment.to_bank


def _user(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


def _log(user: Any, req: FreezeRequest, action: str, summary: str) -> None:
    cases.record_event(req.case, EventKind.FREEZE, user, f"{summary}（账号尾号 {req.account[-4:]}）")
    audit.record(
        action,
        req,
        summary=f"案件 {req.case.number}：{summary}",
        after={"status": req.status, "bank": req.bank.code},
    )


# --- answering ----------------------------------------------------------------------------


def _check_move(req: FreezeRequest, to: str) -> None:
    if to in FreezeStatus.values and to not in TRANSITIONS[req.status]:
        raise DomainError(
            f"请求当前为“{req.get_status_display()}”，不能变更为“{FreezeStatus(to).label}”",
            code="bad_transition",
            fields={"result": "不允许的状态变更"},
        )


def _move(req: FreezeRequest, to: str) -> None:
    _check_move(req, to)
    done = FreezeRequest.objects.filter(pk=req.pk, version=req.version).update(version=F("version") + 1)
    if not done:
        raise Conflict("该请求已被他人处理，请刷新后查看最新状态", code="stale_version")
    req.version += 1
    req.status = to


def acknowledge(user: Any, req: FreezeRequest, *, now: datetime | None = None) -> FreezeRequest:
    require(user, Perm.ANSWER_FREEZE, req.bank)
    with transaction.atomic():
        _move(req, FreezeStatus.ACKNOWLEDGED)
        req.acknowledged_at = now or timezone.now()
        req.save(update_fields=["status", "acknowledged_at"])
        _log(user, req, AuditAction.UPDATE, f"{req.bank.name}已接收请求")
    return req


def answer(
    user: Any,
    req: FreezeRequest,
    result: str,
    *,
    amount_yuan: Any = None,
    reason: str = "",
    note: str = "",
    onward: list[OnwardHop] | None = None,
    now: datetime | None = None,
) -> FreezeRequest:
    """The bank's result: stopped/frozen (amount), moved_on (onward hops), failed (reason)."""
    require(user, Perm.ANSWER_FREEZE, req.bank)
    now = now or timezone.now()
    _check_move(req, result)
    hops = _check_answer(req, result, amount_yuan, reason, onward or [])
    with transaction.atomic():
        _move(req, result)
        _fill_answer(req, result, hops, amount_yuan, reason, note, user, now)
        children = [_follow_on(req, hop, user, now) for hop in hops]
        _log(user, req, AuditAction.UPDATE, _answer_summary(req, children))
    return req


def _check_answer(
    req: FreezeRequest, result: str, amount: Any, reason: str, onward: list[OnwardHop]
) -> list[Any]:
    problems = Problems()
    if result not in (FreezeStatus.STOPPED, FreezeStatus.FROZEN, FreezeStatus.MOVED_ON, FreezeStatus.FAILED):
        problems.add("result", "答复结果无效")
    if result in HELD:
        problems.attempt("amount_yuan", as_money, amount, "止付/冻结金额")
    if result == FreezeStatus.FAILED and not reason.strip():
        problems.add("reason", "请填写未能止付的原因")
    if result == FreezeStatus.MOVED_ON and not onward:
        problems.add("onward", "请填写资金转出的账号和银行")
    hops = (
        [_check_hop(hop, f"onward.{i}", problems) for i, hop in enumerate(onward)]
        if result == FreezeStatus.MOVED_ON
        else []
    )
    problems.done()
    return hops


def _check_hop(hop: OnwardHop, key: str, problems: Problems) -> Any:
    account = problems.attempt(f"{key}.account", lambda v: parse_bank_card(v).number, hop.account)
    bank = problems.attempt(f"{key}.bank", bank_unit, hop.bank or "")
    amount = problems.attempt(f"{key}.amount_yuan", as_money, hop.amount_yuan)
    return (account, bank, amount, hop.account_name.strip()[:50])


def _fill_answer(
    req: FreezeRequest,
    result: str,
    hops: list[Any],
    amount: Any,
    reason: str,
    note: str,
    user: Any,
    now: datetime,
) -> None:
    if result == FreezeStatus.STOPPED:
        req.stopped_yuan = as_money(amount)
    elif result == FreezeStatus.FROZEN:
        req.frozen_yuan = as_money(amount)
    req.failure_reason = reason.strip()[:300] if result == FreezeStatus.FAILED else req.failure_reason
    req.note = note.strip()[:500] or req.note
    req.acknowledged_at = req.acknowledged_at or now
    req.answered_at = req.answered_at or now  # a stop turned into a freeze keeps the first answer time
    req.answered_by = _user(user)
    req.save()


def _follow_on(parent: FreezeRequest, hop: Any, user: Any, now: datetime) -> FreezeRequest:
    account, bank, amount, name = hop
    return FreezeRequest.objects.create(
        case=parent.case,
        payment=parent.payment,
        parent=parent,
        hop=parent.hop + 1,
        owner_unit=parent.owner_unit,
        bank=bank,
        kind=parent.kind,
        account=account,
        account_name=name,
        amount_yuan=amount,
        sent_at=now,
        sent_by=_user(user),
    )


def _answer_summary(req: FreezeRequest, children: list[FreezeRequest]) -> str:
    text = f"{req.bank.name}答复：{req.get_status_display()}"
    if req.status in HELD:
        text += f" {req.held_yuan} 元"
    if children:
        text += "，已向" + "、".join(c.bank.name for c in children) + "发起下一跳止付"
    return text


def record_return(
    user: Any, req: FreezeRequest, recovered_yuan: Any, *, now: datetime | None = None
) -> FreezeRequest:
    """Held money paid back to the victim; recorded by the bank or by the case's own unit."""
    if not (user.can(Perm.ANSWER_FREEZE) and owns(user, req.bank)):
        require(user, Perm.WRITE_CASES, req.owner_unit)
    _check_move(req, FreezeStatus.RETURNED)
    problems = Problems()
    amount = problems.attempt("recovered_yuan", as_money, recovered_yuan, "返还金额")
    if amount is not None and amount > req.held_yuan:
        problems.add("recovered_yuan", f"返还金额不能超过止付/冻结金额 {req.held_yuan} 元")
    problems.done()
    with transaction.atomic():
        _move(req, FreezeStatus.RETURNED)
        req.recovered_yuan, req.returned_at = amount if amount is not None else ZERO, now or timezone.now()
        req.save(update_fields=["status", "recovered_yuan", "returned_at"])
        _log(user, req, AuditAction.UPDATE, f"返还受害人 {amount} 元")
    return req


# --- golden time --------------------------------------------------------------------------


@dataclass
class GoldenTime:
    """The figures that say whether the money was caught in time."""

    requests: int = 0
    report_to_first_request: timedelta | None = None
    request_to_stop: timedelta | None = None
    requested_yuan: Decimal = ZERO
    stopped_yuan: Decimal = ZERO
    frozen_yuan: Decimal = ZERO
    recovered_yuan: Decimal = ZERO
    open_requests: int = 0
    hops: int = 0
    notes: list[str] = field(default_factory=list)


def golden_time(case: Case) -> GoldenTime:
    reqs = list(case.freeze_requests.all())
    figures = GoldenTime(requests=len(reqs))
    if not reqs:
        return figures
    first = min(reqs, key=lambda r: r.sent_at)
    figures.report_to_first_request = max(first.sent_at - case.reported_at, timedelta(0))
    held = [r for r in reqs if r.answered_at and (r.stopped_yuan or r.frozen_yuan)]
    if held:
        earliest = min(held, key=lambda r: r.answered_at)  # type: ignore[arg-type, return-value]
        figures.request_to_stop = earliest.answered_at - earliest.sent_at  # type: ignore[operator]
    figures.requested_yuan = sum((r.amount_yuan for r in reqs if r.parent_id is None), ZERO)
    figures.stopped_yuan = sum((r.stopped_yuan for r in reqs), ZERO)
    figures.frozen_yuan = sum((r.frozen_yuan for r in reqs), ZERO)
    figures.recovered_yuan = sum((r.recovered_yuan for r in reqs), ZERO)
    figures.open_requests = sum(1 for r in reqs if r.status in OPEN)
    figures.hops = max(r.hop for r in reqs)
    return figures


def human_duration(value: timedelta | None) -> str:
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} 分钟"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} 小时 {minutes} 分"
    return f"{hours // 24} 天 {hours % 24} 小时"


# --- shutdown and block requests ----------------------------------------------------------


def shutdown_target(kind: str, value: str) -> tuple[str, str | None]:
    """(normalized target, carrier name for phones); raises IdentifierError with a Chinese message."""
    if kind == TargetKind.PHONE:
        phone = parse_phone(value)
        return phone.number, phone.carrier
    if kind == TargetKind.URL:
        return parse_url(value).url, None
    if kind == TargetKind.DOMAIN:
        return parse_domain(value), None
    raise DomainError("对象类型无效", code="bad_kind", fields={"target_kind": "应为电话号码、网址或域名"})


def carrier_unit(carrier: str | None) -> OrgUnit:
    carriers = OrgUnit.objects.filter(kind=UnitKind.CARRIER)
    unit = None
    if carrier:
        unit = (
            carriers.filter(name__contains=carrier).first()
            or carriers.filter(code=CARRIER_CODES.get(carrier, "")).first()
        )
    if unit is None:
        raise DomainError(
            f"找不到号码所属运营商（{carrier or '未知'}）的单位，请联系管理员",
            code="unknown_carrier",
            fields={"target": "号码所属运营商不在单位名录中"},
        )
    return unit


def city_center(unit: OrgUnit) -> OrgUnit:
    center = next((u for u in org.ancestors(unit, include_self=True) if u.kind == UnitKind.CITY), None)
    if center is None:
        raise DomainError("找不到市反诈中心单位", code="no_center")
    return center


def request_shutdown(
    user: Any, case: Case, target_kind: str, target: str, *, reason: str = "", now: datetime | None = None
) -> ShutdownRequest:
    require(user, Perm.WRITE_CASES, case.owner_unit)
    problems = Problems()
    found = problems.attempt("target", shutdown_target, target_kind, target)
    problems.done()
    value, carrier = found  # type: ignore[misc]
    to = carrier_unit(carrier) if target_kind == TargetKind.PHONE else city_center(case.owner_unit)
    if ShutdownRequest.objects.filter(target=value, status=ShutdownStatus.SENT, addressed_to=to).exists():
        raise Conflict("该号码/网址已有待处理的关停请求", code="already_sent")
    with transaction.atomic():
        req = ShutdownRequest.objects.create(
            case=case,
            owner_unit=case.owner_unit,
            addressed_to=to,
            target_kind=target_kind,
            target=value,
            reason=reason.strip()[:300],
            sent_at=now or timezone.now(),
            sent_by=_user(user),
        )
        cases.record_event(
            case, EventKind.SHUTDOWN, user, f"向{to.name}发起关停：{req.get_target_kind_display()}"
        )
        audit.record(AuditAction.CREATE, req, summary=f"案件 {case.number} 发起关停", after={"to": to.code})
    return req


def answer_shutdown(
    user: Any, req: ShutdownRequest, result: str, *, note: str = "", now: datetime | None = None
) -> ShutdownRequest:
    if not user.can(Perm.ANSWER_SHUTDOWN) or not owns(user, req.addressed_to):
        raise Forbidden("您的单位不是该请求的接收单位或无答复权限", code="forbidden")
    if req.status != ShutdownStatus.SENT:
        raise DomainError("该请求已答复", code="bad_transition", fields={"result": "已答复"})
    if result not in (ShutdownStatus.DONE, ShutdownStatus.REFUSED):
        raise DomainError("答复结果无效", fields={"result": "应为已关停或未能关停"})
    if result == ShutdownStatus.REFUSED and not note.strip():
        raise DomainError("请填写未能关停的原因", fields={"note": "请填写原因"})
    with transaction.atomic():
        req.status, req.result_note = result, note.strip()[:500]
        req.answered_at, req.answered_by = now or timezone.now(), _user(user)
        req.save()
        if req.case is not None:
            cases.record_event(
                req.case, EventKind.SHUTDOWN, user, f"{req.addressed_to.name}答复：{req.get_status_display()}"
            )
        audit.record(AuditAction.UPDATE, req, summary=f"答复关停请求：{req.get_status_display()}")
    return req
