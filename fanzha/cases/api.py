"""案件 under /api/v1/cases/."""

from ninja import Router

router = Router(tags=["案件"])
