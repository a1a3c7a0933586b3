"""Home page counts. A domain adds a card by registering a function here from its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HomeCard:
    label: str
    count: int
    url: str = ""


CardSource = Callable[[Any], list[HomeCard]]
_SOURCES: list[CardSource] = []


def register(source: CardSource) -> CardSource:
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def cards_for(user: Any) -> list[HomeCard]:
    return [card for source in _SOURCES for card in source(user)]
