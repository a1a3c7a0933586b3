"""Access scoping, built once: a user reads what their unit and the units below own, plus what is
addressed to their unit (or below); roles decide what they may change.

A scoped model declares where its units are:

    class FreezeRequest(models.Model):
        scope_owner = "owner_unit"            # FK to OrgUnit
        scope_addressed = ("addressed_to",)   # FKs or M2Ms to OrgUnit (optional)
        objects = ScopedQuerySet.as_manager()
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.db.models import Q

from fanzha.core.errors import Forbidden, NotFound

M = TypeVar("M", bound=models.Model)

ALL_SCOPE_ROLES = frozenset({"admin"})


def sees_everything(user: Any) -> bool:
    return bool(user is not None and user.is_active and user.unit_id and user.role in ALL_SCOPE_ROLES)


def has_scope(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.unit_id)


class ScopedQuerySet(models.QuerySet[M]):
    def visible_to(self, user: Any) -> ScopedQuerySet[M]:
        if not has_scope(user):
            return self.none()
        if sees_everything(user):
            return self
        return self.filter(scope_q(self.model, user.unit.path))


def units_under(unit_path: str) -> list[int]:
    """Ids of the unit at `unit_path` and every unit below it (one indexed prefix query)."""
    from fanzha.org.models import OrgUnit

    return list(OrgUnit.objects.filter(path__startswith=unit_path).values_list("pk", flat=True))


def scope_q(model: type[models.Model], unit_path: str) -> Q:
    # `owner_unit_id IN (ids)` rather than a join on the unit's path: the planner can then use the
    # record's own (owner_unit, …) indexes, which keeps scoped list pages fast at a million rows.
    unit_ids = units_under(unit_path)
    owner = getattr(model, "scope_owner", "owner_unit")
    query = Q(**{f"{owner}__in": unit_ids})
    for field_name in getattr(model, "scope_addressed", ()):
        # A plain field name may be an M2M (matched through a subquery to avoid duplicates);
        # a path such as "scan__shared_with" is followed as foreign keys.
        many = "__" not in field_name and model._meta.get_field(field_name).many_to_many
        if many:
            through = model._default_manager.filter(**{f"{field_name}__in": unit_ids})
            query |= Q(pk__in=through.values("pk"))
        else:
            query |= Q(**{f"{field_name}__in": unit_ids})
    return query


def owns(user: Any, unit: Any) -> bool:
    """True when `unit` is the user's unit or lies below it."""
    if not has_scope(user) or unit is None:
        return False
    return sees_everything(user) or str(unit.path).startswith(user.unit.path)


def require(user: Any, perm: str, unit: Any = None) -> None:
    """Refuse unless the user holds `perm` (and, given a unit, the unit is within their tree)."""
    if not has_scope(user) or not user.can(perm):
        raise Forbidden("您的角色无权执行此操作", code="forbidden")
    if unit is not None and not owns(user, unit):
        raise Forbidden("该记录不属于您的单位或下级单位", code="out_of_scope")


def get_visible(queryset: models.QuerySet[M] | models.Manager[M], user: Any, **lookup: Any) -> M:
    """One record the user may see, else NotFound (not Forbidden: don't confirm it exists)."""
    scoped = getattr(queryset, "visible_to", None)
    visible: models.QuerySet[M] = scoped(user) if scoped else queryset.all()
    obj = visible.filter(**lookup).first()
    if obj is None:
        raise NotFound("记录不存在或您无权查看")
    return obj
