"""止付冻结与关停 under /api/v1/freeze/: police send, banks and carriers answer (core-banking integration)."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Query, Router, Status

from fanzha.cases.models import Case, Payment
from fanzha.core.access import get_visible
from fanzha.freeze import present, services
from fanzha.freeze.models import FreezeRequest, ShutdownRequest
from fanzha.freeze.schemas import (
    FreezeAnswerIn,
    FreezeFilter,
    FreezePage,
    FreezeRequestIn,
    FreezeRequestOut,
    ReturnIn,
    ShutdownAnswerIn,
    ShutdownIn,
    ShutdownOut,
)

router = Router(tags=["止付冻结与关停"])
_RELATED = ("case", "bank", "owner_unit")


def _request(request: HttpRequest, request_id: int) -> FreezeRequest:
    found = FreezeRequest.objects.select_related(*_RELATED)
    return get_visible(found, request.user, pk=request_id)


def _out(request: HttpRequest, req: FreezeRequest) -> dict[str, Any]:
    return present.freeze_dict(request.user, req)


@router.get("/requests", response=FreezePage)
def list_requests(request: HttpRequest, query: Query[FreezeFilter]) -> dict[str, Any]:
    found = (
        FreezeRequest.objects.visible_to(request.user).select_related(*_RELATED).prefetch_related("children")
    )
    if query.status:
        found = found.filter(status=query.status)
    if query.case_id:
        found = found.filter(case_id=query.case_id)
    page = Paginator(found.order_by("-sent_at", "-pk"), query.size).get_page(query.page)
    items = [_out(request, r) for r in page.object_list]
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "items": items,
    }


@router.post("/requests", response={201: FreezeRequestOut})
def send_request(request: HttpRequest, payload: FreezeRequestIn) -> Status[dict[str, Any]]:
    visible = Case.objects.visible_to(request.user)
    payment = get_visible(
        Payment.objects.filter(case__in=visible).select_related("case"), request.user, pk=payload.payment_id
    )
    req = services.request_for_payment(request.user, payment, kind=payload.kind)
    return Status(201, _out(request, req))


@router.get("/requests/{request_id}", response=FreezeRequestOut)
def get_request(request: HttpRequest, request_id: int) -> dict[str, Any]:
    return _out(request, _request(request, request_id))


@router.post("/requests/{request_id}/acknowledge", response=FreezeRequestOut)
def acknowledge(request: HttpRequest, request_id: int) -> dict[str, Any]:
    return _out(request, services.acknowledge(request.user, _request(request, request_id)))


@router.post("/requests/{request_id}/answer", response=FreezeRequestOut)
def answer(request: HttpRequest, request_id: int, payload: FreezeAnswerIn) -> dict[str, Any]:
    req = _request(request, request_id)
    onward = [services.OnwardHop(**hop.dict()) for hop in payload.onward]
    services.answer(
        request.user,
        req,
        payload.result,
        amount_yuan=payload.amount_yuan,
        reason=payload.reason,
        note=payload.note,
        onward=onward,
    )
    return _out(request, req)


@router.post("/requests/{request_id}/return", response=FreezeRequestOut)
def record_return(request: HttpRequest, request_id: int, payload: ReturnIn) -> dict[str, Any]:
    return _out(
        request, services.record_return(request.user, _request(request, request_id), payload.recovered_yuan)
    )


@router.get("/shutdowns", response=list[ShutdownOut])
def list_shutdowns(request: HttpRequest, status: str = "") -> list[dict[str, Any]]:
    found = ShutdownRequest.objects.visible_to(request.user).select_related("addressed_to", "owner_unit")
    if status:
        found = found.filter(status=status)
    return [present.shutdown_dict(request.user, r) for r in found.order_by("-sent_at")[:500]]


@router.post("/shutdowns", response={201: ShutdownOut})
def send_shutdown(request: HttpRequest, payload: ShutdownIn) -> Status[dict[str, Any]]:
    case = get_visible(Case.objects.select_related("owner_unit"), request.user, pk=payload.case_id)
    req = services.request_shutdown(
        request.user, case, payload.target_kind, payload.target, reason=payload.reason
    )
    return Status(201, present.shutdown_dict(request.user, req))


@router.post("/shutdowns/{shutdown_id}/answer", response=ShutdownOut)
def answer_shutdown(request: HttpRequest, shutdown_id: int, payload: ShutdownAnswerIn) -> dict[str, Any]:
    found = ShutdownRequest.objects.select_related("addressed_to", "owner_unit", "case")
    req = get_visible(found, request.user, pk=shutdown_id)
    return present.shutdown_dict(
        request.user, services.answer_shutdown(request.user, req, payload.result, note=payload.note)
    )
