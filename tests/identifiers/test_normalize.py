import random

import pytest

from fanzha import identifiers
from fanzha.identifiers import KINDS, IdentifierError, normalize

from .factories import luhn_complete

CARD = luhn_complete("622848123456789012")


def test_kinds_lists_every_indicator_kind_once():
    assert KINDS == (
        "resident_id",
        "phone",
        "bank_account",
        "url",
        "domain",
        "ip",
        "qq",
        "wechat",
        "alipay",
        "app",
        "imei",
        "imsi",
    )


@pytest.mark.parametrize(
    ("kind", "raw", "normalized"),
    [
        ("resident_id", "11010519491231002x", "11010519491231002X"),
        ("phone", "+86 138-1234-5678", "13812345678"),
        ("phone", "(010) 1234 5678", "01012345678"),
        ("bank_account", " ".join(CARD[i : i + 4] for i in range(0, 19, 4)), CARD),
        ("url", "hxxp://Evil[.]COM", "http://evil.com/"),
        ("domain", "Evil[.]COM", "evil.com"),
        ("ip", "1[.]2[.]3[.]4", "1.2.3.4"),
        ("qq", "QQ：123456", "123456"),
        ("wechat", "Zhang_San", "zhang_san"),
        ("alipay", "Zhang@QQ.com", "zhang@qq.com"),
        ("imei", "49015420323751", "490154203237518"),
        ("imsi", "460 00 1234567890", "460001234567890"),
        ("app", "XX理财APP", "XX理财"),
        ("app", "ＸＸ理财ａｐｐ", "XX理财"),
        ("app", "《XX理财》APP", "XX理财"),
        ("app", "“XX 理财 app”", "XX 理财"),
        ("app", "  XX   理财  ", "XX 理财"),
        ("app", "XX理财-APP", "XX理财"),
        ("app", "Telegram APP", "Telegram"),
        ("app", "WhatsApp", "WhatsApp"),
        ("app", "\u200b抖音\u200b", "抖音"),
    ],
)
def test_normalize_returns_the_canonical_string(kind, raw, normalized):
    assert normalize(kind, raw) == normalized


@pytest.mark.parametrize(
    ("kind", "raw", "code"),
    [
        ("app", "APP", "empty"),
        ("app", "《》", "empty"),
        ("app", None, "empty"),
        ("app", "应用" * 51, "too_long"),
        ("phone", "15412345678", "bad_segment"),
        ("resident_id", "110105194912310021", "bad_checksum"),
    ],
)
def test_normalize_raises_the_parsers_errors(kind, raw, code):
    with pytest.raises(IdentifierError) as caught:
        normalize(kind, raw)
    assert (caught.value.kind, caught.value.code) == (kind, code)


@pytest.mark.parametrize("kind", ["bank_card", "", "PHONE", "email"])
def test_normalize_refuses_an_unknown_kind(kind):
    with pytest.raises(IdentifierError) as caught:
        normalize(kind, "x")
    assert caught.value.code == "unknown_kind"
    assert f"未知的标识类型“{kind}”" in caught.value.message


def test_every_public_name_is_exported():
    for name in identifiers.__all__:
        assert getattr(identifiers, name) is not None
    assert {"IdentifierError", "KINDS", "normalize", "mask", "to_halfwidth"} <= set(identifiers.__all__)


def _nasty_inputs():
    rng = random.Random(20240615)
    alphabet = "0123456789Xx+-. ()[]:/@_一〇０１２ＸＡ。\u200b\u3000\xa0é\U0001f600\x00\n%#?&=中国"
    fixed = [None, "", " ", 0, -1, 10**40, 3.14, True, b"bytes", [], {}, "\x00", "\ud800", "x" * 100_000]
    return fixed + ["".join(rng.choices(alphabet, k=rng.randint(1, 40))) for _ in range(300)]


@pytest.mark.parametrize("kind", KINDS)
def test_parsers_only_ever_raise_identifier_error(kind):
    for value in _nasty_inputs():
        try:
            result = normalize(kind, value)
        except IdentifierError as error:
            assert error.kind == kind
            assert error.message and error.code
        else:
            assert isinstance(result, str) and result
