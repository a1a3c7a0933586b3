from __future__ import annotations

from typing import Any

from django.urls import reverse

from fanzha.cases.choices import CaseStatus
from fanzha.cases.models import Case
from fanzha.core.homecards import HomeCard


def case_cards(user: Any) -> list[HomeCard]:
    if user.unit is None or user.unit.kind not in ("city", "district", "station"):
        return []
    url = reverse("cases:list")
    open_cases = Case.objects.visible_to(user).filter(status=CaseStatus.ACCEPTED).count()
    return [HomeCard("待立案的案件", open_cases, f"{url}?status=accepted")]
