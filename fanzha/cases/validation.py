"""Case input as it arrives (form, API, Excel row) and its validation into clean values.

Every problem is collected per field ("victim.id_number", "payments.0.amount_yuan") so a form shows
all its errors at once; nothing is written until the whole case is clean.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.utils import timezone

from fanzha.cases.choices import ACCOUNT_KIND, ContactChannel, Education, PaymentChannel
from fanzha.core.errors import DomainError
from fanzha.detect import services as detect
from fanzha.identifiers import IdentifierError, ResidentId, normalize, parse_bank_card, parse_phone
from fanzha.identifiers import parse_resident_id as _parse_id
from fanzha.org import services as org
from fanzha.org.choices import UnitKind
from fanzha.org.models import OrgUnit

T = TypeVar("T")
MAX_YUAN = Decimal("1000000000")
CLOCK_SKEW = timedelta(minutes=10)
# Short bank names from the card BIN table → how the bank's unit is usually named.
BANK_ALIASES = {"邮储银行": "邮政储蓄银行"}
_UNITS: ContextVar[dict[tuple[str, str], OrgUnit | None] | None] = ContextVar("case_unit_memo", default=None)


@contextmanager
def remembered_units() -> Iterator[None]:
    """Inside the block, unit lookups (community, bank, responsible station) are made once per
    distinct text: an import names the same few hundred units on every one of its rows."""
    token = _UNITS.set({})
    try:
        yield
    finally:
        _UNITS.reset(token)


def _unit(kind: str, key: str, find: Callable[[str], OrgUnit | None]) -> OrgUnit | None:
    memo = _UNITS.get()
    if memo is None:
        return find(key)
    if (kind, key) not in memo:
        memo[kind, key] = find(key)
    return memo[kind, key]


@dataclass
class VictimInput:
    name: str
    id_number: str
    community: str  # unit code (or exact name) of the residence community or village
    phone: str = ""
    occupation: str = ""
    education: str = ""


@dataclass
class PaymentInput:
    paid_at: Any
    amount_yuan: Any
    channel: str
    to_account: str = ""
    from_account: str = ""
    to_name: str = ""
    to_bank: str = ""  # bank unit code or name; empty: recognized from the card number


@dataclass
class CaseInput:
    narrative: str
    incident_at: Any
    contact_channel: str
    victim: VictimInput
    payments: list[PaymentInput] = field(default_factory=list)
    reported_at: Any = None
    fraud_type: str = ""
    loss_yuan: Any = None
    reporter_name: str = ""
    reporter_phone: str = ""
    source_ref: str = ""


@dataclass
class CleanVictim:
    name: str
    resident: ResidentId
    phone: str
    occupation: str
    education: str
    community: OrgUnit


@dataclass
class CleanPayment:
    paid_at: datetime
    amount_yuan: Decimal
    channel: str
    to_account: str
    from_account: str
    to_name: str
    to_bank: OrgUnit | None
    to_bank_name: str


@dataclass
class CleanCase:
    narrative: str
    incident_at: datetime
    reported_at: datetime
    contact_channel: str
    fraud_type: str
    loss_yuan: Decimal
    reporter_name: str
    reporter_phone: str
    source_ref: str
    victim: CleanVictim
    payments: list[CleanPayment]
    station: OrgUnit


class Problems:
    """Collects one message per field; `done()` raises them together."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}

    def add(self, key: str, message: str) -> None:
        self.fields.setdefault(key, message)

    def attempt(self, key: str, fn: Callable[..., T], *args: Any) -> T | None:
        try:
            return fn(*args)
        except IdentifierError as exc:
            self.add(key, exc.message)
        except DomainError as exc:
            self.add(key, exc.message)
        return None

    def done(self) -> None:
        if self.fields:
            raise DomainError("提交的内容有误，请按提示修改", code="invalid", fields=dict(self.fields))


def bad(message: str) -> DomainError:
    return DomainError(message)


def as_datetime(value: Any, label: str) -> datetime:
    """A datetime from a datetime, a date or ISO text; naive values are Beijing time."""
    if isinstance(value, str) and value.strip():
        value = _parse_text_datetime(value.strip())
    elif isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time.min)
    if not isinstance(value, datetime):
        raise bad(f"请填写{label}")
    # Naive means Beijing time (the default zone, which never changes; asking for the current one
    # per value costs more than the rest of the parsing).
    return timezone.make_aware(value, timezone.get_default_timezone()) if timezone.is_naive(value) else value


def _parse_text_datetime(text: str) -> datetime:
    for candidate in (text, text.replace("/", "-")):
        try:
            return datetime.fromisoformat(candidate)
        except ValueError:
            continue
    raise bad("时间格式无效，应为 2026-03-01 14:30")


def as_money(value: Any, label: str = "金额") -> Decimal:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise bad(f"请填写{label}")
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise bad(f"{label}应为数字") from None
    if not amount.is_finite() or amount <= 0:
        raise bad(f"{label}必须大于 0")
    if amount >= MAX_YUAN:
        raise bad(f"{label}过大，请核对")
    return amount.quantize(Decimal("0.01"))


# Built once: an enum's `.choices` is a new list on every access, and imports ask 100,000 times.
CONTACT_CHOICES = tuple(ContactChannel.choices)
EDUCATION_CHOICES = tuple(Education.choices)
PAYMENT_CHOICES = tuple(PaymentChannel.choices)


def choice(value: str, choices: Any, label: str, *, required: bool = True) -> str:
    """A choice given by its code or its Chinese label."""
    text = (value or "").strip()
    if not text:
        if required:
            raise bad(f"请选择{label}")
        return ""
    for code, name in choices:
        if text in (code, name):
            return str(code)
    raise bad(f"{label}“{text}”不是可选的取值")


def fraud_type_code(value: str) -> str:
    return choice(value, detect.fraud_type_choices(), "诈骗类型", required=False)


def community_unit(value: str) -> OrgUnit:
    text = (value or "").strip()
    if not text:
        raise bad("请选择受害人居住的社区或村")
    unit = _unit("community", text, _by_code_or_name)
    if unit is None or unit.kind not in (UnitKind.COMMUNITY, UnitKind.VILLAGE):
        raise bad(f"社区/村“{text}”不存在")
    return unit


def _by_code_or_name(text: str) -> OrgUnit | None:
    return OrgUnit.objects.filter(code=text).first() or OrgUnit.objects.filter(name=text).first()


def _bank(text: str) -> OrgUnit | None:
    banks = OrgUnit.objects.filter(kind=UnitKind.BANK)
    return banks.filter(code=text).first() or banks.filter(name=text).first()


def bank_unit(value: str) -> OrgUnit:
    text = value.strip()
    unit = _unit("bank", text, _bank)
    if unit is None:
        raise bad(f"收款银行“{text}”不在银行名录中")
    return unit


def bank_by_short_name(short: str | None) -> OrgUnit | None:
    if not short:
        return None
    return _unit("bank_short", BANK_ALIASES.get(short, short), _bank_by_name_part)


def _bank_by_name_part(name: str) -> OrgUnit | None:
    return OrgUnit.objects.filter(kind=UnitKind.BANK, name__contains=name).order_by("code").first()


def education_code(value: str) -> str:
    return choice(value, EDUCATION_CHOICES, "文化程度", required=False)


def phone_number(value: str) -> str:
    return parse_phone(value).number if (value or "").strip() else ""


def resident_id(value: str) -> ResidentId:
    if not (value or "").strip():
        raise bad("请填写身份证号")
    return _parse_id(value)


def validate_victim(data: VictimInput, problems: Problems) -> CleanVictim | None:
    name = (data.name or "").strip()
    if not name:
        problems.add("victim.name", "请填写受害人姓名")
    resident = problems.attempt("victim.id_number", resident_id, data.id_number)
    phone = problems.attempt("victim.phone", phone_number, data.phone)
    education = problems.attempt("victim.education", education_code, data.education)
    community = problems.attempt("victim.community", community_unit, data.community)
    if not (name and resident and community) or phone is None or education is None:
        return None
    return CleanVictim(name[:50], resident, phone, (data.occupation or "").strip()[:30], education, community)


def validate_payment(data: PaymentInput, key: str, incident_at: datetime | None, problems: Problems) -> Any:
    paid_at = problems.attempt(f"{key}.paid_at", as_datetime, data.paid_at, "转账时间")
    amount = problems.attempt(f"{key}.amount_yuan", as_money, data.amount_yuan)
    channel = problems.attempt(f"{key}.channel", choice, data.channel, PAYMENT_CHOICES, "支付方式")
    if paid_at and incident_at and paid_at < incident_at:
        problems.add(f"{key}.paid_at", "转账时间早于案发时间，请核对")
    if paid_at and paid_at > timezone.now() + CLOCK_SKEW:
        problems.add(f"{key}.paid_at", "转账时间不能晚于当前时间")
    to_account = problems.attempt(f"{key}.to_account", receiving_account, channel or "", data.to_account)
    from_account = problems.attempt(f"{key}.from_account", paying_account, channel or "", data.from_account)
    bank = problems.attempt(f"{key}.to_bank", receiving_bank, channel or "", data.to_bank, to_account or "")
    if None in (paid_at, amount, channel, to_account, from_account, bank):
        return None
    unit, short = bank  # type: ignore[misc]
    to_name = (data.to_name or "").strip()[:50]
    return CleanPayment(paid_at, amount, channel, to_account, from_account, to_name, unit, short)  # type: ignore[arg-type]


def receiving_account(channel: str, value: str) -> str:
    text = (value or "").strip()
    kind = ACCOUNT_KIND.get(channel)
    if not text:
        if channel == PaymentChannel.BANK_TRANSFER:
            raise bad("银行转账须填写收款账号")
        return ""
    return normalize(kind, text) if kind else text[:64]


def paying_account(channel: str, value: str) -> str:
    text = (value or "").strip()
    if text and channel == PaymentChannel.BANK_TRANSFER:
        return parse_bank_card(text).number
    return text[:64]


def receiving_bank(channel: str, given: str, account: str) -> tuple[OrgUnit | None, str]:
    """(bank unit, bank short name from the BIN): the unit named, else the one the card belongs to."""
    if channel != PaymentChannel.BANK_TRANSFER:
        return None, ""
    short = parse_bank_card(account).bank if account else None
    if (given or "").strip():
        return bank_unit(given), short or ""
    return bank_by_short_name(short), short or ""


def validate_case(data: CaseInput, *, now: datetime | None = None) -> CleanCase:
    now = now or timezone.now()
    problems = Problems()
    narrative = (data.narrative or "").strip()
    if not narrative:
        problems.add("narrative", "请填写简要案情")
    incident_at = problems.attempt("incident_at", as_datetime, data.incident_at, "案发时间")
    reported_at = (
        now
        if data.reported_at in (None, "")
        else problems.attempt("reported_at", as_datetime, data.reported_at, "报案时间")
    )
    check_times(incident_at, reported_at, now, problems)
    channel = problems.attempt("contact_channel", choice, data.contact_channel, CONTACT_CHOICES, "接触渠道")
    fraud_type = problems.attempt("fraud_type", fraud_type_code, data.fraud_type)
    reporter_phone = problems.attempt("reporter_phone", phone_number, data.reporter_phone)
    victim = validate_victim(data.victim, problems)
    payments = [
        validate_payment(p, f"payments.{i}", incident_at, problems) for i, p in enumerate(data.payments)
    ]
    loss = _loss(data.loss_yuan, payments, problems)
    station = _station(victim, problems)
    problems.done()
    assert incident_at and reported_at and victim and station  # problems.done() raised otherwise
    return CleanCase(
        narrative,
        incident_at,
        reported_at,
        channel or "",
        fraud_type or "",
        loss,
        (data.reporter_name or "").strip()[:50],
        reporter_phone or "",
        (data.source_ref or "").strip()[:64],
        victim,
        payments,
        station,
    )


def check_times(
    incident: datetime | None, reported: datetime | None, now: datetime, problems: Problems
) -> None:
    if incident and incident > now + CLOCK_SKEW:
        problems.add("incident_at", "案发时间不能晚于当前时间")
    if reported and reported > now + CLOCK_SKEW:
        problems.add("reported_at", "报案时间不能晚于当前时间")
    if incident and reported and incident > reported:
        problems.add("incident_at", "案发时间不能晚于报案时间")


def _loss(value: Any, payments: list[Any], problems: Problems) -> Decimal:
    if value not in (None, ""):
        try:
            loss = Decimal(str(value).replace(",", ""))
        except InvalidOperation:
            problems.add("loss_yuan", "损失金额应为数字")
            return Decimal(0)
        if not loss.is_finite() or loss < 0 or loss >= MAX_YUAN:
            problems.add("loss_yuan", "损失金额不能为负数")
            return Decimal(0)
        return loss.quantize(Decimal("0.01"))
    return sum((p.amount_yuan for p in payments if p is not None), Decimal("0.00"))


def _station(victim: CleanVictim | None, problems: Problems) -> OrgUnit | None:
    if victim is None:
        return None
    community = victim.community
    station = _unit("station", str(community.pk), lambda _: org.responsible_station(community))
    if station is None:
        problems.add("victim.community", "该社区/村没有对应的责任派出所，请联系管理员")
    return station
