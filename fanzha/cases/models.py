"""Cases (报案/警情): the victim, the payments, the indicators and the status history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from fanzha.cases.choices import (
    CaseStatus,
    ContactChannel,
    Education,
    EventKind,
    Gender,
    IndicatorSource,
    IntakeSource,
    PaymentChannel,
)
from fanzha.core.access import ScopedQuerySet


class Case(models.Model):
    scope_owner = "owner_unit"

    number = models.CharField("案件编号", max_length=24, unique=True)
    source = models.CharField(
        "来源", max_length=16, choices=IntakeSource.choices, default=IntakeSource.STATION
    )
    # The case number in the system it came from (110 desk, a partner's file); re-imports match on it.
    source_ref = models.CharField("来源案件编号", max_length=64, blank=True)
    owner_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="主办派出所", on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField("状态", max_length=16, choices=CaseStatus.choices, default=CaseStatus.ACCEPTED)
    fraud_type = models.CharField("诈骗类型", max_length=40, blank=True)
    suggested_type = models.CharField("系统建议类型", max_length=40, blank=True)
    contact_channel = models.CharField("接触渠道", max_length=16, choices=ContactChannel.choices)
    incident_at = models.DateTimeField("案发时间")
    reported_at = models.DateTimeField("报案时间")
    loss_yuan = models.DecimalField("损失金额（元）", max_digits=14, decimal_places=2, default=0)
    narrative = models.TextField("简要案情")
    reporter_name = models.CharField("报案人（非本人时）", max_length=50, blank=True)
    reporter_phone = models.CharField("报案人电话", max_length=20, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "案件"
        verbose_name_plural = "案件"
        constraints = [
            models.UniqueConstraint(
                fields=["source_ref"], condition=~Q(source_ref=""), name="case_source_ref_unique"
            )
        ]
        indexes = [
            models.Index(fields=["-reported_at"], name="case_reported"),
            models.Index(fields=["owner_unit", "-reported_at"], name="case_unit_reported"),
            models.Index(fields=["status", "-reported_at"], name="case_status_reported"),
            models.Index(fields=["fraud_type", "-reported_at"], name="case_type_reported"),
            models.Index(fields=["owner_unit", "status", "-reported_at"], name="case_unit_status"),
            models.Index(fields=["-loss_yuan"], name="case_loss"),
        ]

    def __str__(self) -> str:
        return self.number


class Victim(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="victim")
    name = models.CharField("姓名", max_length=50, db_index=True)
    id_number = models.CharField("身份证号", max_length=18, db_index=True)
    phone = models.CharField("手机号", max_length=20, blank=True)
    gender = models.CharField("性别", max_length=8, choices=Gender.choices)
    birth_date = models.DateField("出生日期")
    age = models.PositiveSmallIntegerField("报案时年龄")
    occupation = models.CharField("职业", max_length=30, blank=True)
    education = models.CharField("文化程度", max_length=16, choices=Education.choices, blank=True)
    community = models.ForeignKey(
        "org.OrgUnit", verbose_name="居住社区/村", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "受害人"
        verbose_name_plural = "受害人"

    def __str__(self) -> str:
        return self.name


class Payment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="payments")
    paid_at = models.DateTimeField("转账时间")
    amount_yuan = models.DecimalField("金额（元）", max_digits=14, decimal_places=2)
    channel = models.CharField("支付方式", max_length=16, choices=PaymentChannel.choices)
    from_account = models.CharField("付款账号", max_length=64, blank=True)
    to_account = models.CharField("收款账号", max_length=64, blank=True)
    to_name = models.CharField("收款户名", max_length=50, blank=True)
    to_bank = models.ForeignKey(
        "org.OrgUnit",
        verbose_name="收款银行",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_bank_name = models.CharField("收款行（卡号识别）", max_length=30, blank=True)

    class Meta:
        verbose_name = "转账记录"
        verbose_name_plural = "转账记录"
        ordering = ["paid_at", "pk"]

    def __str__(self) -> str:
        return f"{self.paid_at:%Y-%m-%d %H:%M} {self.amount_yuan}"


class CaseIndicator(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField("类型", max_length=16)
    value = models.CharField("值", max_length=300)
    source = models.CharField("来源", max_length=16, choices=IndicatorSource.choices)

    class Meta:
        verbose_name = "涉案标识"
        verbose_name_plural = "涉案标识"
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "value"], name="case_indicator_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


class CaseEvent(models.Model):
    """The case's timeline: who did what, when, and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("时间")
    kind = models.CharField("事项", max_length=16, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField("操作人", max_length=60, blank=True)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    note = models.CharField("说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "案件记录"
        verbose_name_plural = "案件记录"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.at}"
