from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from ninja import Schema
from pydantic import Field

from fanzha.audit.models import AuditEntry
from fanzha.core.access import sees_everything
from fanzha.org.models import OrgUnit


class AuditFilter(Schema):
    actor: str | None = Field(None, max_length=150)
    action: str | None = Field(None, max_length=16)
    object_type: str | None = Field(None, max_length=50)
    unit: str | None = Field(None, max_length=32)
    date_from: date | None = None
    date_to: date | None = None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


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
    if f.date_from:
        entries = entries.filter(at__gte=_day_start(f.date_from))
    if f.date_to:
        entries = entries.filter(at__lt=_day_start(f.date_to + timedelta(days=1)))
    return entries.order_by("-id")
