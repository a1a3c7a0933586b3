"""Clue indicators: parsed from "类型:值" text, validated and normalized by the identifiers module."""

from __future__ import annotations

import re
from collections.abc import Iterable

from fanzha.core.errors import DomainError
from fanzha.detect.choices import IndicatorKind
from fanzha.identifiers import IdentifierError, normalize

Item = tuple[str, str]

# Chinese names people write in forms and spreadsheets, besides the labels and the codes.
_ALIASES = {
    "手机": "phone",
    "手机号": "phone",
    "电话": "phone",
    "号码": "phone",
    "银行卡": "bank_account",
    "银行卡号": "bank_account",
    "账号": "bank_account",
    "链接": "url",
    "微信": "wechat",
    "支付宝": "alipay",
    "QQ": "qq",
    "ip": "ip",
    "app": "app",
}
_KIND_BY_NAME = {
    **{label: code for code, label in IndicatorKind.choices},
    **{code: code for code in IndicatorKind.values},
    **_ALIASES,
}
_SPLIT = re.compile(r"[;；\n]+")
_PAIR = re.compile(r"\s*([^:：\s]+)\s*[:：]\s*(.+?)\s*$")


def kind_of(name: str) -> str | None:
    name = name.strip()
    return _KIND_BY_NAME.get(name) or _KIND_BY_NAME.get(name.lower())


def parse_lines(text: str) -> list[Item]:
    """ "电话号码:13800138000；银行账号:6222…" → [(kind, raw value)]; raises DomainError per entry."""
    items: list[Item] = []
    for n, part in enumerate((p for p in _SPLIT.split(text or "") if p.strip()), start=1):
        match = _PAIR.match(part)
        kind = kind_of(match.group(1)) if match else None
        if match is None or kind is None:
            raise DomainError(
                f"第{n}条涉案标识格式不对，应为“类型:值”，类型如 电话号码、银行账号、网址、微信号",
                code="bad_indicator",
                fields={"indicators": f"第{n}条格式不对"},
            )
        items.append((kind, match.group(2)))
    return items


def clean(items: Iterable[Item]) -> list[Item]:
    """Normalized, de-duplicated (kind, value) pairs; the first invalid one is refused by position."""
    out: dict[Item, None] = {}
    for n, (kind, raw) in enumerate(items, start=1):
        if kind not in IndicatorKind.values:
            raise DomainError(
                f"第{n}条涉案标识类型无效：{kind}", code="bad_indicator", fields={"indicators": "类型无效"}
            )
        try:
            out[(kind, normalize(kind, raw))] = None
        except IdentifierError as exc:
            label = IndicatorKind(kind).label
            message = f"第{n}条涉案标识（{label}）：{exc.message}"
            raise DomainError(message, code="bad_indicator", fields={"indicators": message}) from exc
    return list(out)


def as_lines(items: Iterable[Item]) -> str:
    return "\n".join(f"{IndicatorKind(kind).label}:{value}" for kind, value in items)
