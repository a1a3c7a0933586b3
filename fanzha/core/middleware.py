from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from fanzha.core.context import Actor, reset_actor, set_actor


def client_ip(request: HttpRequest) -> str:
    # Behind the unit's reverse proxy the first X-Forwarded-For hop is the client.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[0].strip()[:45]
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


class RequestContextMiddleware:
    """Makes the signed-in user and the client address available to the audit log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user if request.user.is_authenticated else None
        channel = "api" if request.path.startswith("/api/") else "web"
        token = set_actor(Actor(user=user, client_ip=client_ip(request), channel=channel))
        try:
            return self.get_response(request)
        finally:
            reset_actor(token)
