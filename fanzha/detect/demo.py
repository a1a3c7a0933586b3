"""Demo indicators: a few dozen known fraud numbers, accounts and links with plausible history."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from fanzha.core.demo import DemoContext
from fanzha.detect import services
from fanzha.detect.engine import fraud_types

LINK_WORDS = ("kefu", "tuikuan", "licai", "daikuan", "shuadan", "vip-pay", "jd-refund", "etc-update")
TLDS = ("top", "xyz", "vip", "cc", "shop")


def generate(ctx: DemoContext) -> None:
    rng, now = ctx.rng, timezone.now()
    codes = list(fraud_types())
    items = []
    for _ in range(int(30 * ctx.scale) or 1):
        items.append(
            ("phone", rng.choice(("170", "171", "165", "167", "136")) + f"{rng.randrange(10**8):08d}")
        )
    for _ in range(int(10 * ctx.scale) or 1):
        items.append(("url", f"http://{rng.choice(LINK_WORDS)}{rng.randrange(100, 999)}.{rng.choice(TLDS)}/"))
    for kind, value in items:
        seen = now - timedelta(days=rng.randint(0, 150), hours=rng.randint(0, 23))
        services.record_sightings(
            [(kind, value)], source_type="import", source_id="demo", owner_unit=None,
            fraud_type=rng.choice(codes), now=seen,
        )  # fmt: skip
