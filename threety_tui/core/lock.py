"""One writer at a time: an advisory lock on `<db>.lock` holding the writer's pid."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from threety_tui.core.errors import DatabaseError, DatabaseLocked

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no fcntl; it runs without the lock
    fcntl = None  # type: ignore[assignment]

_TRIES = 5
"""Times `acquire` starts again when the lock file was deleted (or replaced) under it."""


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class WriterLock:
    """Held for as long as a process may write the database.

    The lock file is left in place on release, unless the holder asks to
    remove it (a lock it made for a file that turned out not to be a database,
    or for a copy of its own). Removing it is safe: a process that locked the
    file just before it was removed finds it no longer at the path, and starts
    again on the path's new file (see `acquire`).

    The lock file is opened without following a symlink and must be a regular
    file of its own: a lock path planted as a link to another file (or a FIFO)
    is refused, never written through.
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        if fcntl is None:  # pragma: no cover
            return
        for _ in range(_TRIES):
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                pid = _read_pid(fd)
                os.close(fd)
                raise DatabaseLocked(self.db_path, pid) from None
            if _still_at(self.path, fd):
                break
            os.close(fd)  # removed or replaced since it was opened: take the new one
        else:
            raise DatabaseError(self.db_path, "cannot take the lock (its lock file keeps changing)")
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass  # (a full disk): the lock holds all the same, without the pid in it
        self._fd = fd

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path, flags | getattr(os, "O_NONBLOCK", 0), 0o600)
        except OSError as error:
            if os.path.islink(self.path):
                raise DatabaseError(
                    self.db_path,
                    f"its lock file {self.path} is a symbolic link; threety does not write"
                    " through it (remove the link)",
                ) from None
            raise DatabaseError(
                self.db_path, f"cannot create the lock file ({error.strerror})"
            ) from None
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_nlink > 1:
            os.close(fd)
            what = "not a regular file" if not stat.S_ISREG(st.st_mode) else "a hard link"
            raise DatabaseError(
                self.db_path,
                f"its lock file {self.path} is {what}; threety does not write to it (remove it)",
            )
        return fd

    def release(self, *, remove: bool = False) -> None:
        """Drop the lock; `remove` also deletes the lock file (one this process made
        for a file that turned out not to be a threety database, or for a copy of
        its own: no stray lock file beside it). It is deleted while still locked,
        so no other process can take the lock of a file that is about to disappear."""
        if self._fd is None:
            return
        if remove:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        os.close(self._fd)  # closing drops the flock
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def _still_at(path: Path, fd: int) -> bool:
    """The open lock file is still the file at `path` (not deleted or replaced meanwhile)."""
    try:
        now = os.lstat(path)
    except OSError:
        return False
    held = os.fstat(fd)
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return int(text) if text else None
    except (OSError, ValueError):
        return None
