from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from fanzha.core.navigation import NAV, entry_url


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    current = request.path
    items = []
    for entry in NAV:
        if entry.perm and not user.can(entry.perm):
            continue
        url = entry_url(entry)
        items.append({"label": entry.label, "url": url, "active": current.startswith(url) and url != "/"})
    return {"nav": items}
