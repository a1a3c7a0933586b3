"""Personal identifiers on the way out: masked for anyone without clearance."""

from __future__ import annotations

from typing import Any

from fanzha.accounts.choices import Perm
from fanzha.identifiers import mask


def has_clearance(user: Any) -> bool:
    return bool(
        user is not None and getattr(user, "is_authenticated", False) and user.can(Perm.VIEW_UNMASKED)
    )


def shown(user: Any, kind: str, value: str | None) -> str:
    """The value as this user may see it: whole with clearance, masked without."""
    if not value:
        return ""
    return value if has_clearance(user) else mask(kind, value)
