"""Clue logic: intake, editing, the dispatch chain and its deadlines. No request objects here.

State machine (the holder is the unit that must act now):

    new ──dispatch──▶ dispatched ──acknowledge──▶ assessing ──feedback──▶ feedback ──close──▶ closed
     ▲                    │                          │  ▲
     └ created            └──────dispatch further────┴──┘ (a new hop to a unit below the holder)

A unit handles a new clue itself by dispatching it to itself (本单位自办).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from fanzha.accounts.choices import Perm
from fanzha.audit import services as audit
from fanzha.audit.choices import AuditAction
from fanzha.clues import deadlines, indicators
from fanzha.clues.choices import (
    OPEN_STATUSES,
    ClueSource,
    ClueStatus,
    DueKind,
    FeedbackResult,
    Level,
    Priority,
)
from fanzha.clues.models import POLICE_KINDS, Clue, ClueHop, ClueIndicator, DeadlinePolicy
from fanzha.core.access import has_scope, owns, require
from fanzha.core.errors import Conflict, DomainError, Forbidden
from fanzha.detect import services as detect
from fanzha.org.choices import UnitKind
from fanzha.org.models import OrgUnit

_TARGET_KINDS = (UnitKind.DISTRICT, UnitKind.STATION)
PARTNER_KINDS = (UnitKind.BANK, UnitKind.BANK_BRANCH, UnitKind.CARRIER)
_AUDITED = ("source", "source_ref", "title", "fraud_type", "priority", "status", "holder_unit_id", "result")


class NotHolder(DomainError):
    """The user's unit is not the one that may act on the clue now."""

    status = 403
    code = "not_holder"


@dataclass
class ClueData:
    source: str
    title: str
    content: str
    source_ref: str = ""
    priority: str = Priority.NORMAL
    fraud_type: str = ""
    indicators: list[tuple[str, str]] | None = None  # None: extract from the text
    received_at: datetime | None = None


# ---- policy and deadlines -------------------------------------------------------------------


def level_of(unit: OrgUnit) -> str:
    return unit.kind if unit.kind in Level.values else Level.CITY


def policy_for(level: str, priority: str) -> deadlines.Policy:
    row = DeadlinePolicy.objects.filter(level=level, priority=priority).first()
    return _policy_of(row) if row else deadlines.DEFAULTS[(level, priority)]


@dataclass(frozen=True)
class PolicyRow:
    level: str
    priority: str
    policy: deadlines.Policy
    configured: bool  # False: the built-in default applies

    @property
    def level_name(self) -> str:
        return str(Level(self.level).label)

    @property
    def priority_name(self) -> str:
        return str(Priority(self.priority).label)


def policy_table() -> list[PolicyRow]:
    """Every level × priority with the limits in force, city first and most urgent first."""
    rows = {(r.level, r.priority): r for r in DeadlinePolicy.objects.all()}
    table = []
    for level in Level.values:
        for priority in Priority.values:
            row = rows.get((level, priority))
            policy = _policy_of(row) if row else deadlines.DEFAULTS[(level, priority)]
            table.append(PolicyRow(level, priority, policy, row is not None))
    return table


def _policy_of(row: DeadlinePolicy) -> deadlines.Policy:
    return deadlines.Policy(
        row.dispatch_minutes, row.assess_minutes, row.feedback_minutes, row.warn_percent, row.warn_minutes
    )


def check_policy(key: str, policy: deadlines.Policy) -> dict[str, str]:
    """Field problems of one row (keys `<key>.<field>`), empty when it is usable."""
    problems: dict[str, str] = {}
    for name in ("dispatch_minutes", "assess_minutes", "feedback_minutes"):
        if getattr(policy, name) < 1:
            problems[f"{key}.{name}"] = "时限至少 1 分钟"
    if policy.dispatch_minutes > policy.assess_minutes:
        problems.setdefault(f"{key}.assess_minutes", "研判时限不能短于签收时限")
    if policy.assess_minutes > policy.feedback_minutes:
        problems.setdefault(f"{key}.feedback_minutes", "反馈时限不能短于研判时限")
    if not 0 <= policy.warn_percent <= 90:
        problems[f"{key}.warn_percent"] = "预警比例应在 0 到 90 之间"
    if policy.warn_minutes is not None and not 0 <= policy.warn_minutes < policy.dispatch_minutes:
        problems[f"{key}.warn_minutes"] = "提前预警的分钟数应小于签收时限"
    return problems


def may_set_policies(user: Any) -> bool:
    """The city center's users with SET_DEADLINES; everyone else reads the table."""
    return has_scope(user) and user.can(Perm.SET_DEADLINES) and user.unit.kind == UnitKind.CITY


@transaction.atomic
def set_policies(user: Any, changes: dict[tuple[str, str], deadlines.Policy]) -> int:
    """Saves the center's limits (all rows checked first; nothing saved if one is wrong). Hops
    already sent keep their deadlines; the new limits apply to hops sent from now on. Returns the
    number of rows that changed; each change is audited with its old and new values."""
    if not may_set_policies(user):
        raise Forbidden("线索时限由市局反诈中心统一设置", code="forbidden")
    problems: dict[str, str] = {}
    for (level, priority), policy in changes.items():
        if (level, priority) not in deadlines.DEFAULTS:
            raise DomainError(f"未知的层级或紧急程度：{level}/{priority}", code="bad_policy")
        problems.update(check_policy(f"{level}.{priority}", policy))
    if problems:
        raise DomainError("时限设置有误，请按提示修改", code="invalid", fields=problems)
    current = {(r.level, r.priority): r.policy for r in policy_table()}
    changed = 0
    for (level, priority), policy in changes.items():
        before = current[(level, priority)]
        if policy == before:
            continue
        fields = asdict(policy)
        DeadlinePolicy.objects.update_or_create(level=level, priority=priority, defaults=fields)
        audit.record(
            AuditAction.UPDATE,
            object_type="clues.deadlinepolicy",
            object_id=f"{level}/{priority}",
            summary=f"修改线索时限：{Level(level).label} {Priority(priority).label}",
            before=asdict(before),
            after=fields,
        )
        changed += 1
    return changed


def hop_deadlines(hop: ClueHop, priority: str) -> None:
    """Sets the three deadlines of a hop from the receiving unit's level and the priority."""
    apply_policy(hop, policy_for(level_of(hop.to_unit), priority))


def apply_policy(hop: ClueHop, policy: deadlines.Policy) -> None:
    ack = deadlines.deadline(hop.sent_at, policy.dispatch_minutes, policy)
    assess = deadlines.deadline(hop.sent_at, policy.assess_minutes, policy)
    feedback = deadlines.deadline(hop.sent_at, policy.feedback_minutes, policy)
    hop.ack_due, hop.ack_warn = ack.due, ack.warn
    hop.assess_due, hop.assess_warn = assess.due, assess.warn
    hop.feedback_due, hop.feedback_warn = feedback.due, feedback.warn


def refresh_due(clue: Clue, hop: ClueHop | None, policy: deadlines.Policy | None = None) -> None:
    """Copies the holder's nearest open deadline onto the clue (what lists filter and sort on)."""
    due: datetime | None = None
    warn: datetime | None = None
    kind = ""
    if clue.status == ClueStatus.NEW:
        policy = policy or policy_for(level_of(clue.owner_unit), clue.priority)
        dl = deadlines.deadline(clue.received_at, policy.dispatch_minutes, policy)
        due, warn, kind = dl.due, dl.warn, DueKind.DISPATCH
    elif hop is not None and clue.status == ClueStatus.DISPATCHED:
        due, warn, kind = hop.ack_due, hop.ack_warn, DueKind.ACKNOWLEDGE
    elif hop is not None and clue.status == ClueStatus.ASSESSING and hop.assessed_at is None:
        due, warn, kind = hop.assess_due, hop.assess_warn, DueKind.ASSESS
    elif hop is not None and clue.status == ClueStatus.ASSESSING:
        due, warn, kind = hop.feedback_due, hop.feedback_warn, DueKind.FEEDBACK
    clue.due_at, clue.warn_at, clue.due_kind = due, warn, kind


def current_hop(clue: Clue) -> ClueHop | None:
    return clue.hops.filter(is_current=True).select_related("to_unit", "from_unit").first()


def coordinator(clue: Clue) -> OrgUnit:
    """The police unit that receives the feedback and closes the clue (a partner's first receiver)."""
    if clue.owner_unit.kind in POLICE_KINDS:
        return clue.owner_unit
    first = clue.hops.order_by("seq").select_related("to_unit").first()
    return first.to_unit if first else clue.owner_unit


# ---- intake and editing ---------------------------------------------------------------------


def validate(data: ClueData) -> ClueData:
    """Checks every field at once; raises one DomainError with a message per field."""
    errors: dict[str, str] = {}
    data.title, data.content = data.title.strip(), data.content.strip()
    data.source_ref = data.source_ref.strip()
    if data.source not in ClueSource.values:
        errors["source"] = "来源无效"
    if not data.title:
        errors["title"] = "请填写标题"
    elif len(data.title) > 200:
        errors["title"] = "标题不能超过200字"
    if not data.content:
        errors["content"] = "请填写线索内容"
    if len(data.source_ref) > 64:
        errors["source_ref"] = "来源编号不能超过64字"
    if data.priority not in Priority.values:
        errors["priority"] = "紧急程度无效"
    if data.fraud_type and data.fraud_type not in dict(detect.fraud_type_choices()):
        errors["fraud_type"] = "诈骗类型无效"
    if data.indicators is not None:
        try:
            data.indicators = indicators.clean(data.indicators)
        except DomainError as exc:
            errors.update(exc.fields)
    if errors:
        raise DomainError("；".join(errors.values()), code="invalid", fields=errors)
    return data


def _check_unique_ref(data: ClueData, exclude: int = 0) -> None:
    if not data.source_ref:
        return
    clash = Clue.objects.filter(source=data.source, source_ref=data.source_ref).exclude(pk=exclude)
    if clash.exists():
        raise Conflict(
            f"来源编号 {data.source_ref} 已存在（同一来源的编号不能重复）",
            code="duplicate",
            fields={"source_ref": "该来源下已存在此编号"},
        )


def _suggest(data: ClueData) -> None:
    """Fills the fraud type and the indicators from the text when the user left them empty."""
    if data.indicators is not None and data.fraud_type:
        return
    found = detect.analyze(f"{data.title}\n{data.content}")
    if not data.fraud_type:
        data.fraud_type = found.fraud_type
    if data.indicators is None:
        data.indicators = indicators.clean((f.kind, f.value) for f in found.indicators)


def default_receiver() -> OrgUnit | None:
    return OrgUnit.objects.filter(kind=UnitKind.CITY, parent=None, is_active=True).order_by("pk").first()


def create_clue(
    user: Any, data: ClueData, *, report_to: OrgUnit | None = None, now: datetime | None = None
) -> Clue:
    """A police unit receives a clue it holds itself; a bank or carrier reports it to a city center."""
    require(user, Perm.DISPATCH_CLUES)
    now = now or timezone.now()
    validate(data)
    _check_unique_ref(data)
    _suggest(data)
    with transaction.atomic():
        clue = build_clue(user, data, now)
        if user.unit.kind in PARTNER_KINDS:
            _report(user, clue, report_to or default_receiver(), now)
        _sight(clue)
        audit.record(
            AuditAction.CREATE, clue, summary=f"新增线索 {clue.number} {clue.title}", after=_snap(clue)
        )
    return clue


def build_clue(user: Any, data: ClueData, now: datetime) -> Clue:
    """Saves a new clue held by the user's unit (no audit: callers record one entry)."""
    unit = user.unit
    clue = Clue(
        source=data.source, source_ref=data.source_ref, title=data.title, content=data.content,
        priority=data.priority, fraud_type=data.fraud_type, owner_unit=unit, holder_unit=unit,
        received_at=data.received_at or now, created_by=user if getattr(user, "pk", None) else None,
        scope_unit=unit if unit.kind in POLICE_KINDS else None,
    )  # fmt: skip
    refresh_due(clue, None)
    clue.save()
    clue.addressed_units.add(unit)  # the owner is always addressed: see ClueQuerySet.visible_to
    set_indicators(clue, data.indicators or [])
    return clue


def _report(user: Any, clue: Clue, receiver: OrgUnit | None, now: datetime) -> None:
    if receiver is None or receiver.kind != UnitKind.CITY:
        message = "合作单位只能把线索报送到市局反诈中心"
        raise DomainError(message, code="bad_receiver", fields={"report_to": message})
    _send(user, clue, receiver, "合作单位报送", now, None)


def set_indicators(clue: Clue, items: Iterable[tuple[str, str]]) -> None:
    clue.indicators.all().delete()
    ClueIndicator.objects.bulk_create(ClueIndicator(clue=clue, kind=k, value=v) for k, v in items)


def _sight(clue: Clue) -> None:
    items = list(clue.indicators.values_list("kind", "value"))
    if items:
        detect.record_sightings(
            items,
            source_type="clue",
            source_id=str(clue.pk),
            owner_unit=clue.owner_unit,
            fraud_type=clue.fraud_type,
        )


def _snap(clue: Clue) -> dict[str, Any]:
    return audit.snapshot(clue, _AUDITED)


_EDITABLE = ("title", "content", "source_ref", "priority", "fraud_type")


def update_clue(user: Any, clue: Clue, changes: dict[str, Any], *, version: int | None = None) -> Clue:
    """Edits the clue's facts (not its chain); only its owning tree, only while it is not closed."""
    require(user, Perm.DISPATCH_CLUES, clue.owner_unit)
    data = ClueData(**{k: getattr(clue, k) for k in ("source", *_EDITABLE)})
    for key in (*_EDITABLE, "indicators"):
        if key in changes and changes[key] is not None:
            setattr(data, key, changes[key])
    validate(data)
    _check_unique_ref(data, exclude=clue.pk)
    with transaction.atomic():
        clue = _locked(clue, version)
        if clue.status == ClueStatus.CLOSED:
            raise DomainError("线索已办结，不能修改", code="bad_state")
        before = _snap(clue)
        for key in _EDITABLE:
            setattr(clue, key, getattr(data, key))
        if clue.status == ClueStatus.NEW:
            refresh_due(clue, None)
        _save(clue)
        if data.indicators is not None and "indicators" in changes:
            set_indicators(clue, data.indicators)
            _sight(clue)
        old, new = audit.changed(before, _snap(clue))
        audit.record(AuditAction.UPDATE, clue, summary=f"修改线索 {clue.number}", before=old, after=new)
    return clue


def _locked(clue: Clue, version: int | None = None) -> Clue:
    locked = Clue.objects.select_for_update(of=("self",))
    fresh = locked.select_related("owner_unit", "holder_unit").get(pk=clue.pk)
    if version is not None and fresh.version != version:
        raise Conflict("该线索已被他人修改，请刷新后重试", code="stale")
    return fresh


def _save(clue: Clue) -> None:
    clue.version += 1
    clue.save()


# ---- the chain ------------------------------------------------------------------------------

ACTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "dispatch": ("下发", OPEN_STATUSES),
    "acknowledge": ("签收", (ClueStatus.DISPATCHED,)),
    "assess": ("研判", (ClueStatus.ASSESSING,)),
    "feedback": ("反馈", (ClueStatus.ASSESSING,)),
    "close": ("办结", (ClueStatus.FEEDBACK,)),
}


def allowed(user: Any, clue: Clue, action: str) -> bool:
    """Whether the action is open to the user now (pages show only these buttons)."""
    try:
        _check(user, clue, action)
    except DomainError:
        return False
    return True


def _check(user: Any, clue: Clue, action: str) -> None:
    label, states = ACTIONS[action]
    require(user, Perm.DISPATCH_CLUES)
    if clue.status not in states:
        raise DomainError(f"线索当前状态为“{clue.get_status_display()}”，不能{label}", code="bad_state")
    actor = coordinator(clue) if action == "close" else clue.holder_unit
    if user.unit_id != actor.pk:
        raise NotHolder(f"只有当前承办单位（{actor.name}）可以{label}此线索")


def dispatch_targets(clue: Clue) -> list[OrgUnit]:
    """Units the holder may send the clue to: active districts and stations below it, and the
    holder itself while the clue is new (本单位自办)."""
    holder = clue.holder_unit
    below = OrgUnit.objects.descendants_of(holder, include_self=False)
    targets = list(below.filter(is_active=True, kind__in=_TARGET_KINDS).order_by("path"))
    if clue.status == ClueStatus.NEW and holder.kind in POLICE_KINDS:
        targets.insert(0, holder)
    return targets


def _check_target(clue: Clue, to_unit: OrgUnit) -> None:
    holder = clue.holder_unit
    if not to_unit.is_within(holder):
        _refuse_target(
            f"{to_unit.name}不在{holder.name}的辖区内，线索只能下发给本单位的下级单位", "outside_tree"
        )
    if to_unit.kind not in POLICE_KINDS:
        _refuse_target("线索只能下发给公安单位（分局或派出所）")
    if to_unit.pk == holder.pk and clue.status != ClueStatus.NEW:
        _refuse_target("线索已在本单位，无需再次下发")
    if not to_unit.is_active:
        _refuse_target(f"{to_unit.name}已停用，不能接收线索")


def _refuse_target(message: str, code: str = "bad_target") -> None:
    raise DomainError(message, code=code, fields={"to_unit": message})


def dispatch(
    user: Any, clue: Clue, to_unit: OrgUnit, *, note: str = "", now: datetime | None = None
) -> ClueHop:
    now = now or timezone.now()
    with transaction.atomic():
        clue = _locked(clue)
        _check(user, clue, "dispatch")
        _check_target(clue, to_unit)
        before = _snap(clue)
        previous = current_hop(clue)
        if previous is not None:
            previous.acknowledged_at = previous.acknowledged_at or now
            previous.forwarded_at, previous.is_current = now, False
            previous.save()
        hop = _send(user, clue, to_unit, note, now, previous)
        what = "本单位自办" if to_unit.pk == hop.from_unit_id else f"下发至 {to_unit.name}"
        _audit_step(clue, f"线索 {clue.number} {what}", before)
    return hop


def _send(
    user: Any, clue: Clue, to_unit: OrgUnit, note: str, now: datetime, previous: ClueHop | None
) -> ClueHop:
    hop = ClueHop(
        clue=clue, seq=(previous.seq + 1) if previous else clue.hops.count() + 1, from_unit=clue.holder_unit,
        to_unit=to_unit, sent_by=user if getattr(user, "pk", None) else None, note=note.strip()[:500],
        sent_at=now,
    )  # fmt: skip
    hop_deadlines(hop, clue.priority)
    handled_here = to_unit.pk == clue.holder_unit_id
    hop.acknowledged_at = now if handled_here else None
    hop.save()
    clue.addressed_units.add(to_unit)
    clue.scope_unit = to_unit  # each hop goes down (or stays), so the newest receiver is the deepest
    clue.holder_unit = to_unit
    clue.status = ClueStatus.ASSESSING if handled_here else ClueStatus.DISPATCHED
    refresh_due(clue, hop)
    _save(clue)
    return hop


def _audit_step(clue: Clue, summary: str, before: dict[str, Any]) -> None:
    old, new = audit.changed(before, _snap(clue))
    audit.record(AuditAction.UPDATE, clue, summary=summary, before=old, after=new)


def _step(user: Any, clue: Clue, action: str) -> tuple[Clue, ClueHop, dict[str, Any]]:
    clue = _locked(clue)
    _check(user, clue, action)
    hop = current_hop(clue)
    assert hop is not None  # dispatched and assessing clues always have a current hop
    return clue, hop, _snap(clue)


def acknowledge(user: Any, clue: Clue, *, now: datetime | None = None) -> Clue:
    now = now or timezone.now()
    with transaction.atomic():
        clue, hop, before = _step(user, clue, "acknowledge")
        hop.acknowledged_at = now
        hop.save()
        clue.status = ClueStatus.ASSESSING
        refresh_due(clue, hop)
        _save(clue)
        _audit_step(clue, f"签收线索 {clue.number}", before)
    return clue


def assess(user: Any, clue: Clue, text: str, *, now: datetime | None = None) -> Clue:
    now = now or timezone.now()
    if not text.strip():
        raise DomainError("请填写研判意见", fields={"text": "请填写研判意见"})
    with transaction.atomic():
        clue, hop, before = _step(user, clue, "assess")
        if hop.assessed_at is not None:
            raise DomainError("本单位已提交研判意见", code="bad_state")
        hop.assessed_at, hop.assessment = now, text.strip()
        hop.save()
        refresh_due(clue, hop)
        _save(clue)
        _audit_step(clue, f"研判线索 {clue.number}", before)
    return clue


def feedback(user: Any, clue: Clue, result: str, text: str, *, now: datetime | None = None) -> Clue:
    now = now or timezone.now()
    errors = {}
    if result not in FeedbackResult.values:
        errors["result"] = "请选择反馈结果"
    if not text.strip():
        errors["text"] = "请填写反馈内容"
    if errors:
        raise DomainError("；".join(errors.values()), fields=errors)
    with transaction.atomic():
        clue, hop, before = _step(user, clue, "feedback")
        hop.feedback_at = now
        hop.assessed_at = hop.assessed_at or now
        hop.save()
        clue.result, clue.feedback_text, clue.feedback_at = result, text.strip(), now
        clue.status = ClueStatus.FEEDBACK
        clue.holder_unit = coordinator(clue)
        refresh_due(clue, hop)
        _save(clue)
        _audit_step(clue, f"反馈线索 {clue.number}：{clue.get_result_display()}", before)
    return clue


def close(user: Any, clue: Clue, *, now: datetime | None = None) -> Clue:
    now = now or timezone.now()
    with transaction.atomic():
        clue = _locked(clue)
        _check(user, clue, "close")
        before = _snap(clue)
        clue.status, clue.closed_at = ClueStatus.CLOSED, now
        _save(clue)
        _audit_step(clue, f"办结线索 {clue.number}", before)
    return clue


def related(user: Any, clue: Clue) -> list[detect.Related]:
    items = list(clue.indicators.values_list("kind", "value"))
    return detect.related_sources(items, user=user, exclude=("clue", str(clue.pk))) if items else []


def can_edit(user: Any, clue: Clue) -> bool:
    return clue.status != ClueStatus.CLOSED and user.can(Perm.DISPATCH_CLUES) and owns(user, clue.owner_unit)


# ---- bulk intake (Excel) --------------------------------------------------------------------


def save_imported(user: Any, data: ClueData, existing: Clue | None, now: datetime) -> bool:
    """Creates the clue, or updates the one with the same source and number; True when created.
    The caller audits the whole import once."""
    if existing is None:
        clue = build_clue(user, data, now)
        if user.unit.kind in PARTNER_KINDS:
            _report(user, clue, default_receiver(), now)
        _sight(clue)
        return True
    for key in _EDITABLE:
        setattr(existing, key, getattr(data, key))
    if existing.status == ClueStatus.NEW:
        refresh_due(existing, None)
    _save(existing)
    set_indicators(existing, data.indicators or [])
    _sight(existing)
    return False
