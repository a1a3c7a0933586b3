"""Indicator lists in and out: CSV for spreadsheets, STIX 2.1 JSON for other centers' systems.

STIX has standard observables for URLs, domains and IP addresses; phones, bank accounts and
messaging ids have none, so they travel as custom observable types prefixed `x-fanzha-`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from fanzha.core.errors import DomainError
from fanzha.detect.models import Indicator

CSV_FIELDS = ("kind", "value", "fraud_types", "confidence", "first_seen", "last_seen", "sightings", "note")
_NAMESPACE = uuid.UUID("7b0d6c52-5f53-4a4e-9f0a-6b1e0c1d2f10")
_STIX_TYPE = {"url": "url", "domain": "domain-name", "ip": "ipv4-addr"}
_KIND_OF_TYPE = {v: k for k, v in _STIX_TYPE.items()} | {"ipv6-addr": "ip"}
_PATTERN = re.compile(r"^\[([a-z0-9-]+):value\s*=\s*'((?:\\.|[^'\\])*)'\]$")


@dataclass(frozen=True)
class Incoming:
    kind: str
    value: str
    fraud_types: list[str]
    confidence: float
    note: str = ""


def to_csv(indicators: Iterable[Indicator]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_FIELDS)
    for ind in indicators:
        writer.writerow(
            [ind.kind, ind.value, ";".join(ind.fraud_types), ind.confidence(), ind.first_seen.isoformat(),
             ind.last_seen.isoformat(), ind.sightings, ind.note]
        )  # fmt: skip
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def from_csv(text: str) -> list[Incoming]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"kind", "value"} <= set(reader.fieldnames):
        raise DomainError("CSV 第一行必须是表头，至少包含 kind 和 value 两列", code="bad_header")
    rows = []
    for row in reader:
        types = [t for t in (row.get("fraud_types") or "").split(";") if t]
        rows.append(
            Incoming(
                row["kind"] or "",
                row["value"] or "",
                types,
                _confidence(row.get("confidence")),
                row.get("note") or "",
            )
        )
    return rows


def _confidence(raw: Any) -> float:
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return 0.8
    return value / 100 if value > 1 else value


def stix_type(kind: str) -> str:
    return _STIX_TYPE.get(kind, f"x-fanzha-{kind.replace('_', '-')}")


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


def to_stix(indicators: Iterable[Indicator]) -> dict[str, Any]:
    now = timezone.now()
    objects = []
    for ind in indicators:
        objects.append(
            {
                "type": "indicator",
                "spec_version": "2.1",
                "id": f"indicator--{uuid.uuid5(_NAMESPACE, f'{ind.kind}:{ind.value}')}",
                "created": _stamp(ind.first_seen),
                "modified": _stamp(ind.last_seen),
                "name": f"{ind.get_kind_display()} {ind.value}",
                "indicator_types": ["malicious-activity"],
                "pattern": f"[{stix_type(ind.kind)}:value = '{_escape(ind.value)}']",
                "pattern_type": "stix",
                "valid_from": _stamp(ind.first_seen),
                "confidence": round(ind.confidence(now) * 100),
                "labels": list(ind.fraud_types),
                "description": ind.note,
            }
        )
    return {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": objects}


def _stamp(value: datetime) -> str:
    return (
        timezone.localtime(value, timezone.get_fixed_timezone(0)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"
    )


def from_stix(text: str) -> list[Incoming]:
    try:
        bundle = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DomainError("STIX 文件不是有效的 JSON", code="bad_json") from exc
    if not isinstance(bundle, dict) or bundle.get("type") != "bundle":
        raise DomainError('不是 STIX 2.1 bundle（缺少 "type": "bundle"）', code="bad_stix")
    rows = []
    for obj in bundle.get("objects") or []:
        if isinstance(obj, dict) and obj.get("type") == "indicator":
            parsed = _parse_pattern(str(obj.get("pattern", "")))
            if parsed:
                labels = [str(x) for x in obj.get("labels") or []]
                rows.append(
                    Incoming(
                        parsed[0],
                        parsed[1],
                        labels,
                        _confidence(obj.get("confidence")),
                        str(obj.get("description") or ""),
                    )
                )
    return rows


def _parse_pattern(pattern: str) -> tuple[str, str] | None:
    match = _PATTERN.match(pattern.strip())
    if not match:
        return None
    stype, raw = match.groups()
    kind = _KIND_OF_TYPE.get(stype) or (
        stype.removeprefix("x-fanzha-").replace("-", "_") if stype.startswith("x-fanzha-") else ""
    )
    value = re.sub(r"\\(.)", r"\1", raw)
    return (kind, value) if kind else None
