"""The effective duration rule (art. D124-6): 7 hours make a day, 22 days a month, floors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bilan.schools.duration import duration_from_hours, presence_hours, working_days


@pytest.mark.parametrize(
    ("hours", "days", "months", "extra"),
    [
        (154, 22, 1, 0),  # exactly one month
        (300, 42, 1, 20),  # 300 / 7 = 42.86: the 6 hours left make no day
        (0, 0, 0, 0),
        (6.99, 0, 0, 0),  # under 7 hours: no day
        (7, 1, 0, 1),
        (153.5, 21, 0, 21),  # one hour short of a month
        (308, 44, 2, 0),
        ("1078.5", 154, 7, 0),
    ],
)
def test_hours_to_days_and_months(hours, days, months, extra):
    result = duration_from_hours(hours)
    assert (result.days, result.months, result.extra_days) == (days, months, extra)
    assert result.hours == Decimal(str(hours))


def test_negative_hours_are_refused():
    with pytest.raises(ValueError):
        duration_from_hours(-1)


def test_working_days_count_monday_to_friday_inclusive():
    monday = dt.date(2026, 4, 6)
    assert working_days(monday, monday) == 1
    assert working_days(monday, dt.date(2026, 4, 12)) == 5  # Monday to Sunday
    assert working_days(dt.date(2026, 4, 11), dt.date(2026, 4, 12)) == 0  # a weekend
    assert working_days(monday, dt.date(2026, 5, 1)) == 20  # four weeks
    assert working_days(monday, dt.date(2026, 4, 5)) == 0  # end before start


def test_presence_from_weekly_hours_minus_absences():
    monday, friday_4_weeks = dt.date(2026, 4, 6), dt.date(2026, 5, 1)
    # 35 h a week = 7 h a day; 20 working days, 2 absent: 18 days, 126 h.
    hours = presence_hours(start=monday, end=friday_4_weeks, weekly_hours=35, days_absent=2)
    assert hours == Decimal("126.00")
    assert duration_from_hours(hours).days == 18
    # Half a day absent, 24 h a week (4.8 h a day).
    assert presence_hours(
        start=monday, end=friday_4_weeks, weekly_hours="24", days_absent="0.5"
    ) == Decimal("93.60")
    # More absences than days: never negative.
    assert presence_hours(start=monday, end=monday, weekly_hours=35, days_absent=3) == 0
