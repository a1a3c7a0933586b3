"""The test oracles agree with published example numbers before anything relies on them."""

import pytest

from .factories import luhn_break, luhn_complete, luhn_sum, make_resident_id, wrong_check_char


@pytest.mark.parametrize(
    "published",
    [
        "11010519491231002X",  # GB 11643-1999 worked example
        "440524188001010014",  # GB 11643-1999 worked example
    ],
)
def test_resident_id_factory_reproduces_the_standards_examples(published):
    assert make_resident_id(published[:6], published[6:14], published[14:17]) == published


@pytest.mark.parametrize(
    "published",
    [
        "4111111111111111",  # the classic Visa test card
        "5500000000000004",  # a Mastercard test card
        "490154203237518",  # the IMEI example used in 3GPP-derived documentation
        "79927398713",  # the textbook Luhn example
    ],
)
def test_luhn_factory_reproduces_published_valid_numbers(published):
    assert luhn_complete(published[:-1]) == published
    assert luhn_sum(luhn_break(published)) % 10 != 0


def test_wrong_check_char_always_changes_the_last_character():
    for number in ("11010519491231002X", "440524188001010014", make_resident_id(sequence="000")):
        assert wrong_check_char(number) != number
        assert wrong_check_char(number)[:-1] == number[:-1]
