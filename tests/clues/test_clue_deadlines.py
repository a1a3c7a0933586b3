"""Deadline arithmetic with a frozen clock: UTC inside, any zone outside, across midnight."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from fanzha.clues import deadlines
from fanzha.clues.deadlines import Policy

SHANGHAI = ZoneInfo("Asia/Shanghai")
NORMAL = Policy(30, 24 * 60, 72 * 60)


def test_a_thirty_minute_deadline_at_2350_in_shanghai_falls_at_0020_next_day():
    sent = datetime(2026, 3, 1, 23, 50, tzinfo=SHANGHAI)
    due = deadlines.deadline(sent, 30, NORMAL).due
    assert due.tzinfo == UTC
    assert due.astimezone(SHANGHAI) == datetime(2026, 3, 2, 0, 20, tzinfo=SHANGHAI)
    assert due == datetime(2026, 3, 1, 16, 20, tzinfo=UTC)  # still the 1st in UTC


def test_the_same_instant_written_in_another_zone_gives_the_same_deadline():
    in_shanghai = datetime(2026, 3, 1, 9, 0, tzinfo=SHANGHAI)
    in_new_york = in_shanghai.astimezone(ZoneInfo("America/New_York"))
    assert deadlines.deadline(in_shanghai, 24 * 60, NORMAL) == deadlines.deadline(
        in_new_york, 24 * 60, NORMAL
    )


def test_a_72_hour_deadline_spans_three_calendar_days_and_a_month_end():
    sent = datetime(2026, 2, 28, 22, 0, tzinfo=SHANGHAI)
    due = deadlines.deadline(sent, 72 * 60, NORMAL).due.astimezone(SHANGHAI)
    assert due == datetime(2026, 3, 3, 22, 0, tzinfo=SHANGHAI)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="aware"):
        deadlines.deadline(datetime(2026, 3, 1, 9, 0), 30, NORMAL)


def test_the_warning_starts_in_the_last_fifth_by_default():
    sent = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
    dl = deadlines.deadline(sent, 100, NORMAL)
    assert dl.warn == sent + timedelta(minutes=80)


def test_a_fixed_warning_lead_overrides_the_percentage_but_never_precedes_the_start():
    sent = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
    assert deadlines.deadline(sent, 600, Policy(30, 600, 900, warn_minutes=60)).warn == sent + timedelta(
        hours=9
    )
    assert deadlines.deadline(sent, 30, Policy(30, 600, 900, warn_minutes=60)).warn == sent


@pytest.mark.parametrize(
    ("minutes_after_start", "done_after", "expected"),
    [
        (10, None, deadlines.OK),
        (25, None, deadlines.WARNING),
        (30, None, deadlines.BREACHED),
        (500, None, deadlines.BREACHED),
        (500, 29, deadlines.MET),
        (500, 30, deadlines.MET),
        (500, 31, deadlines.LATE),
    ],
)
def test_state_of_one_deadline(minutes_after_start, done_after, expected):
    start = datetime(2026, 3, 1, 15, 50, tzinfo=UTC)  # 23:50 in Shanghai
    dl = deadlines.deadline(start, 30, NORMAL)
    done = start + timedelta(minutes=done_after) if done_after is not None else None
    assert deadlines.state(dl.due, dl.warn, done, start + timedelta(minutes=minutes_after_start)) == expected


def test_no_deadline_is_not_applicable():
    assert deadlines.state(None, None, None, datetime(2026, 1, 1, tzinfo=UTC)) == deadlines.NOT_APPLICABLE


def test_remaining_reads_in_chinese_both_ways():
    now = datetime(2026, 3, 1, tzinfo=UTC)
    assert deadlines.remaining(now + timedelta(hours=2, minutes=5), now) == "剩2小时5分"
    assert deadlines.remaining(now - timedelta(days=1, hours=3), now) == "超1天3小时"
    assert deadlines.remaining(now + timedelta(minutes=7, seconds=30), now) == "剩7分"


def test_every_level_and_priority_has_a_default():
    assert deadlines.DEFAULTS[("station", "normal")] == Policy(30, 24 * 60, 72 * 60)
    assert len(deadlines.DEFAULTS) == 9
    assert deadlines.DEFAULTS[("city", "critical")].dispatch_minutes < 30
