"""Cases as the API and the exports show them: identifiers masked for viewers without clearance."""

from __future__ import annotations

from functools import cache
from typing import Any

from fanzha.cases.models import Case, CaseEvent, CaseIndicator, Payment, Victim
from fanzha.core.privacy import shown
from fanzha.detect import services as detect


@cache
def _type_names() -> dict[str, str]:
    return dict(detect.fraud_type_choices())


def type_name(code: str) -> str:
    return _type_names().get(code, code) if code else ""


def unit_ref(unit: Any) -> dict[str, str] | None:
    return {"code": unit.code, "name": unit.name} if unit is not None else None


def case_row(user: Any, case: Case) -> dict[str, Any]:
    victim: Victim | None = getattr(case, "victim", None)
    return {
        "id": case.pk,
        "number": case.number,
        "source_ref": case.source_ref,
        "status": case.status,
        "status_name": case.get_status_display(),
        "fraud_type": case.fraud_type,
        "fraud_type_name": type_name(case.fraud_type),
        "suggested_type": case.suggested_type,
        "contact_channel": case.contact_channel,
        "incident_at": case.incident_at,
        "reported_at": case.reported_at,
        "loss_yuan": case.loss_yuan,
        "owner_unit": unit_ref(case.owner_unit),
        "victim_name": victim.name if victim else "",
        "version": case.version,
    }


def victim_dict(user: Any, victim: Victim) -> dict[str, Any]:
    return {
        "name": victim.name,
        "id_number": shown(user, "resident_id", victim.id_number),
        "phone": shown(user, "phone", victim.phone),
        "gender": victim.gender,
        "age": victim.age,
        "occupation": victim.occupation,
        "education": victim.education,
        "community": unit_ref(victim.community),
    }


def payment_dict(user: Any, p: Payment) -> dict[str, Any]:
    return {
        "id": p.pk,
        "paid_at": p.paid_at,
        "amount_yuan": p.amount_yuan,
        "channel": p.channel,
        "channel_name": p.get_channel_display(),
        "from_account": shown(user, "bank_account", p.from_account)
        if p.channel == "bank_transfer"
        else p.from_account,
        "to_account": shown(user, "bank_account", p.to_account)
        if p.channel == "bank_transfer"
        else p.to_account,
        "to_name": p.to_name,
        "to_bank": unit_ref(p.to_bank),
        "to_bank_name": p.to_bank_name,
    }


def indicator_dict(user: Any, i: CaseIndicator) -> dict[str, Any]:
    return {"id": i.pk, "kind": i.kind, "value": shown(user, i.kind, i.value), "source": i.source}


def event_dict(e: CaseEvent) -> dict[str, Any]:
    return {
        "at": e.at,
        "kind": e.kind,
        "kind_name": e.get_kind_display(),
        "actor": e.actor_name,
        "from_status": e.from_status,
        "to_status": e.to_status,
        "note": e.note,
    }


def case_detail(user: Any, case: Case) -> dict[str, Any]:
    out = case_row(user, case)
    out.update(
        narrative=case.narrative,
        reporter_name=case.reporter_name,
        reporter_phone=shown(user, "phone", case.reporter_phone),
        victim=victim_dict(user, case.victim),
        payments=[payment_dict(user, p) for p in case.payments.select_related("to_bank")],
        indicators=[indicator_dict(user, i) for i in case.indicators.all()],
        events=[event_dict(e) for e in case.events.all()],
    )
    return out
