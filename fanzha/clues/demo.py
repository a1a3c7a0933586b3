"""Demo clues: a year of ministry, carrier, bank and public clues dispatched city → district →
station, most handled in time, some late, a few overdue now. Bulk-inserted, so it is fast; the
benchmark uses the same builder for hundreds of thousands of clues."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from fanzha.clues import deadlines, services
from fanzha.clues.choices import ClueSource, ClueStatus, FeedbackResult, Level, Priority
from fanzha.clues.models import Clue, ClueHop, ClueIndicator
from fanzha.core import rows
from fanzha.core.demo import SYNTHETIC_NOTE, DemoContext
from fanzha.detect import services as detect
from fanzha.org.choices import UnitKind
from fanzha.org.models import OrgUnit

PER_YEAR = 1200
STALLED_SHARE = 0.03  # clues left without feedback long past their limits
SOURCES = (
    (ClueSource.MINISTRY, 35), (ClueSource.PROVINCE, 10), (ClueSource.CARRIER, 20), (ClueSource.BANK, 15),
    (ClueSource.PUBLIC, 15), (ClueSource.CITY, 5),
)  # fmt: skip
PRIORITIES = ((Priority.NORMAL, 70), (Priority.URGENT, 22), (Priority.CRITICAL, 8))
RESULTS = (
    (FeedbackResult.UNFOUNDED, 30), (FeedbackResult.CONFIRMED, 30), (FeedbackResult.UNVERIFIABLE, 20),
    (FeedbackResult.TRANSFERRED, 12), (FeedbackResult.ARRESTED, 8),
)  # fmt: skip
STORIES = {
    "impersonate_cs": "自称{app}客服致电{phone}称订单异常需退款，诱导受害人向{card}转账。",
    "click_farming": "通过{app}招募刷单兼职，联系号码{phone}，要求垫付资金至{card}。",
    "investment": "以{app}投资平台高收益为诱饵，客服号码{phone}，入金账户{card}，网址{url}。",
    "impersonate_police": "冒充公安机关称受害人涉嫌洗钱，来电号码{phone}，要求将资金转入“安全账户”{card}。",
    "fake_loan": "以{app}无抵押贷款为名收取解冻费，联系电话{phone}，收款账户{card}，网址{url}。",
    "fake_credit": "自称征信中心工作人员，称需注销校园贷账户，来电{phone}，收款卡号{card}。",
    "romance": "通过婚恋交友平台结识，引导至{url}投资，对方号码{phone}，收款账户{card}。",
}
APPS = ("速贷通", "优品商城", "金盛理财", "快乐兼职", "安心借", "鑫汇投资")
_PREFIXES = ("133", "135", "138", "139", "150", "152", "158", "166", "176", "177", "186", "188", "199")


@dataclass
class Units:
    city: OrgUnit
    districts: list[OrgUnit]
    stations_by_district: dict[int, list[OrgUnit]]
    stations: list[OrgUnit]


def generate(ctx: DemoContext) -> None:
    units = load_units()
    if units is None:
        ctx.log("跳过线索：没有市局单位")
        return
    count = max(20, int(PER_YEAR * ctx.scale))
    made = build(ctx.rng, units, count, timezone.now(), sightings=True)
    ctx.made["clues"] = made
    ctx.log(f"  线索 {made} 条")


def load_units() -> Units | None:
    city = OrgUnit.objects.filter(kind=UnitKind.CITY, parent=None).order_by("pk").first()
    if city is None:
        return None
    districts = list(OrgUnit.objects.filter(kind=UnitKind.DISTRICT, parent=city).order_by("code"))
    stations = list(
        OrgUnit.objects.filter(kind=UnitKind.STATION, path__startswith=city.path).order_by("code")
    )
    by_district = {d.pk: [s for s in stations if s.parent_id == d.pk] for d in districts}
    return Units(city, districts, by_district, stations)


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def phone(rng: random.Random) -> str:
    return rng.choice(_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))


def card(rng: random.Random) -> str:
    body = "622202" + "".join(rng.choice("0123456789") for _ in range(12))
    return body + _luhn_digit(body)


def _luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


class _Pool:
    """Fraud phones and cards reused across clues, so related clues show up on clue pages."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.phones = [phone(rng) for _ in range(60)]
        self.cards = [card(rng) for _ in range(60)]
        self.refs: set[tuple[str, str]] = set()

    def phone(self) -> str:
        return self.rng.choice(self.phones) if self.rng.random() < 0.3 else phone(self.rng)

    def card(self) -> str:
        return self.rng.choice(self.cards) if self.rng.random() < 0.3 else card(self.rng)

    def source_ref(self, source: str, received: datetime) -> str:
        """A number unique per source (a 1,000,000-clue run draws the same one twice otherwise)."""
        while True:
            ref = f"{source[:2].upper()}{received:%Y%m%d}{self.rng.randint(0, 10**8):08d}"
            if (source, ref) not in self.refs:
                self.refs.add((source, ref))
                return ref


@transaction.atomic
def build(rng: random.Random, units: Units, count: int, now: datetime, *, sightings: bool = False) -> int:
    policies = {key: services.policy_for(*key) for key in deadlines.DEFAULTS}
    pool, batch = _Pool(rng), 2000
    for start in range(0, count, batch):
        plans = [_plan(rng, units, pool, now, policies) for _ in range(min(batch, count - start))]
        _insert(plans, sightings)
    return count


@dataclass
class _Plan:
    clue: Clue
    hops: list[ClueHop]
    indicators: list[tuple[str, str]]


def _plan(rng: random.Random, units: Units, pool: _Pool, now: datetime, policies: dict) -> _Plan:
    fraud_type = rng.choice(list(STORIES))
    items = [("phone", pool.phone()), ("bank_account", pool.card())]
    url = f"http://{rng.choice(('kf', 'app', 'vip', 'jr'))}{rng.randint(10, 999)}.top/d"
    text = STORIES[fraud_type].format(app=rng.choice(APPS), phone=items[0][1], card=items[1][1], url=url)
    # A few clues stall at the station, days past every limit: the overdue views always have some,
    # whatever the hour the demo is built (late-but-recent clues alone depend on it).
    stalled = rng.random() < STALLED_SHARE
    received = now - timedelta(days=rng.uniform(4, 10)) if stalled else _moment(rng, now)
    source = _weighted(rng, SOURCES)
    clue = Clue(
        source=source, source_ref=pool.source_ref(source, received),
        title=f"{ClueSource(source).label}线索：{_headline(text)}", content=f"{text}（{SYNTHETIC_NOTE}）",
        fraud_type=fraud_type, priority=_weighted(rng, PRIORITIES), owner_unit=units.city,
        holder_unit=units.city, received_at=received, status=ClueStatus.NEW,
    )  # fmt: skip
    hops = _walk(rng, clue, units, now, policies, stalled)
    return _Plan(clue, hops, items)


def _moment(rng: random.Random, now: datetime) -> datetime:
    """Within the last year, more by day than by night; a few in the last hours (still open)."""
    days = rng.random() * 4 if rng.random() < 0.06 else rng.random() * 365
    moment = now - timedelta(days=days)
    local = timezone.localtime(moment)
    if local.hour < 7 and rng.random() < 0.7:
        moment -= timedelta(hours=rng.randint(2, 8))
    return min(moment, now - timedelta(minutes=5))


def _delay(rng: random.Random, minutes: int, late_share: float) -> timedelta:
    if rng.random() < late_share:
        return timedelta(minutes=minutes * rng.uniform(1.05, 3.0))
    return timedelta(minutes=minutes * rng.uniform(0.1, 0.9))


def _walk(
    rng: random.Random, clue: Clue, units: Units, now: datetime, policies: dict, stalled: bool = False
) -> list[ClueHop]:
    district = rng.choice(units.districts)
    station = rng.choice(units.stations_by_district[district.pk] or units.stations)
    path = [units.city, district, station] if rng.random() < 0.7 else [units.city, station]
    first = policies[(Level.CITY, clue.priority)]
    at = clue.received_at + _delay(rng, first.dispatch_minutes, 0.08)
    hops: list[ClueHop] = []
    for seq, (sender, receiver) in enumerate(itertools.pairwise(path), start=1):
        if at > now:
            break
        hop = _hop(clue, seq, sender, receiver, at, policies)
        hops.append(hop)
        policy = policies[(receiver.kind, clue.priority)]
        at = _advance(rng, hop, policy, now, last=receiver is path[-1], stalled=stalled)
    _finish(rng, clue, hops, now)
    return hops


def _hop(clue: Clue, seq: int, sender: OrgUnit, receiver: OrgUnit, at: datetime, policies: dict) -> ClueHop:
    hop = ClueHop(clue=clue, seq=seq, from_unit=sender, to_unit=receiver, sent_at=at, is_current=False)
    services.apply_policy(hop, policies[(receiver.kind, clue.priority)])
    return hop


def _advance(
    rng: random.Random, hop: ClueHop, policy: deadlines.Policy, now: datetime, last: bool, stalled: bool
) -> datetime:
    """Fills in what the receiving unit did by `now`; returns when it forwarded (if not last). A
    stalled clue's last unit acknowledges it and does nothing more."""
    ack = hop.sent_at + _delay(rng, policy.dispatch_minutes, 0.1)
    if ack > now:
        return ack
    hop.acknowledged_at = ack
    if not last:
        hop.forwarded_at = ack + timedelta(minutes=rng.randint(1, 10))
        return hop.forwarded_at
    if stalled:
        return ack
    feedback = hop.sent_at + _delay(rng, policy.feedback_minutes, 0.07)
    assessed = hop.sent_at + (feedback - hop.sent_at) * rng.uniform(0.3, 0.8)
    if assessed <= now:
        hop.assessed_at, hop.assessment = assessed, "已研判，开展核查。"
    if feedback <= now:
        hop.feedback_at = feedback
    return feedback


def _finish(rng: random.Random, clue: Clue, hops: list[ClueHop], now: datetime) -> None:
    if not hops:
        clue.scope_unit = clue.owner_unit
        services.refresh_due(clue, None, deadlines.DEFAULTS[(Level.CITY, clue.priority)])
        return
    hop = hops[-1]
    hop.is_current = True
    clue.scope_unit = hop.to_unit
    clue.holder_unit = hop.to_unit
    if hop.feedback_at is not None:
        clue.status, clue.holder_unit = ClueStatus.FEEDBACK, clue.owner_unit
        clue.result, clue.feedback_at = _weighted(rng, RESULTS), hop.feedback_at
        clue.feedback_text = f"经核查，{FeedbackResult(clue.result).label}。"
        closed = hop.feedback_at + timedelta(hours=rng.uniform(2, 48))
        if closed <= now:
            clue.status, clue.closed_at = ClueStatus.CLOSED, closed
    else:
        clue.status = ClueStatus.ASSESSING if hop.acknowledged_at else ClueStatus.DISPATCHED
    services.refresh_due(clue, hop)


def _insert(plans: list[_Plan], sightings: bool) -> None:
    clues = Clue.objects.bulk_create([p.clue for p in plans], batch_size=500)
    for plan, clue in zip(plans, clues, strict=True):
        for hop in plan.hops:
            hop.clue = clue
    rows.insert_objects([h for p in plans for h in p.hops])
    links = {(p.clue.pk, h.to_unit_id) for p in plans for h in p.hops}
    links |= {(p.clue.pk, p.clue.owner_unit_id) for p in plans}
    rows.insert_rows(Clue.addressed_units.through, ["clue_id", "orgunit_id"], sorted(links))
    rows.insert_objects([ClueIndicator(clue=p.clue, kind=k, value=v) for p in plans for k, v in p.indicators])
    if sightings:
        detect.record_sightings_batch(
            detect.Seen(
                p.indicators, "clue", str(p.clue.pk), p.clue.owner_unit, p.clue.fraud_type, p.clue.received_at
            )
            for p in plans
        )


def _headline(text: str) -> str:
    """The first clause of the clue text, so a title never ends in the middle of a number or link."""
    for stop in "，。；,;":
        text = text.split(stop, 1)[0]
    return text[:24]
