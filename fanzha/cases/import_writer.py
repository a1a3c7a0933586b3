"""The write side of the case import: validated rows in batches, a few statements per batch.

A 100,000-row file must import in under two minutes, so nothing here runs per row: cases, victims,
payments, indicators and events are written with bulk statements (core/rows.py), the fraud-type
suggestion runs only for cases that leave the type empty (one `detect_many` call per batch), and
other narratives get only the cheap identifier extraction. The semantics are those of one-case
intake: a case's own columns come from its first row in the file, every row adds a payment, and a
case already in the database (same 来源案件编号) is overwritten by the file and its payments
replaced, once per import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from fanzha.cases import services
from fanzha.cases.choices import EventKind, IndicatorSource, IntakeSource
from fanzha.cases.models import Case, CaseEvent, CaseIndicator, Payment, Victim
from fanzha.cases.validation import CleanCase
from fanzha.core import rows
from fanzha.detect import services as detect
from fanzha.detect.engine import load_detector
from fanzha.detect.engine.extract import extract

_CASE_FIELDS = [*services.EDITABLE, "owner_unit", "suggested_type", "source_ref", "version", "updated_at"]
_VICTIM_FIELDS = [
    "name",
    "id_number",
    "phone",
    "gender",
    "birth_date",
    "age",
    "occupation",
    "education",
    "community",
]


@dataclass
class Record:
    clean: CleanCase
    explicit_loss: bool


@dataclass
class Written:
    """A case this import wrote: later rows with its 来源案件编号 append payments to it."""

    case: Case
    explicit_loss: bool
    total: Decimal


def by_source_ref(refs: Iterable[str]) -> Any:
    """Cases by 来源案件编号. The `exclude` repeats the partial unique index's condition so that
    SQLite uses that index (it does not infer `<> ''` from `= 'x'`); without it, a full scan."""
    return Case.objects.filter(source_ref__in=set(refs)).exclude(source_ref="")


Items = list[tuple[str, str]]


class Saver:
    def __init__(self, user: Any) -> None:
        self.actor = user if getattr(user, "pk", None) else None
        self.actor_name = services.actor_name(user)
        self.written: dict[str, Written] = {}

    def __call__(self, records: list[Record]) -> tuple[int, int]:
        firsts: dict[str, Record] = {}
        for record in records:
            if record.clean.source_ref not in self.written:
                firsts.setdefault(record.clean.source_ref, record)
        existing = {c.source_ref: c for c in by_source_ref(firsts).select_for_update(of=("self",))}
        found = _narratives(firsts)
        new = [self._new_case(r, found[ref][0]) for ref, r in firsts.items() if ref not in existing]
        old = [
            self._overwrite(existing[ref], r, found[ref][0]) for ref, r in firsts.items() if ref in existing
        ]
        earlier = self._add_up(records, firsts)
        Case.objects.bulk_create(new)
        self._write_cases(new, old, firsts)
        rows.update_rows(earlier, ["loss_yuan"])
        rows.insert_objects(
            [
                services.new_payment(self.written[r.clean.source_ref].case, p)
                for r in records
                for p in r.clean.payments
            ]
        )
        payment_items: dict[str, Items] = {}
        for r in records:
            payment_items.setdefault(r.clean.source_ref, []).extend(services.payment_items(r.clean.payments))
        self._write_indicators({ref: items for ref, (_, items) in found.items()}, payment_items)
        return len(new), len(old)

    def _add_up(self, records: list[Record], firsts: dict[str, Record]) -> list[Case]:
        """Each case's loss is its first row's 损失金额, or else the sum of all its rows' payments.
        Returns the cases written by an earlier batch whose loss this batch changes."""
        earlier: dict[int, Case] = {}
        for record in records:
            written = self.written[record.clean.source_ref]
            written.total += sum((p.amount_yuan for p in record.clean.payments), Decimal("0.00"))
            if not written.explicit_loss:
                written.case.loss_yuan = written.total
                if record.clean.source_ref not in firsts:
                    earlier[written.case.pk] = written.case
        return list(earlier.values())

    def _new_case(self, record: Record, suggested: str) -> Case:
        clean = record.clean
        case = Case(owner_unit=clean.station, source=IntakeSource.IMPORT, suggested_type=suggested)
        services.apply_clean(case, clean)
        case.number = services.new_number(clean.reported_at)
        case.created_by = self.actor
        self.written[clean.source_ref] = Written(case, record.explicit_loss, Decimal("0.00"))
        return case

    def _overwrite(self, case: Case, record: Record, suggested: str) -> Case:
        """A case already registered: the file's elements win, its status and history stay and its
        version moves on (select_for_update locks the row, so no concurrent edit is lost)."""
        clean = record.clean
        services.apply_clean(case, clean)
        case.owner_unit = clean.station
        if not clean.fraud_type:
            case.suggested_type = suggested
        case.version += 1
        case.updated_at = timezone.now()
        self.written[clean.source_ref] = Written(case, record.explicit_loss, Decimal("0.00"))
        return case

    def _write_cases(self, new: list[Case], old: list[Case], firsts: dict[str, Record]) -> None:
        rows.update_rows(old, _CASE_FIELDS)
        Payment.objects.filter(case__in=old).delete()
        victims = {v.case_id: v for v in Victim.objects.filter(case__in=old)}
        fresh: list[Victim] = []
        changed: list[Victim] = []
        for case in [*new, *old]:
            victim = victims.get(case.pk)
            (fresh if victim is None else changed).append(victim or Victim(case=case))
            services.fill_victim(victim or fresh[-1], firsts[case.source_ref].clean)
        rows.insert_objects(fresh)
        rows.update_rows(changed, _VICTIM_FIELDS)
        now = timezone.now()
        rows.insert_objects(
            [
                self._event(c, EventKind.CREATED, f"受理，主办单位 {c.owner_unit.name}", now, c.status)
                for c in new
            ]
            + [self._event(c, EventKind.UPDATED, "批量导入更新", now) for c in old]
        )

    def _event(self, case: Case, kind: str, note: str, at: Any, to_status: str = "") -> CaseEvent:
        return CaseEvent(
            case=case,
            at=at,
            kind=kind,
            actor=self.actor,
            actor_name=self.actor_name,
            note=note,
            to_status=to_status,
        )

    def _write_indicators(self, narrative: dict[str, Items], payment: dict[str, Items]) -> None:
        indicators = [
            CaseIndicator(case=self.written[ref].case, kind=k, value=v, source=source)
            for source, found in ((IndicatorSource.NARRATIVE, narrative), (IndicatorSource.PAYMENT, payment))
            for ref, items in found.items()
            for k, v in items
        ]
        rows.insert_objects(indicators, ignore_conflicts=True)
        seen = []
        for ref in dict.fromkeys([*narrative, *payment]):
            case = self.written[ref].case
            items = [*narrative.get(ref, []), *payment.get(ref, [])]
            if items:
                fraud_type = case.fraud_type or case.suggested_type
                seen.append(
                    detect.Seen(items, services.SOURCE_TYPE, str(case.pk), case.owner_unit, fraud_type)
                )
        detect.record_sightings_batch(seen)


def _narratives(firsts: dict[str, Record]) -> dict[str, tuple[str, Items]]:
    """Per case: (suggested fraud type, identifiers in the narrative). The detector runs, batched,
    only where the row leaves the type empty; typed narratives get the identifier extraction alone."""
    untyped = [ref for ref, r in firsts.items() if not r.clean.fraud_type]
    texts = [firsts[ref].clean.narrative for ref in untyped]
    detections = (
        load_detector().detect_many(texts, lookup=detect.known_among, allow=detect.allowed_among)
        if texts
        else []
    )
    out: dict[str, tuple[str, Items]] = {
        ref: (detect.case_type(d), [(i.kind, i.value) for i in d.indicators])
        for ref, d in zip(untyped, detections, strict=True)
    }
    for ref, record in firsts.items():
        if ref not in out:
            out[ref] = ("", [(i.kind, i.value) for i in extract(record.clean.narrative)])
    return {
        ref: (code, [i for i in items if i[0] in detect.STORED_KINDS]) for ref, (code, items) in out.items()
    }
