"""Detection for the platform: the engine plus the indicator store and the allow-list.

Other domains call these functions (never the tables): `analyze` for a fraud-type suggestion and
the identifiers in a text, `record_sightings` when a case or clue names indicators, and
`related_sources` for "other cases and clues that share an indicator".
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fanzha.audit import services as audit
from fanzha.audit.choices import AuditAction
from fanzha.core import rows
from fanzha.core.errors import DomainError
from fanzha.detect.allowlist import ALLOWED_SUFFIXES
from fanzha.detect.choices import IndicatorKind
from fanzha.detect.engine import DetectInputError, Detection, fraud_types, load_detector, type_name
from fanzha.detect.models import AllowEntry, Indicator, Sighting
from fanzha.detect.sightings import SightingBuffer
from fanzha.identifiers import IdentifierError, normalize
from fanzha.org.models import OrgUnit

STORED_KINDS = frozenset(IndicatorKind.values)


@dataclass(frozen=True)
class Found:
    kind: str
    value: str


@dataclass
class Analysis:
    is_fraud: bool
    score: float
    fraud_type: str
    fraud_type_name: str
    indicators: list[Found] = field(default_factory=list)
    detection: Detection | None = None
    # the type the text reads as when the score stays under the threshold (case intake offers it)
    likely_type: str = ""
    likely_type_name: str = ""

    @property
    def case_type(self) -> str:
        """The type a case with this narrative is suggested (``case_type``)."""
        return self.fraud_type or self.likely_type


@dataclass(frozen=True)
class Related:
    source_type: str
    source_id: str
    kind: str
    value: str
    seen_at: datetime


@lru_cache(maxsize=1)
def fraud_type_choices() -> tuple[tuple[str, str], ...]:
    """(code, Chinese name) of every fraud type, built once (forms, filters and each imported row)."""
    return tuple((t.code, t.name) for t in fraud_types().values())


def clean_value(kind: str, value: str) -> str:
    """The stored form of an indicator, or DomainError with the identifiers module's message."""
    if kind not in STORED_KINDS:
        raise DomainError(f"不支持的标识类型：{kind}", code="bad_kind", fields={"kind": "类型无效"})
    try:
        return normalize(kind, value)
    except IdentifierError as exc:
        raise DomainError(exc.message, code="bad_value", fields={"value": exc.message}) from exc


def is_allowed(kind: str, value: str) -> bool:
    return _allowed_in(_allow_entries(), kind, value)


def allowed_among(pairs: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (kind, value) pairs the allow-list covers (the engine's `allow`)."""
    entries = _allow_entries()
    return {(k, v) for k, v in pairs if _allowed_in(entries, k, v)}


def known_among(pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (kind, value) pairs the indicator store holds (the engine's `lookup`): one query per
    kind and 500 values, whatever the number of texts. Every API detection that finds an
    identifier asks this, so the query is written out (`rows.values_among`): built by the ORM it
    cost about a fifth of the request."""
    known: set[tuple[str, str]] = set()
    for kind, chunk in _by_kind(pairs):
        known.update((kind, v) for v in rows.values_among(Indicator, "value", chunk, kind=kind))
    return known


def _by_kind(pairs: Iterable[tuple[str, str]], size: int = 500) -> Iterator[tuple[str, list[str]]]:
    """(kind, up to `size` values) chunks: the indicator index is (kind, value), and a bounded IN
    list keeps every query within SQLite's parameter limit."""
    grouped: dict[str, list[str]] = {}
    for kind, value in pairs:
        grouped.setdefault(kind, []).append(value)
    for kind, values in grouped.items():
        for start in range(0, len(values), size):
            yield kind, values[start : start + size]


_ALLOW_TTL = 60.0  # seconds; the list changes only with a data migration, so a minute is plenty
_allow_cache: tuple[float, frozenset[tuple[str, str]]] = (-_ALLOW_TTL, frozenset())


def _allow_entries() -> frozenset[tuple[str, str]]:
    """The allow-list, read at most once a minute per process (it is asked on every detection)."""
    global _allow_cache
    loaded_at, entries = _allow_cache
    if time.monotonic() - loaded_at >= _ALLOW_TTL:
        entries = frozenset(AllowEntry.objects.values_list("kind", "value"))
        _allow_cache = (time.monotonic(), entries)
    return entries


def forget_allow_list() -> None:
    """Drop the cached allow-list: the next detection reads it again (tests, whose databases
    come and go within the minute, call this before each test)."""
    global _allow_cache
    _allow_cache = (-_ALLOW_TTL, frozenset())


def _allow_candidates(kind: str, value: str) -> set[str]:
    """The value itself and, for links, its host and every parent domain (a.b.icbc.com.cn → icbc.com.cn)."""
    candidates = {value}
    domain = _domain_of(kind, value)
    if domain:
        parts = domain.split(".")
        candidates.update(".".join(parts[i:]) for i in range(len(parts) - 1))
    return candidates


def _allowed_in(entries: frozenset[tuple[str, str]], kind: str, value: str) -> bool:
    if kind in ("url", "domain") and _domain_of(kind, value).endswith(ALLOWED_SUFFIXES):
        return True
    kinds = ("url", "domain") if kind in ("url", "domain") else (kind,)
    return any((k, c) in entries for k in kinds for c in _allow_candidates(kind, value))


def _domain_of(kind: str, value: str) -> str:
    if kind == "url":
        host = value.split("://", 1)[-1].split("/", 1)[0]
        return host.split(":", 1)[0].lower()
    return value.lower() if kind == "domain" else ""


# Below this score a text gives no type to offer even where it is known to describe a fraud,
# unless it reads plainly as one type: a terse case note ("冒充公安局民警，说我涉嫌洗钱要转到安全
# 账户") tells of a fraud in words that warnings use too, so its fraud score stays low while the
# type models put most of their probability on one type (vague texts spread it: 0.3–0.4).
# v10 on the twelve own sets: the scams it leaves under the threshold are mostly victims' accounts
# told afterwards, and each of those whose type's probability is 0.4–0.6 (5) reads as its own
# type; over all their scams that band is typed right 31 times of 41, and 0.6 and over 517 of 543.
LIKELY_FLOOR = 0.2
LIKELY_TYPE_FLOOR = 0.4


def case_type(det: Detection) -> str:
    """The type to suggest for a text known to describe a fraud (a case narrative): the detected
    type, or under the threshold the type it reads as, where ``LIKELY_FLOOR`` or
    ``LIKELY_TYPE_FLOOR`` lets it be offered."""
    if det.is_fraud:
        return det.fraud_type or ""
    offered = det.score >= LIKELY_FLOOR or det.likely_probability >= LIKELY_TYPE_FLOOR
    return (det.likely_type or "") if offered else ""


def analyze(text: str) -> Analysis:
    """Engine verdict for one text, with indicators looked up in the store and the allow-list."""
    try:
        det = load_detector().detect(text, lookup=known_among, allow=allowed_among)
    except DetectInputError as exc:
        raise DomainError(str(exc), code="bad_text", fields={"text": str(exc)}) from exc
    found = [Found(i.kind, i.value) for i in det.indicators if i.kind in STORED_KINDS]
    likely = "" if det.is_fraud else case_type(det)
    return Analysis(
        det.is_fraud,
        det.score,
        det.fraud_type or "",
        det.fraud_type_name or "",
        found,
        det,
        likely,
        type_name(likely) if likely else "",
    )


@dataclass(frozen=True)
class Seen:
    """The indicators one source (a case, a clue, a detection) names."""

    items: Sequence[tuple[str, str]]
    source_type: str
    source_id: str
    owner_unit: OrgUnit | None
    fraud_type: str = ""
    now: datetime | None = None


def record_sightings(
    items: Iterable[tuple[str, str]],
    *,
    source_type: str,
    source_id: str,
    owner_unit: OrgUnit | None,
    fraud_type: str = "",
    now: datetime | None = None,
) -> int:
    """Upserts each indicator and records one sighting per source (re-saving adds nothing).
    Returns the number of sightings written."""
    return record_sightings_batch([Seen(list(items), source_type, source_id, owner_unit, fraud_type, now)])


@dataclass
class _Stored:
    """The counters of one stored indicator, as the batch changes them."""

    pk: int
    sightings: int
    last_seen: datetime
    fraud_types: list[str]
    changed: bool = False


def record_sightings_batch(entries: Iterable[Seen]) -> int:
    """The same for many sources at once, in a fixed number of statements per batch whatever its
    size (imports record 100,000 cases this way): indicators are read and locked in chunks, the new
    ones inserted, sightings inserted and counters written back with executemany (core/rows.py)."""
    allow = _allow_entries()
    wanted: list[tuple[Seen, str, str]] = []
    for entry in entries:
        for kind, raw in dict.fromkeys(entry.items):
            value = _quiet_clean(kind, raw) if kind in STORED_KINDS else None
            if value is not None and not _allowed_in(allow, kind, value):
                wanted.append((entry, kind, value))
    if not wanted:
        return 0
    with transaction.atomic():
        found = _upsert_indicators(wanted)
        new = _new_sightings(wanted, found)
        rows.insert_rows(
            Sighting, ["indicator", "source_type", "source_id", "owner_unit", "fraud_type", "seen_at"], new
        )
        changed = [i for i in found.values() if i.changed]
        rows.update_values(
            Indicator,
            ["sightings", "last_seen", "fraud_types"],
            ((i.sightings, i.last_seen, i.fraud_types, i.pk) for i in changed),
        )
    return len(new)


def _upsert_indicators(wanted: list[tuple[Seen, str, str]]) -> dict[tuple[str, str], _Stored]:
    """The batch's indicators, created where missing, locked for the counter update."""
    first: dict[tuple[str, str], tuple[Seen, datetime]] = {}
    for entry, kind, value in wanted:
        first.setdefault((kind, value), (entry, entry.now or timezone.now()))
    found = _locked_indicators(first)
    missing = [
        Indicator(kind=k, value=v, source=e.source_type, first_seen=t, last_seen=t, owner_unit=e.owner_unit)
        for (k, v), (e, t) in first.items()
        if (k, v) not in found
    ]
    if missing:
        rows.insert_objects(missing, ignore_conflicts=True)
        found.update(_locked_indicators((i.kind, i.value) for i in missing))
    return found


def _locked_indicators(keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], _Stored]:
    found: dict[tuple[str, str], _Stored] = {}
    columns = ("pk", "value", "sightings", "last_seen", "fraud_types")
    for kind, chunk in _by_kind(keys):
        locked = Indicator.objects.select_for_update().filter(kind=kind, value__in=chunk)
        found.update(
            ((kind, value), _Stored(pk, count, last, list(types)))
            for pk, value, count, last, types in locked.values_list(*columns)
        )
    return found


def _new_sightings(
    wanted: list[tuple[Seen, str, str]], found: dict[tuple[str, str], _Stored]
) -> list[tuple[Any, ...]]:
    """The sighting rows to insert (one per indicator and source), counting them on the indicators."""
    seen = _existing_sightings(wanted, found)
    new = []
    for entry, kind, value in wanted:
        ind = found[(kind, value)]
        key = (ind.pk, entry.source_type, entry.source_id)
        if entry.source_id and key in seen:
            continue
        seen.add(key)
        now = entry.now or timezone.now()
        ind.sightings += 1
        ind.last_seen = max(ind.last_seen, now)
        if entry.fraud_type and entry.fraud_type not in ind.fraud_types:
            ind.fraud_types = [*ind.fraud_types, entry.fraud_type]
        ind.changed = True
        unit = entry.owner_unit.pk if entry.owner_unit else None
        new.append((ind.pk, entry.source_type, entry.source_id, unit, entry.fraud_type, now))
    return new


# Detection verdicts' sightings, written in batches off the request path (see sightings.py).
_detections: SightingBuffer[Seen] = SightingBuffer(
    record_sightings_batch, settings.DETECT_SIGHTINGS_DELAY_MS / 1000
)


def flush_detection_sightings() -> int:
    """Writes the detection sightings waiting in this process now (tests, shutdown hooks)."""
    return _detections.flush()


def _existing_sightings(
    wanted: list[tuple[Seen, str, str]], found: dict[tuple[str, str], _Stored]
) -> set[tuple[int, str, str]]:
    ids = sorted({found[(k, v)].pk for _, k, v in wanted})
    sources = {e.source_id for e, _, _ in wanted if e.source_id}
    seen: set[tuple[int, str, str]] = set()
    for start in range(0, len(ids), 500):
        rows = Sighting.objects.filter(indicator_id__in=ids[start : start + 500], source_id__in=sources)
        seen.update(rows.values_list("indicator_id", "source_type", "source_id"))
    return seen


def _quiet_clean(kind: str, raw: str) -> str | None:
    try:
        return clean_value(kind, raw)
    except DomainError:
        return None


def related_sources(
    items: Iterable[tuple[str, str]], *, user: Any, exclude: tuple[str, str] | None = None
) -> list[Related]:
    """Cases, clues and other sources that share an indicator with `items`, as far as `user` may see."""
    query = Q()
    for kind, raw in items:
        value = _quiet_clean(kind, raw) if kind in STORED_KINDS else None
        if value:
            query |= Q(indicator__kind=kind, indicator__value=value)
    if not query:
        return []
    seen = (
        Sighting.objects.visible_to(user)
        .filter(query)
        .exclude(source_type="detect")
        .select_related("indicator")
    )
    if exclude:
        seen = seen.exclude(source_type=exclude[0], source_id=exclude[1])
    out: dict[tuple[str, str], Related] = {}
    for s in seen.order_by("-seen_at")[:200]:
        key = (s.source_type, s.source_id)
        out.setdefault(
            key, Related(s.source_type, s.source_id, s.indicator.kind, s.indicator.value, s.seen_at)
        )
    return list(out.values())


@dataclass
class LookupResult:
    kind: str
    value: str
    valid: bool
    known: bool = False
    allowed: bool = False
    error: str = ""
    indicator: Indicator | None = None


def lookup(items: Iterable[tuple[str, str]]) -> list[LookupResult]:
    """Each value: valid?, on the allow-list?, known (with its history)?"""
    results = []
    for kind, raw in items:
        try:
            value = clean_value(kind, raw)
        except DomainError as exc:
            results.append(LookupResult(kind, raw, False, error=exc.message))
            continue
        ind = Indicator.objects.filter(kind=kind, value=value).first()
        results.append(
            LookupResult(kind, value, True, ind is not None, is_allowed(kind, value), indicator=ind)
        )
    return results


_EDITABLE = ("note", "base_confidence", "fraud_types")


def create_indicator(
    *,
    kind: str,
    value: str,
    owner_unit: OrgUnit | None,
    note: str = "",
    fraud_types: list[str] | None = None,
    base_confidence: float = 0.8,
    source: str = "manual",
) -> Indicator:
    value = clean_value(kind, value)
    if is_allowed(kind, value):
        raise DomainError("该号码/域名在白名单中（官方号码或网站），不能列为涉案标识", code="allowlisted")
    if Indicator.objects.filter(kind=kind, value=value).exists():
        raise DomainError("该标识已存在", code="duplicate", fields={"value": "已存在"})
    _check_confidence(base_confidence)
    now = timezone.now()
    ind = Indicator.objects.create(
        kind=kind, value=value, note=note, fraud_types=fraud_types or [], base_confidence=base_confidence,
        source=source, first_seen=now, last_seen=now, sightings=1, owner_unit=owner_unit,
    )  # fmt: skip
    audit.record(
        AuditAction.CREATE, ind, summary=f"新增涉案标识 {ind}", after=audit.snapshot(ind, ("kind", "value"))
    )
    return ind


def _check_confidence(value: float) -> None:
    if not 0 <= value <= 1:
        raise DomainError("置信度应在 0 到 1 之间", fields={"base_confidence": "应在 0 到 1 之间"})


def update_indicator(ind: Indicator, **changes: Any) -> Indicator:
    before = audit.snapshot(ind, _EDITABLE)
    if "base_confidence" in changes:
        _check_confidence(changes["base_confidence"])
    for key in _EDITABLE:
        if key in changes:
            setattr(ind, key, changes[key])
    ind.save()
    old, new = audit.changed(before, audit.snapshot(ind, _EDITABLE))
    if new:
        audit.record(AuditAction.UPDATE, ind, summary=f"修改涉案标识 {ind}", before=old, after=new)
    return ind


def delete_indicator(ind: Indicator) -> None:
    audit.record(
        AuditAction.DELETE, ind, summary=f"删除涉案标识 {ind}", before=audit.snapshot(ind, ("kind", "value"))
    )
    ind.delete()


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    skipped_allowlisted: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def import_indicators(
    rows: Iterable[Any], *, owner_unit: OrgUnit | None, source: str = "import"
) -> ImportSummary:
    """Rows from CSV or STIX (`exchange.Incoming`). Known values are merged, never duplicated;
    an invalid row is reported with its number and the rest are still imported."""
    summary = ImportSummary()
    now = timezone.now()
    with transaction.atomic():
        for number, row in enumerate(rows, start=1):
            try:
                value = clean_value(row.kind, row.value)
            except DomainError as exc:
                summary.errors.append((number, f"{row.kind} {row.value[:40]}：{exc.message}"))
                continue
            if is_allowed(row.kind, value):
                summary.skipped_allowlisted += 1
                continue
            _merge(row, value, owner_unit, source, now, summary)
    audit.record(
        AuditAction.IMPORT,
        object_type="detect.indicator",
        summary=f"导入涉案标识：新增 {summary.created}，合并 {summary.updated}，错误 {len(summary.errors)}",
    )
    return summary


def _merge(
    row: Any, value: str, unit: OrgUnit | None, source: str, now: datetime, summary: ImportSummary
) -> None:
    ind = Indicator.objects.filter(kind=row.kind, value=value).first()
    if ind is None:
        Indicator.objects.create(
            kind=row.kind, value=value, fraud_types=list(row.fraud_types), base_confidence=row.confidence,
            note=row.note[:300], source=source, first_seen=now, last_seen=now, sightings=1, owner_unit=unit,
        )  # fmt: skip
        summary.created += 1
        return
    ind.fraud_types = sorted(set(ind.fraud_types) | set(row.fraud_types))
    ind.base_confidence = max(ind.base_confidence, row.confidence)
    ind.save(update_fields=["fraud_types", "base_confidence"])
    summary.updated += 1


def search_indicators(*, kind: str | None, q: str | None) -> list[Indicator]:
    """The store is shared intelligence of the whole center: every detecting role reads all of it."""
    found = Indicator.objects.all()
    if kind:
        found = found.filter(kind=kind)
    if q:
        found = found.filter(value__contains=q.strip())
    return list(found.order_by("-last_seen", "-pk")[:100_000])


def audit_export(count: int, fmt: str) -> None:
    audit.record(
        AuditAction.EXPORT, object_type="detect.indicator", summary=f"导出涉案标识 {count} 条（{fmt}）"
    )


def import_file(upload: Any, *, owner_unit: OrgUnit | None) -> ImportSummary:
    if upload.size > 20 * 1024 * 1024:
        raise DomainError("文件过大（上限 20 MB）", code="too_large")
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DomainError("文件不是 UTF-8 编码的文本", code="bad_file") from exc
    from fanzha.detect import exchange

    stripped = text.lstrip()
    rows = exchange.from_stix(text) if stripped.startswith("{") else exchange.from_csv(text)
    return import_indicators(rows, owner_unit=owner_unit)


def detect_for(user: Any, text: Any, record: bool = True) -> dict[str, Any]:
    """The API/desk verdict for one text; fraud verdicts record sightings of their indicators."""
    if not isinstance(text, str):
        raise DomainError("text 必须是文本", code="bad_text", fields={"text": "应为文本"})
    result = analyze(text)
    det = result.detection
    assert det is not None
    if record and det.is_fraud and result.indicators:
        items = [(f.kind, f.value) for f in result.indicators]
        unit = getattr(user, "unit", None)
        _detections.add(Seen(items, "detect", "", unit, result.fraud_type, timezone.now()))
    body = det.to_dict()
    body.pop("type_probability", None)
    return body


def detect_item(user: Any, ident: Any, text: Any) -> dict[str, Any]:
    try:
        return {**detect_for(user, text), "id": ident}
    except DomainError as exc:
        return {"id": ident, "error": {"code": exc.code, "message": exc.message}}
