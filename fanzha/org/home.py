from __future__ import annotations

from typing import Any

from django.urls import reverse

from fanzha.core.homecards import HomeCard
from fanzha.org.choices import UnitKind
from fanzha.org.models import OrgUnit

POLICE_KINDS = {UnitKind.CITY, UnitKind.DISTRICT, UnitKind.STATION}


def unit_cards(user: Any) -> list[HomeCard]:
    """Jurisdiction counts; meaningless for banks and carriers, so only police units see them."""
    if user.unit.kind not in POLICE_KINDS:
        return []
    units = OrgUnit.objects.visible_to(user)
    url = reverse("org:units") if user.can("org.manage") else ""
    stations = units.filter(kind=UnitKind.STATION).count()
    communities = units.filter(kind__in=[UnitKind.COMMUNITY, UnitKind.VILLAGE]).count()
    return [HomeCard("辖区派出所", stations, url), HomeCard("社区/村", communities, url)]
