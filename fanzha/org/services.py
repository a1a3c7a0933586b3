"""Org unit logic: creating and moving units, walking the tree, finding the responsible station."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fanzha.audit import services as audit
from fanzha.audit.choices import AuditAction
from fanzha.core.errors import DomainError, NotFound
from fanzha.org.choices import ALLOWED_PARENTS, UnitKind
from fanzha.org.models import OrgUnit

_AUDITED = ("code", "name", "kind", "parent_id", "is_active")


def get_unit(code: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code).select_related("parent").first()
    if unit is None:
        raise NotFound(f"单位代码 {code} 不存在", code="unknown_unit", fields={"unit": "单位不存在"})
    return unit


def descendants(unit: OrgUnit, include_self: bool = True) -> list[OrgUnit]:
    return list(OrgUnit.objects.descendants_of(unit, include_self))


def ancestors(unit: OrgUnit, include_self: bool = False) -> list[OrgUnit]:
    """From the root down to the parent (or the unit itself)."""
    codes = [code for code in unit.path.strip("/").split("/") if code]
    if not include_self:
        codes = codes[:-1]
    found = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    return [found[c] for c in codes if c in found]


def responsible_station(unit: OrgUnit) -> OrgUnit | None:
    """The police station responsible for a community or village (or the station itself)."""
    if unit.kind == UnitKind.STATION:
        return unit
    for candidate in reversed(ancestors(unit)):
        if candidate.kind == UnitKind.STATION:
            return candidate
    return None


def _check_parent(kind: str, parent: OrgUnit | None) -> None:
    allowed = ALLOWED_PARENTS.get(kind)
    if allowed is None:
        raise DomainError("单位类别无效", code="bad_kind", fields={"kind": "单位类别无效"})
    parent_kind = parent.kind if parent else None
    if parent_kind not in allowed:
        label = UnitKind(kind).label
        raise DomainError(
            f"{label}不能挂在{UnitKind(parent_kind).label if parent_kind else '顶层'}下",
            code="bad_parent",
            fields={"parent": "上级单位类别不符"},
        )


@transaction.atomic
def create_unit(*, code: str, name: str, kind: str, parent: OrgUnit | None = None) -> OrgUnit:
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise DomainError("单位代码和名称不能为空", fields={"code": "必填", "name": "必填"})
    if OrgUnit.objects.filter(code=code).exists():
        raise DomainError(f"单位代码 {code} 已存在", code="duplicate", fields={"code": "单位代码已存在"})
    _check_parent(kind, parent)
    unit = OrgUnit.objects.create(code=code, name=name, kind=kind, parent=parent)
    audit.record(AuditAction.CREATE, unit, summary=f"新增单位 {name}", after=audit.snapshot(unit, _AUDITED))
    return unit


@transaction.atomic
def update_unit(unit: OrgUnit, **changes: Any) -> OrgUnit:
    before = audit.snapshot(unit, _AUDITED)
    new_parent = changes.get("parent", unit.parent)
    if new_parent is not None and new_parent.is_within(unit):
        raise DomainError("不能把单位移到它自己的下级", code="cycle", fields={"parent": "形成循环"})
    _check_parent(changes.get("kind", unit.kind), new_parent)
    for key in ("name", "kind", "parent", "is_active"):
        if key in changes:
            setattr(unit, key, changes[key])
    old_path = unit.path
    unit.save()
    if unit.path != old_path:
        _repath_below(unit)
    after = audit.snapshot(unit, _AUDITED)
    old, new = audit.changed(before, after)
    if new:
        audit.record(AuditAction.UPDATE, unit, summary=f"修改单位 {unit.name}", before=old, after=new)
    return unit


def _repath_below(unit: OrgUnit) -> None:
    for child in OrgUnit.objects.filter(parent=unit):
        child.save()
        _repath_below(child)
