import pytest

from fanzha.identifiers import IdentifierError, PhoneNumber, parse_phone


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "138.1234.5678",
        "(138)12345678",
        "+86 138-1234-5678",
        "+86-13812345678",
        "+8613812345678",
        "0086 138 1234 5678",
        "008613812345678",
        "8613812345678",
        "８６１３８１２３４５６７８",
        "＋８６　１３８－１２３４－５６７８",
        "138\u200b1234\u200b5678",
        "\t13812345678\n",
        "013812345678",  # dialled with a long-distance 0
        "17951 13812345678",  # IP-dialling prefix kept in call records
        "12593-138-1234-5678",
        13812345678,
    ],
)
def test_it_normalizes_the_ways_a_mobile_number_is_written(raw):
    assert parse_phone(raw) == PhoneNumber("13812345678", "mobile", "中国移动", False, "138")


@pytest.mark.parametrize(
    ("number", "carrier"),
    [
        ("13012345678", "中国联通"),
        ("13312345678", "中国电信"),
        ("13412345678", "中国移动"),
        ("15512345678", "中国联通"),
        ("15312345678", "中国电信"),
        ("16612345678", "中国联通"),
        ("17312345678", "中国电信"),
        ("18612345678", "中国联通"),
        ("18912345678", "中国电信"),
        ("19212345678", "中国广电"),
        ("19512345678", "中国移动"),
        ("19912345678", "中国电信"),
    ],
)
def test_it_names_the_carrier_of_ordinary_segments(number, carrier):
    phone = parse_phone(number)
    assert (phone.kind, phone.carrier, phone.virtual, phone.segment) == ("mobile", carrier, False, number[:3])


@pytest.mark.parametrize(
    ("number", "carrier"),
    [
        ("17001234567", "中国电信"),
        ("17021234567", "中国电信"),
        ("17031234567", "中国移动"),
        ("17051234567", "中国移动"),
        ("17041234567", "中国联通"),
        ("17091234567", "中国联通"),
        ("17112345678", "中国联通"),
        ("16212345678", "中国电信"),
        ("16512345678", "中国移动"),
        ("16712345678", "中国联通"),
    ],
)
def test_it_flags_virtual_operator_segments_with_their_host_carrier(number, carrier):
    phone = parse_phone(number)
    assert (phone.kind, phone.virtual, phone.carrier, phone.segment) == ("mobile", True, carrier, number[:3])


@pytest.mark.parametrize(
    ("raw", "number", "area_code"),
    [
        ("010-12345678", "01012345678", "010"),
        ("(010)12345678", "01012345678", "010"),
        ("01012345678", "01012345678", "010"),
        ("+86 10 1234 5678", "01012345678", "010"),
        ("+86 (0)10 1234 5678", "01012345678", "010"),
        ("0086-21-62345678", "02162345678", "021"),
        ("020 8765 4321", "02087654321", "020"),
        ("0755-81234567", "075581234567", "0755"),
        ("0755-8123456", "07558123456", "0755"),
        ("０５７１－８７６５４３２１", "057187654321", "0571"),
    ],
)
def test_it_keeps_landlines_as_digits_with_the_area_code(raw, number, area_code):
    assert parse_phone(raw) == PhoneNumber(number, "landline", None, False, None, area_code)


@pytest.mark.parametrize(
    ("raw", "number", "carrier"),
    [
        ("110", "110", None),
        ("112", "112", None),
        ("114", "114", None),
        ("119", "119", None),
        ("120", "120", None),
        ("122", "122", None),
        ("96110", "96110", None),
        ("12381", "12381", None),
        ("12345", "12345", None),
        ("95588", "95588", None),
        ("955 88", "95588", None),
        ("400-812-3456", "4008123456", None),
        ("4008123456", "4008123456", None),
        ("800 820 8820", "8008208820", None),
        ("+86 400 812 3456", "4008123456", None),
        ("+86 95588", "95588", None),
        ("10086", "10086", "中国移动"),
        ("10010", "10010", "中国联通"),
        ("10000", "10000", "中国电信"),
        ("1069 0123 4567 8901", "1069012345678901", None),
    ],
)
def test_it_recognizes_service_numbers(raw, number, carrier):
    assert parse_phone(raw) == PhoneNumber(number, "service", carrier, False, None)


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        (None, "empty", "电话号码不能为空"),
        ("", "empty", "电话号码不能为空"),
        ("--", "empty", "电话号码不能为空"),
        ("+86", "empty", "电话号码不能只有国家代码"),
        ("x" * 1000, "too_long", "电话号码过长：1000个字符，最多256个"),
        ("138abcd5678", "bad_char", "电话号码含非法字符“a”（第4位）"),
        ("一三八12345678", "bad_char", "电话号码含非法字符“一”（第1位）"),
        ("138+12345678", "bad_char", "电话号码含非法字符“+”（第4位）"),
        ("15412345678", "bad_segment", "不是有效的手机号段：154"),
        ("14012345678", "bad_segment", "不是有效的手机号段：140"),
        ("12012345678", "bad_segment", "不是有效的手机号段：120"),
        ("+86 154 1234 5678", "bad_segment", "不是有效的手机号段：154"),
        ("123", "bad_length", "手机号长度不对：应为11位，实际为3位"),
        ("1381234567", "bad_length", "手机号长度不对：应为11位，实际为10位"),
        ("138123456789", "bad_length", "手机号长度不对：应为11位，实际为12位"),
        ("010-1234567", "bad_length", "固定电话号码长度不对：区号加号码应为11至12位，实际为10位"),
        ("0755-812345678", "bad_length", "固定电话号码长度不对：区号加号码应为11至12位，实际为13位"),
        ("62345678", "missing_area_code", "固定电话缺少区号，请加上区号（如010、0755）"),
        ("6234567", "missing_area_code", "固定电话缺少区号，请加上区号（如010、0755）"),
        ("+1 202 555 0123", "foreign_number", "暂只支持中国大陆号码（+86），这是境外号码"),
        ("+852 9123 4567", "foreign_number", "暂只支持中国大陆号码（+86），这是境外号码"),
        ("00852 9123 4567", "foreign_number", "暂只支持中国大陆号码（0086），这是境外号码"),
        ("9" * 25, "bad_length", "电话号码长度不对：25位数字不是有效的手机、固话或服务号码"),
    ],
)
def test_it_rejects_invalid_numbers_with_a_specific_message(raw, code, message):
    with pytest.raises(IdentifierError) as caught:
        parse_phone(raw)
    assert (caught.value.kind, caught.value.code, caught.value.message) == ("phone", code, message)


def test_the_result_prints_as_the_normalized_number():
    assert str(parse_phone("+86 138-1234-5678")) == "13812345678"
