"""Who is acting, from where: set once per request or CLI command, read by the audit log."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Actor:
    user: Any = None  # fanzha.accounts.models.User; Any keeps this module free of model imports
    client_ip: str = ""
    channel: str = "web"  # web, api, cli


_SYSTEM = Actor(channel="system")
_current: ContextVar[Actor | None] = ContextVar("fanzha_actor", default=None)


def current_actor() -> Actor:
    return _current.get() or _SYSTEM


@contextlib.contextmanager
def acting_as(user: Any = None, client_ip: str = "", channel: str = "cli") -> Iterator[Actor]:
    token = _current.set(Actor(user=user, client_ip=client_ip, channel=channel))
    try:
        yield current_actor()
    finally:
        _current.reset(token)


def set_actor(actor: Actor) -> object:
    return _current.set(actor)


def reset_actor(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]
