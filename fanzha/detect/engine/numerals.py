"""Amounts written with Chinese numerals or with 万/w/k units, in yuan."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000}
SUFFIX_UNITS = {"万": 10_000, "w": 10_000, "k": 1000, "千": 1000, "亿": 100_000_000, "百": 100}


def chinese_to_int(text: str) -> int:
    """Parse 三万五千, 一万二 (= 12000), 十五, 两百 …; raises ValueError on anything else."""
    total, section, digit = 0, 0, None
    last_unit = 1
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
            if digit == 0:
                last_unit = 1  # 一百零五: the digit after 零 is a plain unit digit
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            last_unit, digit = SMALL_UNITS[ch], None
        elif ch in BIG_UNITS:
            section += digit or 0
            total = (
                (total + section) * BIG_UNITS[ch]
                if BIG_UNITS[ch] > total
                else total + section * BIG_UNITS[ch]
            )
            last_unit, section, digit = BIG_UNITS[ch], 0, None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    if digit is not None:
        # Shorthand: 一万二 → 12000, 三千五 → 3500; a plain trailing digit otherwise.
        section += digit * (last_unit // 10) if last_unit >= 100 else digit
    return total + section


def amount_to_yuan(number: str, unit: str = "") -> Decimal:
    """Arabic ``number`` with an optional unit suffix (万, w, k, 千, 亿) → yuan."""
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {number!r}") from exc
    return value * SUFFIX_UNITS.get(unit.lower(), 1)


def format_yuan(value: Decimal) -> str:
    """Canonical string: integer yuan without decimals, else two decimals."""
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value:.2f}"
