from __future__ import annotations

from typing import Any

from django.urls import reverse

from fanzha.core.homecards import HomeCard
from fanzha.freeze.choices import OPEN, ShutdownStatus
from fanzha.freeze.models import FreezeRequest, ShutdownRequest


def freeze_cards(user: Any) -> list[HomeCard]:
    unit = user.unit
    if unit is None:
        return []
    if unit.kind == "carrier":
        waiting = ShutdownRequest.objects.visible_to(user).filter(status=ShutdownStatus.SENT).count()
        return [HomeCard("待答复的关停请求", waiting, reverse("freeze:shutdowns"))]
    waiting = FreezeRequest.objects.visible_to(user).filter(status__in=OPEN).count()
    label = "待答复的止付请求" if unit.kind in ("bank", "bank_branch") else "等待银行答复的止付请求"
    return [HomeCard(label, waiting, reverse("freeze:list"))]
