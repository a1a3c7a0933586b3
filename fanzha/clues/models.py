"""Clues (线索) and the chain of hops they travel down, with the deadlines of every hop."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from fanzha.clues.choices import ClueSource, ClueStatus, DueKind, FeedbackResult, Level, Priority
from fanzha.core.access import ScopedQuerySet, has_scope, sees_everything
from fanzha.detect.choices import IndicatorKind
from fanzha.org.choices import UnitKind
from fanzha.org.models import OrgUnit

POLICE_KINDS = (UnitKind.CITY, UnitKind.DISTRICT, UnitKind.STATION)


class ClueQuerySet(ScopedQuerySet["Clue"]):
    def visible_to(self, user: Any) -> ClueQuerySet:
        """Same rows as ScopedQuerySet.visible_to, faster for police units. A clue only travels down
        one branch of the tree, so a police unit sees it exactly when it is the deepest addressed
        unit (`scope_unit`) or above it: one indexed IN on the clue table instead of an OR."""
        if not has_scope(user) or sees_everything(user) or user.unit.kind not in POLICE_KINDS:
            return super().visible_to(user)  # type: ignore[return-value]
        units = OrgUnit.objects.filter(path__startswith=user.unit.path).values("pk")
        return self.filter(scope_unit__in=units)


class Clue(models.Model):
    # Owner's tree, plus every unit a hop was addressed to (the owner is kept among them too).
    scope_owner = "owner_unit"
    scope_addressed = ("addressed_units",)

    source = models.CharField("来源", max_length=16, choices=ClueSource.choices)
    source_ref = models.CharField("来源编号", max_length=64, blank=True)
    title = models.CharField("标题", max_length=200)
    content = models.TextField("线索内容")
    fraud_type = models.CharField("诈骗类型", max_length=40, blank=True)
    priority = models.CharField("紧急程度", max_length=16, choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField("状态", max_length=16, choices=ClueStatus.choices, default=ClueStatus.NEW)
    owner_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="接收单位", on_delete=models.PROTECT, related_name="owned_clues"
    )
    holder_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="当前承办单位", on_delete=models.PROTECT, related_name="held_clues"
    )
    addressed_units = models.ManyToManyField("org.OrgUnit", related_name="addressed_clues", blank=True)
    # The deepest police unit on the chain (kept by services; see ClueQuerySet.visible_to).
    scope_unit = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField("接收时间")
    # The holder's nearest open deadline, copied from the current hop so lists filter on one index.
    due_at = models.DateTimeField("当前时限", null=True, blank=True)
    warn_at = models.DateTimeField(null=True, blank=True)
    due_kind = models.CharField(max_length=16, choices=DueKind.choices, blank=True)
    result = models.CharField("反馈结果", max_length=16, choices=FeedbackResult.choices, blank=True)
    feedback_text = models.TextField("反馈内容", blank=True)
    feedback_at = models.DateTimeField("反馈时间", null=True, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects: ClassVar[models.Manager[Clue]] = ClueQuerySet.as_manager()

    class Meta:
        verbose_name = "线索"
        verbose_name_plural = "线索"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_ref"], condition=~Q(source_ref=""), name="clue_source_ref_unique"
            )
        ]
        indexes = [
            models.Index(fields=["holder_unit", "status", "due_at"], name="clue_inbox_idx"),
            models.Index(fields=["status", "due_at"], name="clue_due_idx"),
            models.Index(fields=["status", "warn_at"], name="clue_warn_idx"),
            models.Index(fields=["-received_at"], name="clue_received_idx"),
            models.Index(fields=["owner_unit", "-received_at"], name="clue_owner_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def number(self) -> str:
        return f"XS{self.pk:07d}" if self.pk else ""

    @property
    def is_open(self) -> bool:
        return self.status in (ClueStatus.NEW, ClueStatus.DISPATCHED, ClueStatus.ASSESSING)


class ClueIndicator(models.Model):
    clue = models.ForeignKey(Clue, on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField("类型", max_length=16, choices=IndicatorKind.choices)
    value = models.CharField("值", max_length=300)

    class Meta:
        verbose_name = "线索涉案标识"
        verbose_name_plural = "线索涉案标识"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["clue", "kind", "value"], name="clue_indicator_unique")
        ]
        indexes = [models.Index(fields=["value"], name="clue_indicator_value_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"


class ClueHop(models.Model):
    """One step down the chain: from_unit sends the clue to to_unit, with three deadlines."""

    clue = models.ForeignKey(Clue, on_delete=models.CASCADE, related_name="hops")
    seq = models.PositiveSmallIntegerField()
    from_unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField("下发要求", max_length=500, blank=True)
    sent_at = models.DateTimeField("下发时间")
    acknowledged_at = models.DateTimeField("签收时间", null=True, blank=True)
    forwarded_at = models.DateTimeField("转下发时间", null=True, blank=True)
    assessed_at = models.DateTimeField("研判时间", null=True, blank=True)
    assessment = models.TextField("研判意见", blank=True)
    feedback_at = models.DateTimeField("反馈时间", null=True, blank=True)
    ack_due = models.DateTimeField("签收时限")
    ack_warn = models.DateTimeField()
    assess_due = models.DateTimeField("研判时限")
    assess_warn = models.DateTimeField()
    feedback_due = models.DateTimeField("反馈时限")
    feedback_warn = models.DateTimeField()
    is_current = models.BooleanField(default=True)

    class Meta:
        verbose_name = "线索流转"
        verbose_name_plural = "线索流转"
        ordering = ["clue", "seq"]
        constraints = [models.UniqueConstraint(fields=["clue", "seq"], name="clue_hop_seq_unique")]
        indexes = [models.Index(fields=["to_unit", "is_current"], name="clue_hop_to_idx")]

    def __str__(self) -> str:
        return f"{self.clue_id}#{self.seq} {self.from_unit_id}→{self.to_unit_id}"


class DeadlinePolicy(models.Model):
    """The center's time limits per level and priority; missing rows fall back to the defaults."""

    level = models.CharField("层级", max_length=16, choices=Level.choices)
    priority = models.CharField("紧急程度", max_length=16, choices=Priority.choices)
    dispatch_minutes = models.PositiveIntegerField("签收/下发时限（分钟）")
    assess_minutes = models.PositiveIntegerField("研判时限（分钟）")
    feedback_minutes = models.PositiveIntegerField("反馈时限（分钟）")
    warn_percent = models.PositiveSmallIntegerField("预警比例（%）", default=20)
    warn_minutes = models.PositiveIntegerField("提前预警（分钟）", null=True, blank=True)

    class Meta:
        verbose_name = "线索时限"
        verbose_name_plural = "线索时限"
        ordering = ["level", "priority"]
        constraints = [models.UniqueConstraint(fields=["level", "priority"], name="deadline_policy_unique")]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.get_priority_display()}"
