from datetime import datetime
from typing import Any

from ninja import Schema
from pydantic import BaseModel, Field

MAX_BATCH = 1000
MAX_TEXT = 100_000


class DetectItemIn(Schema):
    id: Any = None
    text: Any = None  # validated per item so one bad item does not sink the batch


class DetectIn(Schema):
    text: str | None = Field(None, max_length=MAX_TEXT)
    items: list[DetectItemIn] | None = Field(None, max_length=MAX_BATCH)


# The detection results are built as dicts, never from model instances, so they are plain pydantic
# models: ninja's Schema resolves every field through a Django-aware getter, which cost a tenth of
# a detection request.
class ReasonOut(BaseModel):
    cue: str | None = None
    feature: str | None = None
    text: str
    start: int
    end: int


class FoundOut(BaseModel):
    kind: str
    value: str
    known: bool
    start: int | None = None
    end: int | None = None


class DetectOut(BaseModel):
    id: Any = None
    is_fraud: bool | None = None
    score: float | None = None
    fraud_type: str | None = None
    fraud_type_name: str | None = None
    reasons: list[ReasonOut] = []
    indicators: list[FoundOut] = []
    error: dict[str, Any] | None = None


class DetectBatchOut(BaseModel):
    results: list[DetectOut]


class LookupItem(Schema):
    kind: str = Field(max_length=16)
    value: str = Field(max_length=300)


class LookupIn(Schema):
    items: list[LookupItem] = Field(max_length=MAX_BATCH)


class IndicatorOut(Schema):
    id: int
    kind: str
    kind_name: str
    value: str
    fraud_types: list[str]
    source: str
    note: str
    confidence: float
    first_seen: datetime
    last_seen: datetime
    sightings: int


class LookupOut(Schema):
    kind: str
    value: str
    valid: bool
    known: bool
    allowed: bool
    error: str = ""
    indicator: IndicatorOut | None = None


class IndicatorIn(Schema):
    kind: str = Field(max_length=16)
    value: str = Field(min_length=1, max_length=300)
    note: str = Field("", max_length=300)
    fraud_types: list[str] = Field(default_factory=list, max_length=20)
    base_confidence: float = 0.8


class IndicatorPatch(Schema):
    note: str | None = Field(None, max_length=300)
    fraud_types: list[str] | None = Field(None, max_length=20)
    base_confidence: float | None = None


class ImportOut(Schema):
    created: int
    updated: int
    skipped_allowlisted: int
    errors: list[dict[str, Any]]


class RelatedOut(Schema):
    """Another case, clue or source that named the same indicator (`services.related_sources`)."""

    source_type: str
    source_id: str
    kind: str
    value: str
    seen_at: datetime
