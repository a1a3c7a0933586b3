"""Plausible synthetic cases written in bulk (no per-row audit): the demo and the benchmarks.

Shapes follow what anti-fraud centers publish: click-farming and investment scams dominate,
victims' ages depend on the scam, losses are log-normal with a long tail, reports arrive in the
daytime, and most money leaves by bank transfer.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from fanzha.cases.choices import (
    CaseStatus,
    ContactChannel,
    EventKind,
    IndicatorSource,
    IntakeSource,
    PaymentChannel,
)
from fanzha.cases.models import Case, CaseEvent, CaseIndicator, Payment, Victim
from fanzha.cases.services import ALPHABET, new_number
from fanzha.cases.testing import bank_card, resident_id
from fanzha.core import rows
from fanzha.core.names import OCCUPATIONS, mobile_number, person_name
from fanzha.org.choices import UnitKind
from fanzha.org.models import OrgUnit

# code: (weight, victim age mean, age sd, median loss in yuan, loss sigma, share of women)
TYPES: dict[str, tuple[float, float, float, float, float, float]] = {
    "click_farming": (22, 29, 8, 9000, 1.1, 0.62),
    "investment": (15, 41, 10, 60000, 1.3, 0.5),
    "fake_loan": (10, 31, 8, 6000, 0.9, 0.4),
    "impersonate_cs": (11, 35, 12, 12000, 1.1, 0.55),
    "impersonate_police": (7, 50, 15, 70000, 1.2, 0.55),
    "fake_credit": (6, 28, 6, 15000, 1.0, 0.5),
    "fake_shopping": (6, 27, 9, 1200, 1.0, 0.55),
    "impersonate_acquaintance": (6, 45, 10, 30000, 1.0, 0.6),
    "romance": (5, 38, 10, 90000, 1.3, 0.45),
    "game_trade": (4, 17, 4, 1500, 1.0, 0.2),
    "job_deposit": (3, 23, 5, 3000, 0.8, 0.6),
    "prize": (1.5, 55, 15, 5000, 1.0, 0.6),
    "tax_refund": (1, 45, 12, 20000, 1.0, 0.5),
    "phone_bill": (0.5, 60, 12, 8000, 1.0, 0.6),
    "relative_emergency": (1, 62, 10, 40000, 1.0, 0.65),
    "elderly_health": (1, 69, 6, 25000, 1.1, 0.7),
    "campus_loan": (1, 20, 2, 4000, 0.8, 0.5),
}
STORIES = {
    "click_farming": "受害人在{app}看到刷单兼职广告，添加对方QQ后按要求垫付做任务，"
    "前几单返利，后以“任务未完成”为由不断要求转账。",
    "investment": "受害人被拉入“股票交流群”，按“导师”指导在{app}平台充值投资，"
    "显示盈利但无法提现，对方要求缴纳“保证金”。",
    "fake_loan": "受害人急需用钱，通过{app}申请贷款，对方以“解冻费”“刷流水”等名义要求转账。",
    "impersonate_cs": "对方冒充电商客服来电称快递丢失要理赔，诱导受害人下载{app}共享屏幕后转账。",
    "impersonate_police": "对方冒充公安民警来电，称受害人涉嫌洗钱，"
    "要求将资金转入“安全账户”配合调查，来电号码{phone}。",
    "fake_credit": "对方自称金融平台客服，称受害人征信有问题需要“注销校园贷”，要求转账“清空额度”。",
    "fake_shopping": "受害人在社交平台看到低价商品，私下转账付款后对方失联。",
    "impersonate_acquaintance": "对方冒充受害人单位领导添加微信，称急需用钱周转，受害人转账后发现被骗。",
    "romance": "受害人在交友软件认识对方，确立恋爱关系后被带入{app}投资平台，多次充值后无法提现。",
    "game_trade": "受害人在游戏中交易账号装备，按对方提供的链接在{app}付款后对方失联。",
    "job_deposit": "受害人应聘兼职，对方以“入职保证金”“培训费”名义要求转账。",
    "prize": "受害人收到中奖短信，按对方要求先缴纳“个人所得税”后领奖。",
    "tax_refund": "对方冒充税务部门称可办理购车退税，诱导受害人在ATM操作转账。",
    "phone_bill": "对方冒充运营商称话费欠费、号码将停机，要求转账到指定账户。",
    "relative_emergency": "对方冒充受害人亲属称出车祸急需手术费，要求立即转账。",
    "elderly_health": "受害人参加“养生讲座”，被推销高价保健品并被诱导投资“养老项目”。",
    "campus_loan": "受害人在校期间被诱导通过{app}借款，对方以“还款”“注销”为由多次要求转账。",
}
APPS = ("某某理财", "优选兼职", "速借宝", "金盛投资", "云聊", "乐购商城", "星海交友", "游戏宝")
CHANNELS = (
    (PaymentChannel.BANK_TRANSFER, 66),
    (PaymentChannel.ALIPAY, 12),
    (PaymentChannel.WECHAT_PAY, 11),
    (PaymentChannel.CASH, 4),
    (PaymentChannel.CRYPTO, 4),
    (PaymentChannel.GIFT_CARD, 3),
)
CONTACTS = (
    (ContactChannel.CALL, 30),
    (ContactChannel.SOCIAL, 30),
    (ContactChannel.APP, 22),
    (ContactChannel.SMS, 8),
    (ContactChannel.WEBSITE, 8),
    (ContactChannel.OTHER, 2),
)
# Reports by hour of day (Beijing): quiet at night, busiest late morning and evening.
HOURS = (
    1,
    0.6,
    0.4,
    0.3,
    0.3,
    0.5,
    1.2,
    2.5,
    4.5,
    6,
    6.5,
    6.2,
    5,
    5.5,
    6,
    6,
    5.8,
    5.5,
    5.5,
    6,
    5.5,
    4.5,
    3,
    1.8,
)
# BIN prefixes of the demo banks' cards (the last bank is local and not in the BIN table).
BINS = ("622202", "622848", "621661", "621700", "622260", "621799", "622588", "623456")
BANK_WEIGHTS = (22, 18, 12, 18, 8, 8, 9, 5)
REGIONS = ("330102", "330104", "330106", "330108", "330110", "320102", "340104", "360102", "410102", "510104")


@dataclass
class World:
    communities: list[OrgUnit]
    station_of: dict[int, OrgUnit]
    banks: list[OrgUnit]
    mules: list[tuple[int, str]] = field(default_factory=list)  # (bank index, account) shared across cases
    phones: list[str] = field(default_factory=list)


def load_world(rng: random.Random) -> World:
    communities = list(
        OrgUnit.objects.filter(kind__in=[UnitKind.COMMUNITY, UnitKind.VILLAGE]).select_related("parent")
    )
    if not communities:
        raise RuntimeError("no communities: run the org demo generator first")
    station_of = {c.pk: c.parent for c in communities if c.parent is not None}
    banks = list(OrgUnit.objects.filter(kind=UnitKind.BANK).order_by("code"))
    world = World(communities, station_of, banks)
    world.mules = [
        (i % max(len(banks), 1), bank_card(BINS[i % len(BINS)], str(rng.randrange(10**11))))
        for i in range(400)
    ]
    world.phones = [mobile_number(rng) for _ in range(300)]
    return world


def _pick(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _report_time(rng: random.Random, start: datetime, days: int) -> datetime:
    day = start + timedelta(days=rng.randrange(days))
    hour = rng.choices(range(24), weights=HOURS)[0]
    local = timezone.localtime(day).replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))
    return local


def _age(rng: random.Random, mean: float, sd: float) -> int:
    return int(min(88, max(12, rng.gauss(mean, sd))))


def _money(value: float) -> Decimal:
    return Decimal(str(round(max(value, 10.0), 2)))


def _status(rng: random.Random, age_days: int) -> str:
    if age_days < 3:
        return CaseStatus.ACCEPTED
    roll = rng.random()
    if roll < 0.05:
        return CaseStatus.NOT_FILED
    if roll < 0.08:
        return CaseStatus.WITHDRAWN
    if age_days < 20:
        return rng.choice((CaseStatus.FILED, CaseStatus.INVESTIGATING))
    return (
        CaseStatus.SOLVED
        if roll < 0.08 + min(0.35, age_days / 900)
        else rng.choice((CaseStatus.FILED, CaseStatus.INVESTIGATING, CaseStatus.INVESTIGATING))
    )


@dataclass
class Draft:
    case: Case
    victim: Victim
    payments: list[Payment]
    indicators: list[tuple[str, str]]


def draft_case(rng: random.Random, world: World, reported: datetime, now: datetime) -> Draft:
    code = rng.choices(list(TYPES), weights=[t[0] for t in TYPES.values()])[0]
    _, age_mean, age_sd, median, sigma, women = TYPES[code]
    community = rng.choice(world.communities)
    incident = reported - timedelta(hours=min(24 * 20, rng.lognormvariate(math.log(5), 1.3)))
    loss = _money(rng.lognormvariate(math.log(median), sigma))
    phone = rng.choice(world.phones)
    app = rng.choice(APPS)
    case = Case(
        number=new_number(reported, "".join(rng.choices(ALPHABET, k=8))),
        source=IntakeSource.STATION,
        owner_unit=world.station_of[community.pk],
        status=_status(rng, (now - reported).days),
        fraud_type=code,
        suggested_type=code,
        contact_channel=_pick(rng, CONTACTS),
        incident_at=incident,
        reported_at=reported,
        loss_yuan=loss,
        narrative=STORIES[code].format(app=app, phone=phone),
        created_at=reported,
        updated_at=reported,
    )
    victim = _victim(rng, code, community, reported, women, age_mean, age_sd)
    payments, items = _payments(rng, world, case, loss)
    items.append(("phone", phone))
    return Draft(case, victim, payments, items)


def _victim(
    rng: random.Random,
    code: str,
    community: OrgUnit,
    reported: datetime,
    women: float,
    mean: float,
    sd: float,
) -> Victim:
    age = _age(rng, mean, sd)
    born = date(reported.year - age, 1, 1) + timedelta(days=rng.randrange(365))
    female = rng.random() < women
    sequence = f"{rng.randrange(50):02d}{rng.choice('02468' if female else '13579')}"
    occupation = "在校学生" if age < 22 else "退休人员" if age >= 62 else rng.choice(OCCUPATIONS)
    return Victim(
        name=person_name(rng),
        id_number=resident_id(rng.choice(REGIONS), born.strftime("%Y%m%d"), sequence),
        phone=mobile_number(rng),
        gender="female" if female else "male",
        birth_date=born,
        age=age,
        occupation=occupation,
        education=rng.choice(("junior", "senior", "college", "bachelor", "bachelor", "graduate")),
        community=community,
    )


def _payments(
    rng: random.Random, world: World, case: Case, loss: Decimal
) -> tuple[list[Payment], list[tuple[str, str]]]:
    count = min(
        6,
        1
        + int(rng.expovariate(0.9 if case.fraud_type in ("investment", "romance", "click_farming") else 2.0)),
    )
    shares = [rng.random() + 0.2 for _ in range(count)]
    span = max((case.reported_at - case.incident_at).total_seconds(), 60)
    payments, items = [], []
    for i, share in enumerate(shares):
        channel = _pick(rng, CHANNELS)
        amount = _money(float(loss) * share / sum(shares))
        paid = case.incident_at + timedelta(seconds=span * (i + rng.random()) / (count + 1))
        bank_index, account = (
            rng.choice(world.mules) if channel == PaymentChannel.BANK_TRANSFER else (None, "")
        )
        bank = world.banks[bank_index] if bank_index is not None and world.banks else None
        payments.append(
            Payment(
                paid_at=paid,
                amount_yuan=amount,
                channel=channel,
                to_account=account,
                from_account=bank_card(BINS[rng.randrange(7)], str(rng.randrange(10**11))) if account else "",
                to_bank=bank,
                to_name=person_name(rng) if account else "",
            )
        )
        if account:
            items.append(("bank_account", account))
    return payments, items


def drafts(
    rng: random.Random, world: World, n: int, *, days: int = 365, now: datetime | None = None
) -> Iterator[Draft]:
    now = now or timezone.now()
    start = now - timedelta(days=days)
    for _ in range(n):
        yield draft_case(rng, world, _report_time(rng, start, days), now)


def write(batch: list[Draft], *, lean: bool = False) -> list[Case]:
    """Inserts a batch of drafted cases with their victims, payments, indicators and first event
    (`lean`: only cases, victims and payments — what the list pages read; for benchmarks)."""
    with transaction.atomic():
        cases = Case.objects.bulk_create([d.case for d in batch])
        for d in batch:
            d.victim.case = d.case
            for p in d.payments:
                p.case = d.case
        rows.insert_objects([d.victim for d in batch])
        rows.insert_objects([p for d in batch for p in d.payments])
        if lean:
            return cases
        rows.insert_objects(
            [
                CaseIndicator(
                    case=d.case,
                    kind=k,
                    value=v,
                    source=IndicatorSource.PAYMENT if k == "bank_account" else IndicatorSource.NARRATIVE,
                )
                for d in batch
                for k, v in dict.fromkeys(d.indicators)
            ],
            ignore_conflicts=True,
        )
        rows.insert_objects([e for d in batch for e in _events(d.case)])
    return cases


def _events(case: Case) -> list[CaseEvent]:
    events = [
        CaseEvent(
            case=case,
            at=case.reported_at,
            kind=EventKind.CREATED,
            actor_name="演示数据",
            to_status=CaseStatus.ACCEPTED,
            note="受理",
        )
    ]
    if case.status != CaseStatus.ACCEPTED:
        at = case.reported_at + timedelta(days=2)
        events.append(
            CaseEvent(
                case=case,
                at=at,
                kind=EventKind.STATUS,
                actor_name="演示数据",
                from_status=CaseStatus.ACCEPTED,
                to_status=case.status,
            )
        )
    return events


def generate(
    n: int,
    rng: random.Random,
    *,
    batch: int = 5000,
    days: int = 365,
    log: Callable[[str], None] | None = None,
    on_batch: Callable[[list[Draft]], None] | None = None,
    lean: bool = False,
) -> int:
    world = load_world(rng)
    pending: list[Draft] = []
    written = 0
    for draft in drafts(rng, world, n, days=days):
        pending.append(draft)
        if len(pending) >= batch:
            written += _flush(pending, on_batch, log, written, lean)
            pending = []
    if pending:
        written += _flush(pending, on_batch, log, written, lean)
    return written


def _flush(
    pending: list[Draft],
    on_batch: Callable[[list[Draft]], None] | None,
    log: Callable[[str], None] | None,
    done: int,
    lean: bool,
) -> int:
    write(pending, lean=lean)
    if on_batch is not None:
        on_batch(pending)
    if log is not None:
        log(f"  已写入案件 {done + len(pending)}")
    return len(pending)
