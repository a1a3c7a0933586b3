"""Independent builders of valid identifiers, so tests do not trust the code under test.

The check-digit arithmetic here is written from the standards' tables, not shared with
fanzha.identifiers; test_factories.py pins both builders to published example numbers.
"""

from __future__ import annotations

# GB 11643-1999 table: weight per position and check character per remainder.
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK_BY_REMAINDER = {
    0: "1",
    1: "0",
    2: "X",
    3: "9",
    4: "8",
    5: "7",
    6: "6",
    7: "5",
    8: "4",
    9: "3",
    10: "2",
}


def make_resident_id(region: str = "110105", birth: str = "19900307", sequence: str = "123") -> str:
    body = region + birth + sequence
    assert len(body) == 17, body
    remainder = sum(int(digit) * weight for digit, weight in zip(body, _ID_WEIGHTS, strict=True)) % 11
    return body + _ID_CHECK_BY_REMAINDER[remainder]


def wrong_check_char(number: str) -> str:
    """The same ID with any check character other than the right one."""
    right = number[-1]
    return number[:-1] + ("0" if right != "0" else "1")


def luhn_sum(number: str) -> int:
    total = 0
    for position, digit in enumerate(reversed(number)):
        product = int(digit) * (2 if position % 2 else 1)
        total += sum(int(char) for char in str(product))
    return total


def luhn_complete(payload: str) -> str:
    """``payload`` plus the one digit that makes it pass Luhn, found by trying all ten."""
    matches = [payload + digit for digit in "0123456789" if luhn_sum(payload + digit) % 10 == 0]
    assert len(matches) == 1
    return matches[0]


def luhn_break(number: str) -> str:
    """The same number with a wrong last digit."""
    return number[:-1] + str((int(number[-1]) + 1) % 10)
