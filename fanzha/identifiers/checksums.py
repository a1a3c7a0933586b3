"""Check-digit algorithms: Luhn (bank cards, IMEI) and ISO 7064 MOD 11-2 (resident IDs)."""

from __future__ import annotations

from operator import mul

# Luhn doubles every second digit from the right and adds the digits of the product;
# the table holds that sum for 0..9 so the loop does no arithmetic on the doubled value.
_LUHN_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)

# MOD 11-2 weights are 2**(n-1) mod 11 for positions 18..2, counted from the right.
_MOD11_2_WEIGHTS = tuple(pow(2, 17 - index, 11) for index in range(17))
_MOD11_2_CHECK_CHARS = "10X98765432"


def luhn_check_digit(payload: str) -> str:
    """The digit that, appended to the ASCII-digit string ``payload``, makes it Luhn-valid."""
    total = 0
    for index, char in enumerate(reversed(payload)):
        digit = ord(char) - 48
        total += _LUHN_DOUBLED[digit] if index % 2 == 0 else digit
    return str(-total % 10)


def luhn_valid(number: str) -> bool:
    return len(number) >= 2 and luhn_check_digit(number[:-1]) == number[-1]


def mod11_2_check_char(body: str) -> str:
    """Check character (0-9 or X) for the first 17 digits of a resident ID."""
    total = sum(map(mul, map(int, body), _MOD11_2_WEIGHTS))
    return _MOD11_2_CHECK_CHARS[total % 11]
