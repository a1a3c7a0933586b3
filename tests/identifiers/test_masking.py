import pytest

from fanzha.identifiers import KINDS, IdentifierError, mask, mask_bank_card, mask_phone, mask_resident_id

from .factories import luhn_complete

CARD = luhn_complete("622202123456781234")


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("110101199003071234", "110101********1234"),
        ("11010519491231002X", "110105********002X"),
        ("11010519491231002x", "110105********002X"),
        ("110105 19491231 002X", "110105********002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "110105********002X"),
        ("110105491231002", "110105*****1002"),  # 15-digit legacy number
        ("not an id", "*********"),
        ("12345", "*****"),
        ("", ""),
        (None, ""),
        (110101199003071234, "110101********1234"),
    ],
)
def test_mask_resident_id(raw, masked):
    assert mask_resident_id(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138-1234-5678", "138****5678"),
        ("８６１３８１２３４５６７８", "138****5678"),
        ("15412345678", "154****5678"),  # unknown segment: still masked by shape
        ("01012345678", "010****5678"),
        ("0755-81234567", "0755****4567"),
        ("95588", "95588"),  # service numbers are public
        ("400-812-3456", "4008123456"),
        ("garbage", "*******"),
        ("123", "***"),
        (None, ""),
    ],
)
def test_mask_phone(raw, masked):
    assert mask_phone(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        (CARD, f"6222 **** **** {CARD[-4:]}"),
        (" ".join(CARD[i : i + 4] for i in range(0, 19, 4)), f"6222 **** **** {CARD[-4:]}"),
        ("6222020200112345", "6222 **** **** 2345"),  # masked by shape, Luhn or not
        ("622848123456", "6228 **** **** 3456"),
        ("garbage!", "********"),
        ("12345678901", "***********"),
        (None, ""),
    ],
)
def test_mask_bank_card(raw, masked):
    assert mask_bank_card(raw) == masked


@pytest.mark.parametrize(
    ("kind", "raw", "masked"),
    [
        ("resident_id", "110101199003071234", "110101********1234"),
        ("phone", "13812345678", "138****5678"),
        ("bank_account", "6222020200112345", "6222 **** **** 2345"),
        ("qq", "123456789", "12*****89"),
        ("qq", "12345", "1***5"),
        ("wechat", "Zhang_San_88", "zha******_88"),
        ("alipay", "zhangsan@qq.com", "zh***@qq.com"),
        ("alipay", "ab@qq.com", "a***@qq.com"),
        ("alipay", "a@qq.com", "***@qq.com"),
        ("alipay", "13812345678", "138****5678"),
        ("imei", "490154203237518", "490*********518"),
        ("imsi", "460001234567890", "460*********890"),
        ("url", "hxxp://evil[.]com", "hxxp://evil[.]com"),
        ("domain", "evil.com", "evil.com"),
        ("ip", "1.2.3.4", "1.2.3.4"),
        ("app", "XX理财APP", "XX理财APP"),
        ("qq", "0123", "****"),
        ("alipay", "bad@@mail", "*********"),
    ],
)
def test_mask_dispatches_by_kind(kind, raw, masked):
    assert mask(kind, raw) == masked


def test_mask_refuses_an_unknown_kind():
    with pytest.raises(IdentifierError) as caught:
        mask("passport", "E12345678")
    assert caught.value.code == "unknown_kind"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "value", [None, "", " ", "\u200b", "x" * 200_000, 3.14, b"\xff", ["list"], "一二三四五六七八九十"]
)
def test_mask_never_raises_on_garbage(kind, value):
    masked = mask(kind, value)
    assert isinstance(masked, str)


@pytest.mark.parametrize("masker", [mask_resident_id, mask_phone, mask_bank_card])
@pytest.mark.parametrize("garbage", ["abc", "一二三", "x" * 200_000, "\x00\x01"])
def test_personal_maskers_return_stars_of_the_same_length_for_garbage(masker, garbage):
    assert masker(garbage) == "*" * len(garbage)
