"""Reading the database file: all of it, or its head now and the rest later.

Anything that is not a regular file (a folder, a FIFO, a socket, a device) is
refused before it is opened for reading, and it is opened without blocking,
so `threety --db fifo.json` says what is wrong instead of waiting forever for
a writer. Every read records the file's state (`filestate.FileState`, with
the checksum of the bytes read), which the next save compares with the disk.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
import zlib
from pathlib import Path
from typing import Any

from threety_tui.core.db.filestate import FileState, crc_of_fd, open_quietly, state_of
from threety_tui.core.db.layout import (
    HEAD_START,
    HEAD_TABLES,
    LAYOUT_END,
    Data,
    parse,
    split_lines,
)
from threety_tui.core.errors import DatabaseChanged, DatabaseError, NotADatabase

_HEAD_CHUNK = 256 * 1024


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


def read_bytes(path: Path) -> tuple[bytes | None, FileState | None]:
    """The file's bytes and state; (None, None) when it does not exist."""
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
    crc = zlib.crc32(raw) if len(raw) == st.st_size else None  # grew meanwhile: in doubt
    return raw, state_of(st, crc, seen)


def read_file(path: Path, *, lazy: bool = False) -> tuple[Any, FileState | None]:
    """Parse the file; `(None, ...)` for a missing or empty (0-byte) file.

    With `lazy`, a file in threety's layout comes back with `LazyDocs` for
    every table but contacts and meta; any other layout (an older or
    hand-edited file) is parsed in full. Without it the file is parsed in one
    go, the fastest way to read it all, unless a damaged line makes that fail:
    then it is split into its lines too, so only that record is lost to the
    reader. Raises a `DatabaseError` naming the problem for a file that cannot
    be read as a whole.
    """
    raw, state = read_bytes(path)
    if not raw:
        return None, state
    if lazy:
        data = split_lines(path, raw) or parse(path, raw)
    else:
        try:
            data = parse(path, raw)
        except NotADatabase:
            data = split_lines(path, raw)
            if data is None:
                raise
    if data is None:  # JSON `null` is another program's file, not a new database
        raise NotADatabase(path, "is JSON but not a threety database (null at the top)")
    return data, state


class Pending:
    """The rest of a file `read_head` read the head of: read it with `read()`.

    Holds the file open, so the rest comes from the very file the head came
    from even if another program replaces it meanwhile; a file changed in
    place is refused.
    """

    def __init__(self, path: Path, fd: int, offset: int, state: FileState, head_crc: int) -> None:
        self.path = path
        self._fd: int | None = fd
        self.offset = offset
        self.state = state
        """The file's state; with the checksum of all its bytes once `read()` is done."""
        self._crc = head_crc

    @property
    def signature(self) -> FileState:
        return self.state

    def read(self) -> Data:
        """The tables after contacts, as `read_file(lazy=True)` would give them."""
        fd = self._fd
        if fd is None:
            raise DatabaseError(self.path, "was already read")
        try:
            size = self.state.size
            chunks, position = [], self.offset
            crc = self._crc
            head = b""
            while position < size:
                chunk = os.pread(fd, min(8 << 20, size - position), position)
                if not chunk:
                    break
                chunks.append(chunk)
                crc = zlib.crc32(chunk, crc)
                position += len(chunk)
            rest = b"".join(chunks)
            data = split_lines(self.path, b"{\n" + rest)
            if data is None:  # parsed whole below: its errors then name the file's own lines
                head = os.pread(fd, self.offset, 0)
            now = os.fstat(fd)
        except OSError as error:
            raise DatabaseError(self.path, f"cannot read the file ({error.strerror})") from None
        except MemoryError:
            raise DatabaseError(self.path, "is too large to read (out of memory)") from None
        finally:
            self.close()
        if not self.state.same_file(now) or position != size:
            raise DatabaseChanged(
                self.path, "changed on disk while threety was reading it; open it again"
            )
        self.state = self.state._replace(crc=crc)
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
        buffer = bytearray()
        contacts = end = -1
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
            # A document line starts with its id in quotes: the first line that
            # starts with "}" closes the contacts table.
            end = buffer.find(b"\n}", contacts + 1)
        head = bytes(buffer[: end + 2]) + b"\n}\n"
        tables = split_lines(path, head)
        if tables is None or list(tables) != list(HEAD_TABLES):
            return None
        follows = buffer[end + 2 : end + 4]
        if follows == b"\n}":  # contacts is the last table: the head is the whole file
            return tables, None, state_of(st, crc_of_fd(fd, st.st_size), seen)
        if follows != b",\n":
            return None
        keep = True
        state = state_of(st, None, seen)
        offset = end + 4
        return tables, Pending(path, fd, offset, state, zlib.crc32(buffer[:offset])), state
    except OSError:
        return None
    finally:
        if not keep:
            os.close(fd)
