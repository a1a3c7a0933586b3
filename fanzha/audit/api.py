"""The audit log under /api/v1/audit (read-only)."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from fanzha.accounts.choices import Perm
from fanzha.audit import services
from fanzha.audit.filters import AuditFilter, filter_entries
from fanzha.core.access import require

router = Router(tags=["审计"])


class AuditOut(Schema):
    id: int
    at: datetime
    actor_username: str
    unit_code: str
    channel: str
    action: str
    object_type: str
    object_id: str
    summary: str
    before: Any = None
    after: Any = None
    client_ip: str
    hash: str


class VerifyOut(Schema):
    ok: bool
    checked: int
    broken_id: int | None
    reason: str


@router.get("/audit", response=list[AuditOut])
@paginate(PageNumberPagination, page_size=100)
def list_entries(request: HttpRequest, filters: Query[AuditFilter]) -> Any:
    require(request.user, Perm.VIEW_AUDIT)
    return filter_entries(request.user, filters)


@router.get("/audit/verify", response=VerifyOut)
def verify(request: HttpRequest) -> Any:
    require(request.user, Perm.VIEW_AUDIT)
    return services.verify()
