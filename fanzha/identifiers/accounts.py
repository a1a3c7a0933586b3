"""Platform accounts and device identifiers: QQ, WeChat, Alipay, app names, IMEI, IMSI."""

from __future__ import annotations

import re

from .checksums import luhn_check_digit, luhn_valid
from .errors import IdentifierError
from .net import ascii_domain
from .phone import parse_phone
from .text import bad_char_error, compact, require_digits, require_text, strip_zero_width, to_halfwidth

# Narratives and forms often keep the label in the field: "QQ：12345678", "微信号：abc123".
_QQ_LABEL_RE = re.compile(r"^qq号?:?", re.IGNORECASE)
_WECHAT_LABEL_RE = re.compile(r"^微信号?:?")
_WECHAT_ID_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{5,19}")
_WECHAT_CHAR_RE = re.compile(r"[A-Za-z0-9_-]")
_EMAIL_RE = re.compile(r"([a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*)@([^@]+)")
_WHITESPACE_RE = re.compile(r"\s+")
_PHONE_LIKE_RE = re.compile(r"\+?[0-9][0-9\s()-]*")
_APP_WRAPPERS = "《》「」『』【】“”‘’\"'[]"
# "XX理财APP" or "XX APP" drop the suffix; "WhatsApp" keeps it, because there "app" is
# glued to Latin letters and belongs to the name.
_APP_SUFFIX_RE = re.compile(r"(?:[\s_-]+|(?<![A-Za-z]))app$", re.IGNORECASE)
_APP_MAX_LENGTH = 100


def parse_qq(value: object) -> str:
    """A QQ number: 5 to 11 digits, never starting with 0."""
    number = require_digits(_QQ_LABEL_RE.sub("", compact(value, "qq", "QQ号")), "qq", "QQ号")
    if not 5 <= len(number) <= 11:
        raise IdentifierError("qq", "bad_length", f"QQ号长度不对：应为5至11位，实际为{len(number)}位")
    if number.startswith("0"):
        raise IdentifierError("qq", "leading_zero", "QQ号不能以0开头")
    return number


def parse_wechat(value: object) -> str:
    """A WeChat id (lowercased, so one id typed in two cases still matches) or its bound mobile."""
    text = _WECHAT_LABEL_RE.sub("", _clean(value, "wechat", "微信号")).strip()
    if not text:
        raise IdentifierError("wechat", "empty", "微信号不能为空")
    if _PHONE_LIKE_RE.fullmatch(text):
        return _mobile_for("wechat", "微信号", text)
    if not 6 <= len(text) <= 20:
        raise IdentifierError("wechat", "bad_length", f"微信号长度不对：应为6至20位，实际为{len(text)}位")
    if not _WECHAT_ID_RE.fullmatch(text):
        if not text[0].isascii() or not text[0].isalpha():
            raise IdentifierError("wechat", "bad_char", "微信号必须以字母开头（或填写绑定的手机号）")
        raise bad_char_error("wechat", "微信号", text, _WECHAT_CHAR_RE)
    return text.lower()


def parse_alipay(value: object) -> str:
    """An Alipay login: a mobile number or an e-mail address (lowercased)."""
    text = _clean(value, "alipay", "支付宝账号")
    if "@" not in text:
        return _mobile_for("alipay", "支付宝账号", text)
    match = _EMAIL_RE.fullmatch(text.lower())
    if not match or len(match.group(1)) > 64:
        raise IdentifierError("alipay", "bad_email", "支付宝账号应为手机号或邮箱：邮箱格式不对")
    return f"{match.group(1)}@{ascii_domain(match.group(2), 'alipay', '邮箱域名')}"


def parse_imei(value: object) -> str:
    """A 15-digit IMEI; given the 14 digits without the check digit, the digit is added."""
    number = require_digits(compact(value, "imei", "IMEI"), "imei", "IMEI")
    if len(number) == 14:
        return number + luhn_check_digit(number)
    if len(number) != 15:
        raise IdentifierError(
            "imei", "bad_length", f"IMEI长度不对：应为15位（或不含校验位的14位），实际为{len(number)}位"
        )
    if not luhn_valid(number):
        raise IdentifierError("imei", "bad_checksum", f"IMEI校验位错误，应为{luhn_check_digit(number[:14])}")
    return number


def parse_imsi(value: object) -> str:
    """A 15-digit IMSI of a Chinese network (mobile country code 460)."""
    number = require_digits(compact(value, "imsi", "IMSI"), "imsi", "IMSI")
    if len(number) != 15:
        raise IdentifierError("imsi", "bad_length", f"IMSI长度不对：应为15位，实际为{len(number)}位")
    if not number.startswith("460"):
        raise IdentifierError("imsi", "bad_country", "IMSI应以中国的移动国家码460开头")
    return number


def normalize_app(value: object) -> str:
    """An app name as reported: width-normalized, quotes and a trailing "APP" removed."""
    text = _WHITESPACE_RE.sub(" ", _clean(value, "app", "应用名称", _APP_MAX_LENGTH))
    name = _APP_SUFFIX_RE.sub("", text.strip(_APP_WRAPPERS).strip()).strip().strip(_APP_WRAPPERS).strip()
    if not name:
        raise IdentifierError("app", "empty", "应用名称不能为空（只写了“APP”）")
    return name


def _clean(value: object, kind: str, label: str, max_length: int = 256) -> str:
    # Blanks inside are left for the specific checks: "138 1234 5678" is a fine mobile number.
    return strip_zero_width(to_halfwidth(require_text(value, kind, label, max_length))).strip()


def _mobile_for(kind: str, label: str, text: str) -> str:
    try:
        phone = parse_phone(text)
    except IdentifierError as error:
        raise IdentifierError(kind, error.code, f"{label}应为手机号：{error.message}") from None
    if phone.kind != "mobile":
        raise IdentifierError(kind, "not_mobile", f"{label}应为手机号，这是{_PHONE_KINDS[phone.kind]}")
    return phone.number


_PHONE_KINDS = {"landline": "固定电话", "service": "服务号码"}
