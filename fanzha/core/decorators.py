"""What a page needs before it runs: a signed-in user with a unit, and optionally a capability."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fanzha.core.access import has_scope
from fanzha.core.errors import DomainError, Forbidden, NotFound

View = Callable[..., HttpResponse]


def page(perm: str = "") -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_scope(request.user) or (perm and not request.user.can(perm)):
                return render(request, "403.html", status=403)
            try:
                return view(request, *args, **kwargs)
            except NotFound:
                return render(request, "404.html", status=404)
            except Forbidden:
                return render(request, "403.html", status=403)
            except DomainError as exc:
                return render(request, "error.html", {"error": exc}, status=exc.status)

        return wrapper

    return decorate
