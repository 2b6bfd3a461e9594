"""LinkedIn's `Connections.csv`, as LinkedIn exports it.

The real file (Settings > Data privacy > Get a copy of your data > Connections)
starts with a preamble before the header, e.g.::

    Notes:
    "When exporting your connection data, you may notice that some of the email
    addresses are missing. ..."

    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Ada,Lovelace,https://www.linkedin.com/in/ada-l,,"Engines, Ltd",CTO,25 Nov 2026

Quirks handled: the header is found by its column names, not its line number
(older exports have no preamble, no URL column, or another order); fields are
quoted with commas and line breaks inside; most emails are empty (members
choose whether to share them); dates read `25 Nov 2026` (older exports and
spreadsheets re-saving the file give `11/25/26` or ISO dates); a BOM or another
encoding (see `files.read_text`). Mapping: first + last name -> name, email,
company, position -> role, URL -> linkedin, connected on -> how met, tag
"linkedin".
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from threety_tui.core.dates import MONTHS
from threety_tui.core.errors import InputError
from threety_tui.core.io.files import bad_file, read_text
from threety_tui.core.io.rows import (
    LINKEDIN,
    MAX_RECORDS,
    Parsed,
    Row,
    Skip,
    Where,
    clean_email,
    emails_left_out,
    is_linkedin,
    over_limit,
    too_many,
)
from threety_tui.core.models import Contact
from threety_tui.core.text import one_line

WHAT = "a LinkedIn connections export (Connections.csv)"
TAG = "linkedin"
HEADER_SEARCH_LIMIT = 100
"""Records looked at for the header row; the real preamble is three lines."""

COLUMNS: dict[str, tuple[str, ...]] = {
    "first": ("first name", "given name"),
    "last": ("last name", "surname", "family name"),
    "url": ("url", "profile url", "linkedin url"),
    "email": ("email address", "e-mail address", "email"),
    "company": ("company",),
    "position": ("position", "job title"),
    "connected": ("connected on",),
}
HEADER_EXAMPLE = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def read_linkedin(path: Path | str) -> Parsed:
    """Read the file; `InputError` if it is not a LinkedIn connections export."""
    path = Path(path)
    return parse_linkedin(read_text(path, WHAT), path)


def parse_linkedin(text: str, path: Path) -> Parsed:
    # The csv module refuses a field over 131,072 characters, which would refuse the
    # whole file; read it (no field is longer than the text, already in memory) and
    # skip its record with the reason (`over_limit`), like any other field over a limit.
    with _field_size_limit(len(text) + 1):
        return _parse(text, path)


@contextlib.contextmanager
def _field_size_limit(limit: int) -> Iterator[None]:
    before = csv.field_size_limit()
    csv.field_size_limit(max(before, min(limit, sys.maxsize)))
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _parse(text: str, path: Path) -> Parsed:
    reader = csv.reader(_lines(text))
    columns: dict[str, int] | None = None
    width = 0
    rows: list[Row] = []
    skipped: list[Skip] = []
    next_line = 1
    last_over = 0
    """The line of the last record when it spans lines: a quote never closed may have
    swallowed the rest of the file into it (`_check_closed`)."""
    try:
        for seen, record in enumerate(reader):
            line, next_line = next_line, reader.line_num + 1
            last_over = 0
            if columns is None:
                if seen >= HEADER_SEARCH_LIMIT:
                    break
                columns = _header(record)
                width = len(record)
                continue
            if not record:
                continue  # a blank line
            if len(rows) + len(skipped) >= MAX_RECORDS:
                raise InputError(too_many(path, len(rows) + len(skipped) + 1))
            result = _row(record, columns, width, Where(line))
            if isinstance(result, Row):
                rows.append(result)
            else:
                skipped.append(result)
            if next_line - line > 1:
                last_over = line
        if last_over:
            _check_closed(text, last_over)
    except csv.Error as error:
        raise bad_file(
            path, f"cannot be read as CSV near line {reader.line_num} ({error}); is it {WHAT}?"
        ) from None
    if columns is None:
        raise bad_file(
            path,
            f"is not {WHAT}: no header row like {HEADER_EXAMPLE!r} was found",
        )
    return Parsed(path, LINKEDIN, tuple(rows), tuple(skipped))


def _check_closed(text: str, line: int) -> None:
    """`csv.Error` when the record at `line` (the last) ends inside a quoted field: it ran
    to the end of the file, which the csv module's lenient reading accepts as a field."""
    tail = itertools.islice(_lines(text), line - 1, None)
    for _ in csv.reader(tail, strict=True):
        pass


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings (CRLF, CR or LF), one at a time.

    What `io.StringIO(text, newline="")` gives the csv reader, without its copy
    of the whole text at four bytes a character (240 MB for a 60 MB file).
    """
    for match in _LINE.finditer(text):
        if match.start() == match.end():
            return
        yield match.group()


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def _header(record: list[str]) -> dict[str, int] | None:
    """Column positions if this record is the header row, else None."""
    names = [" ".join(cell.replace("\ufeff", "").split()).casefold() for cell in record]
    columns: dict[str, int] = {}
    for key, aliases in COLUMNS.items():
        for index, name in enumerate(names):
            if name in aliases:
                columns[key] = index
                break
    known = {"first", "last"} <= columns.keys()
    return columns if known and len(columns) >= 3 else None


def _row(record: list[str], columns: dict[str, int], width: int, where: Where) -> Row | Skip:
    def cell(key: str) -> str:
        index = columns.get(key)
        return record[index] if index is not None and index < len(record) else ""

    if not any(value.strip() for value in record):
        return Skip(where, "an empty row")
    if len(record) > width and any(value.strip() for value in record[width:]):
        return Skip(
            where,
            f"has {len(record)} fields where the header has {width} (a comma outside quotes?)",
            one_line(",".join(record))[:60],
        )
    name = one_line(f"{cell('first')} {cell('last')}")
    url = cell("url").strip()
    company = one_line(cell("company"))
    if not name:
        return Skip(where, "no name", url or company)
    email = clean_email(cell("email"))
    contact = Contact(
        name=name,
        email=email,
        company=company,
        role=one_line(cell("position")),
        how_met=how_met(cell("connected")),
        linkedin=url if is_linkedin(url) else "",
        tags=(TAG,),
    )
    if problem := over_limit(contact):
        return Skip(where, problem, name[:60])
    left_out = emails_left_out([cell("email")])
    return Row(contact, where, (email,) if email else (), left_out)


def how_met(connected_on: str) -> str:
    """ "LinkedIn connection since 25 Nov 2026" (the raw text if it is no date we know)."""
    raw = one_line(connected_on)
    if not raw:
        return "LinkedIn connection"
    day = parse_connected(raw)
    if day is None:
        return f"LinkedIn connection since {raw}"
    return (
        f"LinkedIn connection since {day.day} {MONTHS[day.month - 1][:3].capitalize()} {day.year}"
    )


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[\s-]+([a-z]+)\.?,?[\s-]+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_connected(text: str) -> date | None:
    """A "Connected On" value: `25 Nov 2026`, `Nov 25, 2026`, `11/25/26`, `2026-11-25`.

    Numeric dates are month first (LinkedIn's US convention) unless the first
    number cannot be a month; two-digit years are 20xx. Month names are read
    without the locale, so the result does not depend on the user's settings.
    """
    words = " ".join(text.strip().lower().split())
    try:
        if match := _DAY_MONTH_YEAR.match(words):
            month = _month(match.group(2))
            return date(int(match.group(3)), month, int(match.group(1))) if month else None
        if match := _MONTH_DAY_YEAR.match(words):
            month = _month(match.group(1))
            return date(int(match.group(3)), month, int(match.group(2))) if month else None
        if match := _NUMERIC.match(words):
            first, second, year = (int(g) for g in match.groups())
            year += 2000 if year < 100 else 0
            month, day = (first, second) if first <= 12 else (second, first)
            return date(year, month, day)
        if match := _ISO.match(words):
            return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None
    return None


def _month(name: str) -> int | None:
    if len(name) < 3:
        return None
    if name == "sept":
        return 9
    return next((n for n, month in enumerate(MONTHS, start=1) if month.startswith(name)), None)
