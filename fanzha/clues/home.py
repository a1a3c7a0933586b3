from __future__ import annotations

from typing import Any

from django.urls import reverse

from fanzha.clues import queries
from fanzha.core.homecards import HomeCard


def clue_cards(user: Any) -> list[HomeCard]:
    inbox = queries.inbox(user).count()
    overdue = queries.overdue(queries.visible(user)).count()
    return [
        HomeCard("待办线索", inbox, reverse("clues:inbox")),
        HomeCard("超期线索", overdue, reverse("clues:overdue")),
    ]
