"""Demo: a small synthetic carrier population, scanned, loaded for the first demo carrier."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from fanzha.core.demo import DemoContext
from fanzha.telecom import services
from fanzha.telecom.analytics.generator import generate as generate_population
from fanzha.telecom.analytics.scan import run_scan, write_outputs


def generate(ctx: DemoContext) -> None:
    carriers = ctx.made.get("carriers") or []
    if not carriers:
        return
    root = Path(settings.DATA_DIR) / "demo-telecom"
    subscribers = max(500, int(2000 * min(ctx.scale, 5)))
    generate_population(root / "input", subscribers, 14, ctx.seed)
    write_outputs(run_scan(root / "input"), root / "output")
    scan = services.load_scan(root / "output", unit=carriers[0])
    ctx.log(f"  通信扫描：{scan.calls} 行话单，{scan.numbers.count()} 个告警号码")
