"""Business days (spec section 8): weekends skipped, checked against a day-by-day walk.

The walk asks pendulum which days are Saturday and Sunday, an implementation
independent of the week arithmetic in `business_days`.
"""

from __future__ import annotations

from datetime import date, timedelta

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from threety_tui.core import business_days

DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
COUNTS = st.integers(min_value=-60, max_value=60)
WEEKEND = {pendulum.SATURDAY, pendulum.SUNDAY}


def weekday(day: date) -> bool:
    return pendulum.Date(day.year, day.month, day.day).day_of_week not in WEEKEND


def walk_add(day: date, count: int) -> date:
    step = timedelta(days=1 if count > 0 else -1)
    left = abs(count)
    while left:
        day += step
        if weekday(day):
            left -= 1
    return day


def walk_between(start: date, end: date) -> int:
    if end < start:
        return -walk_between(end, start)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += weekday(day)
    return count


@given(day=DATES, count=COUNTS)
def test_add_matches_a_walk_over_the_calendar(day: date, count: int) -> None:
    assert business_days.add(day, count) == walk_add(day, count)


@given(day=DATES, count=st.integers(min_value=1, max_value=400))
def test_add_lands_on_a_weekday_and_between_undoes_it(day: date, count: int) -> None:
    later = business_days.add(day, count)
    assert business_days.is_business_day(later)
    assert business_days.between(day, later) == count
    assert business_days.between(later, day) == -count


@given(start=DATES, days=st.integers(min_value=-90, max_value=90))
def test_between_matches_a_walk(start: date, days: int) -> None:
    end = start + timedelta(days=days)
    assert business_days.between(start, end) == walk_between(start, end)


@given(start=DATES, a=st.integers(0, 60), b=st.integers(0, 60))
def test_between_adds_up(start: date, a: int, b: int) -> None:
    middle, end = start + timedelta(days=a), start + timedelta(days=a + b)
    assert business_days.between(start, end) == business_days.between(
        start, middle
    ) + business_days.between(middle, end)


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        (date(2026, 11, 25), 3, date(2026, 11, 30)),  # Wed + 3: Thu, Fri, Mon
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Fri + 1: Mon
        (date(2026, 11, 28), 1, date(2026, 11, 30)),  # sent on Saturday: Mon is the first
        (date(2026, 11, 29), 3, date(2026, 12, 2)),  # Sunday + 3: Wed
        (date(2026, 11, 24), 7, date(2026, 12, 3)),  # Tue + 7: next week's Thu
        (date(2026, 11, 30), -1, date(2026, 11, 27)),  # Mon - 1: Fri
        (date(2026, 11, 29), -1, date(2026, 11, 27)),  # Sun - 1: Fri
        (date(2026, 11, 25), 0, date(2026, 11, 25)),
    ],
)
def test_add_examples(day: date, count: int, expected: date) -> None:
    assert business_days.add(day, count) == expected


def test_between_examples() -> None:
    fri, sat, sun, mon = (date(2026, 11, d) for d in (27, 28, 29, 30))
    assert business_days.between(fri, mon) == 1
    assert business_days.between(fri, sun) == 0  # the weekend adds nothing
    assert business_days.between(sat, mon) == 1
    assert business_days.between(mon, mon) == 0
