"""Org units: the tree of police, bank and carrier units every record belongs to."""

from __future__ import annotations

from typing import Any

from django.db import models

from fanzha.core.access import has_scope, sees_everything
from fanzha.org.choices import UnitKind


class OrgUnitQuerySet(models.QuerySet["OrgUnit"]):
    def visible_to(self, user: Any) -> OrgUnitQuerySet:
        if not has_scope(user):
            return self.none()
        if sees_everything(user):
            return self
        return self.filter(path__startswith=user.unit.path)

    def descendants_of(self, unit: OrgUnit, include_self: bool = True) -> OrgUnitQuerySet:
        found = self.filter(path__startswith=unit.path)
        return found if include_self else found.exclude(pk=unit.pk)


class OrgUnit(models.Model):
    code = models.CharField("单位代码", max_length=32, unique=True)
    name = models.CharField("单位名称", max_length=100)
    kind = models.CharField("类别", max_length=16, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialized path "/CITY/D01/S0101/": descendants are one indexed prefix query.
    path = models.CharField(max_length=400, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "单位"
        verbose_name_plural = "单位"

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.path = self.build_path()
        self.depth = self.path.count("/") - 2
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def build_path(self) -> str:
        prefix = self.parent.path if self.parent else "/"
        return f"{prefix}{self.code}/"

    def is_within(self, other: OrgUnit) -> bool:
        """True when self is other or lies below it."""
        return self.path.startswith(other.path)
