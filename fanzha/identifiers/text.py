"""Text clean-up shared by the parsers: character width, separators, input checks."""

from __future__ import annotations

import re

from .errors import IdentifierError

# U+FF01..U+FF5E mirror ASCII 0x21..0x7E at a fixed offset; U+3000 is the ideographic
# space. The few full-width signs outside that block map to their Latin-1 cousins.
_HALFWIDTH_TABLE: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALFWIDTH_TABLE[0x3000] = 0x20
_HALFWIDTH_TABLE.update(
    {0xFFE0: 0xA2, 0xFFE1: 0xA3, 0xFFE2: 0xAC, 0xFFE3: 0xAF, 0xFFE4: 0xA6, 0xFFE5: 0xA5, 0xFFE6: 0x20A9}
)

ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff"
_ZERO_WIDTH_RE = re.compile(f"[{ZERO_WIDTH_CHARS}]+")
# What people and spreadsheets put between digit groups: blanks, every dash variant,
# dots and brackets, plus the zero-width characters that copy-paste from chat apps leaves.
_SEPARATORS_RE = re.compile(f"[\\s\\-\u2010-\u2015\u2212.()/{ZERO_WIDTH_CHARS}]+")
ASCII_DIGITS_RE = re.compile(r"[0-9]+")
_ONE_DIGIT_RE = re.compile(r"[0-9]")

DEFAULT_MAX_LENGTH = 256


def to_halfwidth(text: str) -> str:
    """Turn full-width letters, digits, punctuation and spaces into ASCII.

    Only the width changes: Chinese numerals such as 〇一二 stay as they are.
    """
    if text.isascii():  # the common case, and isascii() is a flag check, not a scan
        return text
    return text.translate(_HALFWIDTH_TABLE)


def strip_zero_width(text: str) -> str:
    return _ZERO_WIDTH_RE.sub("", text)


def strip_separators(text: str) -> str:
    return _SEPARATORS_RE.sub("", text)


def require_text(value: object, kind: str, label: str, max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """Return ``value`` as a non-blank string, or raise a specific IdentifierError.

    Integers are accepted because spreadsheets hand numbers over as ints; floats are
    refused because a 19-digit card number has already lost digits as a float.
    """
    if value is None:
        raise IdentifierError(kind, "empty", f"{label}不能为空")
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise IdentifierError(kind, "bad_type", f"{label}应为文本，收到的是{type(value).__name__}")
    text = str(value)
    if len(text) > max_length:
        raise IdentifierError(kind, "too_long", f"{label}过长：{len(text)}个字符，最多{max_length}个")
    if not strip_zero_width(text).strip():
        raise IdentifierError(kind, "empty", f"{label}不能为空")
    return text


def compact(value: object, kind: str, label: str) -> str:
    """Width-normalize and drop separators: the form every numeric identifier is checked in."""
    text = strip_separators(to_halfwidth(require_text(value, kind, label)))
    if not text:
        raise IdentifierError(kind, "empty", f"{label}不能为空")
    return text


def bad_char_error(kind: str, label: str, text: str, allowed: re.Pattern[str]) -> IdentifierError:
    """Build the error that names the first character ``allowed`` rejects, and where it is."""
    for position, char in enumerate(text, start=1):
        if not allowed.fullmatch(char):
            shown = char if char.isprintable() else f"U+{ord(char):04X}"
            return IdentifierError(kind, "bad_char", f"{label}含非法字符“{shown}”（第{position}位）")
    return IdentifierError(kind, "bad_char", f"{label}含非法字符")


def require_digits(text: str, kind: str, label: str) -> str:
    # [0-9] rather than str.isdigit(): isdigit() also accepts ² and Arabic-Indic digits.
    if not ASCII_DIGITS_RE.fullmatch(text):
        raise bad_char_error(kind, label, text, _ONE_DIGIT_RE)
    return text
