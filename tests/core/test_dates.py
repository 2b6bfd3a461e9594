"""Dates as people type and read them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threety_tui.core.dates import (
    due_words,
    met_phrase,
    parse_date,
    relative,
    short,
    since_phrase,
)
from threety_tui.core.errors import InputError

WED = date(2026, 11, 25)  # a Wednesday


def days(n: int) -> date:
    return WED + timedelta(days=n)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", date(2026, 11, 20)),
        ("2026-1-5", date(2026, 1, 5)),
        ("  2026-11-20 ", date(2026, 11, 20)),
        ("today", WED),
        ("Now", WED),
        ("yesterday", days(-1)),
        ("TOMORROW", days(1)),
        ("monday", date(2026, 11, 23)),
        ("Tue", date(2026, 11, 24)),
        ("wednesday", WED),  # a bare weekday: the most recent one, today included
        ("on friday", date(2026, 11, 20)),
        ("last wed", days(-7)),
        ("last tuesday", date(2026, 11, 24)),
        ("next monday", date(2026, 11, 30)),
        ("next wednesday", days(7)),
        ("3 days ago", days(-3)),
        ("1 day ago", days(-1)),
        ("a day ago", days(-1)),
        ("2 weeks ago", days(-14)),
        ("a week ago", days(-7)),
        ("one month ago", date(2026, 10, 25)),
        ("2 years ago", date(2024, 11, 25)),
        ("in 2 weeks", days(14)),
        ("in 10 days", days(10)),
        ("in a month", date(2026, 12, 25)),
        ("in  1   year", date(2027, 11, 25)),
        ("next week", days(7)),
        ("next month", date(2026, 12, 25)),
        ("20 Nov", date(2026, 11, 20)),
        ("Nov 20", date(2026, 11, 20)),
        ("november 20th", date(2026, 11, 20)),
        ("3 Sept 2025", date(2025, 9, 3)),
        ("Sep 3, 2025", date(2025, 9, 3)),
        ("jan 1st", date(2026, 1, 1)),
        ("30 Dec", date(2025, 12, 30)),  # over a month ahead without a year: last year's
        ("20 Dec 2026", date(2026, 12, 20)),
        ("10 Dec", date(2026, 12, 10)),  # within a month ahead: this year
    ],
)
def test_parse_date_accepts_what_people_type(text: str, expected: date) -> None:
    assert parse_date(text, WED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wednesday", days(7)),
        ("friday", date(2026, 11, 27)),
        ("tue", date(2026, 12, 1)),
        ("30 Dec", date(2026, 12, 30)),
    ],
)
def test_future_dates_for_snoozing(text: str, expected: date) -> None:
    assert parse_date(text, WED, future=True) == expected


def test_month_end_arithmetic_is_clamped() -> None:
    assert parse_date("in 1 month", date(2026, 1, 31)) == date(2026, 2, 28)
    assert parse_date("1 year ago", date(2028, 2, 29)) == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Enter a date"),
        ("   ", "Enter a date"),
        ("soonish", "Cannot read 'soonish' as a date"),
        ("the day after", "Cannot read"),
        ("we", "Cannot read"),  # too short to be a weekday
        ("ma 3", "Cannot read"),  # too short to be a month
        ("2026-02-30", "not a real date"),
        ("2026-13-01", "not a real date"),
        ("31 Apr", "not a real date"),
        ("Feb 30 2025", "not a real date"),
        ("9999-12-31", "too far away"),
        ("in 99999999 days", "too far away"),
        ("in 10000 years", "too far away"),
        ("99999999 weeks ago", "too far away"),
        ("3 fortnights ago", "Cannot read"),
    ],
)
def test_junk_is_a_clear_input_error(text: str, says: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text, WED)
    message = str(caught.value)
    assert says in message
    assert message.endswith(".") and "\n" not in message


def test_29_february_of_a_missing_year_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="add the year"):
        parse_date("29 Feb", date(2028, 1, 10))  # would be 29 Feb 2027
    assert parse_date("29 Feb 2028", date(2028, 1, 10)) == date(2028, 2, 29)


@given(st.text(max_size=30))
def test_parse_date_never_fails_with_anything_but_an_input_error(text: str) -> None:
    try:
        parsed = parse_date(text, WED)
    except InputError as error:
        assert str(error)
    else:
        assert isinstance(parsed, date)


@pytest.mark.parametrize(
    ("offset", "words"),
    [
        (0, "today"),
        (-1, "yesterday"),
        (1, "tomorrow"),
        (-5, "5 days ago"),
        (3, "in 3 days"),
        (13, "in 13 days"),
        (14, "in 2 weeks"),
        (21, "in 3 weeks"),
        (-21, "3 weeks ago"),
        (62, "in 2 months"),
        (-400, "1 year ago"),
    ],
)
def test_relative(offset: int, words: str) -> None:
    assert relative(days(offset), WED) == words


@pytest.mark.parametrize(
    ("offset", "words"),
    [
        (0, "due today"),
        (1, "due tomorrow"),
        (5, "due in 5 days"),
        (21, "due in 3 weeks"),
        (-1, "1 day overdue"),
        (-4, "4 days overdue"),
        (-14, "2 weeks overdue"),
        (-70, "2 months overdue"),
    ],
)
def test_due_words(offset: int, words: str) -> None:
    assert due_words(days(offset), WED) == words


@pytest.mark.parametrize(
    ("days_ago", "phrase"),
    [
        (0, "today"),
        (-2, "today"),  # a meeting logged for later still reads sensibly
        (1, "yesterday"),
        (2, "on Monday"),
        (5, "on Friday"),
        (6, "on Thursday"),
        (7, "last week"),
        (13, "last week"),
        (14, "on 11 November"),
        (330, "on 30 December 2025"),
    ],
)
def test_met_phrase(days_ago: int, phrase: str) -> None:
    assert met_phrase(days(-days_ago), WED) == phrase


@pytest.mark.parametrize(
    ("days_ago", "phrase"),
    [
        (1, "yesterday"),
        (10, "last week"),
        (20, "a few weeks ago"),
        (30, "last month"),
        (60, "in September"),
        (365, "in November 2025"),
    ],
)
def test_since_phrase(days_ago: int, phrase: str) -> None:
    assert since_phrase(days(-days_ago), WED) == phrase


def test_short() -> None:
    assert short(WED) == "Wed 25 Nov 2026"
    assert short(date(2027, 1, 3)) == "Sun 3 Jan 2027"


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("5 business days ago", date(2026, 11, 25), date(2026, 11, 18)),  # Wed to Wed
        ("1 business day ago", date(2026, 11, 23), date(2026, 11, 20)),  # Mon to Fri
        ("a business day ago", date(2026, 11, 23), date(2026, 11, 20)),
        ("in 3 business days", date(2026, 11, 26), date(2026, 12, 1)),  # Thu to Tue
    ],
)
def test_business_days_are_counted_as_the_nudges_count_them(
    text: str, today: date, expected: date
) -> None:
    """QA: "5 business days ago" was refused in the Mark sent form."""
    assert parse_date(text, today) == expected


def test_the_date_hint_names_business_days() -> None:
    with pytest.raises(InputError, match="5 business days ago"):
        parse_date("5 business days", WED)
    with pytest.raises(InputError, match="Cannot read"):
        parse_date("in 5 business days ago", WED)
    with pytest.raises(InputError, match="too far away"):
        parse_date("in 99999999 business days", WED)
