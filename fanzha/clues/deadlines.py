"""Deadline arithmetic, pure: no database, no clock. Every function takes `now` when it needs one.

Times are aware datetimes; arithmetic is done in UTC so a deadline is the same instant whatever
zone the input was written in, and a 30-minute deadline at 23:50 in Shanghai is 00:20 next day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fanzha.clues.choices import Level, Priority

OK, WARNING, BREACHED, MET, LATE, NOT_APPLICABLE = "ok", "warning", "breached", "met", "late", "n/a"
STATE_NAMES = {
    OK: "时限内",
    WARNING: "即将超期",
    BREACHED: "已超期",
    MET: "按时完成",
    LATE: "超期完成",
    NOT_APPLICABLE: "不适用",
}


@dataclass(frozen=True)
class Policy:
    """Minutes allowed from the moment a hop is sent; the warning starts `warn_minutes` before the
    deadline when set, else in the last `warn_percent` of the allowed time."""

    dispatch_minutes: int
    assess_minutes: int
    feedback_minutes: int
    warn_percent: int = 20
    warn_minutes: int | None = None


# 即下发、即研判: the defaults a center starts with; the DeadlinePolicy table overrides them.
_BY_PRIORITY = {
    Priority.CRITICAL: Policy(10, 2 * 60, 24 * 60),
    Priority.URGENT: Policy(15, 12 * 60, 48 * 60),
    Priority.NORMAL: Policy(30, 24 * 60, 72 * 60),
}
DEFAULTS: dict[tuple[str, str], Policy] = {
    (level, priority): policy for level in Level.values for priority, policy in _BY_PRIORITY.items()
}


@dataclass(frozen=True)
class Deadline:
    due: datetime
    warn: datetime


def utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("deadline arithmetic needs aware datetimes")
    return moment.astimezone(UTC)


def deadline(start: datetime, minutes: int, policy: Policy) -> Deadline:
    start = utc(start)
    due = start + timedelta(minutes=minutes)
    return Deadline(due=due, warn=warn_from(start, due, policy))


def warn_from(start: datetime, due: datetime, policy: Policy) -> datetime:
    if policy.warn_minutes is not None:
        lead = timedelta(minutes=policy.warn_minutes)
    else:
        lead = (due - start) * policy.warn_percent / 100
    return max(start, due - lead)


def state(due: datetime | None, warn: datetime | None, done_at: datetime | None, now: datetime) -> str:
    """Where one deadline stands: met or late once done; ok, warning or breached while open."""
    if due is None:
        return NOT_APPLICABLE
    if done_at is not None:
        return MET if done_at <= due else LATE
    if now >= due:
        return BREACHED
    if warn is not None and now >= warn:
        return WARNING
    return OK


def remaining(due: datetime | None, now: datetime) -> str:
    """'剩 2小时5分' or '超 1天3小时' — for lists and the timeline."""
    if due is None:
        return ""
    seconds = int((due - now).total_seconds())
    prefix = "剩" if seconds >= 0 else "超"
    return prefix + _span(abs(seconds))


def _span(seconds: int) -> str:
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days}天{hours}小时"
    if hours:
        return f"{hours}小时{minutes}分"
    return f"{minutes}分"
