"""Opening a database: checks before anything is created, the lock, the read, migration.

In order, for a writer: the path is looked at without opening it (a folder,
FIFO, socket or device is refused; a read-only file is refused, it stays as
it is; a file that clearly is not JSON is refused), the folder is made (0700,
whatever the umask), the lock taken (`<db>.lock`, removed again if the file
then turns out not to be a threety database), the file read (its head only, for
the app, see `reading.read_head`), checked and migrated; a missing file is
created empty at once (mode 0600), and what a killed writer left behind is
tidied: torn temp files deleted, a complete one kept (`recovery`).
A reader (`threety due`, `stats`, `export`) takes no lock and creates nothing.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from threety_tui.core.db import schema
from threety_tui.core.db.atomic import is_read_only, make_private_dirs, temp_files
from threety_tui.core.db.filestate import FileState, crc_of_fd, open_quietly, state_of
from threety_tui.core.db.layout import looks_complete, materialise
from threety_tui.core.db.reading import (
    Pending,
    read_file,
    read_head,
    refuse_special,
    stat_or_none,
)
from threety_tui.core.db.storage import AtomicJSONStorage
from threety_tui.core.db.swap import keep_aside
from threety_tui.core.errors import DatabaseError, ReadOnlyFile
from threety_tui.core.lock import WriterLock, lock_path

_SNIFF = 4096
_SMALL = 16 << 20


@dataclass
class Opened:
    """What opening gives the store."""

    path: Path
    storage: AtomicJSONStorage
    lock: WriterLock | None
    pending: Pending | None = None
    kept: list[Path] = field(default_factory=list)
    """Complete files of interrupted saves found and kept aside at this open."""


def resolve(path: Path | str) -> Path:
    """The file a path names: a symlink is followed (a save must replace the file, not the link)."""
    path = Path(path)
    if os.path.islink(path):
        path = Path(os.path.realpath(path))
    return path


def open_database(
    path: Path,
    *,
    readonly: bool,
    autoflush: bool,
    lazy: bool,
    defer: bool,
    must_exist: bool = False,
) -> Opened:
    """Open (or, for a writer, create) the database at `path` (see the module docstring).

    Raises a `DatabaseError` with a one-line reason when the file cannot be
    used; in that case the file is left exactly as it was.
    """
    st = stat_or_none(path)
    if st is not None:
        refuse_special(path, st)
    elif must_exist:
        raise DatabaseError(
            path, "does not exist, so there is nothing to read (check the path, --db or THREETY_DB)"
        )
    if readonly:
        return _open(path, None, readonly=True, autoflush=autoflush, lazy=lazy, defer=False)
    if st is not None and is_read_only(st):
        raise ReadOnlyFile(
            path,
            f"is read-only (mode {st.st_mode & 0o777:04o}), so threety will not change it;"
            " make it writable (chmod u+w) to use it, or read it with due, stats or export",
        )
    if st is not None and st.st_size:
        _sniff(path, st.st_size)
    _make_folder(path)
    made_lock = not os.path.lexists(lock_path(path))
    lock = WriterLock(path)
    lock.acquire()
    try:
        return _open(path, lock, readonly=False, autoflush=autoflush, lazy=lazy, defer=defer)
    except BaseException as error:
        lock.release(remove=made_lock and isinstance(error, DatabaseError))
        raise


def _open(
    path: Path,
    lock: WriterLock | None,
    *,
    readonly: bool,
    autoflush: bool,
    lazy: bool,
    defer: bool,
) -> Opened:
    if defer and lock is not None:
        opened = _open_in_two_steps(path, lock, autoflush=autoflush)
        if opened is not None:
            return opened
    raw, state = read_file(path, lazy=lazy, checksum=not readonly)
    fresh = raw is None
    missing = state is None
    if missing and not readonly:
        state = _create_empty(path)
    data = schema.new_database() if raw is None else raw
    current = schema.SCHEMA_VERSION  # read at call time: tests patch it
    version = current if fresh else schema.check(path, data)
    if version < current:
        if not readonly:
            _backup(path, version)
        materialise(data)
        schema.migrate(data, version)
    storage = AtomicJSONStorage(path, data, state, autoflush=autoflush, readonly=readonly)
    opened = Opened(path, storage, lock)
    if not readonly:
        opened.kept = tidy_leftovers(path)
        if fresh and not missing:
            storage.mark_dirty()  # an empty file: written by the next flush or close
        if version < current:
            storage.mark_dirty()
            storage.flush()
    return opened


def _open_in_two_steps(path: Path, lock: WriterLock, *, autoflush: bool) -> Opened | None:
    """The head of the file now, the rest later; None when that cannot be done."""
    head = read_head(path)
    if head is None:
        return None
    data, pending, state = head
    try:
        version = schema.check(path, data, tables=("contacts",))
    except BaseException:
        if pending is not None:
            pending.close()
        raise
    if version < schema.SCHEMA_VERSION:  # a migration rewrites it all: read it all
        if pending is not None:
            pending.close()
        return None
    storage = AtomicJSONStorage(
        path, data, state, autoflush=autoflush, complete=pending is None, rest=pending
    )
    return Opened(path, storage, lock, pending, tidy_leftovers(path))


def _sniff(path: Path, size: int) -> None:
    """Refuse, before taking the lock, a file that does not even start like JSON.

    (A symlink to another program's file must not get a lock file beside it.)
    A small file is read in full to name the problem precisely.
    """
    try:
        fd = open_quietly(path)
    except OSError:
        return  # `read_file` reports it
    try:
        start = os.pread(fd, _SNIFF, 0)
    except OSError:
        return
    finally:
        os.close(fd)
    if start.lstrip(b" \t\r\n\xef\xbb\xbf").startswith(b"{"):
        return
    if size <= _SMALL:
        data, _ = read_file(path)  # raises, naming what is wrong, or:
        schema.check(path, data)  # "a list at the top"
    from threety_tui.core.errors import NotADatabase

    raise NotADatabase(path, "is not a threety database (it is not a JSON object)")


def _make_folder(path: Path) -> None:
    try:
        make_private_dirs(path.parent)
    except OSError as error:
        if path.parent.is_dir():
            return  # e.g. a read-only file system: the lock reports what is wrong
        raise DatabaseError(path, f"cannot create its folder ({error.strerror})") from None


def _create_empty(path: Path) -> FileState | None:
    """Make a missing database's file now, empty (an empty file reads as a new database).

    Its content is written with its first change, so creating a database and
    filling it (an import, a restore, the demo) is one write of the file.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return None  # someone else made it: the first write refuses to overwrite it
    except OSError as error:
        raise DatabaseError(path, f"cannot create the file ({error.strerror})") from None
    try:
        return state_of(os.fstat(fd), 0)
    finally:
        os.close(fd)


def _backup(path: Path, version: int) -> None:
    """Keep the pre-migration file beside the new one."""
    backup = path.with_name(f"{path.name}.schema-{version}.bak")
    try:
        import shutil  # here: only a migration needs it

        shutil.copy2(path, backup)
        backup.chmod(0o600)
    except OSError as error:
        raise DatabaseError(
            path, f"cannot keep a backup before upgrading it ({error.strerror})"
        ) from None


@dataclass(frozen=True, slots=True)
class Tidy:
    removed: list[Path]
    kept: list[Path]


def tidy(path: Path) -> Tidy:
    """Deal with the temp files a killed writer left (call only with the lock held).

    A torn one (cut off mid-write) or one identical to the database is
    deleted. A complete one that differs is kept beside the database (see
    `recovery`): newer than the database, it is a save that did not get in
    place (`<db>.interrupted-<date>.json`); older, it is the version a save
    had just swapped out when it was killed (`<db>.replaced-<date>.json`).
    """
    removed, kept = [], []
    for leftover in temp_files(path):
        try:
            label = _keep_as(leftover, path)
            if label:
                kept.append(keep_aside(leftover, path, label))
            else:
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            continue
    return Tidy(removed, kept)


def tidy_leftovers(path: Path) -> list[Path]:
    return tidy(path).kept


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Delete what `tidy` deletes; returns those files."""
    return tidy(path).removed


def _keep_as(leftover: Path, path: Path) -> str | None:
    """ "interrupted" or "replaced" for a complete leftover that differs, else None."""
    fd = open_quietly(leftover)
    try:
        st = os.fstat(fd)
        head = os.pread(fd, 16, 0)
        tail = os.pread(fd, 3, max(st.st_size - 3, 0))
        if st.st_size < 16 or not looks_complete(head + tail):
            return None
        theirs = stat_or_none(path)
        label = (
            "interrupted" if theirs is None or st.st_mtime_ns > theirs.st_mtime_ns else "replaced"
        )
        if theirs is None or theirs.st_size != st.st_size:
            return label
        with contextlib.suppress(OSError):
            other = open_quietly(path)
            try:
                same = crc_of_fd(fd, st.st_size) == crc_of_fd(other, st.st_size)
            finally:
                os.close(other)
            return None if same else label
        return label
    finally:
        os.close(fd)
