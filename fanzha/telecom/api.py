"""通信分析 under /api/v1/telecom/."""

from ninja import Router

router = Router(tags=["通信分析"])
