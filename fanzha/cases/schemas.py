"""API schemas for cases (no `from __future__ import annotations`: ninja reads these at run time)."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class UnitRef(Schema):
    code: str
    name: str


class VictimIn(Schema):
    name: str = Field(max_length=50)
    id_number: str = Field(max_length=30)
    community: str = Field(max_length=100, description="居住社区/村的单位代码")
    phone: str = Field("", max_length=30)
    occupation: str = Field("", max_length=30)
    education: str = Field("", max_length=16)


class PaymentIn(Schema):
    paid_at: datetime
    amount_yuan: Decimal
    channel: str = Field(
        max_length=16, description="bank_transfer / alipay / wechat_pay / cash / crypto / gift_card / other"
    )
    to_account: str = Field("", max_length=64)
    from_account: str = Field("", max_length=64)
    to_name: str = Field("", max_length=50)
    to_bank: str = Field("", max_length=100, description="收款银行单位代码；为空时按卡号识别")


class CaseIn(Schema):
    narrative: str = Field(max_length=20000)
    incident_at: datetime
    reported_at: datetime | None = None
    contact_channel: str = Field(max_length=16)
    fraud_type: str = Field("", max_length=40)
    loss_yuan: Decimal | None = None
    reporter_name: str = Field("", max_length=50)
    reporter_phone: str = Field("", max_length=30)
    source_ref: str = Field("", max_length=64)
    victim: VictimIn
    payments: list[PaymentIn] = Field(default_factory=list, max_length=200)


class CasePatch(Schema):
    version: int = Field(description="读取时的版本号；他人已修改时返回 409")
    fraud_type: str | None = Field(None, max_length=40)
    contact_channel: str | None = Field(None, max_length=16)
    incident_at: datetime | None = None
    reported_at: datetime | None = None
    loss_yuan: Decimal | None = None
    narrative: str | None = Field(None, max_length=20000)
    reporter_name: str | None = Field(None, max_length=50)
    reporter_phone: str | None = Field(None, max_length=30)


class StatusIn(Schema):
    status: str = Field(max_length=16)
    note: str = Field("", max_length=500)
    version: int | None = None


class IndicatorIn(Schema):
    kind: str = Field(max_length=16)
    value: str = Field(max_length=300)


class SuggestIn(Schema):
    narrative: str = Field(max_length=20000)


class SuggestOut(Schema):
    fraud_type: str
    fraud_type_name: str
    score: float
    is_fraud: bool
    indicators: list[dict[str, str]]


class CaseFilter(Schema):
    status: str = ""
    fraud_type: str = ""
    date_from: date | None = None
    date_to: date | None = None
    station: str = ""
    q: str = Field("", max_length=50, description="案件编号、身份证号、来源案件编号或受害人姓名（前缀）")
    text: str = Field("", max_length=50, description="案情包含的文字")
    page: int = Field(1, ge=1)
    size: int = Field(20, ge=1, le=100)


class CaseRowOut(Schema):
    id: int
    number: str
    source_ref: str
    status: str
    status_name: str
    fraud_type: str
    fraud_type_name: str
    suggested_type: str
    contact_channel: str
    incident_at: datetime
    reported_at: datetime
    loss_yuan: Decimal
    owner_unit: UnitRef
    victim_name: str
    version: int


class CasePage(Schema):
    count: int
    page: int
    pages: int
    items: list[CaseRowOut]


class VictimOut(Schema):
    name: str
    id_number: str
    phone: str
    gender: str
    age: int
    occupation: str
    education: str
    community: UnitRef


class PaymentOut(Schema):
    id: int
    paid_at: datetime
    amount_yuan: Decimal
    channel: str
    channel_name: str
    from_account: str
    to_account: str
    to_name: str
    to_bank: UnitRef | None
    to_bank_name: str


class IndicatorOut(Schema):
    id: int
    kind: str
    value: str
    source: str


class EventOut(Schema):
    at: datetime
    kind: str
    kind_name: str
    actor: str
    from_status: str
    to_status: str
    note: str


class GoldenTimeOut(Schema):
    requests: int
    report_to_first_request_min: float | None
    request_to_stop_min: float | None
    requested_yuan: Decimal
    stopped_yuan: Decimal
    frozen_yuan: Decimal
    recovered_yuan: Decimal


class CaseOut(CaseRowOut):
    narrative: str
    reporter_name: str
    reporter_phone: str
    victim: VictimOut
    payments: list[PaymentOut]
    indicators: list[IndicatorOut]
    events: list[EventOut]
    golden_time: GoldenTimeOut
