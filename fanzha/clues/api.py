"""线索 under /api/v1/clues/: list, detail with timeline, create, edit, and the chain's steps."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from fanzha.audit import services as audit
from fanzha.audit.choices import AuditAction
from fanzha.clues import display, queries, services
from fanzha.clues.models import Clue, ClueHop
from fanzha.clues.schemas import (
    AssessIn,
    ClueDetailOut,
    ClueIn,
    ClueOut,
    CluePatch,
    DispatchIn,
    FeedbackIn,
)
from fanzha.core.access import get_visible
from fanzha.core.privacy import has_clearance
from fanzha.org import services as org

router = Router(tags=["线索"])


def clue_out(clue: Clue) -> dict[str, Any]:
    return {
        "id": clue.pk, "number": clue.number, "source": clue.source, "source_name": clue.get_source_display(),
        "source_ref": clue.source_ref, "title": clue.title, "fraud_type": clue.fraud_type,
        "fraud_type_name": display.fraud_type_name(clue.fraud_type), "priority": clue.priority,
        "priority_name": clue.get_priority_display(), "status": clue.status,
        "status_name": clue.get_status_display(), "owner_unit": clue.owner_unit.code,
        "owner_unit_name": clue.owner_unit.name, "holder_unit": clue.holder_unit.code,
        "holder_unit_name": clue.holder_unit.name, "received_at": clue.received_at, "due_at": clue.due_at,
        "due_kind": clue.due_kind, "deadline_state": display.clue_state(clue), "result": clue.result,
        "result_name": clue.get_result_display() if clue.result else "", "feedback_at": clue.feedback_at,
        "version": clue.version,
    }  # fmt: skip


def hop_out(hop: ClueHop) -> dict[str, Any]:
    marks = [
        {"kind": m.kind, "label": m.label, "due_at": m.due, "warn_at": m.warn, "done_at": m.done_at,
         "state": m.state, "state_name": m.state_name}
        for m in display.marks(hop)
    ]  # fmt: skip
    return {
        "seq": hop.seq, "from_unit": hop.from_unit.code, "from_unit_name": hop.from_unit.name,
        "to_unit": hop.to_unit.code, "to_unit_name": hop.to_unit.name, "note": hop.note,
        "sent_at": hop.sent_at, "acknowledged_at": hop.acknowledged_at, "forwarded_at": hop.forwarded_at,
        "assessed_at": hop.assessed_at, "assessment": hop.assessment, "feedback_at": hop.feedback_at,
        "deadlines": marks,
    }  # fmt: skip


def detail_out(user: Any, clue: Clue) -> dict[str, Any]:
    hops = clue.hops.select_related("from_unit", "to_unit").order_by("seq")
    return {
        **clue_out(clue),
        "content": display.content_for(user, clue),
        "feedback_text": clue.feedback_text,
        "indicators": display.indicator_rows(user, clue),
        "hops": [hop_out(h) for h in hops],
        "related": [vars(r) for r in services.related(user, clue)],
    }


def _get(request: HttpRequest, clue_id: int) -> Clue:
    return get_visible(Clue.objects.select_related("owner_unit", "holder_unit"), request.user, pk=clue_id)


def _detail(request: HttpRequest, clue: Clue) -> dict[str, Any]:
    return detail_out(request.user, Clue.objects.select_related("owner_unit", "holder_unit").get(pk=clue.pk))


def _items(payload_items: Any) -> list[tuple[str, str]] | None:
    return None if payload_items is None else [(i.kind, i.value) for i in payload_items]


@router.get("", response=list[ClueOut])
@paginate(PageNumberPagination, page_size=50)
def list_clues(request: HttpRequest, filters: Query[queries.ClueFilter]) -> Any:
    clues = queries.filter_clues(request.user, filters)
    order = "due_at" if filters.box in ("inbox", "overdue", "due_soon") else "-received_at"
    return _Mapped(clues.order_by(order, "-pk"))


class _Mapped:
    """A queryset the paginator slices and counts; only the page is turned into dicts."""

    def __init__(self, queryset: Any) -> None:
        self.queryset = queryset

    def all(self) -> "_Mapped":
        return self

    def __len__(self) -> int:
        return int(self.queryset.count())

    def count(self) -> int:
        return int(self.queryset.count())

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return [clue_out(c) for c in self.queryset[window]]


@router.get("/{int:clue_id}", response=ClueDetailOut)
def get_clue(request: HttpRequest, clue_id: int) -> dict[str, Any]:
    clue = _get(request, clue_id)
    if has_clearance(request.user):
        audit.record(AuditAction.VIEW, clue, summary=f"查看线索 {clue.number}")
    return detail_out(request.user, clue)


@router.post("", response={201: ClueDetailOut})
def create_clue(request: HttpRequest, payload: ClueIn) -> Status[dict[str, Any]]:
    data = services.ClueData(
        source=payload.source, title=payload.title, content=payload.content, source_ref=payload.source_ref,
        priority=payload.priority, fraud_type=payload.fraud_type, indicators=_items(payload.indicators),
        received_at=payload.received_at,
    )  # fmt: skip
    report_to = org.get_unit(payload.report_to) if payload.report_to else None
    clue = services.create_clue(request.user, data, report_to=report_to)
    return Status(201, _detail(request, clue))


@router.patch("/{int:clue_id}", response=ClueDetailOut)
def update_clue(request: HttpRequest, clue_id: int, payload: CluePatch) -> dict[str, Any]:
    clue = _get(request, clue_id)
    changes = payload.dict(exclude_unset=True, exclude={"version"})
    if "indicators" in changes:
        changes["indicators"] = _items(payload.indicators)
    clue = services.update_clue(request.user, clue, changes, version=payload.version)
    return _detail(request, clue)


@router.post("/{int:clue_id}/dispatch", response=ClueDetailOut)
def dispatch_clue(request: HttpRequest, clue_id: int, payload: DispatchIn) -> dict[str, Any]:
    clue = _get(request, clue_id)
    services.dispatch(request.user, clue, org.get_unit(payload.to_unit), note=payload.note)
    return _detail(request, clue)


@router.post("/{int:clue_id}/acknowledge", response=ClueDetailOut)
def acknowledge_clue(request: HttpRequest, clue_id: int) -> dict[str, Any]:
    clue = services.acknowledge(request.user, _get(request, clue_id))
    return _detail(request, clue)


@router.post("/{int:clue_id}/assess", response=ClueDetailOut)
def assess_clue(request: HttpRequest, clue_id: int, payload: AssessIn) -> dict[str, Any]:
    clue = services.assess(request.user, _get(request, clue_id), payload.text)
    return _detail(request, clue)


@router.post("/{int:clue_id}/feedback", response=ClueDetailOut)
def feedback_clue(request: HttpRequest, clue_id: int, payload: FeedbackIn) -> dict[str, Any]:
    clue = services.feedback(request.user, _get(request, clue_id), payload.result, payload.text)
    return _detail(request, clue)


@router.post("/{int:clue_id}/close", response=ClueDetailOut)
def close_clue(request: HttpRequest, clue_id: int) -> dict[str, Any]:
    clue = services.close(request.user, _get(request, clue_id))
    return _detail(request, clue)
