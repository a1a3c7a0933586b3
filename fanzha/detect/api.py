"""文本检测与涉案标识 under /api/v1/detect/."""

from ninja import Router

router = Router(tags=["文本检测与涉案标识"])
