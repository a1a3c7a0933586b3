"""止付冻结与关停 under /api/v1/freeze/."""

from ninja import Router

router = Router(tags=["止付冻结与关停"])
