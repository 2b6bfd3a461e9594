"""What the database file was when threety last read or wrote it, and whether it still is.

A file another program replaced (a sync tool renames its copy into place) has a
new inode; one edited in place has a new size or modification time. Two cases
those cannot tell:

- an edit in place that keeps the size and puts the modification time back
  (`touch -r`, a tool that preserves times): the inode's change time (ctime),
  which no program can set, moved. It also moves for a change of mode, owner,
  links or extended attributes (Dropbox sets some), so when it moved the bytes
  are compared rather than the file taken as changed;
- an edit in place that keeps the size and lands in the same tick of the file
  system's clock as the state we recorded: a file system stamps times in ticks
  (a few milliseconds on Linux, up to 2 s on FAT), so a state recorded less
  than `RACY_NS` after the file's mtime or ctime is "in doubt" (git calls such
  an index entry racily clean).

The bytes are compared by their CRC-32, which a writer always records (when
reading, and for its own writes): it catches any accidental edit (not a
forgery: whoever can write the file can do anything to it anyway).
"""

from __future__ import annotations

import os
import time
import zlib
from pathlib import Path
from typing import NamedTuple

RACY_NS = 2_000_000_000
"""A state recorded closer than this to the file's mtime is checked byte by byte."""
_READ = 1 << 20


class FileState(NamedTuple):
    """The file as last read or written. The first three fields are the old `Signature`."""

    ino: int
    size: int
    mtime_ns: int
    dev: int = 0
    seen_ns: int = 0
    """Wall clock when this was recorded."""
    crc: int | None = None
    """CRC-32 of the bytes, when known (always for a writer: read or written)."""
    ctime_ns: int = 0
    """The inode's change time; 0 when not known (our own writes: a rename moves it)."""

    @property
    def in_doubt(self) -> bool:
        return self.seen_ns - max(self.mtime_ns, self.ctime_ns) < RACY_NS

    def touched(self, st: os.stat_result) -> bool:
        """The inode changed since (its ctime moved): its bytes may have, even with its
        size and modification time as they were."""
        return bool(self.ctime_ns) and st.st_ctime_ns != self.ctime_ns

    def same_file(self, st: os.stat_result) -> bool:
        """Same inode, size and mtime (the bytes may still differ: see `in_doubt`)."""
        return (st.st_ino, st.st_size, st.st_mtime_ns) == (self.ino, self.size, self.mtime_ns) and (
            not self.dev or st.st_dev == self.dev
        )


Signature = FileState
"""The name the storage used before: (inode, size, mtime_ns) and more."""


def state_of(st: os.stat_result, crc: int | None = None, seen_ns: int | None = None) -> FileState:
    """The state of a file from its stat; `seen_ns`: the clock read *before* that stat."""
    seen = time.time_ns() if seen_ns is None else seen_ns
    return FileState(st.st_ino, st.st_size, st.st_mtime_ns, st.st_dev, seen, crc, st.st_ctime_ns)


def signature(st: os.stat_result) -> FileState:
    return state_of(st)


def crc_of_fd(fd: int, size: int) -> int | None:
    """CRC-32 of the first `size` bytes at `fd`; None if it holds fewer."""
    crc, position = 0, 0
    while position < size:
        chunk = os.pread(fd, min(_READ, size - position), position)
        if not chunk:
            return None
        crc = zlib.crc32(chunk, crc)
        position += len(chunk)
    return crc


def unchanged(fd: int, known: FileState) -> bool:
    """Is the open file `fd` still the file `known` describes, bytes included when in doubt?"""
    st = os.fstat(fd)
    if not known.same_file(st):
        return False
    if not known.in_doubt and not known.touched(st):
        return True
    if known.crc is None:
        return False  # in doubt and nothing to compare with: treat as changed
    return crc_of_fd(fd, known.size) == known.crc


def same_bytes(fd: int, known: FileState) -> bool:
    """The open file holds exactly the bytes `known` describes (whatever its inode and times)."""
    st = os.fstat(fd)
    return (
        st.st_size == known.size
        and known.crc is not None
        and (crc_of_fd(fd, known.size) == known.crc)
    )


def open_quietly(path: Path) -> int:
    """Open for reading without blocking (a FIFO put in its place must not hang us)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    return os.open(path, flags | getattr(os, "O_NOCTTY", 0))
