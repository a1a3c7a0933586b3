"""Writing and verifying the hash-chained audit log. Every domain records its changes here."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from fanzha.audit.models import AuditEntry, AuditHead
from fanzha.core.context import current_actor

GENESIS = "0" * 64
_HASHED_FIELDS = (
    "at",
    "actor_username",
    "unit_code",
    "channel",
    "action",
    "object_type",
    "object_id",
    "summary",
    "before",
    "after",
    "client_ip",
    "prev_hash",
)


def _plain(value: Any) -> Any:
    """JSON-normalize so the hash computed now equals the one recomputed from the stored row."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def compute_hash(entry: AuditEntry) -> str:
    data = {name: getattr(entry, name) for name in _HASHED_FIELDS}
    data["at"] = entry.at.astimezone(UTC).isoformat(timespec="microseconds")
    payload = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a record, for before/after in the log."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return _plain({name: getattr(obj, name) for name in names})


def changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def record(
    action: str,
    obj: models.Model | None = None,
    *,
    object_type: str = "",
    object_id: str = "",
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    user: Any = None,
) -> AuditEntry:
    actor = current_actor()
    who = user if user is not None else actor.user
    entry = AuditEntry(
        at=timezone.now(),
        actor=who if who is not None and who.pk else None,
        actor_username=getattr(who, "username", "") or actor.channel,
        unit_code=getattr(getattr(who, "unit", None), "code", "") or "",
        channel=actor.channel,
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=object_id or (str(obj.pk) if obj is not None else ""),
        summary=summary[:300],
        before=_plain(before),
        after=_plain(after),
        client_ip=actor.client_ip,
    )
    with transaction.atomic():
        head = _locked_head()
        entry.prev_hash = head.last_hash
        entry.hash = compute_hash(entry)
        entry.save()
        AuditHead.objects.filter(pk=head.pk).update(last_hash=entry.hash, count=models.F("count") + 1)
    return entry


def _locked_head() -> AuditHead:
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head, _ = AuditHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
    return head


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""


def verify() -> VerifyResult:
    """Walk the chain from the oldest entry; report the first entry that does not fit."""
    prev = GENESIS
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != prev:
            return VerifyResult(False, checked, entry.pk, "前一条记录的哈希不符（记录被删除或插入）")
        if compute_hash(entry) != entry.hash:
            return VerifyResult(False, checked, entry.pk, "记录内容与哈希不符（记录被篡改）")
        prev = entry.hash
        checked += 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != prev:
        return VerifyResult(False, checked, None, "链尾与最新哈希不符（最新记录被删除）")
    return VerifyResult(True, checked)
