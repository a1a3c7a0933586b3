"""The clue API's schema family: ClueIn / CluePatch / ClueOut, and the chain's step inputs."""

from datetime import datetime

from ninja import Schema
from pydantic import Field

from fanzha.detect.schemas import RelatedOut


class IndicatorIn(Schema):
    kind: str = Field(max_length=16)
    value: str = Field(min_length=1, max_length=300)


class IndicatorOut(Schema):
    kind: str
    kind_name: str
    value: str


class ClueIn(Schema):
    source: str = Field(max_length=16)
    source_ref: str = Field("", max_length=64)
    title: str = Field(min_length=1, max_length=200)
    content: str = Field(min_length=1, max_length=20000)
    priority: str = Field("normal", max_length=16)
    fraud_type: str = Field("", max_length=40)
    indicators: list[IndicatorIn] | None = Field(None, max_length=200)
    received_at: datetime | None = None
    report_to: str | None = Field(None, max_length=32)  # banks and carriers: the city center's code


class CluePatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    content: str | None = Field(None, min_length=1, max_length=20000)
    source_ref: str | None = Field(None, max_length=64)
    priority: str | None = Field(None, max_length=16)
    fraud_type: str | None = Field(None, max_length=40)
    indicators: list[IndicatorIn] | None = Field(None, max_length=200)
    version: int | None = None  # when given, a stale version is refused with 409


class ClueOut(Schema):
    id: int
    number: str
    source: str
    source_name: str
    source_ref: str
    title: str
    fraud_type: str
    fraud_type_name: str
    priority: str
    priority_name: str
    status: str
    status_name: str
    owner_unit: str
    owner_unit_name: str
    holder_unit: str
    holder_unit_name: str
    received_at: datetime
    due_at: datetime | None
    due_kind: str
    deadline_state: str
    result: str
    result_name: str
    feedback_at: datetime | None
    version: int


class MarkOut(Schema):
    kind: str
    label: str
    due_at: datetime | None
    warn_at: datetime | None
    done_at: datetime | None
    state: str
    state_name: str


class HopOut(Schema):
    seq: int
    from_unit: str
    from_unit_name: str
    to_unit: str
    to_unit_name: str
    note: str
    sent_at: datetime
    acknowledged_at: datetime | None
    forwarded_at: datetime | None
    assessed_at: datetime | None
    assessment: str
    feedback_at: datetime | None
    deadlines: list[MarkOut]


class ClueDetailOut(ClueOut):
    content: str
    feedback_text: str
    indicators: list[IndicatorOut]
    hops: list[HopOut]
    related: list[RelatedOut]


class DispatchIn(Schema):
    to_unit: str = Field(min_length=1, max_length=32)
    note: str = Field("", max_length=500)


class AssessIn(Schema):
    text: str = Field(min_length=1, max_length=5000)


class FeedbackIn(Schema):
    result: str = Field(max_length=16)
    text: str = Field(min_length=1, max_length=5000)
