"""A large contacts table read as lines, with each contact's name and trash state scanned.

At 50,000 contacts (20 MB) parsing the table before the first frame costs
~0.1 s, and the first frame needs only the names (the list sorts by them) and
a screenful of contacts. Threety writes each contact on a line of its own,
its name first (`Contact.to_doc`), so one regular-expression pass over the
lines' starts gives every id and name, and a search says who is in the trash:
a few passes of C, a fraction of the parse. Each contact is then parsed when
first read (`LazyDocs`), and all of them in the background (the app's
warm-up), the line kept as read so a save still copies it.

The scan is a fast path, checked once every contact is built (`verify`,
from the warm-up): a line whose document says otherwise than the scan (a
hand-edited file) is put right in the scan, and a line that is not a sound
document is a damaged record like any other (`LazyDocs.damaged`), left out
of `names` from then on. A reader of `names` (the app's list) asks again
then, and redraws if the answer changed.
"""

from __future__ import annotations

import json
import re
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from threety_tui.core.db.lazy import LazyDocs

if TYPE_CHECKING:
    from collections.abc import Mapping

    from threety_tui.core.models import Contact

SCAN_FROM = 1 << 18
"""Bytes of contacts from which the table is scanned rather than parsed at open
(~600 contacts): below it a parse costs about a millisecond and finds any damage
at once; above it the scan is about twice as quick (2 ms instead of 4 at 2,000
contacts), and any damage is found by the warm-up a moment after the first frame."""

_NAMED_LINE = re.compile(rb'\n"(0|[1-9][0-9]*)": \{"name": "([^"\\\n]*(?:\\.[^"\\\n]*)*)"[,}]')
"""A contact's line as threety writes it: its id, then its name first ("\\n" first:
only a line's start matches). The name is a run of plain characters with an escape
(`\\"`, `\\u00e9`) now and then, written as such ("unrolled"): the same matches as
`(?:[^"\\\n]|\\.)*`, a character class at a time instead of an alternation per
character (at 50,000 contacts 17 ms instead of 29)."""
_TRASHED = b'"deleted": "'


class Scan:
    """Each scanned contact's key, id, name and trash state, in file order (parallel lists)."""

    __slots__ = ("_index", "gone", "ids", "keys", "names")

    def __init__(self, keys: list[str], names: list[str], gone: list[bool]) -> None:
        self.keys = keys
        self.ids = list(map(int, keys))
        self.names = names
        self.gone = gone
        self._index: dict[str, int] | None = None

    def position(self, key: str) -> int | None:
        if self._index is None:
            self._index = dict(zip(self.keys, range(len(self.keys)), strict=True))
        return self._index.get(key)

    def put(self, key: str, name: str, gone: bool) -> bool:
        """Record a contact's name and trash state; True if that changed anything."""
        at = self.position(key)
        if at is None:
            self.keys.append(key)
            self.ids.append(int(key))
            self.names.append(name)
            self.gone.append(gone)
            assert self._index is not None
            self._index[key] = len(self.keys) - 1
            return True
        if (self.names[at], self.gone[at]) == (name, gone):
            return False
        self.names[at], self.gone[at] = name, gone
        return True

    def drop(self, key: str) -> None:
        at = self.position(key)
        if at is not None:
            for column in (self.keys, self.ids, self.names, self.gone):
                del column[at]
            self._index = None


class ContactLines(LazyDocs):
    """The contacts table as lines, with what `scan_contacts` found (see the module docstring)."""

    __slots__ = ("scanned",)

    def __init__(self, path: Path, lines: dict[str, Any], scan: Scan) -> None:
        super().__init__(path, "contacts", lines)
        self.scanned = scan

    def names(self, *, deleted: bool) -> list[tuple[int, str]]:
        """(id, name) of the live contacts (or those in the trash) in file order, from
        the scan: damaged ones left out."""
        return list(zip(*self.columns(deleted=deleted), strict=True))

    def columns(self, *, deleted: bool) -> tuple[list[int], list[str]]:
        """`names` as two lists, ids and names (copies: the scan changes with the table)."""
        scan, damaged = self.scanned, self.damaged
        wanted = [gone == deleted for gone in scan.gone] if deleted or any(scan.gone) else None
        if damaged:
            sound = [key not in damaged for key in scan.keys]
            wanted = sound if wanted is None else list(map(bool.__and__, wanted, sound))
        if wanted is None:
            return list(scan.ids), list(scan.names)
        return list(compress(scan.ids, wanted)), list(compress(scan.names, wanted))

    def verify(self, models: Mapping[int, Contact]) -> bool:
        """Put the scan right where the contacts built from the documents say otherwise;
        True if it was wrong. Damaged lines are left to `names` (which leaves them out)."""
        scan, wrong = self.scanned, False
        for at, (id, name, gone) in enumerate(zip(scan.ids, scan.names, scan.gone, strict=True)):
            model = models.get(id)
            if model is not None and (model.name, model.deleted is not None) != (name, gone):
                scan.names[at], scan.gone[at] = model.name, model.deleted is not None
                wrong = True
        return wrong

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self._rescan(key, value)

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self.scanned.drop(key)

    def put_raw(self, key: str, value: Any) -> None:
        super().put_raw(key, value)
        self._rescan(key, value)

    def _rescan(self, key: str, value: Any) -> None:
        """The scan's entry for a document (or line) put in the table."""
        found = _scan_line(value) if type(value) is bytes else _of_doc(value)
        if found is None:
            self.scanned.drop(key)  # not a contact: `damaged` says so once it is read
        else:
            self.scanned.put(key, *found)


def _of_doc(doc: Any) -> tuple[str, bool] | None:
    if type(doc) is not dict or type(doc.get("name")) is not str:
        return None
    return doc["name"], doc.get("deleted") is not None


def _scan_line(line: bytes) -> tuple[str, bool] | None:
    match = _NAMED_LINE.match(b"\n" + line)
    if match is None:
        return None
    names = _names([match.group(2)])
    return None if names is None else (names[0], _TRASHED in line)


def _names(raw: list[bytes]) -> list[str] | None:
    """Names as they stand between the quotes in the file (escapes undone); None if one
    is not sound. Each decoded on its own (quicker than a join, decode and split), then
    in one JSON parse if some have escapes (`\\u00e9`)."""
    try:
        names = list(map(bytes.decode, raw))
    except UnicodeDecodeError:  # the parse will say
        return None
    if "\\" not in "".join(names):
        return names
    try:
        decoded = json.loads('["' + '","'.join(names) + '"]')
    except ValueError:  # JSONDecodeError: the parse will say
        return None
    return decoded if type(decoded) is list and len(decoded) == len(raw) else None


def scan_contacts(path: Path, table: bytes) -> ContactLines | None:
    """The contacts table from its lines, `table` (each line after a line break, the
    last one's included; no line break after it); None unless every line is a contact
    as threety writes it (`read_head` then parses the table)."""
    found = _NAMED_LINE.findall(table)
    lines = table.split(b"\n")
    del lines[0]
    if not lines or len(found) != len(lines):
        return None
    keys = list(map(bytes.decode, map(itemgetter(0), found)))
    items = dict(zip(keys, lines, strict=True))
    if len(items) != len(lines):
        return None  # a repeated id: the parse decides which one wins
    names = _names(list(map(itemgetter(1), found)))
    if names is None:
        return None
    # In the trash: `"deleted": "<when>"` (a line without it is live, as its model is).
    gone = [_TRASHED in line for line in lines] if _TRASHED in table else [False] * len(lines)
    return ContactLines(path, items, Scan(keys, names, gone))
