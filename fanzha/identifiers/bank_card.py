"""Bank card numbers: length, Luhn check and the issuing bank from the BIN prefix."""

from __future__ import annotations

from dataclasses import dataclass

from .checksums import luhn_valid
from .errors import IdentifierError
from .text import compact, require_digits

KIND = "bank_account"
_LABEL = "银行卡号"
_MIN_LENGTH, _MAX_LENGTH = 12, 19
# Passbook-style account numbers of 12-15 digits carry no Luhn digit; card numbers do.
_LUHN_MIN_LENGTH = 16

# (short name, code as used by the common payment gateways) -> well-known BIN prefixes.
# Deliberately small: the big issuers' most common debit and credit ranges, so that
# statistics by bank work; anything else reports bank=None rather than a guess.
_BANKS: dict[tuple[str, str], tuple[str, ...]] = {
    ("工商银行", "ICBC"): ("622202", "622208", "622200", "622203", "621225", "621226", "621558", "621559"),
    ("农业银行", "ABC"): ("622848", "622845", "622846", "622847", "622841", "622849", "622821", "622836"),
    ("中国银行", "BOC"): ("621661", "621660", "621663", "621666", "621667", "621256", "601382", "622760"),
    ("建设银行", "CCB"): ("621700", "622700", "622280", "436742", "621284", "621081", "621467"),
    ("交通银行", "COMM"): ("622260", "622262", "622258", "622259", "601428", "405512"),
    ("邮储银行", "PSBC"): ("621799", "622188", "621098", "622150", "622151", "620062"),
    ("招商银行", "CMB"): ("622588", "622575", "622576", "622580", "621286", "621483", "621485", "621486"),
    ("浦发银行", "SPDB"): ("622521", "622522", "622516", "622518", "621791", "621792"),
    ("中信银行", "CITIC"): ("622690", "622696", "622698", "622998", "622999", "621768", "433670"),
    ("光大银行", "CEB"): ("622660", "622661", "622662", "622663", "622666", "621489", "621490"),
    ("民生银行", "CMBC"): ("622615", "622617", "622618", "622622", "622600", "621691", "415599"),
    ("兴业银行", "CIB"): ("622908", "622909", "966666", "438588", "438589"),
    ("平安银行", "SPABANK"): ("622155", "622156", "622157", "622525", "622526", "622538", "623058", "621626"),
    ("华夏银行", "HXBANK"): ("622630", "622631", "622632", "622633", "621222", "623020", "999999"),
    ("广发银行", "GDB"): ("622568", "622556", "622557", "622558", "622559", "622560", "621462", "685800"),
}
_BIN_LENGTH = 6
_BIN_TABLE: dict[str, tuple[str, str]] = {
    prefix: bank for bank, prefixes in _BANKS.items() for prefix in prefixes
}


@dataclass(frozen=True, slots=True)
class BankCard:
    number: str
    bank: str | None
    bank_code: str | None

    def __str__(self) -> str:
        return self.number


def parse_bank_card(value: object) -> BankCard:
    """Validate a card or account number written with or without blanks and dashes."""
    number = require_digits(compact(value, KIND, _LABEL), KIND, _LABEL)
    if not _MIN_LENGTH <= len(number) <= _MAX_LENGTH:
        raise IdentifierError(KIND, "bad_length", f"{_LABEL}长度不对：应为12至19位，实际为{len(number)}位")
    if len(number) >= _LUHN_MIN_LENGTH and not luhn_valid(number):
        raise IdentifierError(KIND, "bad_checksum", f"{_LABEL}校验失败：不符合Luhn校验，请核对是否输错")
    issuer = issuing_bank(number)
    return BankCard(number, *issuer) if issuer else BankCard(number, None, None)


def issuing_bank(number: str) -> tuple[str, str] | None:
    """(bank name, code) for a normalized card number, or None when the BIN is not in the table."""
    return _BIN_TABLE.get(number[:_BIN_LENGTH])
