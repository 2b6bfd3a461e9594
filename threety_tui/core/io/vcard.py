"""vCard files (.vcf) as Google Contacts and Apple Contacts export them.

The file is split into cards first (BEGIN:VCARD ... END:VCARD, with their line
numbers) and each card is parsed on its own with `vobject`, so one broken card
is skipped with a reason instead of ending the import. Handled: vCard 3.0 and
4.0 (2.1 too: quoted-printable soft line breaks are joined), folded lines, escaped `\\,` `\\;` `\\n`,
Google's escaped `https\\://` in URLs, several emails (the preferred one is
stored: TYPE=pref, PREF=1, else the first; all are used to find duplicates),
ORG with units ("Acme;Research": company "Acme", the units go to the notes as
"Department"), TITLE (else ROLE) -> role, NOTE -> notes, URL or
X-SOCIALPROFILE on linkedin.com -> linkedin, CATEGORIES -> tags (Google's
"myContacts" dropped), Apple's grouped `item1.X` properties and their
X-ABLabel. Phone numbers, and all the emails when there are several, are kept
in the notes, since a contact has no field for them. PHOTO and the other
unused properties are dropped unread.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from threety_tui.core.errors import InputError
from threety_tui.core.io.files import bad_file, read_text
from threety_tui.core.io.rows import (
    MAX_RECORDS,
    VCARD,
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
from threety_tui.core.text import one_line, plain

WHAT = "a vCard file (.vcf)"
IGNORED_CATEGORIES = {"mycontacts", "* mycontacts"}
"""Google puts every contact in the system group "myContacts"; it is not a tag."""

USED = frozenset(
    "VERSION FN N ORG TITLE ROLE EMAIL TEL URL NOTE CATEGORIES X-SOCIALPROFILE X-ABLABEL".split()
)
"""Properties read; the others (PHOTO, ADR, BDAY, ...) are dropped before parsing, so
a big photo is never decoded and a damaged unused property does not cost the card."""
_PROPERTY = re.compile(r"^(?:[\w-]+\.)?([\w-]+)[;:]")
_QUOTED_PRINTABLE = re.compile(r"QUOTED-PRINTABLE", re.IGNORECASE)
_AB_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_PREF_TYPES = {"pref"}
_DULL_TYPES = {"internet", "pref", "voice", "x400", "x-internet"}


MAX_CARD = 1_000_000
"""Characters of used properties in one card; a bigger card is skipped unparsed."""


@dataclass(slots=True)
class _Card:
    line: int
    lines: list[str]
    closed: bool
    size: int = 0
    """Characters kept so far; past `MAX_CARD` the card is skipped, its lines dropped."""
    pending: list[str] | None = None
    """The parts of a quoted-printable value going on over several lines."""

    def add(self, line: str) -> None:
        self.finish_last()
        self.size += len(line)
        if self.size <= MAX_CARD:
            self.lines.append(line)

    def extend_last(self, line: str) -> None:
        """vCard 2.1 quoted-printable: a line ending in "=" goes on on the next one."""
        self.size += len(line)
        if self.size > MAX_CARD or not self.lines:
            return
        if self.pending is None:
            self.pending = [self.lines[-1]]
        self.pending.append(line)
        if not line.endswith("="):
            self.finish_last()

    def finish_last(self) -> None:
        """Join the parts of a value (once: joining line by line would be quadratic)."""
        parts, self.pending = self.pending, None
        if parts and self.size <= MAX_CARD:
            self.lines[-1] = "".join(part[:-1] for part in parts[:-1]) + parts[-1]


def read_vcard(path: Path | str) -> Parsed:
    """Read the file; `InputError` if it holds no vCard at all."""
    path = Path(path)
    return parse_vcard(read_text(path, WHAT), path)


def parse_vcard(text: str, path: Path) -> Parsed:
    rows: list[Row] = []
    skipped: list[Skip] = []
    for number, card in enumerate(_split(text), start=1):
        if number > MAX_RECORDS:
            raise InputError(too_many(path, number))
        where = Where(card.line, number)
        result = _card(card, where)
        if isinstance(result, Row):
            rows.append(result)
        else:
            skipped.append(result)
    if not rows and not skipped:
        raise bad_file(path, f"is not {WHAT}: it has no BEGIN:VCARD ... END:VCARD card")
    return Parsed(path, VCARD, tuple(rows), tuple(skipped))


def _split(text: str) -> Iterator[_Card]:
    """The cards of the file with the line each starts on; unused properties dropped."""
    current: _Card | None = None
    dropping = False
    soft_break = False
    for number, line in enumerate(_lines(text), start=1):
        if soft_break and current is not None:
            if not dropping:
                current.extend_last(line)
            soft_break = line.endswith("=")
            continue
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            if current is not None:
                current.finish_last()
                yield current  # the previous card never ended
            current = _Card(number, [line.strip()], closed=False)
            dropping = False
            continue
        if current is None:
            continue
        if word == "END:VCARD":
            current.finish_last()
            current.lines.append(line.strip())
            current.closed = True
            yield current
            current = None
            continue
        if line[:1] in (" ", "\t"):
            if not dropping:
                current.add(line)
            continue
        prop = _PROPERTY.match(line)
        dropping = prop is not None and prop.group(1).upper() not in USED
        soft_break = line.endswith("=") and bool(_QUOTED_PRINTABLE.search(line.partition(":")[0]))
        if not dropping and line.strip():
            current.add(line)  # a used property, or a damaged line for vobject to judge
    if current is not None:
        current.finish_last()
        yield current


def _lines(text: str) -> Iterator[str]:
    """The file's lines (CRLF, CR or LF), one at a time (a list of them all costs much more)."""
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        line = match.group()
        if not line:
            return
        yield line.rstrip("\r\n")


def _card(card: _Card, where: Where) -> Row | Skip:
    if card.size > MAX_CARD:
        return Skip(
            where,
            f"is too large ({card.size:,} characters of contact details; limit {MAX_CARD:,})",
            _label(card.lines),
        )
    if not card.closed:
        return Skip(where, "is cut off: it has no END:VCARD line", _label(card.lines))
    try:
        return _row(_properties(card.lines), where)
    except Exception as error:  # vobject raises many kinds of error on bad input
        return Skip(where, f"cannot be read ({_reason(error)})", _label(card.lines))


def _properties(lines: list[str]) -> dict[str, list[Any]]:
    """The card's properties by lowercase name, as vobject content lines.

    vobject unfolds the lines and reads names, groups, parameters and
    quoted-printable; the values are decoded here (see `unescape`), not by
    vobject's behaviours.
    """
    from vobject.base import getLogicalLines, textLineToContentLine  # slow to import

    props: dict[str, list[Any]] = {}
    text = "\r\n".join(lines[1:-1]) + "\r\n"  # without BEGIN and END
    for logical, number in getLogicalLines(io.StringIO(text), allowQP=False):
        line = textLineToContentLine(logical, number)
        props.setdefault(line.name.lower(), []).append(line)
    return props


def _reason(error: Exception) -> str:
    text = one_line(str(error)) or type(error).__name__
    text = re.sub(r"^At line \d+:\s*", "", text)
    return text if len(text) <= 80 else text[:77] + "..."


def _label(lines: list[str]) -> str:
    """FN or EMAIL of an unreadable card, read naively, to help the user find it."""
    for prefix in ("FN", "EMAIL"):
        for line in lines:
            head, _, value = line.partition(":")
            if head.split(";")[0].split(".")[-1].upper() == prefix and value.strip():
                return one_line(value)[:60]
    return ""


def _row(props: dict[str, list[Any]], where: Where) -> Row | Skip:
    labels = _labels(props)
    org = [part for raw in _raws(props, "org")[:1] for part in _fields(raw, ";") if part]
    company = org[0] if org else ""
    emails = _emails(props)
    name = _line(_first(props, "fn")) or _name(_first(props, "n")) or company
    if not name:
        return Skip(where, "no name", emails[0][0] if emails else "")
    notes = [plain(unescape(raw)).replace("\r\n", "\n").strip() for raw in _raws(props, "note")]
    details = []
    if len(org) > 1:
        details.append("Department: " + " / ".join(org[1:]))
    for prop in props.get("tel", ()):
        if number := _line(_raw(prop)):
            details.append("Phone: " + number + _kinds(prop, labels))
    if len(emails) > 1:  # all of them: a merge may keep another one as the email
        details += [f"Email: {address}{kinds}" for address, kinds in emails]
    body = "\n\n".join(n for n in notes if n)
    if details:
        body = (body + "\n\n" if body else "") + "\n".join(details)
    contact = Contact(
        name=name,
        email=emails[0][0] if emails else "",
        company=company,
        role=_line(_first(props, "title")) or _line(_first(props, "role")),
        linkedin=_linkedin(props),
        tags=_tags(props),
        notes=body,
    )
    if problem := over_limit(contact):
        return Skip(where, problem, name[:60])
    left_out = emails_left_out([unescape(_raw(prop)) for prop in props.get("email", ())])
    return Row(contact, where, tuple(address for address, _ in emails), left_out)


_ESCAPE = re.compile(r"\\([\\;,:nN])")


def unescape(raw: str) -> str:
    """A vCard text value: `\\n` is a line break, `\\,` `\\;` `\\:` `\\\\` the character.

    Done here rather than by vobject, whose text decoding keeps only what comes
    before the first unescaped comma ("Jane, PhD" would become "Jane").
    """
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), raw)


def _fields(raw: str, separator: str) -> list[str]:
    """Split on unescaped `separator`; each part unescaped and on one line."""
    parts, current, escaped = [], [], False
    for char in raw:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current) + ("\\" if escaped else ""))
    return [one_line(unescape(part)) for part in parts]


def _raw(prop: Any) -> str:
    """The property's value as written (quoted-printable already decoded)."""
    value = prop.value
    return value if isinstance(value, str) else ""


def _raws(props: dict[str, list[Any]], name: str) -> list[str]:
    return [_raw(prop) for prop in props.get(name, ())]


def _first(props: dict[str, list[Any]], name: str) -> str:
    found = _raws(props, name)
    return found[0] if found else ""


def _line(raw: str) -> str:
    return one_line(unescape(raw))


def _name(raw: str) -> str:
    """N is family;given;additional;prefix;suffix: read as prefix given additional family suffix."""
    parts = (_fields(raw, ";") + [""] * 5)[:5]
    family, given, additional, prefix, suffix = (p.replace(",", " ") for p in parts)
    return one_line(" ".join((prefix, given, additional, family, suffix)))


def _types(prop: Any) -> list[str]:
    """TYPE values, split on commas (vCard 4 allows TYPE="work,pref"), lowercase."""
    raw = prop.params.get("TYPE", [])
    return [t.strip().lower() for value in raw for t in str(value).split(",") if t.strip()]


def _labels(props: dict[str, list[Any]]) -> dict[str, str]:
    """Apple's `itemN.X-ABLabel` per group: "_$!<Other>!$_" -> "other"."""
    found = {}
    for prop in props.get("x-ablabel", ()):
        if prop.group:
            text = _line(_raw(prop))
            match = _AB_LABEL.match(text)
            found[prop.group.lower()] = (match.group(1) if match else text).lower()
    return found


def _kinds(prop: Any, labels: dict[str, str]) -> str:
    kinds = [t for t in _types(prop) if t not in _DULL_TYPES]
    if prop.group and prop.group.lower() in labels:
        kinds.append(labels[prop.group.lower()])
    kinds = list(dict.fromkeys(one_line(k) for k in kinds if one_line(k)))
    return f" ({', '.join(kinds)})" if kinds else ""


def _pref_rank(prop: Any) -> int:
    """Lower is more preferred: PREF=1..100 (vCard 4), TYPE=pref (3.0), else last."""
    pref = prop.params.get("PREF")
    if pref:
        try:
            return int(str(pref[0]))
        except ValueError:
            return 1
    return 1 if _PREF_TYPES & set(_types(prop)) else 1000


def _emails(props: dict[str, list[Any]]) -> list[tuple[str, str]]:
    """(address, " (kinds)") for each valid email, the preferred one first."""
    labels = _labels(props)
    found: list[tuple[int, int, str, str]] = []
    seen: set[str] = set()
    for index, prop in enumerate(props.get("email", ())):
        address = clean_email(unescape(_raw(prop)))
        if address and address.casefold() not in seen:
            seen.add(address.casefold())
            found.append((_pref_rank(prop), index, address, _kinds(prop, labels)))
    found.sort()
    return [(address, kinds) for _, _, address, kinds in found]


def _linkedin(props: dict[str, list[Any]]) -> str:
    """The first URL or X-SOCIALPROFILE on linkedin.com (Google writes `https\\://`)."""
    candidates = _raws(props, "url") + _raws(props, "x-socialprofile")
    return next((url for raw in candidates if is_linkedin(url := _line(raw))), "")


def _tags(props: dict[str, list[Any]]) -> tuple[str, ...]:
    tags = [tag for raw in _raws(props, "categories") for tag in _fields(raw, ",")]
    keep = (tag for tag in tags if tag and tag.casefold() not in IGNORED_CATEGORIES)
    return tuple(dict.fromkeys(keep))
