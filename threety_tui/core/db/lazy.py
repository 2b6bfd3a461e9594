"""`LazyDocs`: a table whose documents stay as their line of JSON until first read.

At 10,000 contacts (30,000 meetings, 45,000 messages, ~85 MB) building every
document as Python objects costs about a second and several hundred MB; the
app needs a screenful of them to show its first screen. Documents never read
are written back as the very bytes they were read from, so a save re-encodes
only what was read or changed.

A line that does not hold a sound document (invalid JSON, a number too long to
read, a document the schema check refuses) is a damaged record: reading it
raises `NotADatabase` naming it (the store then skips it and tells the user),
it is listed in `damaged`, and it stays in the table as its bytes, so every
save writes it back byte for byte.
"""

from __future__ import annotations

import json
import json.scanner
import re
import threading
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

from threety_tui.core.db.collector import gc_paused
from threety_tui.core.errors import NotADatabase

DocCheck = Callable[[Any], "str | None"]
"""A document's problem in words (see schema.py), or None when it is fine."""

_DECODER: Any = json.JSONDecoder()
_scan: Callable[[str, int], tuple[Any, int]] = json.scanner.make_scanner(_DECODER)


def doc_json(key: str, line: bytes) -> bytes:
    """The document in its line `"key": {...},` (the comma is there but on the last)."""
    return line[len(key) + 4 : -1 if line.endswith(b",") else None]


def doc_line(key: str, doc: Any) -> bytes:
    """The line `encode` writes for a document (to keep a damaged one as it was)."""
    return (json.dumps(key) + ": " + json.dumps(doc)).encode()


class LazyDocs(MutableMapping[str, Any]):
    """A table of documents, each parsed on first read (see the module docstring).

    Reading a document parses it once (and drops its line); `raw` gives the
    encoder the lines of documents never read, to write back unchanged; `check`
    (set by `schema.check`) vets each document parsed. `contact_ids` holds
    what the line of each unread document starts with. Safe to read from a
    worker thread while the UI thread writes: the newer document always wins.
    """

    __slots__ = ("_items", "_lock", "check", "contact_ids", "damaged", "path", "table")

    def __init__(
        self,
        path: Path,
        table: str,
        lines: dict[str, Any],
        contact_ids: dict[str, bytes] | None = None,
    ) -> None:
        self.path = path
        self.table = table
        self._items = lines
        self.contact_ids = contact_ids if contact_ids is not None else {}
        self.check: DocCheck | None = None
        self.damaged: dict[str, str] = {}
        """id -> what is wrong with it (a full "is damaged: ..." sentence)."""
        self._lock = threading.Lock()

    @classmethod
    def with_damaged(
        cls, path: Path, table: str, docs: dict[str, Any], problems: dict[str, str]
    ) -> LazyDocs:
        """A parsed table in which the documents named in `problems` are damaged."""
        items = {key: doc_line(key, doc) if key in problems else doc for key, doc in docs.items()}
        lazy = cls(path, table, items)
        lazy.damaged.update((key, _sentence(table, key, p)) for key, p in problems.items())
        return lazy

    def __getitem__(self, key: str) -> Any:
        value = self._items[key]
        if type(value) is not bytes:
            return value
        doc = self._parse(key, value)
        return self._keep(key, value, doc)

    def peek(self, key: str) -> Any:
        """The document, parsed if need be but left stored as its line.

        For a reader that only builds a model from it (the app's warm-up): the
        line stays bytes, so a save still copies it instead of encoding it.
        """
        value = self._items.get(key)
        return self._parse(key, value) if type(value) is bytes else value

    def _keep(self, key: str, line: bytes, doc: Any) -> Any:
        """Store a parsed line, unless another thread replaced (or deleted) it meanwhile.

        A reader thread (the app's warm-up) may parse a line while the UI
        thread writes a new version of that document: the newer one must win.
        """
        with self._lock:
            current = self._items.get(key)
            if current is line:
                self._items[key] = doc
                return doc
        return current if current is not None else doc

    def _parse(self, key: str, line: bytes) -> Any:
        problem = self.damaged.get(key)
        if problem is not None:
            raise NotADatabase(self.path, problem)
        try:
            text = doc_json(key, line).decode("utf-8")
            doc, end = _scan(text, 0)  # json.loads without its per-call layers
            if end != len(text):
                raise ValueError(f"extra data at column {end + 1}")
        except StopIteration as error:
            problem = f"is not valid JSON (no value at column {error.value + 1})"
        except (ValueError, RecursionError) as error:  # JSONDecodeError, UnicodeDecodeError
            problem = f"is not valid JSON ({error_words(error)})"
        except MemoryError:
            problem = "is too large to read"
        else:
            problem = self.check(doc) if self.check else None
        if problem:
            sentence = self.damaged[key] = _sentence(self.table, key, problem)
            raise NotADatabase(self.path, sentence)
        return doc

    def __setitem__(self, key: str, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self.damaged.pop(key, None)

    def __delitem__(self, key: str) -> None:
        with self._lock:  # `_keep` must never put back a document deleted meanwhile
            del self._items[key]
            self.damaged.pop(key, None)

    def put_raw(self, key: str, value: Any) -> None:
        """Put back a document or line exactly as `raw` held it (undoing a change)."""
        with self._lock:
            self._items[key] = value

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def raw(self) -> dict[str, Any]:
        """The documents, and the lines of those never read: for the encoder only."""
        return self._items

    def unread(self, key: str) -> bytes | None:
        """The line (`"key": {...}`) of a document not read yet, else None."""
        value = self._items.get(key)
        return value if type(value) is bytes else None

    def sound(self) -> Iterator[str]:
        """The ids of the documents not known to be damaged (in file order)."""
        damaged = self.damaged
        return (key for key in list(self._items) if key not in damaged)

    def contact_id(self, key: str) -> Any:
        """The document's `contact_id`, without parsing it when its line starts with it."""
        known = self.contact_ids.get(key)
        if known and type(self._items[key]) is bytes:
            return int(known)
        return self[key].get("contact_id")

    def contact_index(self) -> Iterator[tuple[str, Any]]:
        """(key, contact_id) of every sound document: `contact_id` for the whole table."""
        items, known = self._items, self.contact_ids
        for key, value in list(items.items()):
            cid = known.get(key) if type(value) is bytes else None
            if cid:
                yield key, int(cid)
                continue
            try:
                yield key, self[key].get("contact_id")
            except NotADatabase:
                continue  # damaged: listed in `damaged`, left out

    def read_all(self) -> None:
        """Parse every unread document, in one pass of the JSON parser.

        For callers about to read the whole table (`threety due`, the agenda):
        parsing 75,000 lines one by one costs half as much again. Damaged
        lines are listed in `damaged` and left as they are; nothing is raised.
        """
        for key, line, doc in self._parse_unread():
            self._keep(key, line, doc)

    def scan(self) -> None:
        """Find every damaged line (listed in `damaged`) without keeping what was parsed.

        The lines stay bytes, so a save still copies them: for a command that
        must name the damage before it writes (an import), not read everything.
        """
        for _ in self._parse_unread():
            pass

    def parse_unread(self) -> Iterator[tuple[str, Any]]:
        """(id, document) of every unread line, parsed in one pass, the lines kept.

        For a reader that builds models of the whole table: the table itself
        is left as it was, so a save still copies the lines. Damaged lines are
        listed in `damaged` and left out.
        """
        for key, _, doc in self._parse_unread():
            yield key, doc

    def _parse_unread(self) -> Iterator[tuple[str, bytes, Any]]:
        damaged = self.damaged
        unread = [
            (key, value)
            for key, value in list(self._items.items())
            if type(value) is bytes and key not in damaged
        ]
        if not unread:
            return
        with gc_paused():
            body = b"\n".join(line for _, line in unread)
            try:
                docs = json.loads(b"{" + body.removesuffix(b",") + b"}")
            except (ValueError, RecursionError, MemoryError):
                docs = None
            if docs is None or len(docs) != len(unread):
                for key, line in unread:  # one by one: finds the damaged ones
                    try:
                        yield key, line, self._parse(key, line)
                    except NotADatabase:
                        continue
                return
            check = self.check
            for key, line in unread:
                doc = docs[key]
                problem = check(doc) if check else None
                if problem:
                    damaged[key] = _sentence(self.table, key, problem)
                    continue
                yield key, line, doc

    def documents(self) -> Iterator[tuple[str, Any]]:
        """(id, document) of every sound document, parsing what is unread."""
        self.read_all()
        for key in self.sound():
            value = self._items.get(key)
            if value is not None and type(value) is not bytes:
                yield key, value

    def materialise(self) -> dict[str, Any]:
        """Every document parsed, as a plain dict (for a table with no damaged line)."""
        self.read_all()
        return dict(self._items)


def _sentence(table: str, key: str, problem: str) -> str:
    return f"is damaged: {table} document {key!s:.20} {problem}"


def json_error_words(error: json.JSONDecodeError) -> str:
    """Where and what: "Unterminated string starting at line 3, column 9".

    (The parser's own words end with " at" for some errors, followed by a
    position it gives in characters: "starting at: line 1 column 5 (char 4)".)
    """
    what = error.msg.removesuffix(" at")
    return f"{what} at line {error.lineno:,}, column {error.colno:,}"


def error_words(error: Exception) -> str:
    """A parser's error in a few words (a number too long to read, said plainly)."""
    text = " ".join(str(error).split())
    if "integer string conversion" in text:
        found = re.search(r"value has (\d+) digits", text)
        digits = f"{int(found.group(1)):,} digits" if found else "too many digits"
        return f"a number of {digits}, more than the 4,300 a number may have"
    return text if len(text) <= 100 else text[:97] + "..."
