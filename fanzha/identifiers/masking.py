"""Masking for lists, exports and logs seen by users without clearance.

Maskers never raise on bad input: a value that cannot be read comes back as stars of the
same length, so a broken record can still be listed without leaking what it holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .errors import IdentifierError
from .kinds import normalize, unknown_kind
from .phone import parse_phone
from .text import strip_separators, to_halfwidth

_RESIDENT_ID_SHAPE_RE = re.compile(r"[0-9]{17}[0-9X]|[0-9]{15}")
_CARD_SHAPE_RE = re.compile(r"[0-9]{12,19}")
_MOBILE_SHAPE_RE = re.compile(r"1[0-9]{10}")
_MAX_MASK_INPUT = 100_000


def mask_resident_id(value: object) -> str:
    """ "110101********1234": region code and last four kept (15-digit legacy numbers too)."""
    raw = _as_text(value)
    number = _compact(raw).upper()
    if not _RESIDENT_ID_SHAPE_RE.fullmatch(number):
        return _stars(raw)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(value: object) -> str:
    """ "138****5678" for mobiles, "010****5678" for landlines; service numbers are public."""
    raw = _as_text(value)
    try:
        phone = parse_phone(raw)
    except IdentifierError:
        digits = _compact(raw)
        return _keep_ends(digits, 3, 4) if _MOBILE_SHAPE_RE.fullmatch(digits) else _stars(raw)
    if phone.kind == "service":
        return phone.number
    return _keep_ends(phone.number, len(phone.area_code or phone.number[:3]), 4)


def mask_bank_card(value: object) -> str:
    """ "6222 **** **** 1234" whatever the length, so the mask does not reveal it either."""
    raw = _as_text(value)
    digits = _compact(raw)
    if not _CARD_SHAPE_RE.fullmatch(digits):
        return _stars(raw)
    return f"{digits[:4]} **** **** {digits[-4:]}"


def mask(kind: str, value: object) -> str:
    """Mask ``value`` as an identifier of ``kind``; an unknown kind is a programming error and raises."""
    masker = _MASKERS.get(kind)
    if masker is None:
        raise unknown_kind(kind)
    return masker(value)


def _mask_account(kind: str) -> Callable[[object], str]:
    """Masker for short account ids: keep a few characters at both ends of the normalized value."""

    def masker(value: object) -> str:
        raw = _as_text(value)
        try:
            text = normalize(kind, raw)
        except IdentifierError:
            return _stars(raw)
        keep = min(3, max(1, len(text) // 4))
        return _keep_ends(text, keep, keep)

    return masker


def _mask_alipay(value: object) -> str:
    raw = _as_text(value)
    if "@" not in raw:
        return mask_phone(raw)
    try:
        local, _, domain = normalize("alipay", raw).partition("@")
    except IdentifierError:
        return _stars(raw)
    return f"{local[: min(2, len(local) - 1)]}***@{domain}"


def _public(value: object) -> str:
    # URLs, domains, IPs and app names of fraud operations are indicators, not personal data.
    return _as_text(value)


_MASKERS: dict[str, Callable[[object], str]] = {
    "resident_id": mask_resident_id,
    "phone": mask_phone,
    "bank_account": mask_bank_card,
    "url": _public,
    "domain": _public,
    "ip": _public,
    "qq": _mask_account("qq"),
    "wechat": _mask_account("wechat"),
    "alipay": _mask_alipay,
    "app": _public,
    "imei": _mask_account("imei"),
    "imsi": _mask_account("imsi"),
}


def _as_text(value: object) -> str:
    return "" if value is None else str(value)


def _compact(raw: str) -> str:
    # Huge blobs are not worth normalizing; they fall through to the all-stars mask.
    return "" if len(raw) > _MAX_MASK_INPUT else strip_separators(to_halfwidth(raw))


def _keep_ends(text: str, head: int, tail: int) -> str:
    if len(text) <= head + tail:
        return _stars(text)
    return text[:head] + "*" * (len(text) - head - tail) + text[-tail:]


def _stars(text: str) -> str:
    return "*" * len(text)
