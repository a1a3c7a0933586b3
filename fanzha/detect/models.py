"""The indicator store: known fraud phones, accounts, links and apps, with their sightings,
and the allow-list of official numbers and domains that must never be flagged."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone

from fanzha.core.access import ScopedQuerySet
from fanzha.detect.choices import IndicatorKind, SightingSource

# Days after the last sighting until confidence reaches zero, per kind (phones and links are
# abandoned fast; bank accounts and apps live longer). The curve follows MISP's polynomial decay.
LIFETIME_DAYS = {"phone": 180, "url": 60, "domain": 120, "ip": 60, "app": 365, "bank_account": 365}
DEFAULT_LIFETIME_DAYS = 180
DECAY_SPEED = 2.0


class Indicator(models.Model):
    kind = models.CharField("类型", max_length=16, choices=IndicatorKind.choices)
    value = models.CharField("值", max_length=300)
    fraud_types = models.JSONField("涉及诈骗类型", default=list, blank=True)
    source = models.CharField("首次来源", max_length=16, choices=SightingSource.choices)
    note = models.CharField("备注", max_length=300, blank=True)
    base_confidence = models.FloatField("初始置信度", default=0.8)
    first_seen = models.DateTimeField("首次发现")
    last_seen = models.DateTimeField("最近发现", db_index=True)
    sightings = models.PositiveIntegerField("发现次数", default=0)
    owner_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name="录入单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "涉案标识"
        verbose_name_plural = "涉案标识"
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="indicator_kind_value_unique")]
        indexes = [models.Index(fields=["value"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"

    def confidence(self, now: datetime | None = None) -> float:
        """Base confidence decayed by time since the last sighting (0 once the lifetime is over)."""
        now = now or timezone.now()
        lifetime = LIFETIME_DAYS.get(self.kind, DEFAULT_LIFETIME_DAYS) * 86400
        elapsed = max(0.0, (now - self.last_seen).total_seconds())
        if elapsed >= lifetime:
            return 0.0
        return round(self.base_confidence * (1 - (elapsed / lifetime) ** (1 / DECAY_SPEED)), 4)


class Sighting(models.Model):
    """One time an indicator was seen: in a case, a clue, a detection, an import."""

    scope_owner = "owner_unit"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="seen")
    source_type = models.CharField(max_length=16, choices=SightingSource.choices)
    source_id = models.CharField(max_length=64, blank=True)
    owner_unit = models.ForeignKey("org.OrgUnit", null=True, on_delete=models.SET_NULL, related_name="+")
    fraud_type = models.CharField(max_length=40, blank=True)
    seen_at = models.DateTimeField(db_index=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["indicator", "-seen_at"]),
            models.Index(fields=["source_type", "source_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} @ {self.source_type}:{self.source_id}"


class AllowEntry(models.Model):
    """Official numbers and domains (110, 96110, bank service lines, government sites)."""

    kind = models.CharField("类型", max_length=16, choices=IndicatorKind.choices)
    value = models.CharField("值", max_length=300)
    note = models.CharField("说明", max_length=100, blank=True)

    class Meta:
        verbose_name = "白名单"
        verbose_name_plural = "白名单"
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="allow_kind_value_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.value}"
