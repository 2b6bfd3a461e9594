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

Tables are written meta and contacts first (`HEAD_TABLES`), so the app can go
further still: `read_head` reads just those two (~4 MB of the 85) before the
first frame, and `Pending.read` the rest a moment later, from the same open file.
"""

from __future__ import annotations

import contextlib
import gc
import json
import json.scanner
import os
import re
import stat
import threading
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from threety_tui.core.errors import DatabaseChanged, DatabaseError, NotADatabase

Data = dict[str, Any]
"""Table name -> its documents by id: a dict, or a `LazyDocs` (a MutableMapping)."""
Signature = tuple[int, int, int]
"""(inode, size, mtime_ns) of the file as we last read or wrote it."""
DocCheck = Callable[[Any], "str | None"]
"""A document's problem in words (see schema.py), or None when it is fine."""

_CHUNK_DOCS = 256
EAGER_TABLES = frozenset(("contacts", "meta"))
"""Tables `read_file(lazy=True)` parses at once: the app needs all of them to start."""
HEAD_TABLES = ("meta", "contacts")
"""Written first, in this order, so `read_head` can stop reading after them."""
_HEAD_START = b'{\n"meta": {\n'
_HEAD_CHUNK = 256 * 1024


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


class Pending:
    """The rest of a file `read_head` read the head of: read it with `read()`.

    Holds the file open, so the rest comes from the very file the head came
    from even if another program replaces it meanwhile; a file changed in
    place is refused.
    """

    def __init__(self, path: Path, fd: int, offset: int, file_signature: Signature) -> None:
        self.path = path
        self._fd: int | None = fd
        self.offset = offset
        self.signature = file_signature

    def read(self) -> Data:
        """The tables after contacts, as `read_file(lazy=True)` would give them."""
        fd = self._fd
        if fd is None:
            raise DatabaseError(self.path, "was already read")
        try:
            size = self.signature[1]
            chunks, position = [], self.offset
            head = b""
            while position < size:
                chunk = os.pread(fd, min(8 << 20, size - position), position)
                if not chunk:
                    break
                chunks.append(chunk)
                position += len(chunk)
            rest = b"".join(chunks)
            data = split_lines(self.path, b"{\n" + rest)
            if data is None:  # parsed whole below: its errors then name the file's own lines
                head = os.pread(fd, self.offset, 0)
            now = signature(os.fstat(fd))
        except OSError as error:
            raise DatabaseError(self.path, f"cannot read the file ({error.strerror})") from None
        finally:
            self.close()
        if now != self.signature or position != size:
            raise DatabaseChanged(
                self.path, "changed on disk while threety was reading it; open it again"
            )
        if data is None:
            whole = parse(self.path, head + rest)
            if not isinstance(whole, dict):
                raise NotADatabase(self.path, "is damaged: its tables are not in threety's layout")
            data = {name: docs for name, docs in whole.items() if name not in HEAD_TABLES}
        return data

    def close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)


def read_head(path: Path) -> tuple[Data, Pending | None, Signature] | None:
    """Read only the meta and contacts tables of a file `encode` wrote.

    What the first screen needs is at the start of the file (`HEAD_TABLES`):
    reading and parsing only that is what lets a large database show its
    contacts at once. Returns (those tables, the rest to read later or None,
    the file's signature); None when the file is not in that layout (an older
    or hand-edited file, a missing or empty one): `read_file` then reads it
    all and reports any problem precisely.
    """
    if not hasattr(os, "pread"):  # Windows: read it all at once
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    keep = False
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or os.pread(fd, 5, st.st_size - 5) != b"\n}\n}\n":
            return None  # also a file cut short: `read_file` names the problem
        buffer = bytearray()
        contacts = end = -1
        chunk = _HEAD_CHUNK
        while end < 0 or len(buffer) < end + 4:
            data = os.pread(fd, chunk, len(buffer))
            if not data:
                return None
            buffer += data
            chunk = min(chunk * 2, 16 << 20)
            if not buffer.startswith(_HEAD_START[: len(buffer)]):
                return None
            if contacts < 0:
                contacts = buffer.find(b'\n"contacts": {\n')
                if contacts < 0:
                    continue
            # A document line starts with its id in quotes: the first line that
            # starts with "}" closes the contacts table.
            end = buffer.find(b"\n}", contacts + 1)
        head = bytes(buffer[: end + 2]) + b"\n}\n"
        tables = split_lines(path, head)
        if tables is None or list(tables) != list(HEAD_TABLES):
            return None
        file_signature = signature(st)
        follows = buffer[end + 2 : end + 4]
        if follows == b"\n}":
            return tables, None, file_signature  # contacts is the last table
        if follows != b",\n":
            return None
        keep = True
        return tables, Pending(path, fd, end + 4, file_signature), file_signature
    except OSError:
        return None
    finally:
        if not keep:
            os.close(fd)


_TABLE_LINE = re.compile(rb'"([A-Za-z_][A-Za-z0-9_]*)": \{')
_DOC_LINE = re.compile(rb'\n"(0|[1-9][0-9]*)": \{(?:"contact_id": (0|[1-9][0-9]*)[,}])?')
"""A document line's start ("\\n" first: a fast literal scan), with the id and, when the
document opens with it (meetings, messages), its contact id: the store's index."""


_DECODER: Any = json.JSONDecoder()
_scan: Callable[[str, int], tuple[Any, int]] = json.scanner.make_scanner(_DECODER)


def _doc_json(key: str, line: bytes) -> bytes:
    """The document in its line `"key": {...},` (the comma is there but on the last)."""
    return line[len(key) + 4 : -1 if line.endswith(b",") else None]


class LazyDocs(MutableMapping[str, Any]):
    """A table whose documents stay as their line of JSON until first read.

    Reading a document parses it once (and drops its line); `raw_items` gives
    the encoder the lines of documents never read, to write back unchanged. A
    line that turns out not to be a valid document raises `NotADatabase` when
    it is read; `check` (set by `schema.check`) vets each document parsed.
    `contact_ids` holds what the line of each unread document starts with.
    """

    __slots__ = ("_items", "_lock", "check", "contact_ids", "path", "table")

    def __init__(
        self, path: Path, table: str, lines: dict[str, Any], contact_ids: dict[str, bytes]
    ) -> None:
        self.path = path
        self.table = table
        self._items = lines
        self.contact_ids = contact_ids
        self.check: DocCheck | None = None
        self._lock = threading.Lock()

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
        """Store a parsed line, unless another thread replaced it meanwhile.

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
        problem = None
        try:
            text = _doc_json(key, line).decode("utf-8")
            doc, end = _scan(text, 0)  # json.loads without its per-call layers
            if end != len(text):
                raise ValueError(f"extra data at column {end + 1}")
        except StopIteration as error:
            problem = f"is not valid JSON (no value at column {error.value + 1})"
        except (ValueError, RecursionError) as error:  # JSONDecodeError, UnicodeDecodeError
            problem = f"is not valid JSON ({error})"
        else:
            problem = self.check(doc) if self.check else None
        if problem:
            raise NotADatabase(self.path, f"is damaged: {self.table} document {key} {problem}")
        return doc

    def __setitem__(self, key: str, value: Any) -> None:
        with self._lock:
            self._items[key] = value

    def __delitem__(self, key: str) -> None:
        del self._items[key]

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

    def contact_id(self, key: str) -> Any:
        """The document's `contact_id`, without parsing it when its line starts with it."""
        known = self.contact_ids.get(key)
        if known and type(self._items[key]) is bytes:
            return int(known)
        return self[key].get("contact_id")

    def contact_index(self) -> Iterator[tuple[str, Any]]:
        """(key, contact_id) of every document: `contact_id` for the whole table."""
        items, known = self._items, self.contact_ids
        for key, value in list(items.items()):
            cid = known.get(key) if type(value) is bytes else None
            yield key, (int(cid) if cid else self[key].get("contact_id"))

    def read_all(self) -> None:
        """Parse every unread document, in one pass of the JSON parser.

        For callers about to read the whole table (`threety due`, the agenda):
        parsing 75,000 lines one by one costs half as much again.
        """
        unread = [(key, value) for key, value in self._items.items() if type(value) is bytes]
        if not unread:
            return
        with gc_paused():
            try:
                docs = json.loads(b"{" + b"\n".join(line for _, line in unread) + b"}")
            except (ValueError, RecursionError):
                docs = None
            if docs is None or len(docs) != len(unread):
                for key, _ in unread:
                    self[key]  # one by one: names the damaged document
                return
            check = self.check
            for key, line in unread:
                doc = docs[key]
                problem = check(doc) if check else None
                if problem:
                    raise NotADatabase(
                        self.path, f"is damaged: {self.table} document {key} {problem}"
                    )
                self._keep(key, line, doc)

    def materialise(self) -> dict[str, Any]:
        """Every document parsed, as a plain dict."""
        self.read_all()
        return dict(self._items)


def split_lines(path: Path, raw: bytes) -> Data | None:
    """Split a file `encode` wrote into tables, without parsing the lazy ones.

    Returns None unless the layout is `encode`'s (the caller then parses the
    whole file, which also reports any error precisely). The work is a few
    passes of C over the bytes: a document can hold no raw line break, so each
    document line starts with `"id": {` and a table ends at a line `}`.
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
            if name in EAGER_TABLES:
                try:
                    data[name] = json.loads(b"{" + b"\n".join(docs) + b"}")
                except (ValueError, RecursionError):
                    return None
            else:
                contact_ids = {key: cid for key, (_, cid) in zip(keys, found, strict=True)}
                data[name] = LazyDocs(path, name, dict(zip(keys, docs, strict=True)), contact_ids)
            line = close + 1
    # Every match is at the start of a line, so as many matches as document lines
    # means each document line was matched, in order.
    return data if line == end and seen == len(starts) else None


def ordered(data: Data) -> list[tuple[str, Any]]:
    """The tables in the order they are written: `HEAD_TABLES` first."""
    first = {name: index for index, name in enumerate(HEAD_TABLES)}
    return sorted(data.items(), key=lambda item: first.get(item[0], len(first)))


def _closing_line(lines: list[bytes], start: int, end: int) -> int:
    """The index of the first "}" or "}," line from `start` (a table's end)."""
    found = end
    for closing in (b"},", b"}"):
        with contextlib.suppress(ValueError):
            found = min(found, lines.index(closing, start, end))
    return found


def materialise(data: Data) -> None:
    """Parse every lazy table in place (before a migration rewrites documents)."""
    for name, docs in list(data.items()):
        if isinstance(docs, LazyDocs):
            data[name] = docs.materialise()


def _doc_items(docs: Any) -> Iterator[tuple[str, Any]]:
    """A table's (key, document) pairs, from a copy of its keys.

    Only the keys are copied (strings: the garbage collector does not track
    them; 75,000 (key, document) tuples would set off a full collection,
    a 30-60 ms stall of every thread). A document changed meanwhile is
    written as it is now, one deleted meanwhile is left out.
    """
    table = docs.raw() if isinstance(docs, LazyDocs) else docs
    get = table.get
    for key in list(table):
        doc = get(key)
        if doc is not None:
            yield key, doc


def encode(tables: Iterable[tuple[str, Any]]) -> Iterator[bytes]:
    """Yield the database as JSON, one document per line, in small chunks.

    A table is a mapping of documents or a `LazyDocs` (unread documents are
    copied as they were read), so a writer thread can encode while the UI
    thread edits (see `_doc_items`).
    """
    dumps = json.dumps
    out: list[bytes] = [b"{"]
    for t, (name, table) in enumerate(tables):
        out.append((("," if t else "") + "\n" + dumps(name) + ": {").encode("ascii"))
        separator = "\n"
        for key, doc in _doc_items(table):
            head = (separator + dumps(key) + ": ").encode("ascii")
            separator = ",\n"
            out.append(head + (_doc_json(key, doc) if type(doc) is bytes else dumps(doc).encode()))
            if len(out) >= _CHUNK_DOCS:
                yield b"".join(out)
                out = []
        out.append(b"\n}")
    out.append(b"\n}\n")
    yield b"".join(out)


def write_atomic(path: Path, chunks: Iterable[bytes]) -> os.stat_result:
    """Write via a private temp file in the same folder, fsync, then rename over."""
    import tempfile  # here: only a write needs it, and it imports shutil, bz2, lzma, random

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
    import glob

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
        self.before_write: Callable[[], None] | None = None
        """Called before each write: a store opened in two steps reads the rest
        of the file first, so a write can never leave tables out."""

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

    def wait_while_flushing(self) -> None:
        """Return once no write is under way (a background job giving way to a save)."""
        with self._flush_lock:
            pass

    def flush(self) -> bool:
        """Persist if anything changed; True when a write happened."""
        if self.readonly:
            return False
        with self._flush_lock:
            generation = self._generation
            if generation == self._flushed:
                return False
            if self.before_write is not None:
                self.before_write()
            tables = ordered(self._data)
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
