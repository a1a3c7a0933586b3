"""Loading scan results into fanzha and pushing chosen numbers on as clues."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from django.db import transaction
from django.utils import timezone

from fanzha.accounts.choices import Perm
from fanzha.audit import services as audit
from fanzha.audit.choices import AuditAction
from fanzha.core.access import require
from fanzha.core.errors import DomainError
from fanzha.identifiers import IdentifierError, parse_phone
from fanzha.org.choices import UnitKind
from fanzha.org.models import OrgUnit
from fanzha.telecom.choices import FlagKind
from fanzha.telecom.models import FlaggedDevice, FlaggedNumber, Scan

REQUIRED_OUTPUTS = ("flags_numbers.parquet", "flags_devices.parquet", "reached.parquet", "scan_report.json")


def load_scan(out_dir: Path | str, *, unit: OrgUnit, user: Any = None) -> Scan:
    """Reads a scan's output folder (see docs/telecom.md) into the database for `unit`."""
    out = Path(out_dir)
    missing = [name for name in REQUIRED_OUTPUTS if not (out / name).is_file()]
    if missing:
        raise DomainError(f"扫描结果目录 {out} 缺少文件：{'、'.join(missing)}", code="bad_scan_dir")
    if unit.kind != UnitKind.CARRIER:
        raise DomainError("扫描结果只能归属运营商单位", code="bad_unit", fields={"unit": "应为运营商"})
    report = json.loads((out / "scan_report.json").read_text(encoding="utf-8"))
    victims = Counter(
        pq.read_table(out / "reached.parquet", columns=["flagged_number"]).column(0).to_pylist()
    )
    with transaction.atomic():
        scan = Scan.objects.create(
            owner_unit=unit,
            shared_with=OrgUnit.objects.filter(kind=UnitKind.CITY, parent=None).order_by("pk").first(),
            created_by=user if getattr(user, "pk", None) else None,
            engine=str(report.get("engine", "")),
            source=str(out.resolve()),
            calls=int(report.get("rows", {}).get("calls", 0)),
            numbers_scored=int(report.get("numbers_scored", 0)),
            reached_victims=int(report.get("reached_victims", 0)),
            report=report,
        )
        _load_numbers(scan, out / "flags_numbers.parquet", victims)
        _load_devices(scan, out / "flags_devices.parquet")
        audit.record(AuditAction.IMPORT, scan, summary=f"导入通信扫描结果：{scan.numbers.count()} 个号码")
    return scan


def _load_numbers(scan: Scan, path: Path, victims: Counter[str]) -> None:
    rows = pq.read_table(path).to_pylist()
    FlaggedNumber.objects.bulk_create(
        [
            FlaggedNumber(
                scan=scan, number=r["number"], score=float(r["score"]), kind=r["kind"],
                reasons=(r.get("reasons") or "")[:500], victims=victims.get(r["number"], 0),
            )
            for r in rows
        ],
        batch_size=2000,
    )  # fmt: skip


def _load_devices(scan: Scan, path: Path) -> None:
    rows = pq.read_table(path).to_pylist()
    FlaggedDevice.objects.bulk_create(
        [
            FlaggedDevice(
                scan=scan, imei=r["imei"], score=float(r["score"]), sims=r.get("sims") or "",
                cells=r.get("cells") or "", reasons=(r.get("reasons") or "")[:500],
            )
            for r in rows
        ],
        batch_size=2000,
    )  # fmt: skip


def push_as_clues(user: Any, numbers: list[FlaggedNumber]) -> int:
    """Reports chosen flagged numbers to the city center as carrier clues (once per number)."""
    require(user, Perm.DISPATCH_CLUES)
    from fanzha.clues import services as clues
    from fanzha.clues.services import ClueData

    pushed = 0
    for flag in numbers:
        if flag.pushed_clue_id:
            continue
        data = ClueData(
            source="carrier",
            source_ref=f"TEL-{flag.scan_id}-{flag.number}",
            title=f"通信分析发现{flag.get_kind_display()} {flag.number}",
            content=_clue_text(flag),
            priority="urgent" if flag.kind == FlagKind.FRAUD_CALLER else "normal",
            indicators=_phone_indicator(flag.number),
        )
        clue = clues.create_clue(user, data)
        flag.pushed_clue_id, flag.pushed_at = str(clue.pk), timezone.now()
        flag.save(update_fields=["pushed_clue_id", "pushed_at"])
        pushed += 1
    return pushed


def _phone_indicator(number: str) -> list[tuple[str, str]]:
    try:
        return [("phone", parse_phone(number).number)]
    except IdentifierError:
        return []  # a hashed number is not a phone number; it stays in the clue text


def _clue_text(flag: FlaggedNumber) -> str:
    return (
        f"号码 {flag.number}，风险分 {flag.score:.2f}，类型：{flag.get_kind_display()}。"
        f"依据：{flag.reasons}。触达潜在受害人 {flag.victims} 人。来源：通信扫描 {flag.scan_id}。"
    )
