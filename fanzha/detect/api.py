"""Detection and the indicator store under /api/v1 (/detect, /indicators)."""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from fanzha.accounts.choices import Perm
from fanzha.core.access import require
from fanzha.core.errors import DomainError, NotFound
from fanzha.detect import exchange, services
from fanzha.detect.models import Indicator
from fanzha.detect.schemas import (
    DetectBatchOut,
    DetectIn,
    DetectOut,
    ImportOut,
    IndicatorIn,
    IndicatorOut,
    IndicatorPatch,
    LookupIn,
    LookupOut,
)

router = Router(tags=["文本检测与涉案标识"])
MAX_UPLOAD = 20 * 1024 * 1024


def indicator_out(ind: Indicator) -> dict[str, Any]:
    return {
        "id": ind.pk,
        "kind": ind.kind,
        "kind_name": ind.get_kind_display(),
        "value": ind.value,
        "fraud_types": ind.fraud_types,
        "source": ind.source,
        "note": ind.note,
        "confidence": ind.confidence(),
        "first_seen": ind.first_seen,
        "last_seen": ind.last_seen,
        "sightings": ind.sightings,
    }


@router.post("/detect", response={200: DetectOut | DetectBatchOut})
def detect(request: HttpRequest, payload: DetectIn) -> dict[str, Any]:
    """One text (`{"text": ...}`) or a batch of up to 1,000 (`{"items": [{"id", "text"}]}`)."""
    require(request.user, Perm.RUN_DETECTION)
    if payload.text is not None:
        return services.detect_for(request.user, payload.text)
    if payload.items is None:
        raise DomainError("请提供 text 或 items", code="invalid", fields={"text": "必填"})
    return {"results": [services.detect_item(request.user, item.id, item.text) for item in payload.items]}


@router.post("/indicators/lookup", response=list[LookupOut])
def lookup(request: HttpRequest, payload: LookupIn) -> list[dict[str, Any]]:
    require(request.user, Perm.RUN_DETECTION)
    results = services.lookup((i.kind, i.value) for i in payload.items)
    return [{**vars(r), "indicator": indicator_out(r.indicator) if r.indicator else None} for r in results]


class IndicatorFilter(Schema):
    kind: str | None = Field(None, max_length=16)
    q: str | None = Field(None, max_length=100)


@router.get("/indicators", response=list[IndicatorOut])
@paginate(PageNumberPagination, page_size=100)
def list_indicators(request: HttpRequest, filters: Query[IndicatorFilter]) -> list[dict[str, Any]]:
    require(request.user, Perm.RUN_DETECTION)
    found = services.search_indicators(kind=filters.kind, q=filters.q)
    return [indicator_out(i) for i in found]


@router.post("/indicators", response={201: IndicatorOut})
def create_indicator(request: HttpRequest, payload: IndicatorIn) -> Status[dict[str, Any]]:
    require(request.user, Perm.MANAGE_INDICATORS)
    ind = services.create_indicator(owner_unit=getattr(request.user, "unit", None), **payload.dict())
    return Status(201, indicator_out(ind))


def _get(indicator_id: int) -> Indicator:
    ind = Indicator.objects.filter(pk=indicator_id).first()
    if ind is None:
        raise NotFound("涉案标识不存在")
    return ind


@router.get("/indicators/export")
def export_indicators(
    request: HttpRequest, format: str = "csv", kind: str | None = None
) -> HttpResponse | StreamingHttpResponse:
    require(request.user, Perm.RUN_DETECTION)
    found = services.search_indicators(kind=kind, q=None)
    services.audit_export(len(found), format)
    if format == "stix":
        body = json.dumps(exchange.to_stix(found), ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="indicators.stix.json"'
        return response
    if format != "csv":
        raise DomainError("format 只能是 csv 或 stix", fields={"format": "csv 或 stix"})
    stream = StreamingHttpResponse(exchange.to_csv(found), content_type="text/csv; charset=utf-8")
    stream["Content-Disposition"] = 'attachment; filename="indicators.csv"'
    return stream


@router.post("/indicators/import", response=ImportOut)
def import_indicators(request: HttpRequest, file: File[UploadedFile]) -> dict[str, Any]:
    require(request.user, Perm.MANAGE_INDICATORS)
    summary = services.import_file(file, owner_unit=getattr(request.user, "unit", None))
    errors = [{"row": n, "message": m} for n, m in summary.errors]
    return {**vars(summary), "errors": errors}


@router.get("/indicators/{indicator_id}", response=IndicatorOut)
def get_indicator(request: HttpRequest, indicator_id: int) -> dict[str, Any]:
    require(request.user, Perm.RUN_DETECTION)
    return indicator_out(_get(indicator_id))


@router.patch("/indicators/{indicator_id}", response=IndicatorOut)
def update_indicator(request: HttpRequest, indicator_id: int, payload: IndicatorPatch) -> dict[str, Any]:
    require(request.user, Perm.MANAGE_INDICATORS)
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    return indicator_out(services.update_indicator(_get(indicator_id), **changes))


@router.delete("/indicators/{indicator_id}", response={204: None})
def delete_indicator(request: HttpRequest, indicator_id: int) -> Status[None]:
    ind = _get(indicator_id)
    require(request.user, Perm.MANAGE_INDICATORS, ind.owner_unit)
    services.delete_indicator(ind)
    return Status(204, None)
