"""`fanzha demo`: stop-payment requests for the demo cases, answered the way banks answer.

Most requests are answered within two hours; whether money is still there depends on how long it
has been since the victim paid, so only a minority is stopped in time; held money is mostly
returned after a week or two; money that moved on is chased one more hop.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from fanzha.cases.choices import PaymentChannel
from fanzha.cases.models import Payment
from fanzha.core.demo import DemoContext
from fanzha.freeze.choices import FreezeStatus
from fanzha.freeze.models import FreezeRequest, ShutdownRequest
from fanzha.org.choices import UnitKind
from fanzha.org.models import OrgUnit

RECENT_OPEN_DAYS = 4


def generate(ctx: DemoContext) -> None:
    rng, now = ctx.rng, timezone.now()
    banks = list(OrgUnit.objects.filter(kind=UnitKind.BANK))
    payments = Payment.objects.filter(
        channel=PaymentChannel.BANK_TRANSFER, to_bank__isnull=False
    ).select_related("case")
    first_hops: list[FreezeRequest] = []
    for payment in payments.iterator(chunk_size=2000):
        if rng.random() < 0.85:
            first_hops.append(_first(rng, payment, now))
    FreezeRequest.objects.bulk_create(first_hops, batch_size=2000)
    moved = [r for r in first_hops if r.status == FreezeStatus.MOVED_ON]
    FreezeRequest.objects.bulk_create([_next_hop(rng, r, banks, now) for r in moved], batch_size=2000)
    _shutdowns(rng, now)
    ctx.made["freeze_requests"] = len(first_hops) + len(moved)


def _minutes(rng: random.Random, median: float, sigma: float) -> timedelta:
    return timedelta(minutes=rng.lognormvariate(math.log(median), sigma))


def _first(rng: random.Random, payment: Payment, now: datetime) -> FreezeRequest:
    case = payment.case
    sent = case.reported_at + _minutes(rng, 20, 0.9)
    req = FreezeRequest(
        case=case,
        payment=payment,
        owner_unit_id=case.owner_unit_id,
        bank=payment.to_bank,
        account=payment.to_account,
        account_name=payment.to_name,
        amount_yuan=payment.amount_yuan,
        sent_at=sent,
    )
    delay_hours = (sent - payment.paid_at).total_seconds() / 3600
    held_chance = 0.05 + 0.55 * math.exp(-max(delay_hours, 0) / 3)
    _answer(rng, req, held_chance, now)
    return req


def _answer(rng: random.Random, req: FreezeRequest, held_chance: float, now: datetime) -> None:
    answered = req.sent_at + _minutes(rng, 75, 0.8)
    # Leave most of the last few days' requests open, so the demo bank liaisons have work waiting.
    recent = req.sent_at > now - timedelta(days=RECENT_OPEN_DAYS) and rng.random() < 0.7
    if answered > now or recent:
        req.status = rng.choice((FreezeStatus.SENT, FreezeStatus.ACKNOWLEDGED))
        req.acknowledged_at = (
            req.sent_at + _minutes(rng, 8, 0.6) if req.status == FreezeStatus.ACKNOWLEDGED else None
        )
        return
    req.acknowledged_at, req.answered_at = req.sent_at + _minutes(rng, 8, 0.6), answered
    if rng.random() < held_chance:
        _hold(rng, req, now)
    elif req.hop == 1 and rng.random() < 0.6:
        req.status = FreezeStatus.MOVED_ON
    else:
        req.status = FreezeStatus.FAILED
        req.failure_reason = rng.choice(("账户余额不足", "资金已被取现", "账户已销户", "非本行账户"))
    req.acknowledged_at = min(req.acknowledged_at, answered)


def _hold(rng: random.Random, req: FreezeRequest, now: datetime) -> None:
    amount = (req.amount_yuan * Decimal(str(round(rng.uniform(0.3, 1.0), 2)))).quantize(Decimal("0.01"))
    frozen = rng.random() < 0.3
    req.status = FreezeStatus.FROZEN if frozen else FreezeStatus.STOPPED
    req.frozen_yuan, req.stopped_yuan = (amount, amount) if frozen else (Decimal(0), amount)
    returned = (req.answered_at or req.sent_at) + timedelta(days=rng.uniform(5, 20))
    if returned < now and rng.random() < 0.65:
        req.status, req.returned_at = FreezeStatus.RETURNED, returned
        req.recovered_yuan = (amount * Decimal(str(round(rng.uniform(0.7, 1.0), 2)))).quantize(
            Decimal("0.01")
        )


def _next_hop(
    rng: random.Random, parent: FreezeRequest, banks: list[OrgUnit], now: datetime
) -> FreezeRequest:
    from fanzha.cases.bulk import BINS
    from fanzha.cases.testing import bank_card

    bank = rng.choice(banks)
    amount = (parent.amount_yuan * Decimal(str(round(rng.uniform(0.5, 1.0), 2)))).quantize(Decimal("0.01"))
    child = FreezeRequest(
        case_id=parent.case_id,
        payment_id=parent.payment_id,
        parent=parent,
        hop=2,
        owner_unit_id=parent.owner_unit_id,
        bank=bank,
        account=bank_card(rng.choice(BINS), str(rng.randrange(10**11))),
        amount_yuan=amount,
        sent_at=(parent.answered_at or parent.sent_at) + _minutes(rng, 10, 0.5),
    )
    _answer(rng, child, 0.15, now)
    return child


def _shutdowns(rng: random.Random, now: datetime) -> None:
    """A few phone shutdowns per carrier, most done within a day."""
    from fanzha.cases.models import CaseIndicator
    from fanzha.core.errors import DomainError
    from fanzha.freeze.services import carrier_unit
    from fanzha.identifiers import IdentifierError, parse_phone

    made, seen = [], set()
    for ind in CaseIndicator.objects.filter(kind="phone").select_related("case").order_by("pk")[:600]:
        if ind.value in seen:
            continue
        seen.add(ind.value)
        try:
            to = carrier_unit(parse_phone(ind.value).carrier)
        except (IdentifierError, DomainError):  # a number no demo carrier owns is left out
            continue
        sent = ind.case.reported_at + _minutes(rng, 40, 0.8)
        done = sent + _minutes(rng, 240, 1.0) < now and rng.random() < 0.9
        made.append(
            ShutdownRequest(
                case=ind.case,
                owner_unit_id=ind.case.owner_unit_id,
                addressed_to=to,
                target_kind="phone",
                target=ind.value,
                reason="涉诈来电",
                sent_at=sent,
                status="done" if done else "sent",
                answered_at=sent + _minutes(rng, 240, 1.0) if done else None,
                result_note="已关停" if done else "",
            )
        )
    ShutdownRequest.objects.bulk_create(made)
