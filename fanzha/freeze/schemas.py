"""API schemas for stop-payment/freeze and shutdown requests (read at run time by ninja)."""

from datetime import datetime
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class UnitRef(Schema):
    code: str
    name: str


class FreezeRequestIn(Schema):
    payment_id: int
    kind: str = Field("stop", description="stop（止付）/ freeze（冻结）")


class OnwardIn(Schema):
    account: str = Field(max_length=64)
    bank: str = Field(max_length=100, description="下一跳银行的单位代码或名称")
    amount_yuan: Decimal
    account_name: str = Field("", max_length=50)


class FreezeAnswerIn(Schema):
    result: str = Field(description="stopped / frozen / moved_on / failed")
    amount_yuan: Decimal | None = None
    reason: str = Field("", max_length=300)
    note: str = Field("", max_length=500)
    onward: list[OnwardIn] = Field(default_factory=list, max_length=50)


class ReturnIn(Schema):
    recovered_yuan: Decimal


class FreezeRequestOut(Schema):
    id: int
    case_id: int
    case_number: str
    parent_id: int | None
    hop: int
    kind: str
    status: str
    status_name: str
    bank: UnitRef
    owner_unit: UnitRef
    account: str
    account_name: str
    amount_yuan: Decimal
    sent_at: datetime
    acknowledged_at: datetime | None
    answered_at: datetime | None
    stopped_yuan: Decimal
    frozen_yuan: Decimal
    failure_reason: str
    note: str
    returned_at: datetime | None
    recovered_yuan: Decimal
    children: list[int]


class FreezeFilter(Schema):
    status: str = ""
    case_id: int | None = None
    page: int = Field(1, ge=1)
    size: int = Field(50, ge=1, le=200)


class FreezePage(Schema):
    count: int
    page: int
    pages: int
    items: list[FreezeRequestOut]


class ShutdownIn(Schema):
    case_id: int
    target_kind: str = Field(description="phone / url / domain")
    target: str = Field(max_length=300)
    reason: str = Field("", max_length=300)


class ShutdownAnswerIn(Schema):
    result: str = Field(description="done（已关停）/ refused（未能关停）")
    note: str = Field("", max_length=500)


class ShutdownOut(Schema):
    id: int
    case_id: int | None
    target_kind: str
    target: str
    reason: str
    status: str
    status_name: str
    addressed_to: UnitRef
    owner_unit: UnitRef
    sent_at: datetime
    answered_at: datetime | None
    result_note: str
