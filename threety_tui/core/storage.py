"""The file under the store: read once, write atomically, never tear.

`AtomicJSONStorage` is a TinyDB `Storage` that keeps the whole database in
memory after one load (TinyDB's own JSONStorage re-reads and re-parses the file
on every query) and writes it with temp file + fsync + `os.replace`, so a kill
at any instant leaves either the old or the new file. It writes one document
per line, which keeps the file valid TinyDB JSON and lets a write be encoded in
small steps: a writer thread then never holds the GIL for long, so the UI thread
stays responsive while a large database saves.

The one-document-per-line layout also makes loading cheap: `read_file(lazy=True)`
parses the contacts and meta tables and keeps every other document as its line
of JSON (`LazyDocs`) until it is first read. At 10,000 contacts (30,000
meetings, 45,000 messages, ~85 MB) building every document as Python objects
costs about a second and several hundred MB; the app needs a screenful of them
to show its first screen. Documents never read are written back as the very
bytes they were read from, so a save re-encodes only what was read or changed.
"""

from __future__ import annotations

import contextlib
import gc
import glob
import json
import os
import re
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from threety_tui.core.errors import DatabaseChanged, DatabaseError, NotADatabase

Data = dict[str, MutableMapping[str, Any]]
Signature = tuple[int, int, int]
"""(inode, size, mtime_ns) of the file as we last read or wrote it."""
DocCheck = Callable[[Any], "str | None"]
"""A document's problem in words (see schema.py), or None when it is fine."""

_CHUNK_DOCS = 256
EAGER_TABLES = frozenset(("contacts", "meta"))
"""Tables `read_file(lazy=True)` parses at once: the app needs all of them to start."""


def signature(st: os.stat_result) -> Signature:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects at once.

    JSON documents hold no reference cycles, but allocating a million dicts and
    strings makes the collector walk all of them again and again (it doubles
    the time of a large parse). Reference counting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_file(path: Path, *, lazy: bool = False) -> tuple[Any, Signature | None]:
    """Parse the file; `(None, ...)` for a missing or empty (0-byte) file.

    With `lazy`, a file in the one-document-per-line layout that `encode`
    writes comes back with `LazyDocs` for every table but contacts and meta;
    any other layout (an older or hand-edited file) is parsed in full.
    Raises a `DatabaseError` naming the problem for anything unreadable.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None, None
    except PermissionError:
        raise DatabaseError(path, "permission denied (cannot open the file)") from None
    except OSError as error:
        raise DatabaseError(path, f"cannot open the file ({error.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise DatabaseError(path, "is a directory, not a database file")
    if not stat.S_ISREG(st.st_mode):
        raise DatabaseError(path, "is not a regular file")
    try:
        raw = path.read_bytes()
    except PermissionError:
        raise DatabaseError(path, "permission denied (cannot read the file)") from None
    except OSError as error:
        raise DatabaseError(path, f"cannot read the file ({error.strerror})") from None
    if not raw:
        return None, signature(st)
    data = (split_lines(path, raw) if lazy else None) or parse(path, raw)
    if data is None:  # JSON `null` is another program's file, not a new database
        raise NotADatabase(path, "is JSON but not a threety database (null at the top)")
    return data, signature(st)


def parse(path: Path, raw: bytes) -> Any:
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
    except RecursionError:
        raise NotADatabase(path, "is not a threety database (JSON nested too deeply)") from None


_TABLE_LINE = re.compile(rb'"([A-Za-z_][A-Za-z0-9_]*)": \{')
_DOC_LINE = re.compile(rb'"(0|[1-9][0-9]*)": (\{.*\}),?')
_CONTACT_ID = re.compile(rb'\{"contact_id": (0|[1-9][0-9]*)[,}]')


class LazyDocs(MutableMapping[str, Any]):
    """A table whose documents stay as their line of JSON until first read.

    Reading a document parses it once (and drops the bytes); `raw_items` gives
    the encoder the bytes of documents never read, to write back unchanged.
    A line that turns out not to be a valid document raises `NotADatabase`
    when it is read. `check` (set by `schema.check`) vets each parsed document.
    """

    __slots__ = ("_items", "check", "path", "table")

    def __init__(self, path: Path, table: str, raw: dict[str, bytes | Any]) -> None:
        self.path = path
        self.table = table
        self._items = raw
        self.check: DocCheck | None = None

    def __getitem__(self, key: str) -> Any:
        value = self._items[key]
        if type(value) is bytes:
            value = self._items[key] = self._parse(key, value)
        return value

    def _parse(self, key: str, line: bytes) -> Any:
        problem = None
        try:
            doc = json.loads(line)
        except (ValueError, RecursionError) as error:  # JSONDecodeError, UnicodeDecodeError
            problem = f"is not valid JSON ({error})"
        else:
            problem = self.check(doc) if self.check else None
        if problem:
            raise NotADatabase(self.path, f"is damaged: {self.table} document {key} {problem}")
        return doc

    def __setitem__(self, key: str, value: Any) -> None:
        self._items[key] = value

    def __delitem__(self, key: str) -> None:
        del self._items[key]

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def raw_items(self) -> list[tuple[str, bytes | Any]]:
        """(key, document or its unread JSON bytes), in order: a snapshot."""
        return list(self._items.items())

    def unread(self, key: str) -> bytes | None:
        """The JSON bytes of a document not read yet, else None."""
        value = self._items.get(key)
        return value if type(value) is bytes else None

    def contact_id(self, key: str) -> Any:
        """The document's `contact_id`, read from its line without parsing it if possible."""
        line = self.unread(key)
        if line is not None and (match := _CONTACT_ID.match(line)):
            return int(match.group(1))
        return self[key].get("contact_id")

    def materialise(self) -> dict[str, Any]:
        """Every document parsed, as a plain dict."""
        with gc_paused():
            return {key: self[key] for key in list(self._items)}


def split_lines(path: Path, raw: bytes) -> Data | None:
    """Split a file `encode` wrote into tables without parsing the lazy ones.

    Returns None unless the layout is exactly `encode`'s (the caller then
    parses the file in full, which also reports any error precisely).
    """
    if not raw.startswith(b"{\n") or not raw.endswith(b"\n}\n"):
        return None
    if not raw.isascii():
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
    lines = raw[2:-3].split(b"\n")
    tables: dict[str, dict[str, bytes]] = {}
    table: dict[str, bytes] | None = None
    doc_line, table_line = _DOC_LINE.fullmatch, _TABLE_LINE.fullmatch
    last = len(lines) - 1
    for number, line in enumerate(lines):
        if table is None:
            match = table_line(line)
            if match is None:
                return None
            name = match.group(1).decode("ascii")
            if name in tables:
                return None
            table = tables[name] = {}
        elif line in (b"},", b"}"):
            if (line == b"}") != (number == last):
                return None
            table = None
        else:
            match = doc_line(line)
            closes = lines[number + 1] in (b"}", b"},") if number < last else True
            if match is None or line.endswith(b",") == closes:
                return None
            table[match.group(1).decode("ascii")] = match.group(2)
    if table is not None:
        return None
    data: Data = {}
    with gc_paused():
        for name, docs in tables.items():
            if name in EAGER_TABLES:
                try:
                    data[name] = {key: json.loads(line) for key, line in docs.items()}
                except (ValueError, RecursionError):
                    return None
            else:
                data[name] = LazyDocs(path, name, dict(docs))
    return data


def materialise(data: Data) -> None:
    """Parse every lazy table in place (before a migration rewrites documents)."""
    for name, docs in list(data.items()):
        if isinstance(docs, LazyDocs):
            data[name] = docs.materialise()


def _doc_chunks(docs: MutableMapping[str, Any]) -> Iterator[tuple[str, Any]]:
    if isinstance(docs, LazyDocs):
        return iter(docs.raw_items())
    return iter(list(docs.items()))


def snapshot(tables: Iterable[tuple[str, MutableMapping[str, Any]]]) -> list[tuple[str, Any]]:
    """The tables' documents as they are now, for a writer thread to encode."""
    return [(name, list(_doc_chunks(docs))) for name, docs in tables]


def encode(tables: Iterable[tuple[str, Any]]) -> Iterator[bytes]:
    """Yield the database as JSON, one document per line, in small chunks.

    A table is a mapping of documents, a `LazyDocs` (unread documents are
    copied as they were read) or a `snapshot` list of (key, document) pairs.
    """
    dumps = json.dumps
    out: list[bytes] = [b"{"]
    for t, (name, table) in enumerate(tables):
        out.append((("," if t else "") + "\n" + dumps(name) + ": {").encode("ascii"))
        items = table if isinstance(table, list) else _doc_chunks(table)
        for d, (key, doc) in enumerate(items):
            head = (("," if d else "") + "\n" + dumps(key) + ": ").encode("ascii")
            out.append(head + (doc if type(doc) is bytes else dumps(doc).encode("ascii")))
            if len(out) >= _CHUNK_DOCS:
                yield b"".join(out)
                out = []
        out.append(b"\n}")
    out.append(b"\n}\n")
    yield b"".join(out)


def write_atomic(path: Path, chunks: Iterable[bytes]) -> os.stat_result:
    """Write via a private temp file in the same folder, fsync, then rename over."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)
    return os.stat(path)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - not possible on every platform
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Delete temp files a killed writer left behind (call only with the lock held)."""
    removed = []
    # mkstemp adds 8 random characters; "*" would also match the temp files of
    # another database in this folder whose name starts with ours (a.json.x).
    for leftover in path.parent.glob(glob.escape(temp_prefix(path)) + "?" * 8 + ".tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


class AtomicJSONStorage(Storage):
    """In-memory TinyDB storage that persists atomically on `flush()`.

    With `autoflush` every TinyDB write is persisted before it returns (the
    CLI); without it the caller flushes, typically from a worker thread (the
    app). Flushes are serialised, so an older state can never replace a newer
    one on disk.
    """

    def __init__(
        self,
        path: Path,
        data: Data,
        file_signature: Signature | None,
        *,
        autoflush: bool = True,
        readonly: bool = False,
    ) -> None:
        self.path = path
        self._data = data
        self._signature = file_signature
        self.autoflush = autoflush
        self.readonly = readonly
        self._generation = 0
        self._flushed = 0
        self._flush_lock = threading.Lock()
        self.rescue_path: Path | None = None

    def read(self) -> Data:
        return self._data

    def write(self, data: Data) -> None:
        self._data = data
        self._generation += 1
        if self.autoflush:
            self.flush()

    @property
    def dirty(self) -> bool:
        return self._generation != self._flushed

    def mark_dirty(self) -> None:
        self._generation += 1

    def flush(self) -> bool:
        """Persist if anything changed; True when a write happened."""
        if self.readonly:
            return False
        with self._flush_lock:
            generation = self._generation
            if generation == self._flushed:
                return False
            tables = list(self._data.items())
            try:
                self._check_unchanged(tables)
                st = write_atomic(self.path, encode(tables))
            except OSError as error:  # disk full, folder gone, permissions changed
                raise DatabaseError(
                    self.path,
                    f"could not be saved ({error.strerror or error}); "
                    "the file on disk was left as it was",
                ) from None
            self._signature = signature(st)
            self._flushed = generation
            return True

    def _check_unchanged(self, tables: list[tuple[str, Any]]) -> None:
        """Refuse to overwrite a file someone else changed; keep our data beside it."""
        if self._signature is None:
            if not self.path.exists():
                return
            current: Signature | None = signature(os.stat(self.path))
            if current is not None and current[1] == 0:
                return  # an empty file is a new database
        else:
            try:
                current = signature(os.stat(self.path))
            except FileNotFoundError:
                current = None
            if current == self._signature:
                return
        if self.rescue_path is None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            self.rescue_path = self.path.with_name(f"{self.path.name}.unsaved-{stamp}.json")
        write_atomic(self.rescue_path, encode(tables))
        self._flushed = self._generation
        raise DatabaseChanged(
            self.path,
            "changed on disk since threety opened it, so it was not overwritten; "
            f"your changes are saved in {self.rescue_path}",
        )

    def close(self) -> None:
        pass
