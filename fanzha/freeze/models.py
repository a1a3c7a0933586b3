"""Stop-payment/freeze requests to banks and shutdown/block requests to carriers and the center."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from fanzha.core.access import ScopedQuerySet
from fanzha.freeze.choices import FreezeKind, FreezeStatus, ShutdownStatus, TargetKind


class FreezeRequest(models.Model):
    """One request to one bank about one account; money that moved on is chased by child requests."""

    scope_owner = "owner_unit"
    scope_addressed = ("bank",)

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="freeze_requests")
    payment = models.ForeignKey(
        "cases.Payment", null=True, blank=True, on_delete=models.SET_NULL, related_name="freeze_requests"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name="上一跳",
    )
    hop = models.PositiveSmallIntegerField("资金层级", default=1)
    owner_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="发起单位"
    )
    bank = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="接收银行"
    )
    kind = models.CharField("类型", max_length=8, choices=FreezeKind.choices, default=FreezeKind.STOP)
    account = models.CharField("涉案账号", max_length=64)
    account_name = models.CharField("户名", max_length=50, blank=True)
    amount_yuan = models.DecimalField("请求金额（元）", max_digits=14, decimal_places=2)
    status = models.CharField("状态", max_length=16, choices=FreezeStatus.choices, default=FreezeStatus.SENT)
    sent_at = models.DateTimeField("发送时间")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField("接收时间", null=True, blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stopped_yuan = models.DecimalField("止付金额（元）", max_digits=14, decimal_places=2, default=0)
    frozen_yuan = models.DecimalField("冻结金额（元）", max_digits=14, decimal_places=2, default=0)
    failure_reason = models.CharField("未能止付原因", max_length=300, blank=True)
    note = models.CharField("银行备注", max_length=500, blank=True)
    returned_at = models.DateTimeField("返还时间", null=True, blank=True)
    recovered_yuan = models.DecimalField("返还金额（元）", max_digits=14, decimal_places=2, default=0)
    version = models.PositiveIntegerField(default=1)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "止付冻结请求"
        verbose_name_plural = "止付冻结请求"
        indexes = [
            models.Index(fields=["bank", "status", "-sent_at"], name="freeze_bank_status"),
            models.Index(fields=["owner_unit", "-sent_at"], name="freeze_owner_sent"),
            models.Index(fields=["-sent_at"], name="freeze_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.account}"

    @property
    def held_yuan(self) -> Decimal:
        """What the bank holds for the victim: the frozen amount, else the stopped one."""
        return self.frozen_yuan or self.stopped_yuan


class ShutdownRequest(models.Model):
    """A phone number to the carrier that owns its segment, or a URL/domain to the center's block list."""

    scope_owner = "owner_unit"
    scope_addressed = ("addressed_to",)

    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="shutdown_requests"
    )
    owner_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="发起单位"
    )
    addressed_to = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="接收单位"
    )
    target_kind = models.CharField("对象类型", max_length=8, choices=TargetKind.choices)
    target = models.CharField("号码/网址", max_length=300)
    reason = models.CharField("事由", max_length=300, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=ShutdownStatus.choices, default=ShutdownStatus.SENT
    )
    sent_at = models.DateTimeField("发送时间")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    result_note = models.CharField("处理说明", max_length=500, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "关停请求"
        verbose_name_plural = "关停请求"
        indexes = [models.Index(fields=["addressed_to", "status", "-sent_at"], name="shutdown_to_status")]

    def __str__(self) -> str:
        return self.target
