"""线索 under /api/v1/clues/."""

from ninja import Router

router = Router(tags=["线索"])
