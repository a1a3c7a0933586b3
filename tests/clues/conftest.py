"""Clue test helpers: a fixed clock and a clue walked down the chain."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


@pytest.fixture
def new_clue(personas: Any) -> Any:
    """A ministry clue received by the city center (nothing dispatched yet)."""
    from fanzha.clues import services

    def make(
        title: str = "部推线索：冒充客服退款", ref: str = "", unit_persona: str = "city_admin", **kw: Any
    ) -> Any:
        data = services.ClueData(
            source=kw.pop("source", "ministry"),
            title=title,
            content=kw.pop("content", "受害人接到自称客服电话13812345678，要求转账到银行卡。"),
            source_ref=ref,
            priority=kw.pop("priority", "normal"),
            fraud_type=kw.pop("fraud_type", "impersonate_cs"),
            indicators=kw.pop("indicators", [("phone", "13812345678")]),
            received_at=kw.pop("received_at", NOW),
        )
        return services.create_clue(personas[unit_persona], data, now=kw.pop("now", NOW), **kw)

    return make


@pytest.fixture
def chain(personas: Any, new_clue: Any) -> Any:
    """Walks a clue city → district → station (station_a unless told), returning it reloaded."""
    from fanzha.clues import services
    from fanzha.clues.models import Clue

    def walk(station: str = "T-D1-SA", via_district: bool = True, **kw: Any) -> Any:
        clue = new_clue(**kw)
        if via_district:
            services.dispatch(personas["city_admin"], clue, personas.unit("T-D1"), now=NOW)
            services.dispatch(personas["district"], clue, personas.unit(station), now=NOW)
        else:
            services.dispatch(personas["city_admin"], clue, personas.unit(station), now=NOW)
        return Clue.objects.get(pk=clue.pk)

    return walk


@pytest.fixture
def scenario(personas: Any, chain: Any) -> dict[str, Any]:
    """Four clues: A to station A via the district, B to station B, C straight to station C,
    D reported by the carrier to the city center."""
    from fanzha.clues import services

    a = chain("T-D1-SA", title="线索A", ref="A-1")
    b = chain("T-D1-SB", title="线索B", ref="B-1")
    c = chain("T-D2-SC", via_district=False, title="线索C", ref="C-1")
    d_data = services.ClueData(
        source="carrier", title="线索D", content="GoIP 设备号码13912345678", fraud_type="impersonate_cs",
        indicators=[("phone", "13912345678")], received_at=NOW,
    )  # fmt: skip
    d = services.create_clue(personas["carrier"], d_data, now=NOW)
    return {"A": a, "B": b, "C": c, "D": d}


def titles(items: Any) -> set[str]:
    return {c["title"] if isinstance(c, dict) else c.title for c in items}
