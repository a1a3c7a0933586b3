"""What a clue looks like to a given viewer: masked identifiers, the timeline with deadline marks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from fanzha.clues import deadlines
from fanzha.clues.models import Clue, ClueHop
from fanzha.core.privacy import has_clearance, shown
from fanzha.detect import services as detect
from fanzha.detect.choices import IndicatorKind, SightingSource

BADGE = {
    deadlines.OK: "",
    deadlines.WARNING: "warn",
    deadlines.BREACHED: "bad",
    deadlines.MET: "ok",
    deadlines.LATE: "bad",
    deadlines.NOT_APPLICABLE: "",
}


@dataclass(frozen=True)
class Mark:
    """One deadline of one hop, as the timeline shows it."""

    kind: str
    label: str
    due: datetime | None
    warn: datetime | None
    done_at: datetime | None
    state: str
    remaining: str

    @property
    def state_name(self) -> str:
        return deadlines.STATE_NAMES[self.state]

    @property
    def badge(self) -> str:
        return BADGE[self.state]


def _mark(kind: str, label: str, due: Any, warn: Any, done: Any, now: datetime, applies: bool) -> Mark:
    if not applies:
        return Mark(kind, label, None, None, None, deadlines.NOT_APPLICABLE, "")
    state = deadlines.state(due, warn, done, now)
    is_open = state in (deadlines.OK, deadlines.WARNING, deadlines.BREACHED)
    left = deadlines.remaining(due, now) if is_open else ""
    return Mark(kind, label, due, warn, done, state, left)


def marks(hop: ClueHop, now: datetime | None = None) -> list[Mark]:
    now = now or timezone.now()
    handled = hop.forwarded_at is None  # a forwarded hop's assessment and feedback fall to the next unit
    return [
        _mark("acknowledge", "签收", hop.ack_due, hop.ack_warn, hop.acknowledged_at, now, True),
        _mark("assess", "研判", hop.assess_due, hop.assess_warn, hop.assessed_at, now, handled),
        _mark("feedback", "反馈", hop.feedback_due, hop.feedback_warn, hop.feedback_at, now, handled),
    ]


def clue_state(clue: Clue, now: datetime | None = None) -> str:
    """The holder's current deadline: ok, warning or breached ("n/a" once fed back)."""
    if not clue.is_open:
        return deadlines.NOT_APPLICABLE
    return deadlines.state(clue.due_at, clue.warn_at, None, now or timezone.now())


def clue_state_name(clue: Clue, now: datetime | None = None) -> str:
    state = clue_state(clue, now)
    return "" if state == deadlines.NOT_APPLICABLE else deadlines.STATE_NAMES[state]


@dataclass(frozen=True)
class Row:
    """A clue in a list, with its current deadline's mark."""

    clue: Clue
    state: str
    remaining: str

    @property
    def badge(self) -> str:
        return BADGE[self.state]

    @property
    def state_name(self) -> str:
        return "" if self.state == deadlines.NOT_APPLICABLE else deadlines.STATE_NAMES[self.state]


def rows(clues: list[Clue], now: datetime | None = None) -> list[Row]:
    now = now or timezone.now()
    return [
        Row(c, clue_state(c, now), deadlines.remaining(c.due_at, now) if c.is_open else "") for c in clues
    ]


def indicator_rows(user: Any, clue: Clue) -> list[dict[str, str]]:
    return [
        {"kind": i.kind, "kind_name": IndicatorKind(i.kind).label, "value": shown(user, i.kind, i.value)}
        for i in clue.indicators.all()
    ]


def indicator_text(user: Any, clue: Clue) -> str:
    return "；".join(f"{r['kind_name']}:{r['value']}" for r in indicator_rows(user, clue))


def content_for(user: Any, clue: Clue) -> str:
    """The narrative with the clue's identifiers masked for viewers without clearance."""
    text = clue.content
    if has_clearance(user):
        return text
    for ind in clue.indicators.all():
        text = text.replace(ind.value, shown(user, ind.kind, ind.value))
    return text


def fraud_type_name(code: str) -> str:
    return dict(detect.fraud_type_choices()).get(code, code) if code else ""


def related_link(item: detect.Related) -> str:
    name = {"clue": "clues:detail", "case": "cases:detail"}.get(item.source_type)
    if name is None:
        return ""
    try:
        return reverse(name, args=[item.source_id])
    except NoReverseMatch:
        return ""


def related_rows(user: Any, items: list[detect.Related]) -> list[dict[str, Any]]:
    return [
        {"item": r, "link": related_link(r), "type_name": source_type_name(r.source_type),
         "value": shown(user, r.kind, r.value)}
        for r in items
    ]  # fmt: skip


def source_type_name(code: str) -> str:
    return SightingSource(code).label if code in SightingSource.values else code
