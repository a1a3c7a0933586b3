import pytest

from fanzha.identifiers import BankCard, IdentifierError, parse_bank_card

from .factories import luhn_break, luhn_complete

ICBC_CARD = luhn_complete("622202123456789012")  # 19 digits
CMB_CARD = luhn_complete("622588123456789")  # 16 digits


@pytest.mark.parametrize(
    ("prefix", "bank", "code"),
    [
        ("622202", "工商银行", "ICBC"),
        ("622848", "农业银行", "ABC"),
        ("621661", "中国银行", "BOC"),
        ("621700", "建设银行", "CCB"),
        ("622260", "交通银行", "COMM"),
        ("621799", "邮储银行", "PSBC"),
        ("622588", "招商银行", "CMB"),
        ("622521", "浦发银行", "SPDB"),
        ("622690", "中信银行", "CITIC"),
        ("622660", "光大银行", "CEB"),
        ("622622", "民生银行", "CMBC"),
        ("622908", "兴业银行", "CIB"),
        ("622155", "平安银行", "SPABANK"),
        ("622630", "华夏银行", "HXBANK"),
        ("622568", "广发银行", "GDB"),
    ],
)
def test_it_names_the_issuing_bank_from_the_bin(prefix, bank, code):
    number = luhn_complete(prefix + "1234567890")
    assert parse_bank_card(number) == BankCard(number, bank, code)


@pytest.mark.parametrize(
    "raw",
    [
        ICBC_CARD,
        " ".join(ICBC_CARD[i : i + 4] for i in range(0, 19, 4)),
        "-".join(ICBC_CARD[i : i + 4] for i in range(0, 19, 4)),
        ICBC_CARD.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        "\u200b".join(ICBC_CARD),
        int(ICBC_CARD),
    ],
)
def test_it_accepts_cards_written_with_blanks_dashes_or_full_width_digits(raw):
    assert parse_bank_card(raw) == BankCard(ICBC_CARD, "工商银行", "ICBC")


def test_it_reports_no_bank_for_an_unknown_bin():
    assert parse_bank_card("4111111111111111") == BankCard("4111111111111111", None, None)


@pytest.mark.parametrize("number", ["622848123456", "6228481234567", "62284812345678", "622848123456789"])
def test_it_skips_luhn_for_12_to_15_digit_account_numbers(number):
    assert parse_bank_card(luhn_break(luhn_complete(number[:-1]))).bank == "农业银行"


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        (None, "empty", "银行卡号不能为空"),
        ("", "empty", "银行卡号不能为空"),
        ("12345678901", "bad_length", "银行卡号长度不对：应为12至19位，实际为11位"),
        ("1" * 20, "bad_length", "银行卡号长度不对：应为12至19位，实际为20位"),
        ("6222 0202 abcd 1234", "bad_char", "银行卡号含非法字符“a”（第9位）"),
        ("6222020200112345678.0", "bad_length", "银行卡号长度不对：应为12至19位，实际为20位"),
        (6.222020200112346e18, "bad_type", "银行卡号应为文本，收到的是float"),
        (luhn_break(ICBC_CARD), "bad_checksum", "银行卡号校验失败：不符合Luhn校验，请核对是否输错"),
        (luhn_break(CMB_CARD), "bad_checksum", "银行卡号校验失败：不符合Luhn校验，请核对是否输错"),
        (luhn_break("4111111111111111"), "bad_checksum", "银行卡号校验失败：不符合Luhn校验，请核对是否输错"),
    ],
)
def test_it_rejects_invalid_numbers_with_a_specific_message(raw, code, message):
    with pytest.raises(IdentifierError) as caught:
        parse_bank_card(raw)
    assert (caught.value.kind, caught.value.code, caught.value.message) == ("bank_account", code, message)


def test_a_swap_of_two_adjacent_digits_fails_the_luhn_check():
    swapped = CMB_CARD[:6] + CMB_CARD[7] + CMB_CARD[6] + CMB_CARD[8:]
    assert swapped != CMB_CARD
    with pytest.raises(IdentifierError, match="Luhn"):
        parse_bank_card(swapped)
