"""The effective length of an internship, counted the way the attestation de stage counts it.

Code de l'éducation, art. D124-6: every period of at least 7 hours of presence, consecutive or
not, is one day of internship, and every period of at least 22 such days is one month. Only
complete periods count, so both divisions round down: 300 hours are 42 days (the 6 hours left
do not make a day), and 42 days are 1 month and 20 days. Pure Python, no Django.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

HOURS_PER_DAY = 7
DAYS_PER_MONTH = 22
WORKING_DAYS_PER_WEEK = 5


@dataclass(frozen=True)
class EffectiveDuration:
    hours: Decimal  # hours of presence, as entered or computed
    days: int  # complete 7-hour days
    months: int  # complete 22-day months
    extra_days: int  # days left over after the months (0 to 21)


def duration_from_hours(hours: Decimal | int | float | str) -> EffectiveDuration:
    """Days and months of presence for ``hours`` (e.g. 154 h → 22 days → 1 month)."""
    value = Decimal(str(hours))
    if value < 0:
        raise ValueError("hours must not be negative")
    days = int((value / HOURS_PER_DAY).to_integral_value(rounding=ROUND_FLOOR))
    months, extra_days = divmod(days, DAYS_PER_MONTH)
    return EffectiveDuration(hours=value, days=days, months=months, extra_days=extra_days)


def working_days(start: dt.date, end: dt.date) -> int:
    """Monday-to-Friday days from ``start`` to ``end`` inclusive (public holidays not removed)."""
    if end < start:
        return 0
    weeks, rest = divmod((end - start).days + 1, 7)
    count = weeks * WORKING_DAYS_PER_WEEK
    for offset in range(rest):
        if (start + dt.timedelta(days=weeks * 7 + offset)).weekday() < WORKING_DAYS_PER_WEEK:
            count += 1
    return count


def presence_hours(
    *,
    start: dt.date,
    end: dt.date,
    weekly_hours: Decimal | int | str,
    days_absent: Decimal | int | str = 0,
) -> Decimal:
    """Hours of presence from a weekly schedule spread over five days, minus the days absent.

    An approximation for when nobody counted the hours: public holidays and a schedule on
    other days than Monday to Friday are not known here, so the intern or the organisation
    may type the total instead.
    """
    per_day = Decimal(str(weekly_hours)) / WORKING_DAYS_PER_WEEK
    present = Decimal(working_days(start, end)) - Decimal(str(days_absent))
    return max(Decimal(0), (per_day * present).quantize(Decimal("0.01")))
