"""Mainland China phone numbers: mobile, landline and service (short / 400 / 800) numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import IdentifierError
from .text import bad_char_error, compact

KIND = "phone"
_LABEL = "电话号码"

_CMCC, _CUCC, _CTCC, _CBN = "中国移动", "中国联通", "中国电信", "中国广电"

# Voice-capable mobile segments and the carrier that owns each. The 14x IoT-only
# segments are left out on purpose: they cannot place the calls fraud reports are about.
# fmt: off
_CMCC_SEGMENTS = (
    "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158",
    "159", "165", "172", "178", "182", "183", "184", "187", "188", "195", "197", "198",
)
_CUCC_SEGMENTS = (
    "130", "131", "132", "145", "155", "156", "166", "167", "171", "175", "176", "185",
    "186", "196",
)
_CTCC_SEGMENTS = (
    "133", "149", "153", "162", "173", "174", "177", "180", "181", "189", "190", "191",
    "193", "199",
)
# fmt: on
_SEGMENT_CARRIERS: dict[str, str] = {
    **dict.fromkeys(_CMCC_SEGMENTS, _CMCC),
    **dict.fromkeys(_CUCC_SEGMENTS, _CUCC),
    **dict.fromkeys(_CTCC_SEGMENTS, _CTCC),
    "192": _CBN,
}
# 170 is shared between the three carriers' resellers by its fourth digit.
_SEGMENT_170_CARRIERS: dict[str, str] = {
    **dict.fromkeys("012", _CTCC),
    **dict.fromkeys("356", _CMCC),
    **dict.fromkeys("4789", _CUCC),
}
# Mobile virtual network operator (虚商) segments; fraud rings favour them.
VIRTUAL_SEGMENTS = frozenset({"162", "165", "167", "170", "171"})

_SERVICE_CARRIERS = {"10086": _CMCC, "10010": _CUCC, "10000": _CTCC, "10099": _CBN}
# IP-dialling prefixes that call records often keep in front of the real number.
_IP_DIAL_PREFIXES = frozenset({"17951", "17911", "17909", "12593", "10193"})

_DIGIT_RE = re.compile(r"[0-9]")
_DIGITS_RE = re.compile(r"\+?[0-9]+")
_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
_SERVICE_RE = re.compile(
    r"11[0-9]|12[0-2]"  # 110, 114, 119, 120, 122 ...
    r"|1[0-2][0-9]{3}"  # 10086, 11185, 12381, 12345 ...
    r"|1010[0-9]{4}"
    r"|9[56][0-9]{3,6}"  # 95588, 96110, local 96xxx lines
    r"|[48]00[0-9]{7}"  # 400 / 800 hotlines
    r"|106[0-9]{5,17}"  # SMS service ports, often spoofed in fraud texts
)
# 010 and 02x take 8-digit local numbers; 0xxx areas take 7 or 8 digits.
_LANDLINE_RE = re.compile(r"0(?:10|2[0-9])[0-9]{8}|0[3-9][0-9]{2}[0-9]{7,8}")


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    number: str  # digits only: 11-digit mobile, landline with leading 0, or the service number
    kind: str  # "mobile", "landline" or "service"
    carrier: str | None
    virtual: bool
    segment: str | None  # first three digits of a mobile number
    area_code: str | None = None  # landlines only, with the leading 0

    def __str__(self) -> str:
        return self.number


def parse_phone(value: object) -> PhoneNumber:
    """Parse a phone number as people write it: +86/0086, blanks, dashes, full-width digits."""
    text = compact(value, KIND, _LABEL)
    if not _DIGITS_RE.fullmatch(text):
        # A "+" is only legal in front; mask that one so positions in the message stay right.
        shown = "0" + text[1:] if text.startswith("+") else text
        raise bad_char_error(KIND, _LABEL, shown, _DIGIT_RE)
    digits = _strip_ip_dial_prefix(_strip_country_code(text))
    if not digits:
        raise IdentifierError(KIND, "empty", f"{_LABEL}不能只有国家代码")
    if len(digits) == 12 and digits.startswith("0") and _MOBILE_RE.fullmatch(digits[1:]):
        digits = digits[1:]  # a mobile dialled with a long-distance 0 from a landline
    return _classify(digits)


def _strip_country_code(text: str) -> str:
    if text.startswith("+"):
        if not text.startswith("+86"):
            raise IdentifierError(KIND, "foreign_number", "暂只支持中国大陆号码（+86），这是境外号码")
        return _national(text[3:])
    if text.startswith("00"):
        if not text.startswith("0086"):
            raise IdentifierError(KIND, "foreign_number", "暂只支持中国大陆号码（0086），这是境外号码")
        return _national(text[4:])
    if len(text) == 13 and text.startswith("86") and _MOBILE_RE.fullmatch(text[2:]):
        return text[2:]
    return text


def _national(digits: str) -> str:
    """After +86 a landline drops its trunk 0 ("+86 10 …"); put it back."""
    if not digits or digits.startswith("0") or _MOBILE_RE.fullmatch(digits) or _SERVICE_RE.fullmatch(digits):
        return digits
    return "0" + digits


def _strip_ip_dial_prefix(digits: str) -> str:
    if len(digits) >= 15 and digits[:5] in _IP_DIAL_PREFIXES:
        return digits[5:]
    return digits


def _classify(digits: str) -> PhoneNumber:
    if _SERVICE_RE.fullmatch(digits):
        return PhoneNumber(digits, "service", _SERVICE_CARRIERS.get(digits), False, None)
    if _MOBILE_RE.fullmatch(digits):
        return _mobile(digits)
    if _LANDLINE_RE.fullmatch(digits):
        area_code = digits[:3] if digits[1] in "12" else digits[:4]
        return PhoneNumber(digits, "landline", None, False, None, area_code)
    raise _shape_error(digits)


def _mobile(number: str) -> PhoneNumber:
    segment = number[:3]
    carrier = _SEGMENT_170_CARRIERS.get(number[3]) if segment == "170" else _SEGMENT_CARRIERS.get(segment)
    if carrier is None:
        raise IdentifierError(KIND, "bad_segment", f"不是有效的手机号段：{segment}")
    return PhoneNumber(number, "mobile", carrier, segment in VIRTUAL_SEGMENTS, segment)


def _shape_error(digits: str) -> IdentifierError:
    length = len(digits)
    if digits.startswith("1"):
        if length == 11:
            return IdentifierError(KIND, "bad_segment", f"不是有效的手机号段：{digits[:3]}")
        return IdentifierError(KIND, "bad_length", f"手机号长度不对：应为11位，实际为{length}位")
    if digits.startswith("0"):
        return IdentifierError(
            KIND, "bad_length", f"固定电话号码长度不对：区号加号码应为11至12位，实际为{length}位"
        )
    if length in (7, 8):
        return IdentifierError(KIND, "missing_area_code", "固定电话缺少区号，请加上区号（如010、0755）")
    return IdentifierError(
        KIND, "bad_length", f"电话号码长度不对：{length}位数字不是有效的手机、固话或服务号码"
    )
