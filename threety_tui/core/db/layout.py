"""The file's layout: TinyDB's JSON, one document per line, meta and contacts first.

    {
    "meta": {
    "1": {"app": "threety", "schema": 1, "settings": {}}
    },
    "contacts": {
    "1": {"name": "Grace Hopper", ...},
    "2": {"name": "Ada Lovelace", ...}
    },
    "meetings": {
    ...
    }
    }

Any JSON reader (stock TinyDB included) reads it as TinyDB's usual
`{table: {id: document}}`. The layout is what makes the rest cheap: a write is
encoded in small chunks (a writer thread never holds the interpreter long), a
read can keep documents as their line until they are needed (`lazy.LazyDocs`)
and copy the lines of those never read back unchanged, the first screen can be
shown from the head of the file (`reading.read_head`), and one damaged line is
one damaged record, not a damaged file.

A table or a document id that appears twice is another matter: a JSON object
cannot hold both (every JSON reader, stock TinyDB's included, silently keeps
the last), and nothing in threety can tell which one the references to that
id (a meeting's contact, a message's meeting) mean. Such a file is refused
whole (`NotADatabase`, naming the id and its line), never read in part and
rewritten without the other: the user keeps the right one by hand.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from threety_tui.core.db.collector import gc_paused
from threety_tui.core.db.lazy import LazyDocs, error_words, json_error_words
from threety_tui.core.errors import NotADatabase, RepeatedKey

Data = dict[str, Any]
"""Table name -> its documents by id: a dict, or a `LazyDocs` (a MutableMapping)."""

CHUNK_DOCS = 256
EAGER_TABLES = frozenset(("contacts", "meta"))
"""Tables `split_lines` parses at once: the app needs all of them to start."""
HEAD_TABLES = ("meta", "contacts")
"""Written first, in this order, so `read_head` can stop reading after them."""
HEAD_START = b'{\n"meta": {\n'
LAYOUT_END = b"\n}\n}\n"
"""How a file in this layout ends (the last table's close, then the file's)."""

_TABLE_LINE = re.compile(rb'"([A-Za-z_][A-Za-z0-9_]*)": \{')
_DOC_LINE = re.compile(rb'\n"(0|[1-9][0-9]*)": \{(?:"contact_id": (0|[1-9][0-9]*)[,}])?')
"""A document line's start ("\\n" first: a fast literal scan), with the id and, when the
document opens with it (meetings, messages), its contact id: the store's index."""


def parse(path: Path, raw: bytes) -> Any:
    """The whole file parsed as JSON; `NotADatabase` naming the problem in one line."""
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotADatabase(path, "is a binary file, not a threety database")
    text: str | bytes = raw
    if not raw.startswith(b"\xef\xbb\xbf"):  # (json.loads takes that off bytes, not off text)
        with contextlib.suppress(UnicodeDecodeError):
            # Strict decoding is quicker than json's (which lets lone surrogates
            # through); with one of those in the file, json decodes it as before.
            text = raw.decode("utf-8")
    try:
        with gc_paused():
            return json.loads(text)
    except UnicodeDecodeError:
        raise NotADatabase(path, "is not a threety database (not UTF-8 text)") from None
    except json.JSONDecodeError as error:
        if error.pos >= len(error.doc.rstrip()):
            raise NotADatabase(
                path, "is truncated: the JSON ends early (damaged file, not a threety database)"
            ) from None
        raise NotADatabase(
            path,
            f"is not valid JSON ({json_error_words(error)}); not a threety database",
        ) from None
    except ValueError as error:  # a number of more than 4300 digits, and the like
        raise NotADatabase(path, f"cannot be read ({error_words(error)})") from None
    except RecursionError:
        raise NotADatabase(path, "is not a threety database (JSON nested too deeply)") from None
    except MemoryError:
        raise NotADatabase(path, "is too large to read (out of memory)") from None


def parse_tables(path: Path, raw: bytes) -> Any:
    """`parse`, refusing a file in which a table or a document id appears twice.

    A file in this layout has one line per document, so a count of its lines
    tells at once that nothing was dropped; any other file (hand-edited, or
    when the count does not match) is looked at more closely (`refuse_repeats`).
    """
    data = parse(path, raw)
    # (`split_lines` raises on a repeat in this layout.)
    if not _counts_match(raw, data) and split_lines(path, raw) is None:
        refuse_repeats(path, raw)
    return data


def _counts_match(raw: bytes, data: Any) -> bool:
    """A file in this layout with one line per table start and end and per document."""
    if not (raw.startswith(b"{\n") and raw.endswith(b"\n}\n")) or not isinstance(data, dict):
        return False
    if not all(type(docs) is dict for docs in data.values()):
        return False
    tables, docs = len(data), sum(map(len, data.values()))
    if raw.count(b"\n") != 2 + 2 * tables + docs:
        return False
    # A document on its table's first line and a repeated id would match the count above
    # (one line fewer, one document fewer): each table's first line holds nothing else.
    # (~1 ms a table; a full scan for two documents on one line would cost ~50 ms at 85 MB.)
    return all(raw.find(b"\n" + json.dumps(name).encode() + b": {\n") >= 0 for name in data)


def refuse_repeats(path: Path, raw: bytes | str) -> None:
    """`NotADatabase` if a table or a document id appears twice in the JSON `raw`.

    For a file not in this layout (rare: hand-edited or very old): it is
    parsed once more, each object's keys checked as it is built.
    """
    repeated: dict[int, str] = {}

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        built = dict(items)
        if len(built) != len(items):
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    repeated[id(built)] = key
                    break
                seen.add(key)
        return built

    with gc_paused():
        data = json.loads(raw, object_pairs_hook=pairs)
    if not repeated or not isinstance(data, dict):
        return
    if id(data) in repeated:
        raise RepeatedKey(path, repeat_problem(f"the table {repeated[id(data)]!r}", None))
    for name, docs in data.items():
        if id(docs) in repeated:
            raise RepeatedKey(path, repeat_problem(f"{name} document {repeated[id(docs)]}", None))


def repeat_problem(what: str, line: int | None) -> str:
    """The sentence for a table or document id that appears twice."""
    where = f" (again at line {line:,})" if line else ""
    return (
        f"is damaged: {what:.60} appears twice{where}; threety cannot tell which one is"
        " right, so it does not read the file (left as it is): keep one of them"
    )


def split_lines(path: Path, raw: bytes) -> Data | None:
    """Split a file in this layout into tables, without parsing the lazy ones.

    Returns None unless the layout is this one (the caller then parses the
    whole file, which also reports any error precisely). The work is a few
    passes of C over the bytes: a document can hold no raw line break, so each
    document line starts with `"id": {` and a table ends at a line `}`. A line
    that does not hold a sound document stays in its table as bytes: a damaged
    record (see `LazyDocs`), skipped by readers and written back unchanged.
    (`Splitter` does the same a window at a time, for a reader that must not
    hold the interpreter for long.)
    """
    if not raw.startswith(b"{\n") or not raw.endswith(b"\n}\n") or not is_utf8(raw):
        return None
    splitter = Splitter(path)
    with gc_paused():
        splitter.feed(raw.split(b"\n")[1:-1], _DOC_LINE.findall(raw))
        if splitter.repeated:
            raise RepeatedKey(path, splitter.repeated)
        return splitter.finish()


def is_utf8(raw: bytes | memoryview) -> bool:
    """The bytes are UTF-8 text (ASCII checked first: far quicker, and most files are)."""
    if isinstance(raw, bytes) and raw.isascii():
        return True
    try:
        str(raw, "utf-8")
    except UnicodeDecodeError:
        return False
    return True


_FIRST, _TABLE, _DOCS, _LAST, _END, _FAILED = range(6)
"""What the next line must be: a table's first line or the file's last (an empty file),
a table's first line, a document or the table's end, the file's last line, nothing."""


class Splitter:
    """`split_lines`, fed a window of whole lines at a time (see `feed_window`).

    Each call does a bounded amount of work in C (splitting and matching one
    window), so a reader thread that feeds it a megabyte at a time lets the UI
    thread have the interpreter between windows. The tables come out exactly as
    `split_lines` makes them from the whole file (the tests compare the two).
    """

    def __init__(self, path: Path, line: int = 1) -> None:
        self.path = path
        self.data: Data = {}
        self.repeated = ""
        """Set (the problem, see `repeat_problem`) when a table or an id appears twice:
        the file is in the layout but cannot be read (`failed` too)."""
        self._line = line
        """The number of the line before the next one fed (the file's "{" is line 1)."""
        self._expect = _FIRST
        self._name = ""
        self._eager_keys: list[str] = []
        self._eager_lines: list[bytes] = []
        self._eager_ids: list[bytes] = []
        self._items: dict[str, Any] = {}
        self._contact_ids: dict[str, bytes] = {}

    @property
    def failed(self) -> bool:
        return self._expect == _FAILED

    def feed_window(self, window: bytes, end: int) -> bool:
        """Take the lines of `window[:end]`; False once the layout is broken.

        `window` starts with the line break before its first line; `end` is
        the position of the line break after its last whole line, or the
        window's length when it reaches the end of the file (which ends with a
        line break). What follows `end` is left for the next window.
        """
        if self._expect == _FAILED:
            return False
        if not window.isascii() and not is_utf8(memoryview(window)[:end]):
            return self._fail()  # a line break is never part of a UTF-8 sequence: no split char
        return self.feed(window.split(b"\n")[1:-1], _DOC_LINE.findall(window, 0, end))

    def feed(self, lines: list[bytes], starts: list[tuple[bytes, bytes]]) -> bool:
        """Take the next whole lines, with the matches of `_DOC_LINE` among them (in order)."""
        index, count, seen = 0, len(lines), 0
        while index < count:
            expect = self._expect
            if expect == _DOCS:
                close = _closing_line(lines, index, count)
                found = starts[seen : seen + close - index]
                seen += len(found)
                # Every match is at the start of a line, so as many matches as
                # document lines means each document line was matched, in order.
                if len(found) != close - index or not self._add(
                    lines[index:close], found, self._line + index + 1
                ):
                    return self._fail()
                if close == count:
                    index = count
                    break
                if not self._close(lines[close]):
                    return False
                index = close + 1
            elif expect in (_TABLE, _FIRST):
                match = _TABLE_LINE.fullmatch(lines[index])
                if match is None:
                    if expect == _FIRST and lines[index] == b"}":
                        self._expect = _END  # "{}": no table at all
                        index += 1
                        continue
                    return self._fail()
                name = match.group(1).decode("ascii")
                if name in self.data:
                    self.repeated = repeat_problem(f"the table {name!r}", self._line + index + 1)
                    return self._fail()
                self._name, self._expect = name, _DOCS
                index += 1
            elif expect == _LAST and lines[index] == b"}":
                self._expect = _END
                index += 1
            else:  # a line after the file's last, or a table closed with "}" not last
                return self._fail()
        self._line += count
        return seen == len(starts) or self._fail()

    def finish(self) -> Data | None:
        """The tables, or None unless the lines fed were a whole file in this layout."""
        return self.data if self._expect == _END else None

    def _fail(self) -> bool:
        self._expect = _FAILED
        self.data = {}
        return False

    def _add(self, docs: list[bytes], found: list[tuple[bytes, bytes]], first: int) -> bool:
        """Take a table's document lines (the first is line `first` of the file)."""
        if not docs:
            return True
        keys = [key.decode("ascii") for key, _ in found]
        if self._name in EAGER_TABLES:
            self._eager_keys += keys
            self._eager_lines += docs
            self._eager_ids += [cid for _, cid in found]
            return True
        items = self._items
        before = len(items)
        items.update(zip(keys, docs, strict=True))
        self._contact_ids.update(zip(keys, [cid for _, cid in found], strict=True))
        if len(items) == before + len(keys):
            return True
        # A repeated id (the keys there before keep their place: they come first),
        # unless the matches are not these lines' (a line that is not a document
        # shifts them): then the layout is broken, and the full parse decides.
        if not _aligned(docs, keys):
            return False
        key, offset = _first_repeat(list(items)[:before], keys)
        self.repeated = repeat_problem(f"{self._name} document {key}", first + offset)
        return False

    def _close(self, line: bytes) -> bool:
        """The current table ends at `line` ("}," or "}": the last table)."""
        name = self._name
        if name in EAGER_TABLES:
            keys = self._eager_keys
            if len(set(keys)) != len(keys):
                if not _aligned(self._eager_lines, keys):  # (see `_add`)
                    return self._fail()
                key, _ = _first_repeat([], keys)
                self.repeated = repeat_problem(f"{name} document {key}", None)
                return self._fail()
            table = _eager(self.path, name, keys, self._eager_lines, self._eager_ids)
        else:
            table = LazyDocs(self.path, name, self._items, self._contact_ids)
        self.data[name] = table
        self._expect = _TABLE if line == b"}," else _LAST
        self._eager_keys, self._eager_lines, self._eager_ids = [], [], []
        self._items, self._contact_ids = {}, {}
        return True


def _aligned(docs: list[bytes], keys: list[str]) -> bool:
    """Each line is the document of its key: the matches were not shifted by a line that
    is not a document (the layout is broken then, and no repeat can be told)."""
    return all(
        line.startswith(b'"%s": {' % key.encode()) for line, key in zip(docs, keys, strict=True)
    )


def _first_repeat(before: list[str], keys: list[str]) -> tuple[str, int]:
    """The first of `keys` already in `before` or earlier in `keys`, and its index."""
    seen = set(before)
    for index, key in enumerate(keys):
        if key in seen:
            return key, index
        seen.add(key)
    return "", 0


def _eager(path: Path, name: str, keys: list[str], docs: list[bytes], ids: list[bytes]) -> Any:
    """A table parsed at once (`EAGER_TABLES`); with a damaged line, a `LazyDocs`."""
    try:
        return json.loads(b"{" + b"\n".join(docs) + b"}")
    except (ValueError, RecursionError):
        pass  # a damaged line: parsed one by one later, keeping it as it is
    return LazyDocs(
        path, name, dict(zip(keys, docs, strict=True)), dict(zip(keys, ids, strict=True))
    )


def _closing_line(lines: list[bytes], start: int, end: int) -> int:
    """The index of the first "}" or "}," line from `start` (a table's end), else `end`."""
    found = end
    for closing in (b"},", b"}"):
        with contextlib.suppress(ValueError):
            found = min(found, lines.index(closing, start, found))
    return found


def ordered(data: Data) -> list[tuple[str, Any]]:
    """The tables in the order they are written: `HEAD_TABLES` first."""
    first = {name: index for index, name in enumerate(HEAD_TABLES)}
    return sorted(data.items(), key=lambda item: first.get(item[0], len(first)))


def snapshot(data: Data) -> list[tuple[str, dict[str, Any]]]:
    """The tables as they are now, in writing order: each a shallow copy.

    Documents are never changed in place (a change stores a new dict), so
    copying each table's mapping of id to document (or unread line) freezes
    the database: `dict.copy` runs in C without letting another thread in,
    and costs about a millisecond per 75,000 documents.
    """
    return [
        (name, dict(docs.raw()) if isinstance(docs, LazyDocs) else dict(docs))
        for name, docs in ordered(data)
    ]


def materialise(data: Data) -> None:
    """Parse every lazy table in place (before a migration rewrites documents).

    A table with damaged lines stays a `LazyDocs` (its sound documents parsed):
    a migration must leave those lines as they are.
    """
    for name, docs in list(data.items()):
        if isinstance(docs, LazyDocs):
            docs.read_all()
            if not docs.damaged:
                data[name] = docs.materialise()


def _doc_items(docs: Any) -> Iterator[tuple[str, Any]]:
    """A table's (key, document or line) pairs, from a copy of its keys.

    Only the keys are copied (strings: the garbage collector does not track
    them; 75,000 (key, document) tuples would set off a full collection,
    a 30-60 ms stall of every thread).
    """
    table = docs.raw() if isinstance(docs, LazyDocs) else docs
    get = table.get
    for key in list(table):
        doc = get(key)
        if doc is not None:
            yield key, doc


def encode(
    tables: Iterable[tuple[str, Any]], rest: Iterable[bytes] | None = None
) -> Iterator[bytes]:
    """Yield the database as JSON, one document per line, in small chunks.

    A table is a mapping of documents or a `LazyDocs`; unread documents (and
    damaged ones) are copied as the bytes they were read from. `rest`: the
    rest of a file read in two steps, never read, copied as it is after these
    tables (it holds the later tables and the file's end, see `reading.Pending`).
    """
    dumps = json.dumps
    out: list[bytes | memoryview] = [b"{"]
    for t, (name, table) in enumerate(tables):
        out.append((("," if t else "") + "\n" + dumps(name) + ": {").encode("ascii"))
        separator = b"\n"
        for key, doc in _doc_items(table):
            out.append(separator)
            separator = b",\n"
            if type(doc) is bytes:
                # The line as read, `"key": {...}`, less the comma that followed it
                # (not copied: the join below is its one copy).
                out.append(memoryview(doc)[:-1] if doc.endswith(b",") else doc)
            else:
                out.append((dumps(key) + ": " + dumps(doc)).encode())
            if len(out) >= 2 * CHUNK_DOCS:
                yield b"".join(out)
                out = []
        out.append(b"\n}")
    if rest is None:
        out.append(b"\n}\n")
        yield b"".join(out)
        return
    out.append(b",\n")
    yield b"".join(out)
    yield from rest


def looks_complete(raw: bytes) -> bool:
    """The bytes of a whole file in this layout (not one cut short by a crash)."""
    return raw.startswith(HEAD_START) and raw.endswith(b"\n}\n")
