"""Dates as people type and read them: parsing "3 days ago", wording "in 2 weeks"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from threety_tui.core import business_days
from threety_tui.core.errors import InputError
from threety_tui.core.models import MAX_YEAR

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_UNITS = {"day": 1, "week": 7}
_AGO = re.compile(r"^(?:(\d+)|an?|one)\s+(day|week|month|year)s?\s+ago$")
_BUSINESS = re.compile(r"^(?:(in)\s+)?(?:(\d+)|an?|one)\s+business\s+days?(?:\s+(ago))?$")
"""`5 business days ago`, `in 3 business days`: counted as the nudges are (`business_days`)."""
_IN = re.compile(r"^in\s+(?:(\d+)|an?|one)\s+(day|week|month|year)s?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?(?:,?\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")


def today() -> date:
    """The local date; code that needs a fixed "now" takes a `today` argument instead."""
    return date.today()


def _shift(base: date, amount: int, unit: str) -> date:
    if unit in _UNITS:
        return base + timedelta(days=amount * _UNITS[unit])
    import pendulum  # imported on use: it costs start-up time everywhere else

    p = pendulum.Date(base.year, base.month, base.day)
    shifted = p.add(months=amount) if unit == "month" else p.add(years=amount)
    return date(shifted.year, shifted.month, shifted.day)


def _month(name: str) -> int | None:
    for number, month in enumerate(MONTHS, start=1):
        if len(name) >= 3 and month.startswith(name):
            return number
    return None


def parse_date(text: str, today: date, *, future: bool = False) -> date:
    """Read a date as a person types it.

    Accepts ISO dates (`2026-11-20`), `today`, `yesterday`, `tomorrow`, weekday
    names, `3 days ago`, `5 business days ago`, `in 2 weeks`, `in 3 business
    days`, `next week`, and `20 Nov` / `Nov 20`
    (optionally with a year). A bare weekday means the most recent one (today
    included), or the next one when `future` is set (for snoozing).
    """
    try:
        found = _parse_date(text, today, future)
    except (OverflowError, ValueError):  # "in 99999 years": past what a date can hold
        found = None
    if found is None or found.year > MAX_YEAR:
        raise InputError(f"{text.strip()!r} is too far away; enter a date before {MAX_YEAR + 1}.")
    return found


def _parse_date(text: str, today: date, future: bool) -> date:
    words = " ".join(text.strip().lower().split())
    if not words:
        raise InputError("Enter a date, e.g. 2026-11-20, yesterday or 3 days ago.")
    fixed = {"today": 0, "now": 0, "yesterday": -1, "tomorrow": 1}
    if words in fixed:
        return today + timedelta(days=fixed[words])
    if words == "next week":
        return today + timedelta(days=7)
    if words == "next month":
        return _shift(today, 1, "month")
    weekday = words.removeprefix("last ").removeprefix("next ").removeprefix("on ")
    if weekday in WEEKDAYS or (len(weekday) >= 3 and any(d.startswith(weekday) for d in WEEKDAYS)):
        target = next(i for i, d in enumerate(WEEKDAYS) if d.startswith(weekday))
        ahead = future or words.startswith("next ")
        if ahead:
            return today + timedelta(days=(target - today.weekday() - 1) % 7 + 1)
        back = (today.weekday() - target) % 7
        if words.startswith("last ") and back == 0:
            back = 7
        return today - timedelta(days=back)
    if (match := _BUSINESS.match(words)) and bool(match.group(1)) != bool(match.group(3)):
        count = int(match.group(2) or 1)
        return business_days.add(today, count if match.group(1) else -count)
    if match := _AGO.match(words):
        return _shift(today, -int(match.group(1) or 1), match.group(2))
    if match := _IN.match(words):
        return _shift(today, int(match.group(1) or 1), match.group(2))
    if re.match(r"^\d{4}-\d{1,2}-\d{1,2}$", words):
        try:
            numbers = [int(p) for p in words.split("-")]
            return date(*numbers)
        except ValueError:
            raise InputError(f"{text.strip()!r} is not a real date.") from None
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        if match := pattern.match(words):
            month = _month(match.group(month_group))
            if month is None:
                break
            year = int(match.group(3)) if match.group(3) else today.year
            try:
                found = date(year, month, int(match.group(day_group)))
            except ValueError:
                raise InputError(f"{text.strip()!r} is not a real date.") from None
            if not match.group(3) and not future and found > today + timedelta(days=31):
                try:  # "20 Dec" said in January: last year
                    found = found.replace(year=year - 1)
                except ValueError:  # 29 Feb
                    raise InputError(
                        f"{text.strip()!r} is not a real date in {year - 1}; add the year."
                    ) from None
            return found
    raise InputError(
        f"Cannot read {text.strip()!r} as a date; try 2026-11-20, today, yesterday, "
        "friday, 3 days ago or 5 business days ago."
    )


def relative(day: date, today: date) -> str:
    """ "today", "yesterday", "tomorrow", "5 days ago", "in 3 weeks"."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == -1:
        return "yesterday"
    if delta == 1:
        return "tomorrow"
    words = _span(abs(delta))
    return f"in {words}" if delta > 0 else f"{words} ago"


def due_words(due: date, today: date) -> str:
    """ "due today", "due tomorrow", "due in 2 weeks", "4 days overdue"."""
    delta = (due - today).days
    if delta == 0:
        return "due today"
    if delta == 1:
        return "due tomorrow"
    if delta > 1:
        return f"due in {_span(delta)}"
    return f"{_span(-delta)} overdue"


def _span(days: int) -> str:
    """About how long: days under two weeks, then weeks, months, years.

    Plain arithmetic rather than pendulum's `diff_for_humans`: this runs for
    every visible row, and pendulum's first call loads its locale (~40 ms).
    """
    if days < 14:
        return _plural(days, "day")
    if days < 31:
        return _plural(round(days / 7), "week")
    if days < 365:
        return _plural(min(11, max(1, round(days / 30.44))), "month")
    return _plural(max(1, round(days / 365.25)), "year")


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" + ("" if count == 1 else "s")


def met_phrase(when: date, today: date) -> str:
    """How a thank-you names the meeting day: "yesterday", "on Tuesday", "last week"."""
    delta = (today - when).days
    if delta <= 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if delta < 7:
        return "on " + WEEKDAYS[when.weekday()].capitalize()
    if delta < 14:
        return "last week"
    if when.year == today.year:
        return f"on {when.day} {MONTHS[when.month - 1].capitalize()}"
    return f"on {when.day} {MONTHS[when.month - 1].capitalize()} {when.year}"


def since_phrase(when: date, today: date) -> str:
    """How a follow-up refers back to the meeting: "last month", "in September"."""
    delta = (today - when).days
    if delta < 14:
        return met_phrase(when, today)
    if delta < 28:
        return "a few weeks ago"
    if (today.year * 12 + today.month) - (when.year * 12 + when.month) == 1:
        return "last month"
    if when.year == today.year:
        return f"in {MONTHS[when.month - 1].capitalize()}"
    return f"in {MONTHS[when.month - 1].capitalize()} {when.year}"


def short(day: date, today: date | None = None) -> str:
    """The one way the app writes a day: "Tue 24 Nov", with the year when it is not this one.

    Without `today` the year is always there ("Tue 24 Nov 2026"): for files and
    output read later, away from the day they were written.
    """
    text = f"{WEEKDAYS[day.weekday()][:3].capitalize()} {day.day} {MONTHS[day.month - 1][:3].capitalize()}"
    return text if today is not None and day.year == today.year else f"{text} {day.year}"
