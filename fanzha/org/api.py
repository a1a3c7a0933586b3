"""Org units under /api/v1/units."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from fanzha.accounts.choices import Perm
from fanzha.core.access import get_visible, require
from fanzha.org import services
from fanzha.org.models import OrgUnit

router = Router(tags=["单位"])


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    kind_name: str
    parent: str | None
    is_active: bool


class UnitIn(Schema):
    code: str = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")
    name: str = Field(min_length=1, max_length=100)
    kind: str
    parent: str | None = None


class UnitPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=100)
    parent: str | None = None
    is_active: bool | None = None


class UnitFilter(Schema):
    kind: str | None = None
    q: str | None = Field(None, max_length=50)
    under: str | None = None


def unit_out(unit: OrgUnit) -> dict[str, Any]:
    parent_code = unit.path.strip("/").split("/")[-2] if unit.parent_id else None
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "kind_name": unit.get_kind_display(),
        "parent": parent_code,
        "is_active": unit.is_active,
    }


@router.get("/units", response=list[UnitOut])
@paginate(PageNumberPagination, page_size=200)
def list_units(request: HttpRequest, filters: Query[UnitFilter]) -> list[dict[str, Any]]:
    units = OrgUnit.objects.visible_to(request.user)
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.q:
        units = units.filter(name__contains=filters.q)
    if filters.under:
        units = units.filter(path__contains=f"/{filters.under}/")
    return [unit_out(u) for u in units]


@router.get("/units/{code}", response=UnitOut)
def get_unit(request: HttpRequest, code: str) -> dict[str, Any]:
    return unit_out(get_visible(OrgUnit.objects, request.user, code=code))


@router.post("/units", response={201: UnitOut})
def create_unit(request: HttpRequest, payload: UnitIn) -> Status[dict[str, Any]]:
    parent = services.get_unit(payload.parent) if payload.parent else None
    require(request.user, Perm.MANAGE_UNITS, parent)
    unit = services.create_unit(code=payload.code, name=payload.name, kind=payload.kind, parent=parent)
    return Status(201, unit_out(unit))


@router.patch("/units/{code}", response=UnitOut)
def update_unit(request: HttpRequest, code: str, payload: UnitPatch) -> dict[str, Any]:
    unit = get_visible(OrgUnit.objects, request.user, code=code)
    require(request.user, Perm.MANAGE_UNITS, unit)
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    if "parent" in changes:
        changes["parent"] = services.get_unit(changes["parent"])
        require(request.user, Perm.MANAGE_UNITS, changes["parent"])
    return unit_out(services.update_unit(unit, **changes))
