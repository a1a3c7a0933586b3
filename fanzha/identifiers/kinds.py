"""One entry point per indicator kind: ``normalize(kind, value)`` and the ``KINDS`` list."""

from __future__ import annotations

from collections.abc import Callable

from .accounts import normalize_app, parse_alipay, parse_imei, parse_imsi, parse_qq, parse_wechat
from .bank_card import parse_bank_card
from .errors import IdentifierError
from .net import parse_domain, parse_ip, parse_url
from .phone import parse_phone
from .resident_id import parse_resident_id

_NORMALIZERS: dict[str, Callable[[object], str]] = {
    "resident_id": lambda value: parse_resident_id(value).number,
    "phone": lambda value: parse_phone(value).number,
    "bank_account": lambda value: parse_bank_card(value).number,
    "url": lambda value: parse_url(value).url,
    "domain": parse_domain,
    "ip": parse_ip,
    "qq": parse_qq,
    "wechat": parse_wechat,
    "alipay": parse_alipay,
    "app": normalize_app,
    "imei": parse_imei,
    "imsi": parse_imsi,
}

KINDS: tuple[str, ...] = tuple(_NORMALIZERS)


def normalize(kind: str, value: object) -> str:
    """The canonical string for ``value`` as an identifier of ``kind``; raises IdentifierError."""
    normalizer = _NORMALIZERS.get(kind)
    if normalizer is None:
        raise unknown_kind(kind)
    return normalizer(value)


def unknown_kind(kind: object) -> IdentifierError:
    return IdentifierError(
        str(kind), "unknown_kind", f"未知的标识类型“{kind}”，可用的类型：{'、'.join(KINDS)}"
    )
