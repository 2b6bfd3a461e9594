"""Business days: Monday to Friday (spec section 8: "business days skip Saturday and Sunday").

No holidays: they differ by country and employer, and a nudge a day early is
harmless. Sums are worked out in whole weeks, so a date years away costs the
same as tomorrow. pendulum has no business-day arithmetic; the tests check
these functions against a day-by-day walk with pendulum's weekdays.
"""

from __future__ import annotations

from datetime import date, timedelta

_WEEK = 5
"""Business days in a week."""


def is_business_day(day: date) -> bool:
    return day.weekday() < _WEEK


def _back_to_business_day(day: date) -> date:
    """The day itself, or the Friday before a Saturday or Sunday."""
    weekday = day.weekday()
    return day - timedelta(days=weekday - 4) if weekday >= _WEEK else day


def add(day: date, count: int) -> date:
    """The date `count` business days after `day` (before it, for a negative count).

    Counting starts on the next business day: Friday + 1 is Monday, and a
    message sent on Saturday + 1 is Monday too. `count` 0 gives `day` itself.
    """
    if count == 0:
        return day
    if count < 0:
        return _subtract(day, -count)
    start = _back_to_business_day(day)  # Sat/Sun count as the Friday: Mon is then +1
    weeks, rest = divmod(count, _WEEK)
    weekday = start.weekday() + rest
    extra = 2 if weekday >= _WEEK else 0  # passes a weekend
    return start + timedelta(days=weeks * 7 + rest + extra)


def _subtract(day: date, count: int) -> date:
    """`count` (> 0) business days before `day`: Monday - 1 is the Friday before."""
    weekday = day.weekday()
    start = day + timedelta(days=7 - weekday) if weekday >= _WEEK else day  # Sat/Sun: as Monday
    weeks, rest = divmod(count, _WEEK)
    extra = 2 if start.weekday() - rest < 0 else 0
    return start - timedelta(days=weeks * 7 + rest + extra)


def between(start: date, end: date) -> int:
    """Business days after `start` up to and including `end` (negative when `end` is earlier).

    `between(d, add(d, n)) == n` for every business day count n. A reply on
    the day a message was sent is 0; Friday to Monday is 1.
    """
    if end < start:
        return -between(end, start)
    return _count_to(end) - _count_to(start)


def _count_to(day: date) -> int:
    """Business days from a fixed Monday up to and including `day`."""
    days = day.toordinal() - 1  # date(1, 1, 1), ordinal 1, is a Monday
    weeks, rest = divmod(days, 7)
    return weeks * _WEEK + min(rest + 1, _WEEK)
