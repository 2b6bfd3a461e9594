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
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from threety_tui.core.db.collector import gc_paused
from threety_tui.core.db.lazy import LazyDocs, doc_json, error_words
from threety_tui.core.errors import NotADatabase

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
    try:
        with gc_paused():
            return json.loads(raw)
    except UnicodeDecodeError:
        raise NotADatabase(path, "is not a threety database (not UTF-8 text)") from None
    except json.JSONDecodeError as error:
        if error.pos >= len(error.doc.rstrip()):
            raise NotADatabase(
                path, "is truncated: the JSON ends early (damaged file, not a threety database)"
            ) from None
        raise NotADatabase(
            path,
            f"is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno});"
            " not a threety database",
        ) from None
    except ValueError as error:  # a number of more than 4300 digits, and the like
        raise NotADatabase(path, f"cannot be read ({error_words(error)})") from None
    except RecursionError:
        raise NotADatabase(path, "is not a threety database (JSON nested too deeply)") from None
    except MemoryError:
        raise NotADatabase(path, "is too large to read (out of memory)") from None


def split_lines(path: Path, raw: bytes) -> Data | None:
    """Split a file in this layout into tables, without parsing the lazy ones.

    Returns None unless the layout is this one (the caller then parses the
    whole file, which also reports any error precisely). The work is a few
    passes of C over the bytes: a document can hold no raw line break, so each
    document line starts with `"id": {` and a table ends at a line `}`. A line
    that does not hold a sound document stays in its table as bytes: a damaged
    record (see `LazyDocs`), skipped by readers and written back unchanged.
    """
    if not raw.startswith(b"{\n") or not raw.endswith(b"\n}\n"):
        return None
    if not raw.isascii():
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
    lines = raw.split(b"\n")
    if lines[0] != b"{" or lines[-2:] != [b"}", b""]:
        return None
    starts = _DOC_LINE.findall(raw)  # [(id, contact id or b"")], one per document line
    end = len(lines) - 2  # the line of the final "}"
    data: Data = {}
    line, seen = 1, 0
    with gc_paused():
        while line < end:
            match = _TABLE_LINE.fullmatch(lines[line])
            if match is None:
                return None
            name = match.group(1).decode("ascii")
            close = _closing_line(lines, line + 1, end)
            docs = lines[line + 1 : close]
            found = starts[seen : seen + len(docs)]
            seen += len(docs)
            if (
                name in data
                or len(found) != len(docs)
                or lines[close] != (b"}" if close == end - 1 else b"},")
            ):
                return None
            keys = [key.decode("ascii") for key, _ in found]
            if len(set(keys)) != len(keys):
                return None  # a repeated id: let the full parse decide
            data[name] = _table(path, name, keys, docs, found)
            line = close + 1
    # Every match is at the start of a line, so as many matches as document lines
    # means each document line was matched, in order.
    return data if line == end and seen == len(starts) else None


def _table(
    path: Path, name: str, keys: list[str], docs: list[bytes], found: list[tuple[bytes, bytes]]
) -> Any:
    if name in EAGER_TABLES:
        try:
            return json.loads(b"{" + b"\n".join(docs) + b"}")
        except (ValueError, RecursionError):
            pass  # a damaged line: parse them one by one below, keeping it as it is
    contact_ids = {key: cid for key, (_, cid) in zip(keys, found, strict=True)}
    return LazyDocs(path, name, dict(zip(keys, docs, strict=True)), contact_ids)


def _closing_line(lines: list[bytes], start: int, end: int) -> int:
    """The index of the first "}" or "}," line from `start` (a table's end)."""
    found = end
    for closing in (b"},", b"}"):
        with contextlib.suppress(ValueError):
            found = min(found, lines.index(closing, start, end))
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


def encode(tables: Iterable[tuple[str, Any]]) -> Iterator[bytes]:
    """Yield the database as JSON, one document per line, in small chunks.

    A table is a mapping of documents or a `LazyDocs`; unread documents (and
    damaged ones) are copied as the bytes they were read from.
    """
    dumps = json.dumps
    out: list[bytes] = [b"{"]
    for t, (name, table) in enumerate(tables):
        out.append((("," if t else "") + "\n" + dumps(name) + ": {").encode("ascii"))
        separator = "\n"
        for key, doc in _doc_items(table):
            head = (separator + dumps(key) + ": ").encode("ascii")
            separator = ",\n"
            out.append(head + (doc_json(key, doc) if type(doc) is bytes else dumps(doc).encode()))
            if len(out) >= CHUNK_DOCS:
                yield b"".join(out)
                out = []
        out.append(b"\n}")
    out.append(b"\n}\n")
    yield b"".join(out)


def looks_complete(raw: bytes) -> bool:
    """The bytes of a whole file in this layout (not one cut short by a crash)."""
    return raw.startswith(HEAD_START) and raw.endswith(b"\n}\n")
