"""Identifier extraction edge cases."""

import pytest

from fanzha.detect.engine.extract import extract
from fanzha.detect.engine.numerals import chinese_to_int


def found(text: str) -> set[tuple[str, str]]:
    return {(i.kind, i.value) for i in extract(text)}


def test_phone_with_span() -> None:
    text = "联系电话13800138000"
    ind = extract(text)[0]
    assert (ind.kind, ind.value) == ("phone", "13800138000")
    assert text[ind.start : ind.end] == "13800138000"


def test_phone_inside_longer_digit_run_is_not_a_phone() -> None:
    assert not any(k == "phone" for k, _ in found("订单号62220213800138000512已发货"))


def test_card_with_spaces() -> None:
    assert ("bank_account", "6222021234567890128") in found("请转到 6222 0212 3456 7890 128 这张卡")


def test_phone_followed_by_yuan_is_a_phone_not_an_amount() -> None:
    result = found("打13800138000元")
    assert ("phone", "13800138000") in result
    assert not any(k == "amount" for k, _ in result)


def test_url_without_scheme_and_domain() -> None:
    result = found("登录www.abc-pay.top/login 或者访问 safe-bank.xyz")
    assert ("domain", "safe-bank.xyz") in result
    assert any(k == "url" and "abc-pay.top/login" in v for k, v in result)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("损失三万五千元", "35000"),
        ("转了5万", "50000"),
        ("又给了1.2w", "12000"),
        ("借了一万二元", "12000"),
        ("¥500", "500"),
        ("500元", "500"),
    ],
)
def test_amounts(text: str, value: str) -> None:
    assert ("amount", value) in found(text)


def test_amount_needs_a_money_unit() -> None:
    assert not any(k == "amount" for k, _ in found("有5万人参加了活动"))


@pytest.mark.parametrize(
    ("cn", "n"), [("三万五千", 35000), ("一万二", 12000), ("一百零五", 105), ("两百", 200)]
)
def test_chinese_numerals(cn: str, n: int) -> None:
    assert chinese_to_int(cn) == n


def test_qq_wechat_app() -> None:
    result = found("加QQ：123456789，微信号: wxid_abc123，下载“安心投”APP")
    assert ("qq", "123456789") in result
    assert ("wechat", "wxid_abc123") in result
    assert any(k == "app" for k, _ in result)
