"""Settings helpers: every setting comes from the environment, with a zero-config default."""

from __future__ import annotations

import os
from pathlib import Path

PREFIX = "FANZHA_"


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(PREFIX + name, default)


def envbool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(PREFIX + name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    raw = os.environ.get(PREFIX + name)
    return int(raw) if raw else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]


def envsecret(name: str, default: str = "") -> str:
    """Read NAME, or the file named by NAME_FILE (mounted secrets)."""
    path = os.environ.get(PREFIX + name + "_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return envstr(name, default)
