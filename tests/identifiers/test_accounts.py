import pytest

from fanzha.identifiers import IdentifierError, parse_alipay, parse_imei, parse_imsi, parse_qq, parse_wechat

from .factories import luhn_break, luhn_complete


def error_of(parse, raw):
    with pytest.raises(IdentifierError) as caught:
        parse(raw)
    return caught.value.kind, caught.value.code, caught.value.message


@pytest.mark.parametrize(
    ("raw", "qq"),
    [
        ("12345", "12345"),
        ("12345678901", "12345678901"),
        (" 123 456 789 ", "123456789"),
        ("１２３４５６７８９", "123456789"),
        ("QQ：123456789", "123456789"),
        ("qq号:123456789", "123456789"),
        (123456789, "123456789"),
    ],
)
def test_parse_qq_accepts(raw, qq):
    assert parse_qq(raw) == qq


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        (None, "empty", "QQ号不能为空"),
        ("01234567", "leading_zero", "QQ号不能以0开头"),
        ("1234", "bad_length", "QQ号长度不对：应为5至11位，实际为4位"),
        ("123456789012", "bad_length", "QQ号长度不对：应为5至11位，实际为12位"),
        ("12a45", "bad_char", "QQ号含非法字符“a”（第3位）"),
    ],
)
def test_parse_qq_rejects(raw, code, message):
    assert error_of(parse_qq, raw) == ("qq", code, message)


@pytest.mark.parametrize(
    ("raw", "wechat"),
    [
        ("abc123", "abc123"),
        ("Zhang_San-88", "zhang_san-88"),
        ("wxid_abcdefg1234567", "wxid_abcdefg1234567"),
        ("a" * 20, "a" * 20),
        ("微信号：zhangsan88", "zhangsan88"),
        ("ｚｈａｎｇｓａｎ８８", "zhangsan88"),
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
    ],
)
def test_parse_wechat_accepts_ids_and_mobile_numbers(raw, wechat):
    assert parse_wechat(raw) == wechat


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        (None, "empty", "微信号不能为空"),
        ("微信号：", "empty", "微信号不能为空"),
        ("abc12", "bad_length", "微信号长度不对：应为6至20位，实际为5位"),
        ("a" * 21, "bad_length", "微信号长度不对：应为6至20位，实际为21位"),
        ("_abcdef", "bad_char", "微信号必须以字母开头（或填写绑定的手机号）"),
        ("1abcdef", "bad_char", "微信号必须以字母开头（或填写绑定的手机号）"),
        ("张三abcdef", "bad_char", "微信号必须以字母开头（或填写绑定的手机号）"),
        ("abc.def", "bad_char", "微信号含非法字符“.”（第4位）"),
        ("abc def", "bad_char", "微信号含非法字符“ ”（第4位）"),
        ("15412345678", "bad_segment", "微信号应为手机号：不是有效的手机号段：154"),
        ("010 12345678", "not_mobile", "微信号应为手机号，这是固定电话"),
    ],
)
def test_parse_wechat_rejects(raw, code, message):
    assert error_of(parse_wechat, raw) == ("wechat", code, message)


@pytest.mark.parametrize(
    ("raw", "alipay"),
    [
        ("13812345678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("Zhang.San@QQ.com", "zhang.san@qq.com"),
        ("ｚｈａｎｇｓａｎ＠１６３．ｃｏｍ", "zhangsan@163.com"),
        ("user+tag@例子.中国", "user+tag@xn--fsqu00a.xn--fiqs8s"),
    ],
)
def test_parse_alipay_accepts_mobiles_and_emails(raw, alipay):
    assert parse_alipay(raw) == alipay


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        (None, "empty", "支付宝账号不能为空"),
        ("a@@b.com", "bad_email", "支付宝账号应为手机号或邮箱：邮箱格式不对"),
        (".a@b.com", "bad_email", "支付宝账号应为手机号或邮箱：邮箱格式不对"),
        ("a" * 65 + "@b.com", "bad_email", "支付宝账号应为手机号或邮箱：邮箱格式不对"),
        ("a@localhost", "bad_domain", "邮箱域名不完整：缺少顶级域名（如 .com、.cn）"),
        ("zhangsan", "bad_char", "支付宝账号应为手机号：电话号码含非法字符“z”（第1位）"),
        ("95188", "not_mobile", "支付宝账号应为手机号，这是服务号码"),
    ],
)
def test_parse_alipay_rejects(raw, code, message):
    assert error_of(parse_alipay, raw) == ("alipay", code, message)


@pytest.mark.parametrize(
    ("raw", "imei"),
    [
        ("490154203237518", "490154203237518"),
        ("49-015420-323751-8", "490154203237518"),
        ("49015420323751", "490154203237518"),
        ("８６０１２３４５６７８９０１", luhn_complete("86012345678901")),
        (luhn_complete("35209900176148"), luhn_complete("35209900176148")),
    ],
)
def test_parse_imei_accepts_and_completes_the_check_digit(raw, imei):
    assert parse_imei(raw) == imei


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        (luhn_break("490154203237518"), "bad_checksum", "IMEI校验位错误，应为8"),
        ("4901542032375", "bad_length", "IMEI长度不对：应为15位（或不含校验位的14位），实际为13位"),
        ("4901542032375180", "bad_length", "IMEI长度不对：应为15位（或不含校验位的14位），实际为16位"),
        ("49015420323751A", "bad_char", "IMEI含非法字符“A”（第15位）"),
    ],
)
def test_parse_imei_rejects(raw, code, message):
    assert error_of(parse_imei, raw) == ("imei", code, message)


@pytest.mark.parametrize("raw", ["460001234567890", "460 01 1234567890", "４６０１１１２３４５６７８９０"])
def test_parse_imsi_accepts_chinese_networks(raw):
    assert parse_imsi(raw) == raw.translate(str.maketrans("０１２３４５６７８９", "0123456789")).replace(
        " ", ""
    )


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        ("310150123456789", "bad_country", "IMSI应以中国的移动国家码460开头"),
        ("46000123456789", "bad_length", "IMSI长度不对：应为15位，实际为14位"),
        ("4600012345678901", "bad_length", "IMSI长度不对：应为15位，实际为16位"),
        ("", "empty", "IMSI不能为空"),
    ],
)
def test_parse_imsi_rejects(raw, code, message):
    assert error_of(parse_imsi, raw) == ("imsi", code, message)
