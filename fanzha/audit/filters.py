from datetime import date
from typing import Any

from django.db.models import QuerySet
from ninja import Schema
from pydantic import Field

from fanzha.audit.models import AuditEntry
from fanzha.core.access import sees_everything
from fanzha.core.listing import day_range
from fanzha.org.models import OrgUnit


class AuditFilter(Schema):
    actor: str | None = Field(None, max_length=150)
    action: str | None = Field(None, max_length=16)
    object_type: str | None = Field(None, max_length=50)
    unit: str | None = Field(None, max_length=32)
    date_from: date | None = None
    date_to: date | None = None


def filter_entries(user: Any, f: AuditFilter) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.all()
    if not sees_everything(user):
        codes = OrgUnit.objects.visible_to(user).values("code")
        entries = entries.filter(unit_code__in=codes)
    if f.actor:
        entries = entries.filter(actor_username=f.actor)
    if f.action:
        entries = entries.filter(action=f.action)
    if f.object_type:
        entries = entries.filter(object_type=f.object_type)
    if f.unit:
        entries = entries.filter(unit_code=f.unit)
    if f.date_from or f.date_to:
        entries = entries.filter(day_range("at", f.date_from, f.date_to))
    return entries.order_by("-id")
