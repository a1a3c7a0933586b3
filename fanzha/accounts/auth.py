"""API authentication: bearer tokens for partner systems, the session cookie for pages' own calls."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from fanzha.accounts import services
from fanzha.core.context import Actor, set_actor
from fanzha.core.middleware import client_ip


class BearerTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = services.user_for_token(token)
        if user is None:
            return None
        request.user = user
        # The middleware ran before we knew who this is; tell the audit log now.
        set_actor(Actor(user=user, client_ip=client_ip(request), channel="api"))
        return user


# Bearer tokens for partner systems; the session cookie (with CSRF) for htmx and page scripts.
API_AUTH = [BearerTokenAuth(), SessionAuth()]
