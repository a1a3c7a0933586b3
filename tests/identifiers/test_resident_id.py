from datetime import date, timedelta

import pytest

from fanzha.identifiers import IdentifierError, ResidentId, parse_resident_id

from .factories import make_resident_id, wrong_check_char

TODAY = date(2024, 6, 15)


def parse(value, today=TODAY):
    return parse_resident_id(value, today=today)


@pytest.mark.parametrize(
    ("number", "province", "birth_date", "gender"),
    [
        ("11010519491231002X", "北京市", date(1949, 12, 31), "female"),
        ("440524188001010014", "广东省", date(1880, 1, 1), "male"),
    ],
)
def test_it_accepts_the_gb_11643_examples(number, province, birth_date, gender):
    resident = parse(number)
    assert resident == ResidentId(number, number[:2], province, birth_date, gender)


@pytest.mark.parametrize(
    "raw",
    [
        "11010519491231002x",
        " 11010519491231002X ",
        "110105 19491231 002X",
        "110105-19491231-002X",
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５１９４９１２３１００２ｘ",
        "110105\u200b19491231\u200b002X",
    ],
)
def test_it_normalizes_case_width_and_separators(raw):
    assert parse(raw).number == "11010519491231002X"


@pytest.mark.parametrize(
    ("region", "province"),
    [
        ("110105", "北京市"),
        ("310115", "上海市"),
        ("650102", "新疆维吾尔自治区"),
        ("820000", "澳门特别行政区"),
    ],
)
def test_it_names_the_province_from_the_first_two_digits(region, province):
    resident = parse(make_resident_id(region=region))
    assert (resident.province_code, resident.province) == (region[:2], province)


@pytest.mark.parametrize(
    ("sequence", "gender"), [("001", "male"), ("002", "female"), ("999", "male"), ("120", "female")]
)
def test_it_reads_the_gender_from_the_seventeenth_digit(sequence, gender):
    assert parse(make_resident_id(sequence=sequence)).gender == gender


def test_it_accepts_a_29_february_birth_in_a_leap_year():
    assert parse(make_resident_id(birth="20000229")).birth_date == date(2000, 2, 29)


def test_it_accepts_a_birth_date_of_today():
    assert parse(make_resident_id(birth="20240615")).birth_date == TODAY


def test_it_uses_the_real_date_when_no_today_is_given():
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(IdentifierError) as caught:
        parse_resident_id(make_resident_id(birth=tomorrow.strftime("%Y%m%d")))
    assert caught.value.code == "future_birth_date"


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        (None, "empty", "身份证号不能为空"),
        ("", "empty", "身份证号不能为空"),
        (" \u200b ", "empty", "身份证号不能为空"),
        ("11010519491231002", "bad_length", "身份证号长度不对：应为18位，实际为17位"),
        ("11010519491231002X1", "bad_length", "身份证号长度不对：应为18位，实际为19位"),
        ("110105491231002", "bad_length", "身份证号长度不对：应为18位，实际为15位"),
        ("1" * 300, "too_long", "身份证号过长：300个字符，最多256个"),
        ("11010519491231002Y", "bad_char", "身份证号含非法字符“Y”（第18位）"),
        ("11010519491231O02X", "bad_char", "身份证号含非法字符“O”（第15位）"),
        ("1101051949123100X2", "bad_char", "身份证号只有最后一位可以是X"),
        ("一10105194912310020", "bad_char", "身份证号含非法字符“一”（第1位）"),
        ("11010519491231002\u0663", "bad_char", "身份证号含非法字符“\u0663”（第18位）"),
        (wrong_check_char("11010519491231002X"), "bad_checksum", "身份证号校验位错误，应为X"),
        (wrong_check_char("440524188001010014"), "bad_checksum", "身份证号校验位错误，应为4"),
        (make_resident_id(region="990101"), "bad_region", "身份证号地区码无效：“99”不是有效的省级行政区代码"),
        (make_resident_id(region="000000"), "bad_region", "身份证号地区码无效：“00”不是有效的省级行政区代码"),
        (make_resident_id(region="100101"), "bad_region", "身份证号地区码无效：“10”不是有效的省级行政区代码"),
        (make_resident_id(birth="20230229"), "bad_birth_date", "身份证号出生日期无效：第7至14位不是有效日期"),
        (make_resident_id(birth="19000229"), "bad_birth_date", "身份证号出生日期无效：第7至14位不是有效日期"),
        (make_resident_id(birth="19901301"), "bad_birth_date", "身份证号出生日期无效：第7至14位不是有效日期"),
        (make_resident_id(birth="19900431"), "bad_birth_date", "身份证号出生日期无效：第7至14位不是有效日期"),
        (make_resident_id(birth="19900000"), "bad_birth_date", "身份证号出生日期无效：第7至14位不是有效日期"),
        (make_resident_id(birth="17991231"), "bad_birth_date", "身份证号出生日期无效：早于1800年"),
        (make_resident_id(birth="20240616"), "future_birth_date", "身份证号出生日期无效：晚于今天"),
        (make_resident_id(birth="29991231"), "future_birth_date", "身份证号出生日期无效：晚于今天"),
    ],
)
def test_it_rejects_invalid_numbers_with_a_specific_message(raw, code, message):
    with pytest.raises(IdentifierError) as caught:
        parse(raw)
    assert (caught.value.kind, caught.value.code, caught.value.message) == ("resident_id", code, message)


def test_a_checksum_error_is_reported_for_every_wrong_check_character():
    valid = make_resident_id(sequence="456")
    for char in "0123456789X":
        if char == valid[-1]:
            continue
        with pytest.raises(IdentifierError, match=f"应为{valid[-1]}$"):
            parse(valid[:-1] + char)


def test_messages_do_not_repeat_the_birth_date():
    with pytest.raises(IdentifierError) as caught:
        parse(make_resident_id(birth="20230229"))
    assert "20230229" not in caught.value.message


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        ("19900307", date(2024, 3, 6), 33),
        ("19900307", date(2024, 3, 7), 34),
        ("19900307", date(1990, 3, 7), 0),
        ("20000229", date(2023, 2, 28), 22),
        ("20000229", date(2023, 3, 1), 23),
        ("20000229", date(2024, 2, 29), 24),
    ],
)
def test_age_counts_completed_years(birth, on, age):
    assert parse(make_resident_id(birth=birth)).age(on) == age


def test_age_defaults_to_today():
    resident = parse_resident_id(make_resident_id(birth="19900307"))
    assert resident.age() == resident.age(date.today())


def test_age_refuses_a_date_before_birth():
    with pytest.raises(IdentifierError) as caught:
        parse(make_resident_id(birth="19900307")).age(date(1990, 3, 6))
    assert caught.value.code == "before_birth"


def test_the_result_is_frozen():
    resident = parse("11010519491231002X")
    with pytest.raises(AttributeError):
        resident.number = "x"  # type: ignore[misc]
    assert str(resident) == "11010519491231002X"


def test_it_accepts_generated_numbers_for_every_check_character():
    numbers = [
        make_resident_id(region="320106", birth="19851120", sequence=f"{seq:03d}") for seq in range(100)
    ]
    assert {number[-1] for number in numbers} == set("0123456789X")
    for number in numbers:
        assert parse(number).number == number
