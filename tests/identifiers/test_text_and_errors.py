import pickle

import pytest

from fanzha.identifiers import IdentifierError, to_halfwidth
from fanzha.identifiers.text import compact, require_text, strip_separators


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("１３８１２３４５６７８", "13812345678"),
        ("ＡＢＣｘｙｚ", "ABCxyz"),
        ("（０１０）－１２３４", "(010)-1234"),
        ("ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ", "www.example.com"),
        ("全角\u3000空格", "全角 空格"),
        ("：；！？＠＃", ":;!?@#"),
        ("￥１００", "¥100"),
        ("already ascii 123", "already ascii 123"),
        ("", ""),
    ],
)
def test_to_halfwidth_converts_width_only(text, expected):
    assert to_halfwidth(text) == expected


@pytest.mark.parametrize("text", ["〇一二三四五六七八九", "壹贰叁", "①②③", "中文。、"])
def test_to_halfwidth_leaves_chinese_numerals_and_punctuation_alone(text):
    assert to_halfwidth(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("138.1234.5678", "13812345678"),
        ("(010)12345678", "01012345678"),
        ("138\u200b1234\u200c5678\ufeff", "13812345678"),
        ("138\u20141234\u20135678", "13812345678"),
        ("\t138\n1234\xa05678 ", "13812345678"),
    ],
)
def test_strip_separators_removes_blanks_dashes_dots_brackets_and_zero_width(text, expected):
    assert strip_separators(text) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (None, "empty"),
        ("", "empty"),
        ("   ", "empty"),
        ("\u200b\u200b", "empty"),
        (3.0, "bad_type"),
        (True, "bad_type"),
        (b"123", "bad_type"),
        ("1" * 257, "too_long"),
    ],
)
def test_require_text_rejects_missing_wrong_type_and_oversized_values(value, code):
    with pytest.raises(IdentifierError) as caught:
        require_text(value, "phone", "电话号码")
    assert caught.value.code == code
    assert caught.value.kind == "phone"
    assert caught.value.message.startswith("电话号码")


def test_require_text_accepts_integers_from_spreadsheets():
    assert require_text(13812345678, "phone", "电话号码") == "13812345678"


def test_compact_rejects_a_value_made_only_of_separators():
    with pytest.raises(IdentifierError) as caught:
        compact(" - . ", "phone", "电话号码")
    assert caught.value.code == "empty"


def test_identifier_error_is_a_value_error_whose_str_is_the_chinese_message():
    error = IdentifierError("resident_id", "bad_checksum", "身份证号校验位错误，应为X")
    assert isinstance(error, ValueError)
    assert str(error) == "身份证号校验位错误，应为X"
    assert (error.kind, error.code, error.message) == (
        "resident_id",
        "bad_checksum",
        "身份证号校验位错误，应为X",
    )


def test_identifier_error_survives_pickling_for_worker_processes():
    error = IdentifierError("phone", "bad_segment", "不是有效的手机号段：154")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes, just written
    assert (copy.kind, copy.code, copy.message, str(copy)) == (
        error.kind,
        error.code,
        error.message,
        str(error),
    )
