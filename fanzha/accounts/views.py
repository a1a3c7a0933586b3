from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from fanzha.accounts import services
from fanzha.accounts.choices import Perm
from fanzha.accounts.forms import LoginForm, PasswordForm, TokenForm, UserForm
from fanzha.accounts.models import ApiToken, User
from fanzha.audit import services as audit
from fanzha.audit.choices import AuditAction
from fanzha.core.access import get_visible, require
from fanzha.core.decorators import page
from fanzha.core.errors import DomainError
from fanzha.core.forms import apply_errors
from fanzha.core.listing import listing
from fanzha.org.models import OrgUnit


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        result = services.check_login(form.cleaned_data["username"], form.cleaned_data["password"])
        if result.user is not None:
            auth_login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
            target = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                target = "/"
            return redirect(target or "/")
        error = result.error
    return render(request, "accounts/login.html", {"form": form, "error": error})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit.record(AuditAction.LOGOUT, request.user, summary="退出登录")
    auth_logout(request)
    messages.info(request, "您已安全退出")
    return redirect("accounts:login")


@page()
def password_view(request: HttpRequest) -> HttpResponse:
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            services.change_password(request.user, data["old_password"], data["new_password"])  # type: ignore[arg-type]
        except DomainError as exc:
            for field, msg in exc.fields.items():
                form.add_error("new_password" if field == "password" else field, msg)
        else:
            auth_login(request, request.user, backend="django.contrib.auth.backends.ModelBackend")  # type: ignore[arg-type]
            messages.success(request, "密码已修改")
            return redirect("core:home")
    return render(request, "accounts/password.html", {"form": form})


@page(Perm.MANAGE_USERS)
def user_list(request: HttpRequest) -> HttpResponse:
    users = User.objects.visible_to(request.user).select_related("unit")
    q = request.GET.get("q", "").strip()
    if q:
        users = users.filter(username__contains=q) | users.filter(full_name__contains=q)
    if request.GET.get("role"):
        users = users.filter(role=request.GET["role"])
    result = listing(
        request,
        users,
        sorts={"username": "username", "role": "role", "unit": "unit__path", "last_login": "last_login"},
        default_sort="username",
    )
    return render(
        request,
        "accounts/user_list.html",
        {"listing": result, "q": q, "roles": User._meta.get_field("role").choices},
    )


def _apply_user_form(request: HttpRequest, form: UserForm, user: User | None) -> User | None:
    data = form.cleaned_data
    try:
        require(request.user, Perm.MANAGE_USERS, data["unit"])
        if user is None:
            fields = {k: data[k] for k in ("username", "password", "role", "unit", "full_name", "phone")}
            return services.create_user(**fields)
        fields = {k: data[k] for k in ("role", "unit", "full_name", "phone", "is_active")}
        return services.update_user(user, **fields)
    except DomainError as exc:
        apply_errors(form, exc)
    return None


@page(Perm.MANAGE_USERS)
def user_edit(request: HttpRequest, username: str | None = None) -> HttpResponse:
    user = (
        get_visible(User.objects.select_related("unit"), request.user, username=username)
        if username
        else None
    )
    initial = None
    if user is not None:
        initial = {
            f: getattr(user, f) for f in ("username", "full_name", "phone", "role", "unit", "is_active")
        }
    units = OrgUnit.objects.visible_to(request.user)
    form = UserForm(request.POST or None, initial=initial, units=units, editing=user is not None)
    if request.method == "POST" and form.is_valid():
        if user is None and not form.cleaned_data.get("password"):
            form.add_error("password", "新建用户时必须设置初始密码")
        elif _apply_user_form(request, form, user) is not None:
            messages.success(request, "用户已保存")
            return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "edited": user})


@page(Perm.MANAGE_TOKENS)
def token_list(request: HttpRequest) -> HttpResponse:
    owners = User.objects.visible_to(request.user)
    tokens = ApiToken.objects.filter(is_session=False, user__in=owners).select_related("user")
    result = listing(
        request, tokens, sorts={"created": "created_at", "user": "user__username"}, default_sort="-created"
    )
    return render(request, "accounts/token_list.html", {"listing": result})


@page(Perm.MANAGE_TOKENS)
def token_issue(request: HttpRequest, username: str) -> HttpResponse:
    owner = get_visible(User.objects.select_related("unit"), request.user, username=username)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, secret = services.issue_token(
            owner, name=form.cleaned_data["name"], expires_at=form.cleaned_data["expires_at"]
        )
        return render(request, "accounts/token_issued.html", {"token": token, "secret": secret})
    return render(request, "accounts/token_form.html", {"form": form, "owner": owner})


@require_POST
@page(Perm.MANAGE_TOKENS)
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    visible = ApiToken.objects.filter(user__in=User.objects.visible_to(request.user)).select_related("user")
    services.revoke_token(get_visible(visible, request.user, pk=token_id))
    messages.success(request, "令牌已吊销")
    return redirect("accounts:tokens")
