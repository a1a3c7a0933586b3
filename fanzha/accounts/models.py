"""Users (one unit, one role) and the bearer tokens issued to partner systems."""

from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone

from fanzha.accounts.choices import Role
from fanzha.accounts.roles import perms_for
from fanzha.core.access import ScopedQuerySet


class ScopedUserManager(UserManager.from_queryset(ScopedQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField("角色", max_length=32, choices=Role.choices, default=Role.VIEWER)
    full_name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    failed_logins = models.PositiveSmallIntegerField(default=0, editable=False)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)

    scope_owner = "unit"
    objects: ClassVar[ScopedUserManager] = ScopedUserManager()

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def can(self, perm: str) -> bool:
        return self.is_active and self.unit_id is not None and perm in perms_for(self.role)

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()


class ApiToken(models.Model):
    """A bearer token. Only its SHA-256 is stored; the secret is shown once when issued."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="tokens", verbose_name="用户")
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    is_session = models.BooleanField(default=False, help_text="issued by /auth/login rather than by an admin")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField("过期时间", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_valid(self) -> bool:
        now = timezone.now()
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > now
