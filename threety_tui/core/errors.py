"""Errors the core raises; each reads as one clear line for a human."""

from __future__ import annotations

from pathlib import Path


class ThreetyError(Exception):
    """Base class: `str(error)` is a complete, human sentence."""


class DatabaseError(ThreetyError):
    """The database file cannot be used; it has not been touched."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class NotADatabase(DatabaseError):
    """The file exists but is not a threety database we can read."""


class RepeatedKey(NotADatabase):
    """A table or a document id appears twice: no reader can keep both, so the file is refused."""


class NewerSchema(DatabaseError):
    """The file was written by a newer threety."""


class DatabaseLocked(DatabaseError):
    """Another threety has the file open for writing."""

    def __init__(self, path: Path | str, pid: int | None) -> None:
        self.pid = pid
        who = f"pid {pid}" if pid else "unknown pid"
        super().__init__(path, f"the database is open in another threety ({who}); close it first")


class DatabaseChanged(DatabaseError):
    """The file changed on disk since we loaded it; we refuse to overwrite it."""


class ReadOnlyDatabase(DatabaseError):
    """A write was attempted on a store opened read-only."""


class ReadOnlyFile(DatabaseError):
    """The database file is read-only (no write permission for its owner): left as it is."""


class InputError(ThreetyError):
    """Bad input from the user (a date, a file to import, a field)."""


class Cancelled(Exception):
    """A background read or warm-up was asked to stop (the app is quitting); not an error.

    What it was doing is left undone, not half done: the store is as it was
    before it started, and the work can be started again.
    """


def save_failed(path: Path, error: Exception) -> str:
    """The app's notice for a save that failed (the changes stay in memory; the next
    change tries again): the path once, the reason, what happens next, each said once."""
    if isinstance(error, DatabaseError) and error.path == path:
        reason = error.problem
    elif isinstance(error, OSError) and error.strerror:
        reason = error.strerror
    else:
        reason = str(error)
    return (
        f"Could not save {path}: {reason.rstrip('.')}. Your changes are kept in threety"
        " until it can save them; it tries again at the next change."
    )


def unexpected(error: BaseException) -> str:
    """One line for an error nobody expected (a bug): its kind and where, never its message
    or the values around it, which may hold the user's data (names, notes, drafts)."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return (
        f"stopped by an unexpected error ({type(error).__name__}{where}; details left out:"
        " they may hold your data). Please report it; TEXTUAL=debug shows them."
    )
