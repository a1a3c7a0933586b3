"""Parse, validate, normalize and mask the identifiers fanzha handles.

Pure Python on purpose (no Django): the detection engine and the call-record analytics
import it in CLIs and Spark jobs. Every parser raises ``IdentifierError`` with a specific
Chinese message; every result is a frozen dataclass or a normalized string.
"""

from .accounts import parse_alipay, parse_imei, parse_imsi, parse_qq, parse_wechat
from .bank_card import BankCard, parse_bank_card
from .errors import IdentifierError
from .kinds import KINDS, normalize
from .masking import mask, mask_bank_card, mask_phone, mask_resident_id
from .net import Url, parse_domain, parse_ip, parse_url
from .phone import PhoneNumber, parse_phone
from .resident_id import ResidentId, parse_resident_id
from .text import to_halfwidth

__all__ = [
    "KINDS",
    "BankCard",
    "IdentifierError",
    "PhoneNumber",
    "ResidentId",
    "Url",
    "mask",
    "mask_bank_card",
    "mask_phone",
    "mask_resident_id",
    "normalize",
    "parse_alipay",
    "parse_bank_card",
    "parse_domain",
    "parse_imei",
    "parse_imsi",
    "parse_ip",
    "parse_phone",
    "parse_qq",
    "parse_resident_id",
    "parse_url",
    "parse_wechat",
    "to_halfwidth",
]
