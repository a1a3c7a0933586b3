"""Scans of call records loaded into fanzha: the flagged numbers and devices a carrier liaison
reviews and pushes on as clues. The heavy lifting is in `fanzha.telecom.analytics`."""

from __future__ import annotations

from django.db import models

from fanzha.core.access import ScopedQuerySet
from fanzha.telecom.choices import FlagKind


class Scan(models.Model):
    scope_owner = "owner_unit"
    scope_addressed = ("shared_with",)

    owner_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="运营商", on_delete=models.PROTECT, related_name="+"
    )
    # The city center sees every carrier's scans; carriers see only their own.
    shared_with = models.ForeignKey(
        "org.OrgUnit",
        verbose_name="共享单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("导入时间", auto_now_add=True)
    engine = models.CharField("引擎", max_length=10)
    source = models.CharField("结果目录", max_length=500)
    calls = models.BigIntegerField("话单行数", default=0)
    numbers_scored = models.IntegerField("分析号码数", default=0)
    reached_victims = models.IntegerField("触达潜在受害人", default=0)
    report = models.JSONField("扫描报告", default=dict)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "通信扫描"
        verbose_name_plural = "通信扫描"

    def __str__(self) -> str:
        return f"扫描 {self.pk}（{self.created_at:%Y-%m-%d}）"


class FlaggedNumber(models.Model):
    scope_owner = "scan__owner_unit"
    scope_addressed = ("scan__shared_with",)

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="numbers")
    number = models.CharField("号码", max_length=64)
    score = models.FloatField("风险分")
    kind = models.CharField("类型", max_length=16, choices=FlagKind.choices)
    reasons = models.CharField("依据", max_length=500, blank=True)
    victims = models.IntegerField("触达人数", default=0)
    pushed_clue_id = models.CharField("已推送线索", max_length=32, blank=True)
    pushed_at = models.DateTimeField("推送时间", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-score"]
        indexes = [models.Index(fields=["scan", "kind", "-score"])]

    def __str__(self) -> str:
        return self.number


class FlaggedDevice(models.Model):
    scope_owner = "scan__owner_unit"
    scope_addressed = ("scan__shared_with",)

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="devices")
    imei = models.CharField("IMEI", max_length=64)
    score = models.FloatField("风险分")
    sims = models.TextField("SIM 卡", blank=True)
    cells = models.TextField("基站", blank=True)
    reasons = models.CharField("依据", max_length=500, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-score"]

    def __str__(self) -> str:
        return self.imei

    @property
    def sim_count(self) -> int:
        return len([s for s in self.sims.split(";") if s])
