"""Reading the database file: all of it, or its head now and the rest later.

Anything that is not a regular file (a folder, a FIFO, a socket, a device) is
refused before it is opened for reading, and it is opened without blocking,
so `threety --db fifo.json` says what is wrong instead of waiting forever for
a writer. Every read records the file's state (`filestate.FileState`, with
the checksum of the bytes read), which the next save compares with the disk.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from threety_tui.core.db.collector import gc_paused
from threety_tui.core.db.contact_lines import SCAN_FROM, ContactLines, scan_contacts
from threety_tui.core.db.filestate import FileState, crc_of_fd, open_quietly, state_of
from threety_tui.core.db.layout import (
    HEAD_START,
    HEAD_TABLES,
    LAYOUT_END,
    Data,
    Splitter,
    is_utf8,
    parse_tables,
    split_lines,
)
from threety_tui.core.errors import (
    Cancelled,
    DatabaseChanged,
    DatabaseError,
    NotADatabase,
    RepeatedKey,
)

_HEAD_CHUNK = 256 * 1024
_TABLE_END = re.compile(rb"\n\}")
"""A line that starts with "}": a table's end (a document's line starts with its id in
quotes). Searched with `re`, whose literal scan looks for the rare line break first:
~3x quicker here than `bytes.find` (5 ms instead of 15 over 20 MB of contacts)."""


def refuse_special(path: Path, st: os.stat_result) -> None:
    """`DatabaseError` unless `st` is a regular file."""
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise DatabaseError(path, "is a directory, not a database file")
    if stat.S_ISREG(mode):
        return
    what = (
        "a FIFO (named pipe)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a file"
    )
    raise DatabaseError(path, f"is not a regular file ({what}); threety does not read it")


def stat_or_none(path: Path) -> os.stat_result | None:
    """The file's stat, None if it does not exist; `DatabaseError` if it cannot be looked at."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except PermissionError:
        raise DatabaseError(path, "permission denied (cannot open the file)") from None
    except OSError as error:
        raise DatabaseError(path, f"cannot open the file ({error.strerror})") from None


def open_regular(path: Path) -> int:
    """An open descriptor on the regular file at `path` (checked before and after opening)."""
    st = stat_or_none(path)
    if st is None:
        raise DatabaseError(path, "does not exist")
    refuse_special(path, st)
    try:
        fd = open_quietly(path)
    except PermissionError:
        raise DatabaseError(path, "permission denied (cannot read the file)") from None
    except OSError as error:
        raise DatabaseError(path, f"cannot read the file ({error.strerror})") from None
    try:
        refuse_special(path, os.fstat(fd))  # replaced between the stat and the open
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_bytes(path: Path, *, checksum: bool = False) -> tuple[bytes | None, FileState | None]:
    """The file's bytes and state; (None, None) when it does not exist.

    `checksum` (a writer): the state holds the CRC-32 of the bytes, which the
    first save compares with the file when its times cannot tell (see `filestate`).
    """
    if stat_or_none(path) is None:
        return None, None
    fd = open_regular(path)
    try:
        seen = time.time_ns()
        st = os.fstat(fd)
        chunks = []
        while chunk := os.read(fd, max(st.st_size + 1, 1 << 16)):
            chunks.append(chunk)
        raw = b"".join(chunks)
    except PermissionError:
        raise DatabaseError(path, "permission denied (cannot read the file)") from None
    except OSError as error:
        raise DatabaseError(path, f"cannot read the file ({error.strerror})") from None
    except MemoryError:
        raise DatabaseError(path, "is too large to read (out of memory)") from None
    finally:
        os.close(fd)
    state = state_of(st, None, seen)
    if len(raw) == st.st_size and (checksum or state.in_doubt):
        # (A file that grew meanwhile gets none: compared by its bytes, it reads as changed.)
        state = state._replace(crc=zlib.crc32(raw))
    return raw, state


def read_file(
    path: Path, *, lazy: bool = False, checksum: bool = False
) -> tuple[Any, FileState | None]:
    """Parse the file; `(None, ...)` for a missing or empty (0-byte) file.

    With `lazy`, a file in threety's layout comes back with `LazyDocs` for
    every table but contacts and meta; any other layout (an older or
    hand-edited file) is parsed in full. Without it the file is parsed in one
    go, the fastest way to read it all, unless a damaged line makes that fail:
    then it is split into its lines too, so only that record is lost to the
    reader. Raises a `DatabaseError` naming the problem for a file that cannot
    be read as a whole. `checksum`: see `read_bytes`.
    """
    raw, state = read_bytes(path, checksum=checksum)
    if not raw:
        return None, state
    if lazy:
        data = split_lines(path, raw) or parse_tables(path, raw)
    else:
        try:
            data = parse_tables(path, raw)
        except RepeatedKey:
            raise  # a table or id that appears twice: the file cannot be read whole
        except NotADatabase:
            data = split_lines(path, raw)
            if data is None:
                raise
    if data is None:  # JSON `null` is another program's file, not a new database
        raise NotADatabase(path, "is JSON but not a threety database (null at the top)")
    return data, state


WINDOW = 1 << 20
"""Bytes a reader of the rest takes at a time: each window is read (without the
interpreter lock), then split and indexed in a few milliseconds of C."""

StopCheck = Callable[[], bool]
"""Asked between windows (and batches of work): True means stop now (`Cancelled`)."""


class Pending:
    """The rest of a file `read_head` read the head of: read it with `read()`.

    Holds the file open, so the rest comes from the very file the head came
    from even if another program replaces it meanwhile; a file changed in
    place is refused. The file stays open until `close()` (the store closes it
    once the rest is in memory): a save before then copies the rest byte for
    byte from it (`copy_rest`), without parsing it.
    """

    def __init__(
        self,
        path: Path,
        fd: int,
        offset: int,
        state: FileState,
        head_crc: int | None,
        head_lines: int = 0,
    ) -> None:
        self.path = path
        self._fd: int | None = fd
        self.offset = offset
        self._head_lines = head_lines
        """Lines before `offset` (to name a line of the rest by its number in the file)."""
        self.state = state
        """The file's state; with the checksum of all its bytes once `read()` is done
        (or a `copy_rest()`): what the first save compares the file with (see `filestate`)."""
        self._head_crc = head_crc
        """CRC-32 of the bytes before `offset` (None: no checksum is kept)."""
        self._io = threading.Lock()
        """Held for each read of the file and by `close`: a reader on another thread
        never reads a descriptor closed meanwhile (or, worse, reused for another file)."""

    @property
    def signature(self) -> FileState:
        return self.state

    @property
    def closed(self) -> bool:
        return self._fd is None

    def _open_fd(self) -> int:
        fd = self._fd
        if fd is None:
            raise DatabaseError(self.path, "was already read")
        return fd

    def _pread(self, size: int, position: int) -> bytes:
        """`os.pread` of the open file; `Cancelled` once it was closed (the store closes)."""
        with self._io:
            fd = self._fd
            if fd is None:
                raise Cancelled
            return os.pread(fd, size, position)

    def read(self, stop: StopCheck | None = None) -> Data:
        """The tables after contacts, as `read_file(lazy=True)` would give them.

        Reads and splits a window (`WINDOW`) at a time: no single step holds
        the interpreter for more than a few milliseconds, so the UI thread runs
        meanwhile. `stop` is asked between windows; when it says so,
        `Cancelled` is raised and nothing changes (the rest can be read again).
        """
        self._open_fd()
        try:
            data, crc = self._split(stop)
            whole = None
            with self._io:
                fd = self._fd
                if fd is None:
                    raise Cancelled  # closed meanwhile: the store is closing
                if data is None and crc is not _SHORT:  # parsed whole below: its errors
                    whole = _read_range(fd, 0, self.state.size)  # then name its own lines
                    if len(whole) != self.state.size:
                        crc = _SHORT
                    elif self._head_crc is not None:
                        crc = zlib.crc32(whole)
                now = os.fstat(fd)
        except OSError as error:
            raise DatabaseError(self.path, f"cannot read the file ({error.strerror})") from None
        except MemoryError:
            raise DatabaseError(self.path, "is too large to read (out of memory)") from None
        if not self.state.same_file(now) or crc is _SHORT:
            raise DatabaseChanged(
                self.path, "changed on disk while threety was reading it; open it again"
            )
        if isinstance(crc, int):
            self.state = self.state._replace(crc=crc)
        if whole is not None:
            parsed = parse_tables(self.path, whole)
            if not isinstance(parsed, dict):
                raise NotADatabase(self.path, "is damaged: its tables are not in threety's layout")
            data = {name: docs for name, docs in parsed.items() if name not in HEAD_TABLES}
        assert data is not None
        return data

    def _split(self, stop: StopCheck | None) -> tuple[Data | None, object]:
        """The tables of the rest (None: not in the layout), and the whole file's CRC-32.

        Each window starts at the line break before its first line (the first
        one at the head's last byte) and ends at its last line break, where
        the next window starts. The checksum takes each window's bytes after
        its first, up to and with that last line break: every byte once. zlib
        and `pread` let go of the interpreter lock.
        """
        splitter = Splitter(self.path, self._head_lines)
        size = self.state.size
        position = self.offset - 1  # the head ends with ",\n": a window starts at a line break
        crc = self._head_crc
        window = WINDOW
        with gc_paused():
            while position < size:
                if stop is not None and stop():
                    raise Cancelled
                want = min(window, size - position)
                chunk = self._pread(want, position)
                if len(chunk) != want:
                    return None, _SHORT  # shorter than it was: changed in place
                end = want if position + want == size else chunk.rfind(b"\n")
                if end <= 0:
                    window *= 2  # a line longer than a window
                    continue
                if crc is not None:
                    crc = zlib.crc32(memoryview(chunk)[1 : end + 1], crc)
                if not splitter.feed_window(chunk, end):
                    if splitter.repeated:
                        raise RepeatedKey(self.path, splitter.repeated)
                    return None, None
                position += end
                window = WINDOW
            return splitter.finish(), crc

    def copy_rest(self) -> Iterator[bytes]:
        """The rest as it is in the file, in chunks: for a save before it was read.

        Read from the file the head came from (still open). `state.crc` is the
        whole file's checksum afterwards, head as read at open and rest as
        copied now: the save's compare-and-swap then catches any change to
        either (see `filestate`). A file that changed in
        place (`unchanged` False) is copied as it is now: the caller checks.
        """
        self._open_fd()
        crc = self._head_crc
        position, size = self.offset, self.state.size
        while position < size:
            chunk = self._pread(min(WINDOW * 4, size - position), position)
            if not chunk:
                break
            if crc is not None:
                crc = zlib.crc32(chunk, crc)
            position += len(chunk)
            yield chunk
        if crc is not None and position == size:
            self.state = self.state._replace(crc=crc)

    def unchanged(self) -> bool:
        """The open file still has the size and time it had when its head was read."""
        with self._io:
            fd = self._fd
            return fd is not None and self.state.same_file(os.fstat(fd))

    def close(self) -> None:
        with self._io:
            fd, self._fd = self._fd, None
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)


_SHORT = object()
"""`_split`'s checksum when the file turned out shorter than it was: changed."""


def _read_range(fd: int, start: int, size: int) -> bytes:
    """Bytes `start` to `size` of the open file, in one buffer (the slow, rare path)."""
    buffer = bytearray(size - start)
    view = memoryview(buffer)
    position = 0
    while position < len(buffer):
        got = os.preadv(fd, [view[position:]], start + position)
        if not got:
            break
        position += got
    return bytes(view[:position])


def _head_tables(path: Path, buffer: bytearray, contacts: int, end: int) -> Data | None:
    """The meta and contacts tables from the head, `buffer[: end + 2]` (it is cut there).

    `contacts` is where the line `"contacts": {` starts (less its line break).
    A large contacts table is scanned, not parsed (`contact_lines`). Otherwise
    one `json.loads` of the head, without splitting it into lines, when the
    head is sound and in the layout: as many line breaks as documents (each
    on its own line) plus the 5 of the tables' lines. Otherwise (a damaged
    line, a repeated id, another layout) `split_lines` decides, line by line.
    """
    if end - contacts > SCAN_FROM:
        scanned = _scanned_head(path, buffer, contacts, end)
        if scanned is not None:
            return scanned
    del buffer[end + 2 :]
    buffer += b"\n}"
    tables: Any = None
    with gc_paused(), contextlib.suppress(ValueError, RecursionError):
        tables = json.loads(buffer)
    if (
        isinstance(tables, dict)
        and list(tables) == list(HEAD_TABLES)
        and all(type(docs) is dict for docs in tables.values())
        and buffer.count(b"\n") == sum(map(len, tables.values())) + 5
    ):
        return tables
    buffer += b"\n"
    tables = split_lines(path, bytes(buffer))
    return tables if tables is not None and list(tables) == list(HEAD_TABLES) else None


def _table_lines(docs: Any, buffer: bytearray, contacts: int, end: int) -> int:
    """The line breaks in `buffer[contacts + 1 : end]`: one a contact when it was scanned."""
    if isinstance(docs, ContactLines):
        return len(docs)
    return buffer.count(b"\n", contacts + 1, end)


def _scanned_head(path: Path, buffer: bytearray, contacts: int, end: int) -> Data | None:
    """`_head_tables` with the contacts scanned (`contact_lines.scan_contacts`): meta is
    parsed; None when the head is not as threety writes it."""
    start = contacts + len(b'\n"contacts": {')
    if not buffer.startswith(b',\n"contacts": {\n', contacts - 1):
        return None
    meta: Any = None
    with contextlib.suppress(ValueError, RecursionError):
        meta = json.loads(buffer[: contacts - 1] + b"\n}")
    if not isinstance(meta, dict) or list(meta) != ["meta"] or type(meta["meta"]) is not dict:
        return None
    table = bytes(memoryview(buffer)[start:end])  # one copy (a bytearray slice is another)
    if not is_utf8(table):
        return None
    with gc_paused():
        docs = scan_contacts(path, table)
    if docs is None:
        return None
    return {"meta": meta["meta"], "contacts": docs}


def read_head(path: Path) -> tuple[Data, Pending | None, FileState] | None:
    """Read only the meta and contacts tables of a file in threety's layout.

    What the first screen needs is at the start of the file (`HEAD_TABLES`):
    reading and parsing only that is what lets a large database show its
    contacts at once. Returns (those tables, the rest to read later or None,
    the file's state); None when the file is not in that layout (an older or
    hand-edited file, a missing or empty one, anything but a regular file):
    `read_file` then reads it all and reports any problem precisely.
    """
    if not hasattr(os, "pread"):  # Windows: read it all at once
        return None
    try:
        fd = open_quietly(path)
    except OSError:
        return None
    keep = False
    try:
        seen = time.time_ns()
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or os.pread(fd, 5, st.st_size - 5) != LAYOUT_END:
            return None  # also a file cut short: `read_file` names the problem
        state = state_of(st, None, seen)
        buffer = bytearray()
        contacts = end = -1
        searched = 0
        chunk = _HEAD_CHUNK
        while end < 0 or len(buffer) < end + 4:
            data = os.pread(fd, chunk, len(buffer))
            if not data:
                return None
            buffer += data
            chunk = min(chunk * 2, 16 << 20)
            if not buffer.startswith(HEAD_START[: len(buffer)]):
                return None
            if contacts < 0:
                contacts = buffer.find(b'\n"contacts": {\n')
                if contacts < 0:
                    continue
                searched = contacts + 1
            if end < 0:
                # A document line starts with its id in quotes: the first line that
                # starts with "}" closes the contacts table.
                found = _TABLE_END.search(buffer, searched)
                end = -1 if found is None else found.start()
                searched = len(buffer) - 1
        follows = bytes(buffer[end + 2 : end + 4])
        if follows not in (b"\n}", b",\n"):
            return None
        offset = end + 4
        # The checksum of what was read (a writer's: see `filestate`), the rest's added
        # as it is read or copied.
        head_crc = zlib.crc32(memoryview(buffer)[:offset])
        tables = _head_tables(path, buffer, contacts, end)
        if tables is None:
            return None
        # The lines before the rest: up to the contacts, the contacts' own (a scanned
        # table is a line a contact, so no count of its 20 MB is needed), then "}," .
        # (`_head_tables` cuts the buffer after `end` only: the lines before are as read.)
        head_lines = buffer.count(b"\n", 0, contacts + 1)
        head_lines += _table_lines(tables["contacts"], buffer, contacts, end) + 2
        if follows == b"\n}":  # contacts is the last table: the head is the whole file
            return tables, None, state._replace(crc=crc_of_fd(fd, st.st_size))
        keep = True
        return tables, Pending(path, fd, offset, state, head_crc, head_lines), state
    except OSError:
        return None
    finally:
        if not keep:
            os.close(fd)
