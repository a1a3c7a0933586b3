"""Requests as the API, lists and exports show them."""

from __future__ import annotations

from typing import Any

from fanzha.cases.present import unit_ref
from fanzha.core.access import owns
from fanzha.core.privacy import has_clearance
from fanzha.freeze.models import FreezeRequest, ShutdownRequest
from fanzha.identifiers import mask


def account_shown(user: Any, req: FreezeRequest) -> str:
    """The receiving bank must see the account it is asked to stop; others need clearance."""
    if has_clearance(user) or owns(user, req.bank):
        return req.account
    return mask("bank_account", req.account)


def freeze_dict(user: Any, req: FreezeRequest) -> dict[str, Any]:
    return {
        "id": req.pk,
        "case_id": req.case_id,
        "case_number": req.case.number,
        "parent_id": req.parent_id,
        "hop": req.hop,
        "kind": req.kind,
        "status": req.status,
        "status_name": req.get_status_display(),
        "bank": unit_ref(req.bank),
        "owner_unit": unit_ref(req.owner_unit),
        "account": account_shown(user, req),
        "account_name": req.account_name,
        "amount_yuan": req.amount_yuan,
        "sent_at": req.sent_at,
        "acknowledged_at": req.acknowledged_at,
        "answered_at": req.answered_at,
        "stopped_yuan": req.stopped_yuan,
        "frozen_yuan": req.frozen_yuan,
        "failure_reason": req.failure_reason,
        "note": req.note,
        "returned_at": req.returned_at,
        "recovered_yuan": req.recovered_yuan,
        "children": [c.pk for c in req.children.all()],
    }


def target_shown(user: Any, req: ShutdownRequest) -> str:
    if req.target_kind != "phone" or has_clearance(user) or owns(user, req.addressed_to):
        return req.target
    return mask("phone", req.target)


def shutdown_dict(user: Any, req: ShutdownRequest) -> dict[str, Any]:
    return {
        "id": req.pk,
        "case_id": req.case_id,
        "target_kind": req.target_kind,
        "target": target_shown(user, req),
        "reason": req.reason,
        "status": req.status,
        "status_name": req.get_status_display(),
        "addressed_to": unit_ref(req.addressed_to),
        "owner_unit": unit_ref(req.owner_unit),
        "sent_at": req.sent_at,
        "answered_at": req.answered_at,
        "result_note": req.result_note,
    }
