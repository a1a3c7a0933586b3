"""18-digit resident identity numbers (居民身份证号码, GB 11643-1999)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .checksums import mod11_2_check_char
from .errors import IdentifierError
from .text import bad_char_error, compact

KIND = "resident_id"
_LABEL = "身份证号"
_LENGTH = 18
_SHAPE_RE = re.compile(r"[0-9]{17}[0-9X]")
_ALLOWED_CHAR_RE = re.compile(r"[0-9X]")
_ALLOWED_CHARS_RE = re.compile(r"[0-9X]+")

# The worked examples in GB 11643 itself include a birth year of 1880, so the floor is
# set well before it; the check only exists to catch typos such as year 0990.
_EARLIEST_BIRTH = date(1800, 1, 1)

# Province-level codes (GB/T 2260), the first two digits. 83 is used by the residence
# permits of Taiwan residents living on the mainland, which carry 18-digit numbers too.
PROVINCES: dict[str, str] = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
    "83": "台湾省",
}


@dataclass(frozen=True, slots=True)
class ResidentId:
    number: str
    province_code: str
    province: str
    birth_date: date
    gender: str  # "male" or "female"

    def age(self, on: date | None = None) -> int:
        """Completed years on ``on`` (today by default); a 29 February birthday counts from 1 March."""
        on = on or date.today()
        if on < self.birth_date:
            raise IdentifierError(KIND, "before_birth", "计算年龄的日期早于出生日期")
        before_birthday = (on.month, on.day) < (self.birth_date.month, self.birth_date.day)
        return on.year - self.birth_date.year - before_birthday

    def __str__(self) -> str:
        return self.number


def parse_resident_id(value: object, *, today: date | None = None) -> ResidentId:
    """Validate an 18-digit resident ID; ``today`` is the reference for "not in the future"."""
    number = _shape(value)
    province_code = number[:2]
    province = _province(province_code)
    birth_date = _birth_date(number[6:14], today or date.today())
    _verify_check_char(number)
    gender = "male" if int(number[16]) % 2 else "female"
    return ResidentId(number, province_code, province, birth_date, gender)


def _shape(value: object) -> str:
    number = compact(value, KIND, _LABEL).upper()  # a lowercase x is a common way to type X
    if len(number) != _LENGTH:
        raise IdentifierError(KIND, "bad_length", f"{_LABEL}长度不对：应为18位，实际为{len(number)}位")
    if not _SHAPE_RE.fullmatch(number):
        if _ALLOWED_CHARS_RE.fullmatch(number):
            raise IdentifierError(KIND, "bad_char", f"{_LABEL}只有最后一位可以是X")
        raise bad_char_error(KIND, _LABEL, number, _ALLOWED_CHAR_RE)
    return number


def _province(code: str) -> str:
    province = PROVINCES.get(code)
    if province is None:
        raise IdentifierError(KIND, "bad_region", f"{_LABEL}地区码无效：“{code}”不是有效的省级行政区代码")
    return province


def _birth_date(digits: str, today: date) -> date:
    # The date itself is not repeated in the message: it is personal data and messages get logged.
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise IdentifierError(
            KIND, "bad_birth_date", f"{_LABEL}出生日期无效：第7至14位不是有效日期"
        ) from None
    if born > today:
        raise IdentifierError(KIND, "future_birth_date", f"{_LABEL}出生日期无效：晚于今天")
    if born < _EARLIEST_BIRTH:
        raise IdentifierError(KIND, "bad_birth_date", f"{_LABEL}出生日期无效：早于1800年")
    return born


def _verify_check_char(number: str) -> None:
    expected = mod11_2_check_char(number[:17])
    if number[17] != expected:
        raise IdentifierError(KIND, "bad_checksum", f"{_LABEL}校验位错误，应为{expected}")
