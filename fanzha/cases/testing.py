"""Builders for tests and benchmarks: valid identifiers and a plausible case input."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from fanzha.cases.validation import CaseInput, PaymentInput, VictimInput

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def resident_id(region: str = "110105", birth: str = "19900307", sequence: str = "123") -> str:
    body = region + birth + sequence
    return body + _ID_CHECK[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]


def luhn_digit(payload: str) -> str:
    total = 0
    for position, char in enumerate(reversed(payload)):
        digit = int(char) * (2 if position % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return str((10 - total % 10) % 10)


def bank_card(prefix: str = "622202", serial: str = "0000000001") -> str:
    """A 19-digit card number with a valid Luhn digit (prefix 622202: 工商银行)."""
    payload = (prefix + serial.zfill(18 - len(prefix)))[:18]
    return payload + luhn_digit(payload)


def case_input(
    community: str = "T-D1-SA-C1",
    *,
    bank: str = "T-BANKX",
    amount: str = "5000",
    now: datetime | None = None,
    **overrides: Any,
) -> CaseInput:
    now = now or timezone.now()
    payment = PaymentInput(
        paid_at=now - timedelta(hours=2),
        amount_yuan=amount,
        channel="bank_transfer",
        to_account=bank_card(),
        from_account=bank_card("621700", "42"),
        to_bank=bank,
        to_name="王某",
    )
    victim = VictimInput(
        name="张三",
        id_number=resident_id(),
        community=community,
        phone="13800138000",
        occupation="企业职员",
        education="本科",
    )
    data = CaseInput(
        narrative="对方冒充公安局民警来电，称我涉嫌洗钱，要求把钱转到安全账户 6222020000000000017。",
        incident_at=now - timedelta(hours=3),
        reported_at=now - timedelta(hours=1),
        contact_channel="call",
        victim=victim,
        payments=[payment],
        fraud_type="impersonate_police",
    )
    for name, value in overrides.items():
        setattr(data, name, value)
    return data
