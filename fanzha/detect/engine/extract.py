"""Identifier extraction: candidates by regex, validated and normalized by ``fanzha.identifiers``.

Decisions (documented in docs/detection.md):
- A phone-shaped run inside a longer digit run (a card number, an order id) is not a phone.
- An 11-digit mobile-shaped number followed by 元 (``13800138000元``) is a phone, not an amount:
  amounts of ten billion yuan do not occur in these texts, phone numbers next to 元 do.
- Card numbers may contain spaces or dashes between digit groups; 16–19 digits, checked by
  the identifiers module (Luhn where it applies).
- A host name without scheme or path is a ``domain``; with a scheme or a path it is a ``url``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from fanzha.identifiers import IdentifierError
from fanzha.identifiers import normalize as normalize_identifier

from .normalize import Normalized, normalize
from .numerals import amount_to_yuan, chinese_to_int, format_yuan


@dataclass(frozen=True)
class Indicator:
    kind: str
    value: str
    start: int
    end: int
    known: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "value": self.value,
            "start": self.start,
            "end": self.end,
            "known": self.known,
        }


TLD = (
    r"(?:com\.cn|gov\.cn|org\.cn|net\.cn|com|cn|net|org|top|xyz|vip|cc|info|io|me|app|shop|site|club"
    r"|online|tk|hk|co|ltd|link|icu|fun|pro)"
)
_URL_RE = re.compile(
    rf"(?P<scheme>https?://)?(?P<host>(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+{TLD})(?![a-z0-9-])"
    r"(?P<port>:\d{1,5})?(?P<path>/[a-z0-9._~%/?#=&+\-]*)?"
)
_URL_WITH_SCHEME_RE = re.compile(r"https?://[a-z0-9.\-]+(?::\d+)?(?:/[a-z0-9._~%/?#=&+\-]*)?")
_IP_RE = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_CARD_RE = re.compile(r"(?<![\d])(?:\d{4}[ -]?){3,4}\d{1,4}(?![\d])")
_MOBILE_RE = re.compile(r"(?<![\d])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![\d])")
_LANDLINE_RE = re.compile(r"(?<![\d-])0\d{2,3}-\d{7,8}(?![\d])")
_SERVICE_RE = re.compile(r"(?<![\d])(?:95\d{3}|9\d{4}|400[ -]?\d{3}[ -]?\d{4}|12\d{3})(?![\d])")
_QQ_RE = re.compile(r"qq(?:号|号码|群|群号)?[:：\s是为]{0,3}([1-9]\d{4,11})(?![\d])")
_WECHAT_RE = re.compile(r"微信(?:号)?[:：\s是为]{0,3}([a-z][-_a-z0-9]{5,19})(?![a-z0-9_-])")
_ALIPAY_RE = re.compile(
    r"支付宝(?:账号|账户|号)?[:：\s是为]{0,3}([a-z0-9_.\-]+@[a-z0-9.\-]+\.[a-z]{2,}|1[3-9]\d{9})(?![\d])"
)
_APP_RE = re.compile(
    r"(?:下载|安装|注册|登录|登陆|打开)(?:一个|一款|了)?[“\"「《]?([\u4e00-\u9fffa-z0-9]{1,12}?)[”\"」》]?\s?(?:app|软件|客户端|平台)"
)
_AMOUNT_RE = re.compile(
    r"(?P<cur>[¥$]|人民币)?\s?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s?(?P<unit>万|w|k|千|亿)?\s?(?P<yuan>元|块|rmb)?"
    r"(?![\d人次条份名户个字步件张篇岁年月日号])"
)
_CN_AMOUNT_RE = re.compile(
    r"(?P<num>[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+)(?P<yuan>元|块)?"
)
_APP_STOP = {"这个", "那个", "一下", "我们", "他们", "你们", "官方", "正规", "手机"}


def extract(text: str) -> list[Indicator]:
    """All identifiers in ``text`` with normalized values and original spans."""
    return extract_normalized(normalize(text))


def extract_normalized(norm: Normalized) -> list[Indicator]:
    taken: list[tuple[int, int]] = []
    found: list[Indicator] = []
    for finder in _FINDERS:
        for kind, value, start, end in finder(norm.text):
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            if kind.startswith("_"):
                continue
            o_start, o_end = norm.span(start, end)
            found.append(Indicator(kind, value, o_start, o_end))
    found.sort(key=lambda i: (i.start, i.kind))
    return _dedupe(found)


def _dedupe(found: list[Indicator]) -> list[Indicator]:
    seen: set[tuple[str, str]] = set()
    out: list[Indicator] = []
    for ind in found:
        if (ind.kind, ind.value) not in seen:
            seen.add((ind.kind, ind.value))
            out.append(ind)
    return out


Hit = tuple[str, str, int, int]


def _valid(kind: str, raw: str) -> str | None:
    try:
        return normalize_identifier(kind, raw)
    except (IdentifierError, ValueError):
        return None


def _urls(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for m in _URL_RE.finditer(text):
        if "@" in text[max(0, m.start() - 1) : m.start()]:
            continue  # e-mail domain
        has_more = m.group("scheme") or m.group("path") or m.group("port")
        kind = "url" if has_more else "domain"
        raw = m.group() if m.group("scheme") or kind == "domain" else "http://" + m.group()
        value = _valid(kind, raw)
        if value:
            hits.append((kind, value, m.start(), m.end()))
    return hits


def _regex_finder(pattern: re.Pattern[str], kind: str, group: int = 0) -> Callable[[str], list[Hit]]:
    def find(text: str) -> list[Hit]:
        hits: list[Hit] = []
        for m in pattern.finditer(text):
            value = _valid(kind, m.group(group))
            if value:
                hits.append((kind, value, m.start(group), m.end(group)))
        return hits

    return find


def _cards(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for m in _CARD_RE.finditer(text):
        digits = re.sub(r"[ -]", "", m.group())
        if 16 <= len(digits) <= 19:
            value = _valid("bank_account", digits)
            # An invalid card-shaped run still reserves its span: no phone inside it.
            hits.append(
                ("bank_account", value, m.start(), m.end())
                if value
                else ("_digits", digits, m.start(), m.end())
            )
    return hits


def _apps(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for m in _APP_RE.finditer(text):
        name = m.group(1)
        if name in _APP_STOP or len(name) < 2:
            continue
        value = _valid("app", name)
        if value:
            hits.append(("app", value, m.start(1), m.end(1)))
    return hits


def _amounts(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for m in _AMOUNT_RE.finditer(text):
        if not (m.group("cur") or m.group("yuan") or m.group("unit") in ("万", "w", "亿")):
            continue
        value = amount_to_yuan(m.group("num"), m.group("unit") or "")
        if value > 0:
            hits.append(("amount", format_yuan(value), m.start(), m.end()))
    for m in _CN_AMOUNT_RE.finditer(text):
        hit = _cn_amount(m)
        if hit:
            hits.append(hit)
    return hits


def _cn_amount(m: re.Match[str]) -> Hit | None:
    num = m.group("num")
    has_unit = any(u in num for u in "万亿千百仟佰")
    if not (m.group("yuan") or (has_unit and num[-1] in "万亿" and len(num) > 1)):
        return None
    try:
        value = Decimal(chinese_to_int(num))
    except ValueError:
        return None
    if value <= 0:
        return None
    return ("amount", format_yuan(value), m.start(), m.end())


_FINDERS: tuple[Callable[[str], list[Hit]], ...] = (
    _urls,
    _regex_finder(_IP_RE, "ip"),
    _cards,
    _regex_finder(_MOBILE_RE, "phone"),
    _regex_finder(_LANDLINE_RE, "phone"),
    _regex_finder(_QQ_RE, "qq", 1),
    _regex_finder(_WECHAT_RE, "wechat", 1),
    _regex_finder(_ALIPAY_RE, "alipay", 1),
    _regex_finder(_SERVICE_RE, "phone"),
    _apps,
    _amounts,
)
