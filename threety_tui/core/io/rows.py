"""What an importer reads out of a file, before it meets the database.

A parser turns a file into `Row`s (a contact, where it came from, and every
email the record had) and `Skip`s (why a record could not become a contact).
`merge.plan_import` then decides what each row does to the store. The keys
that decide "same person" live here too: an email, or a LinkedIn profile URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from threety_tui.core.io.limits import (
    CONFIRM_ABOVE,
    LIMITS,
    MAX_FIELD,
    MAX_NOTES,
    MAX_RECORDS,
    MAX_TAGS,
)
from threety_tui.core.models import Contact
from threety_tui.core.text import cut, visible

__all__ = ["CONFIRM_ABOVE", "LIMITS", "MAX_RECORDS"]

LINKEDIN = "linkedin"
VCARD = "vcard"
FORMAT_NAMES = {LINKEDIN: "LinkedIn connections", VCARD: "vCard contacts"}


@dataclass(frozen=True, slots=True)
class Where:
    """A place in the imported file: the physical line a record starts on (1-based),
    and for a vCard also the card's number."""

    line: int
    card: int | None = None

    def __str__(self) -> str:
        return f"card {self.card} (line {self.line})" if self.card else f"line {self.line}"


@dataclass(frozen=True, slots=True)
class Row:
    contact: Contact
    where: Where
    emails: tuple[str, ...] = ()
    """Every valid email of the record (the contact's own first); all are used to
    find an existing contact, only the first is stored."""
    left_out: str = ""
    """What of the record was not imported and why (an email that is not an address)."""


@dataclass(frozen=True, slots=True)
class Skip:
    where: Where
    reason: str
    label: str = ""
    """What the record names, if anything (a URL, a company), to help find it."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """A whole file read: its rows in file order, and the records skipped."""

    path: Path
    format: str
    rows: tuple[Row, ...]
    skipped: tuple[Skip, ...] = ()

    @property
    def records(self) -> int:
        return len(self.rows) + len(self.skipped)

    @property
    def description(self) -> str:
        return FORMAT_NAMES.get(self.format, self.format)


_ONE_LINE_FIELDS = ("name", "email", "company", "role", "how_met", "linkedin")


def over_limit(contact: Contact) -> str | None:
    """Why a contact read from a file is too big to import (a field over its limit), or None."""
    for name in _ONE_LINE_FIELDS:
        size = len(getattr(contact, name))
        if size > MAX_FIELD:
            what = name.replace("_", " ")
            return f"its {what} is {size:,} characters long (limit {MAX_FIELD:,})"
    if len(contact.notes) > MAX_NOTES:
        return f"its notes are {len(contact.notes):,} characters long (limit {MAX_NOTES:,})"
    if len(contact.tags) > MAX_TAGS:
        return f"it has {len(contact.tags):,} tags (limit {MAX_TAGS})"
    if any(len(tag) > MAX_FIELD for tag in contact.tags):
        return f"it has a tag over {MAX_FIELD:,} characters long"
    return None


def too_many(path: Path, records: int) -> str:
    return (
        f"{path}: has more than {MAX_RECORDS:,} records ({records:,} read so far); threety imports"
        f" at most {MAX_RECORDS:,} from one file: split it"
    )


_EMAIL = re.compile(r"^[^@\s<>,;:\"]+@[^@\s<>,;:\"]+\.[^@\s<>,;:\"]+$")


def clean_email(value: str) -> str:
    """The address trimmed (a `mailto:` dropped), or "" if it does not look like one."""
    value = value.strip()
    if value.lower().startswith("mailto:"):
        value = value[7:].strip()
    return value if _EMAIL.match(value) else ""


def emails_left_out(values: list[str]) -> str:
    """The report's words for the non-empty email fields `clean_email` refused, or "".

    A field such as "a@x.com?bcc=evil@e.com", or one with a line break and a
    "Bcc:" after it, must not become an address, nor be dropped without a word.
    """
    refused = [value for value in values if value.strip() and not clean_email(value)]
    if not refused:
        return ""
    shown = ", ".join(f"\u201c{cut(visible(value.strip()), 60)}\u201d" for value in refused)
    which = "email" if len(refused) == 1 else "emails"
    return f"{which} {shown} left out: not a valid address (one name@example.org)"


@lru_cache(maxsize=65536)
def email_key(value: str) -> str:
    return clean_email(value).casefold()


@lru_cache(maxsize=65536)
def linkedin_key(url: str) -> str:
    """The profile a LinkedIn URL points at, as `linkedin.com/in/<slug>`; "" if none.

    Scheme, host variants (`www.`, `de.`, `m.`), query, fragment, trailing slash,
    extra path after the slug and case are ignored; `%`-escapes are decoded.
    """
    url = url.strip()
    if not url:
        return ""
    if "://" not in url:
        url = "https://" + url.lstrip("/")
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return ""
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return ""
    segments = [s for s in unquote(parts.path).split("/") if s]
    if not segments:
        return ""
    if segments[0].lower() == "in" and len(segments) >= 2:
        return "linkedin.com/in/" + segments[1].casefold()
    return "linkedin.com/" + "/".join(segments).casefold()


def is_linkedin(url: str) -> bool:
    return bool(linkedin_key(url))
