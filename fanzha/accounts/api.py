"""Auth, users and tokens under /api/v1."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import PageNumberPagination, paginate

from fanzha.accounts import services
from fanzha.accounts.choices import Perm
from fanzha.accounts.models import ApiToken, User
from fanzha.accounts.schemas import (
    ApiTokenIn,
    ApiTokenIssued,
    ApiTokenOut,
    LoginIn,
    PasswordIn,
    TokenOut,
    UserIn,
    UserOut,
    UserPatch,
)
from fanzha.core.access import get_visible, require
from fanzha.core.errors import DomainError
from fanzha.org import services as org_services

router = Router(tags=["认证与用户"])


def user_out(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "role_name": user.get_role_display(),
        "unit": user.unit.code if user.unit else None,
        "unit_name": user.unit.name if user.unit else None,
        "is_active": user.is_active,
    }


def token_out(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "username": token.user.username,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "revoked_at": token.revoked_at,
        "last_used_at": token.last_used_at,
    }


@router.post("/auth/login", auth=None, response={200: TokenOut})
def login(request: HttpRequest, payload: LoginIn) -> dict[str, str]:
    result = services.check_login(payload.username, payload.password)
    if result.user is None:
        raise DomainError(result.error, code="bad_credentials")
    if not result.user.unit_id:
        raise DomainError("该账号未分配单位，不能使用接口", code="no_unit")
    return {"access_token": services.issue_session_token(result.user), "token_type": "bearer"}


@router.get("/auth/me", response=UserOut)
def me(request: HttpRequest) -> dict[str, Any]:
    return user_out(request.user)  # type: ignore[arg-type]


@router.post("/auth/password", response={204: None})
def change_password(request: HttpRequest, payload: PasswordIn) -> Status[None]:
    services.change_password(request.user, payload.old_password, payload.new_password)  # type: ignore[arg-type]
    return Status(204, None)


@router.get("/users", response=list[UserOut])
@paginate(PageNumberPagination)
def list_users(request: HttpRequest) -> list[dict[str, Any]]:
    require(request.user, Perm.MANAGE_USERS)
    users = User.objects.visible_to(request.user).select_related("unit").order_by("username")
    return [user_out(u) for u in users]


@router.post("/users", response={201: UserOut})
def create_user(request: HttpRequest, payload: UserIn) -> Status[dict[str, Any]]:
    unit = org_services.get_unit(payload.unit)
    require(request.user, Perm.MANAGE_USERS, unit)
    user = services.create_user(
        username=payload.username,
        password=payload.password,
        role=payload.role,
        unit=unit,
        full_name=payload.full_name,
        phone=payload.phone,
    )
    return Status(201, user_out(user))


@router.patch("/users/{username}", response=UserOut)
def update_user(request: HttpRequest, username: str, payload: UserPatch) -> dict[str, Any]:
    user = get_visible(User.objects.select_related("unit"), request.user, username=username)
    require(request.user, Perm.MANAGE_USERS, user.unit)
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    if "unit" in changes:
        changes["unit"] = org_services.get_unit(changes["unit"])
        require(request.user, Perm.MANAGE_USERS, changes["unit"])
    return user_out(services.update_user(user, **changes))


@router.get("/tokens", response=list[ApiTokenOut])
@paginate(PageNumberPagination)
def list_tokens(request: HttpRequest) -> list[dict[str, Any]]:
    require(request.user, Perm.MANAGE_TOKENS)
    tokens = ApiToken.objects.filter(is_session=False, user__in=User.objects.visible_to(request.user))
    return [token_out(t) for t in tokens.select_related("user")]


@router.post("/tokens", response={201: ApiTokenIssued})
def issue_token(request: HttpRequest, payload: ApiTokenIn) -> Status[dict[str, Any]]:
    require(request.user, Perm.MANAGE_TOKENS)
    owner = get_visible(User.objects.select_related("unit"), request.user, username=payload.username)
    token, secret = services.issue_token(owner, name=payload.name, expires_at=payload.expires_at)
    return Status(201, {**token_out(token), "token": secret})


@router.delete("/tokens/{token_id}", response={204: None})
def revoke_token(request: HttpRequest, token_id: int) -> Status[None]:
    require(request.user, Perm.MANAGE_TOKENS)
    visible = ApiToken.objects.filter(user__in=User.objects.visible_to(request.user))
    services.revoke_token(get_visible(visible.select_related("user"), request.user, pk=token_id))
    return Status(204, None)
