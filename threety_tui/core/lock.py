"""One writer at a time: an advisory lock on `<db>.lock` holding the writer's pid."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from threety_tui.core.errors import DatabaseError, DatabaseLocked

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no fcntl; it runs without the lock
    fcntl = None  # type: ignore[assignment]


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class WriterLock:
    """Held for as long as a process may write the database.

    The lock file is left in place on release: deleting it would let a third
    process lock a fresh file while a second still holds the old one.
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        if fcntl is None:  # pragma: no cover
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise DatabaseError(
                self.db_path, f"cannot create the lock file ({error.strerror})"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pid = _read_pid(fd)
            os.close(fd)
            raise DatabaseLocked(self.db_path, pid) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self, *, remove: bool = False) -> None:
        """Drop the lock; `remove` also deletes the lock file (one this process made
        for a file that turned out not to be a threety database: no stray lock file
        beside another program's file). It is deleted while still locked, so no
        other process can take the lock of a file that is about to disappear."""
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


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return int(text) if text else None
    except (OSError, ValueError):
        return None
