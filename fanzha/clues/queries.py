"""The clue lists: inbox, overdue, due soon, and the filtered list of all clues."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from ninja import Schema
from pydantic import Field

from fanzha.clues.choices import OPEN_STATUSES
from fanzha.clues.models import Clue, ClueIndicator

BOXES = ("inbox", "mine", "overdue", "due_soon")


class ClueFilter(Schema):
    box: str | None = Field(None, max_length=16)  # inbox | mine | overdue | due_soon
    status: str | None = Field(None, max_length=16)
    priority: str | None = Field(None, max_length=16)
    source: str | None = Field(None, max_length=16)
    fraud_type: str | None = Field(None, max_length=40)
    overdue: bool | None = None
    q: str | None = Field(None, max_length=100)


def _base() -> QuerySet[Clue]:
    return Clue.objects.select_related("owner_unit", "holder_unit")


def visible(user: Any) -> QuerySet[Clue]:
    return _base().visible_to(user)  # type: ignore[attr-defined]


def inbox(user: Any) -> QuerySet[Clue]:
    """Clues my unit must act on now; the holder always sees its clue, so no scope join is needed."""
    if not getattr(user, "unit_id", None):
        return Clue.objects.none()
    return _base().filter(holder_unit_id=user.unit_id, status__in=OPEN_STATUSES)


def overdue(queryset: QuerySet[Clue], now: datetime | None = None) -> QuerySet[Clue]:
    return queryset.filter(status__in=OPEN_STATUSES, due_at__lt=now or timezone.now())


def due_soon(queryset: QuerySet[Clue], now: datetime | None = None) -> QuerySet[Clue]:
    now = now or timezone.now()
    return queryset.filter(status__in=OPEN_STATUSES, warn_at__lte=now, due_at__gt=now)


def box(user: Any, name: str | None, now: datetime | None = None) -> QuerySet[Clue]:
    if name == "inbox":
        return inbox(user)
    if name == "mine":
        return visible(user).filter(owner_unit_id=user.unit_id)
    if name == "overdue":
        return overdue(visible(user), now)
    if name == "due_soon":
        return due_soon(visible(user), now)
    return visible(user)


def filter_clues(user: Any, f: ClueFilter, now: datetime | None = None) -> QuerySet[Clue]:
    clues = box(user, f.box, now)
    exact = {"status": f.status, "priority": f.priority, "source": f.source, "fraud_type": f.fraud_type}
    clues = clues.filter(**{k: v for k, v in exact.items() if v})
    if f.overdue:
        clues = overdue(clues, now)
    if f.q:
        clues = _search(clues, f.q.strip())
    return clues


_IDENTIFIER = re.compile(r"[0-9A-Za-z_.:/@+-]{3,}")


def _search(clues: QuerySet[Clue], q: str) -> QuerySet[Clue]:
    """A number or account is looked up exactly through indexes; other words search titles."""
    if not _IDENTIFIER.fullmatch(q):
        return clues.filter(title__contains=q)
    by_ref = Clue.objects.filter(source_ref=q).values_list("pk", flat=True)
    by_indicator = ClueIndicator.objects.filter(value=q).values_list("clue_id", flat=True)
    return clues.filter(pk__in={*by_ref, *by_indicator})
