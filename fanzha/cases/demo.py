"""`fanzha demo`: a year of cases for the demo city (bulk written; one audit entry for the lot)."""

from __future__ import annotations

from fanzha.audit import services as audit
from fanzha.audit.choices import AuditAction
from fanzha.cases import bulk
from fanzha.cases.services import SOURCE_TYPE
from fanzha.core.demo import DemoContext
from fanzha.detect import services as detect

CASES_PER_SCALE = 600
# Above this many cases the indicator store is left alone (one upsert per indicator is slow).
MAX_WITH_SIGHTINGS = 5000


def generate(ctx: DemoContext) -> None:
    n = max(1, int(CASES_PER_SCALE * ctx.scale))
    on_batch = _record_sightings if n <= MAX_WITH_SIGHTINGS else None
    written = bulk.generate(n, ctx.rng, batch=2000, on_batch=on_batch, log=ctx.log if n > 10000 else None)
    audit.record(AuditAction.CREATE, object_type="cases.case", summary=f"生成演示案件 {written} 起")
    ctx.made["cases"] = written


def _record_sightings(batch: list[bulk.Draft]) -> None:
    detect.record_sightings_batch(
        detect.Seen(
            d.indicators,
            SOURCE_TYPE,
            str(d.case.pk),
            d.case.owner_unit,
            d.case.fraud_type,
            d.case.reported_at,
        )
        for d in batch
    )
