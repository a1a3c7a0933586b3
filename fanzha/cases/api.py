"""案件 under /api/v1/cases/."""

from typing import Any

from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router, Status

from fanzha.cases import filters, present, services
from fanzha.cases.models import Case
from fanzha.cases.schemas import (
    CaseFilter,
    CaseIn,
    CaseOut,
    CasePage,
    CasePatch,
    IndicatorIn,
    IndicatorOut,
    PaymentIn,
    PaymentOut,
    StatusIn,
    SuggestIn,
    SuggestOut,
)
from fanzha.cases.validation import CaseInput, PaymentInput, VictimInput
from fanzha.core.access import get_visible
from fanzha.detect.schemas import RelatedOut
from fanzha.freeze import services as freeze

router = Router(tags=["案件"])


def _case(request: HttpRequest, case_id: int) -> Case:
    return get_visible(
        Case.objects.select_related("owner_unit", "victim__community"), request.user, pk=case_id
    )


def _minutes(value: Any) -> float | None:
    return round(value.total_seconds() / 60, 1) if value is not None else None


def _out(request: HttpRequest, case: Case) -> dict[str, Any]:
    out = present.case_detail(request.user, case)
    g = freeze.golden_time(case)
    out["golden_time"] = {
        "requests": g.requests,
        "report_to_first_request_min": _minutes(g.report_to_first_request),
        "request_to_stop_min": _minutes(g.request_to_stop),
        "requested_yuan": g.requested_yuan,
        "stopped_yuan": g.stopped_yuan,
        "frozen_yuan": g.frozen_yuan,
        "recovered_yuan": g.recovered_yuan,
    }
    return out


def _payment_input(p: PaymentIn) -> PaymentInput:
    return PaymentInput(**p.dict())


@router.get("", response=CasePage)
def list_cases(request: HttpRequest, query: Query[CaseFilter]) -> dict[str, Any]:
    found = filters.search(request.user, filters.CaseQuery.from_params(query.dict(exclude={"page", "size"})))
    page = Paginator(found.order_by("-reported_at", "-pk"), query.size).get_page(query.page)
    filters.load_page(page)
    items = [present.case_row(request.user, c) for c in page.object_list]
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "items": items,
    }


@router.post("", response={201: CaseOut})
def create_case(request: HttpRequest, payload: CaseIn) -> Status[dict[str, Any]]:
    data = payload.dict()
    victim = VictimInput(**data.pop("victim"))
    payments = [PaymentInput(**p) for p in data.pop("payments")]
    case = services.create_case(
        request.user, CaseInput(victim=victim, payments=payments, **data), source="api"
    )
    return Status(201, _out(request, case))


@router.post("/suggest", response=SuggestOut)
def suggest(request: HttpRequest, payload: SuggestIn) -> dict[str, Any]:
    found = services.suggest(payload.narrative)
    if found is None:
        return {"fraud_type": "", "fraud_type_name": "", "score": 0.0, "is_fraud": False, "indicators": []}
    indicators = [{"kind": i.kind, "value": i.value} for i in found.indicators]
    return {
        "fraud_type": found.fraud_type,
        "fraud_type_name": found.fraud_type_name,
        "score": found.score,
        "is_fraud": found.is_fraud,
        "indicators": indicators,
    }


@router.get("/{case_id}", response=CaseOut)
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = _case(request, case_id)
    services.view_case(request.user, case)
    return _out(request, case)


@router.patch("/{case_id}", response=CaseOut)
def update_case(request: HttpRequest, case_id: int, payload: CasePatch) -> dict[str, Any]:
    case = _case(request, case_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    services.update_case(request.user, case, version=version, changes=changes)
    return _out(request, case)


@router.post("/{case_id}/status", response=CaseOut)
def change_status(request: HttpRequest, case_id: int, payload: StatusIn) -> dict[str, Any]:
    case = _case(request, case_id)
    services.change_status(request.user, case, payload.status, note=payload.note, version=payload.version)
    return _out(request, case)


@router.post("/{case_id}/payments", response={201: PaymentOut})
def add_payment(request: HttpRequest, case_id: int, payload: PaymentIn) -> Status[dict[str, Any]]:
    case = _case(request, case_id)
    payment = services.add_payment(request.user, case, _payment_input(payload))
    return Status(201, present.payment_dict(request.user, payment))


@router.post("/{case_id}/indicators", response={201: IndicatorOut})
def add_indicator(request: HttpRequest, case_id: int, payload: IndicatorIn) -> Status[dict[str, Any]]:
    case = _case(request, case_id)
    row = services.add_indicator(request.user, case, payload.kind, payload.value)
    return Status(201, present.indicator_dict(request.user, row))


@router.delete("/{case_id}/indicators/{indicator_id}", response={204: None})
def remove_indicator(request: HttpRequest, case_id: int, indicator_id: int) -> Status[None]:
    with transaction.atomic():
        services.remove_indicator(request.user, _case(request, case_id), indicator_id)
    return Status(204, None)


@router.get("/{case_id}/related", response=list[RelatedOut])
def related(request: HttpRequest, case_id: int) -> list[Any]:
    return services.related(request.user, _case(request, case_id))
