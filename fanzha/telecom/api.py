"""Call-record analytics results under /api/v1/telecom/."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from fanzha.accounts.choices import Perm
from fanzha.core.access import get_visible, require
from fanzha.telecom import services
from fanzha.telecom.models import FlaggedNumber, Scan

router = Router(tags=["通信分析"])


class ScanOut(Schema):
    id: int
    carrier: str
    created_at: datetime
    engine: str
    calls: int
    numbers_scored: int
    reached_victims: int
    flagged_numbers: int


class NumberOut(Schema):
    id: int
    number: str
    score: float
    kind: str
    kind_name: str
    reasons: str
    victims: int
    pushed_clue_id: str


class NumberFilter(Schema):
    kind: str | None = Field(None, max_length=16)
    min_score: float | None = None


class PushIn(Schema):
    ids: list[int] = Field(min_length=1, max_length=500)


class PushOut(Schema):
    pushed: int


def scan_out(scan: Scan) -> dict[str, Any]:
    return {
        "id": scan.pk,
        "carrier": scan.owner_unit.code,
        "created_at": scan.created_at,
        "engine": scan.engine,
        "calls": scan.calls,
        "numbers_scored": scan.numbers_scored,
        "reached_victims": scan.reached_victims,
        "flagged_numbers": scan.numbers.count(),
    }


@router.get("/scans", response=list[ScanOut])
@paginate(PageNumberPagination, page_size=50)
def list_scans(request: HttpRequest) -> list[dict[str, Any]]:
    require(request.user, Perm.RUN_TELECOM)
    return [scan_out(s) for s in Scan.objects.visible_to(request.user).select_related("owner_unit")]


@router.get("/scans/{scan_id}/numbers", response=list[NumberOut])
@paginate(PageNumberPagination, page_size=200)
def list_numbers(request: HttpRequest, scan_id: int, filters: Query[NumberFilter]) -> list[dict[str, Any]]:
    require(request.user, Perm.RUN_TELECOM)
    scan = get_visible(Scan.objects, request.user, pk=scan_id)
    numbers = scan.numbers.all()
    if filters.kind:
        numbers = numbers.filter(kind=filters.kind)
    if filters.min_score is not None:
        numbers = numbers.filter(score__gte=filters.min_score)
    return [{**_number(n)} for n in numbers]


def _number(n: FlaggedNumber) -> dict[str, Any]:
    return {
        "id": n.pk,
        "number": n.number,
        "score": n.score,
        "kind": n.kind,
        "kind_name": n.get_kind_display(),
        "reasons": n.reasons,
        "victims": n.victims,
        "pushed_clue_id": n.pushed_clue_id,
    }


@router.post("/scans/{scan_id}/push", response=PushOut)
def push(request: HttpRequest, scan_id: int, payload: PushIn) -> dict[str, int]:
    require(request.user, Perm.DISPATCH_CLUES)
    scan = get_visible(Scan.objects, request.user, pk=scan_id)
    chosen = list(FlaggedNumber.objects.visible_to(request.user).filter(scan=scan, pk__in=payload.ids))
    return {"pushed": services.push_as_clues(request.user, chosen)}
