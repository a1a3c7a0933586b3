"""Users, passwords, lockout and bearer tokens."""

from __future__ import annotations

import copy
import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fanzha.accounts.choices import Role
from fanzha.accounts.models import ApiToken, User
from fanzha.accounts.roles import ROLE_UNIT_KINDS
from fanzha.audit import services as audit
from fanzha.audit.choices import AuditAction
from fanzha.core.errors import DomainError, NotFound
from fanzha.org.models import OrgUnit

TOKEN_PREFIX = "fz_"
_AUDITED = ("username", "full_name", "role", "unit_id", "is_active", "phone")


def _check_role(role: str, unit: OrgUnit | None) -> None:
    if role not in Role.values:
        raise DomainError("角色无效", code="bad_role", fields={"role": f"可选：{', '.join(Role.values)}"})
    if unit is None:
        raise DomainError("必须指定所属单位", code="unit_required", fields={"unit": "必填"})
    if unit.kind not in ROLE_UNIT_KINDS[role]:
        raise DomainError(
            f"{Role(role).label}不能属于{unit.get_kind_display()}",
            code="role_unit_mismatch",
            fields={"unit": "单位类别与角色不符"},
        )


def _validate_password(password: str, user: User | None = None) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        message = "；".join(exc.messages)
        raise DomainError(
            f"密码不符合要求：{message}", code="weak_password", fields={"password": message}
        ) from exc


@transaction.atomic
def create_user(
    *, username: str, password: str, role: str, unit: OrgUnit | None, full_name: str = "", phone: str = ""
) -> User:
    username = username.strip()
    if not username:
        raise DomainError("用户名不能为空", fields={"username": "必填"})
    if User.objects.filter(username=username).exists():
        raise DomainError(f"用户名 {username} 已存在", code="duplicate", fields={"username": "已存在"})
    _check_role(role, unit)
    user = User(username=username, role=role, unit=unit, full_name=full_name.strip(), phone=phone.strip())
    _validate_password(password, user)
    user.set_password(password)
    user.save()
    audit.record(
        AuditAction.CREATE, user, summary=f"新增用户 {username}", after=audit.snapshot(user, _AUDITED)
    )
    return user


@transaction.atomic
def update_user(user: User, **changes: Any) -> User:
    before = audit.snapshot(user, _AUDITED)
    _check_role(changes.get("role", user.role), changes.get("unit", user.unit))
    for key in ("full_name", "phone", "role", "unit", "is_active"):
        if key in changes:
            setattr(user, key, changes[key])
    user.save()
    forget_checked_tokens()  # a deactivated user or a new role counts from the next call
    old, new = audit.changed(before, audit.snapshot(user, _AUDITED))
    if new:
        audit.record(AuditAction.UPDATE, user, summary=f"修改用户 {user.username}", before=old, after=new)
    return user


@transaction.atomic
def set_password(user: User, password: str, *, reason: str = "修改密码") -> None:
    _validate_password(password, user)
    user.set_password(password)
    user.failed_logins = 0
    user.locked_until = None
    user.save(update_fields=["password", "failed_logins", "locked_until"])
    audit.record(AuditAction.PASSWORD, user, summary=f"{reason}：{user.username}")


def change_password(user: User, old_password: str, new_password: str) -> None:
    if not user.check_password(old_password):
        raise DomainError("原密码不正确", code="bad_password", fields={"old_password": "原密码不正确"})
    set_password(user, new_password)


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    error: str = ""


def check_login(username: str, password: str) -> LoginResult:
    """Password check with lockout; every outcome is audited."""
    user = User.objects.select_related("unit").filter(username=username.strip()).first()
    refused = LoginResult(None, "用户名或密码错误")
    if user is None:
        audit.record(
            AuditAction.LOGIN_FAILED, object_type="accounts.user", summary=f"未知用户 {username[:50]}"
        )
        return refused
    if user.is_locked:
        audit.record(AuditAction.LOGIN_FAILED, user, user=user, summary="账号已锁定时尝试登录")
        return LoginResult(
            None, f"登录失败次数过多，账号已锁定至 {timezone.localtime(user.locked_until):%H:%M}"
        )
    if not user.check_password(password) or not user.is_active:
        _count_failure(user)
        return refused
    if user.failed_logins:
        User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    audit.record(AuditAction.LOGIN, user, user=user, summary="登录成功")
    return LoginResult(user)


def _count_failure(user: User) -> None:
    user.failed_logins += 1
    fields = ["failed_logins"]
    if user.failed_logins >= settings.LOGIN_MAX_FAILURES:
        user.locked_until = timezone.now() + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
        user.failed_logins = 0
        fields.append("locked_until")
        audit.record(AuditAction.LOCKED, user, user=user, summary="连续登录失败，账号锁定")
    user.save(update_fields=fields)
    audit.record(AuditAction.LOGIN_FAILED, user, user=user, summary="密码错误")


def _hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@transaction.atomic
def issue_token(
    user: User, *, name: str, expires_at: datetime | None = None, is_session: bool = False
) -> tuple[ApiToken, str]:
    """Returns the token and its secret; the secret is never stored and never shown again."""
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        key_hash=_hash_key(secret),
        expires_at=expires_at,
        is_session=is_session,
    )
    if not is_session:
        audit.record(AuditAction.TOKEN_ISSUE, token, summary=f"为 {user.username} 签发令牌 {name}")
    return token, secret


def issue_session_token(user: User) -> str:
    expires = timezone.now() + timedelta(hours=settings.API_SESSION_TOKEN_HOURS)
    return issue_token(user, name="API 登录", expires_at=expires, is_session=True)[1]


def revoke_token(token: ApiToken) -> None:
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    _checked.pop(token.key_hash, None)
    audit.record(AuditAction.TOKEN_REVOKE, token, summary=f"吊销 {token.user.username} 的令牌 {token.name}")


# Tokens checked in the last API_TOKEN_CACHE_SECONDS, by key hash: (trusted until, user); never
# trusted past the token's own expiry.
# A partner system calls many times a second; asking the database each time cost more than
# the detection itself. Revoking in this process takes effect at once, elsewhere within the window.
_checked: dict[str, tuple[float, User]] = {}
_CHECKED_MAX = 10_000


def user_for_token(secret: str) -> User | None:
    if not secret.startswith(TOKEN_PREFIX):
        return None
    key = _hash_key(secret)
    hit = _checked.get(key)
    if hit is not None and time.monotonic() < hit[0]:
        return copy.copy(hit[1])  # each request gets its own object to hang attributes on
    token = ApiToken.objects.select_related("user", "user__unit").filter(key_hash=key).first()
    if token is None or not token.is_valid() or not token.user.is_active:
        _checked.pop(key, None)
        return None
    now = timezone.now()
    # Touch at most once a minute, so a busy partner system does not write on every call.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    if settings.API_TOKEN_CACHE_SECONDS > 0:
        if len(_checked) >= _CHECKED_MAX:
            _checked.clear()
        trust = float(settings.API_TOKEN_CACHE_SECONDS)
        if token.expires_at is not None:
            trust = min(trust, (token.expires_at - now).total_seconds())
        _checked[key] = (time.monotonic() + trust, copy.copy(token.user))
    return token.user


def forget_checked_tokens() -> None:
    """Drops every cached token check in this process (revocations, user changes, tests)."""
    _checked.clear()


def get_user(username: str) -> User:
    user = User.objects.filter(username=username).select_related("unit").first()
    if user is None:
        raise NotFound(f"用户 {username} 不存在", fields={"username": "不存在"})
    return user
