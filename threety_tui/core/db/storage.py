"""`AtomicJSONStorage`: the TinyDB storage under the store, in memory, saved atomically.

It keeps the whole database in memory after one load (TinyDB's own JSONStorage
re-reads and re-parses the file on every query) and saves it by writing a
private temp file, fsyncing it and swapping it in with a compare-and-swap
(`swap.swap_in`), so a kill at any instant leaves the old or the new file and
a file another program replaced meanwhile is never overwritten.

A save works on a snapshot taken under `action_lock`: the store holds that lock
for the length of each user action (several changes, one write), so a save
from a worker thread never writes half of an action. The snapshot is a shallow
copy of each table (documents are never changed in place), encoded in small
chunks after the lock is released: the UI thread goes on meanwhile.

When the file changed on disk under us, our data goes to a copy beside it
(`<db>.unsaved-<date>.json`), or to the fallback folder (`recovery`) if that
cannot be written, and every later save goes there too: `DatabaseChanged`.
That copy is ours the way the database was (`Copy`): locked while we write
it (a `threety --db COPY` is told it is open), and compare-and-swapped like
the database, so a copy someone changed anyway is kept, and ours goes to a
new one. When quitting, `confirm_on_disk` checks that the file is still the
one we last wrote: one replaced since (a sync tool) would otherwise have
taken our last changes with it.

A file opened in two steps (`reading.read_head`) can be saved before its rest
is read: the rest cannot have changed in memory (only the head's tables are
there), so the save writes those tables and copies the rest byte for byte from
the very file the head came from, still open (`Rest`). A quit right after an
edit then need not read and parse the whole file first. Once the rest is read,
saves go on copying it that way until a document in it changes (a contact's
edit, the usual change, never encodes 75,000 meetings and messages); the first
save after such a change writes everything and lets the file go.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, Protocol

from tinydb.storages import Storage

from threety_tui.core.db import recovery
from threety_tui.core.db.atomic import TempFile, is_read_only, write_temp
from threety_tui.core.db.filestate import FileState, open_quietly, same_bytes, unchanged
from threety_tui.core.db.layout import HEAD_TABLES, Data, encode, snapshot
from threety_tui.core.db.swap import Conflict, aside_name, step, swap_in
from threety_tui.core.errors import DatabaseChanged, DatabaseError, DatabaseLocked, ReadOnlyFile
from threety_tui.core.lock import WriterLock


class Rest(Protocol):
    """The unread rest of the file (`reading.Pending`), as a save copies it."""

    state: FileState

    def copy_rest(self) -> Iterator[bytes]: ...

    def unchanged(self) -> bool: ...

    def close(self) -> None: ...


Tables = list[tuple[str, dict[str, Any]]]
Chunks = Callable[[], Iterable[bytes]]

_NEW_NAMES = 5
"""Names `_new_copy` tries when another program takes the one it chose meanwhile."""


@dataclass
class Copy:
    """Where our data goes since the database changed on disk (see the module docstring)."""

    path: Path
    known: FileState
    """The copy as we last wrote it: the next write checks it is still that."""
    lock: WriterLock | None

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release(remove=True)
            self.lock = None


class AtomicJSONStorage(Storage):
    """In-memory TinyDB storage that persists atomically on `flush()`.

    With `autoflush` every TinyDB write is persisted before it returns; without
    it the caller flushes, typically from a worker thread (the app). Flushes
    are serialised, so an older state can never replace a newer one on disk.
    `complete` False: only the head of the file was read (see `reading.read_head`);
    a save then copies the `rest` from the file (see the module docstring), and
    without one nothing is written until `adopt` has added the rest.
    """

    def __init__(
        self,
        path: Path,
        data: Data,
        file_state: FileState | None,
        *,
        autoflush: bool = True,
        readonly: bool = False,
        complete: bool = True,
        rest: Rest | None = None,
    ) -> None:
        self.path = path
        self._data = data
        self._known = file_state
        self._head_state = file_state
        """The state the head was read with: `_known` until the first save."""
        self._rest = None if complete else rest
        self._rest_changed = False
        """A document of the rest's tables changed: the rest is no longer copied."""
        self.autoflush = autoflush
        self.readonly = readonly
        self.complete = complete
        self._generation = 0
        self._flushed = 0
        self._flush_lock = threading.Lock()
        self.action_lock = threading.RLock()
        """Held by the store for each user action; a save snapshots under it."""
        self._copy: Copy | None = None
        self._wrote = False
        """The file on disk is one we wrote (this session's data is in it, nowhere else)."""
        self.saved_elsewhere: Path | None = None
        """Where `save_elsewhere` put the changes the database could not take."""

    @property
    def known(self) -> FileState | None:
        """The file as we last read or wrote it."""
        return self._known

    @property
    def rescue_path(self) -> Path | None:
        """Where our data goes since the file changed on disk (see `DatabaseChanged`)."""
        copy = self._copy
        return None if copy is None else copy.path

    # -- TinyDB's Storage ---------------------------------------------------------

    def read(self) -> Data:
        return self._data

    def write(self, data: Data) -> None:
        with self.action_lock:
            self._data = data
            self._generation += 1
        if self.autoflush:
            self.flush()

    def close(self) -> None:
        pass

    # -- state ------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._generation != self._flushed

    def mark_dirty(self, table: str | None = None) -> None:
        """Something changed (in `table`, when said: a table of the rest stops the copying)."""
        with self.action_lock:
            self._generation += 1
            if table not in HEAD_TABLES:
                self._rest_changed = True

    def adopt(self, rest: Data, state: FileState, *, as_read: bool = True) -> None:
        """Add the tables read after the head (a two-step open).

        Waits for a save under way. `state` is the file as read in full; a save
        since then knows better. `as_read` False: the tables are not exactly
        what the rest's bytes say (a missing table was made empty), so saves no
        longer copy those bytes.
        """
        with self._flush_lock, self.action_lock:
            self._data.update(rest)
            if self._known is self._head_state:
                self._known = state
            self.complete = True
            if not as_read:
                self._rest_changed = True
                self._close_rest()

    def release_rest(self) -> None:
        """Close the file of an unread rest (reading it failed, or the store closes)."""
        with self._flush_lock:
            self._close_rest()

    def release_copy(self) -> None:
        """Let go of the copy our data went to (the store closes): it is the user's now."""
        with self._flush_lock:
            if self._copy is not None:
                self._copy.release()

    def _close_rest(self) -> None:
        rest, self._rest = self._rest, None
        if rest is not None:
            rest.close()

    def wait_while_flushing(self) -> None:
        """Return once no write is under way (a background job giving way to a save)."""
        with self._flush_lock:
            pass

    # -- saving -----------------------------------------------------------------

    def _snapshot(self) -> tuple[int, Tables, Rest | None] | None:
        """(generation, tables, unread rest) to save; None when nothing changed since."""
        with self.action_lock:
            generation = self._generation
            if generation == self._flushed:
                return None
            return generation, *self._tables()

    def _tables(self) -> tuple[Tables, Rest | None]:
        """The tables to encode, and the rest to copy after them (unread or unchanged)."""
        rest = self._rest
        if not self.complete and rest is None:
            raise DatabaseError(
                self.path, "was not read in full, so it was not saved (nothing was written)"
            )
        if rest is None or (self._rest_changed and self.complete):
            return snapshot(self._data), None
        head = {name: self._data[name] for name in HEAD_TABLES if name in self._data}
        return snapshot(head), rest

    def flush(self) -> bool:
        """Persist if anything changed; True when the database file was written."""
        if self.readonly:
            return False
        with self._flush_lock:
            taken = self._snapshot()
            if taken is None:
                return False
            generation, tables, rest = taken
            try:
                if self.rescue_path is not None:
                    self._divert(tables, rest, generation, "changed on disk", None)
                self._save(tables, rest, generation)
            except OSError as error:  # disk full, folder gone, permissions changed
                raise DatabaseError(
                    self.path,
                    f"could not be saved ({error.strerror or error}); "
                    "the file on disk was left as it was",
                ) from None
            return True

    def _save(self, tables: Tables, rest: Rest | None, generation: int) -> None:
        try:
            st: os.stat_result | None = os.stat(self.path)
        except FileNotFoundError:
            st = None
        known = self._known
        if st is not None and is_read_only(st):
            raise ReadOnlyFile(
                self.path,
                f"is read-only (mode {st.st_mode & 0o777:04o}), so threety did not save to it;"
                " make it writable (chmod u+w) to save",
            )
        if known is not None and (st is None or not known.same_file(st)):
            why = "was deleted or moved away" if st is None else "changed on disk"
            self._divert(tables, rest, generation, why, None)  # early: no temp written
        if rest is not None and not rest.unchanged():
            self._divert(tables, rest, generation, "changed on disk", None)
        temp = write_temp(self.path, encode(tables, _copy(rest)))
        step("written", self.path)
        try:
            if rest is not None:
                if not rest.unchanged():  # changed in place while it was copied
                    raise Conflict("changed on disk", temp.path)
                if known is self._head_state:
                    known = rest.state  # with the whole file's checksum, when in doubt
            state = swap_in(self.path, temp, known)
        except Conflict as conflict:
            ours = temp if conflict.ours is not None else None
            self._divert(tables, rest, generation, conflict.why, ours)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp.path)
            raise
        self._known = state
        self._wrote = True
        self._flushed = generation
        if rest is None:
            self._close_rest()  # everything was encoded: the old file is not needed again

    def _divert(
        self,
        tables: Tables,
        rest: Rest | None,
        generation: int,
        why: str,
        ours: TempFile | None,
    ) -> NoReturn:
        """Keep our data beside the database (or in the fallback folder); never over it.

        `ours`: our temp file, when it is still on disk. An unread rest goes
        with it as the file holds it now: our changes are all in the tables
        before it.
        """
        target = self._keep_copy(lambda: encode(tables, _copy(rest)), ours)
        self._flushed = generation  # the snapshot written, not what changed since
        raise DatabaseChanged(
            self.path,
            f"{why} since threety read it, so it was not overwritten; "
            f"your changes are saved in {target}",
        )

    def _keep_copy(self, chunks: Chunks, ours: TempFile | None) -> Path:
        """Write our data to our copy: the same one while nobody else changed it, else a new one.

        The copy is written like the database (`swap_in`), so one changed or
        replaced since we last wrote it (the user opened it, a sync tool) is
        kept, and ours goes to a new copy. When the database's folder cannot
        take a copy (full, read-only), it goes to the fallback folder.
        Raises `OSError` when no folder can take it either.
        """
        try:
            copy = self._copy
            if copy is not None:
                temp = ours if ours is not None else self._temp_for(copy.path, chunks)
                ours = None
                try:
                    copy.known = swap_in(copy.path, temp, copy.known)
                    return copy.path
                except Conflict as conflict:  # theirs now: leave it, and its lock
                    ours = temp if conflict.ours is not None else None
                    copy.release()
                    self._copy = None
            self._copy = self._new_copy(aside_name, chunks, ours)
            ours = None
        except (OSError, DatabaseError):
            if ours is not None:
                with contextlib.suppress(OSError):
                    os.unlink(ours.path)
            self._copy = self._new_copy(recovery.fallback_name, chunks, None)
            recovery.describe(self._copy.path, self.path, reason=recovery.CHANGED, base=None)
        return self._copy.path

    def _temp_for(self, target: Path, chunks: Chunks) -> TempFile:
        """A complete temp file of `chunks` in `target`'s folder (named after the database
        beside it, so a kill leaves a temp file the next open keeps: see `opening.tidy`)."""
        beside = self.path if target.parent == self.path.parent else target
        return write_temp(beside, chunks())

    def _new_copy(
        self, name: Callable[[Path, str], Path], chunks: Chunks, ours: TempFile | None
    ) -> Copy:
        """A copy of our data under a new `name(db, "unsaved")`, locked, never over a file."""
        for _ in range(_NEW_NAMES):
            target = name(self.path, "unsaved")
            lock = WriterLock(target)
            try:
                lock.acquire()
            except DatabaseLocked:
                continue
            try:
                temp = ours if ours is not None else self._temp_for(target, chunks)
                ours = None
                state = swap_in(target, temp, None)
            except Conflict as conflict:  # created meanwhile by someone else: another name
                lock.release(remove=True)
                ours = temp if conflict.ours is not None else None
                continue
            except BaseException:
                lock.release(remove=True)
                raise
            return Copy(target, state, lock)
        if ours is not None:
            with contextlib.suppress(OSError):
                os.unlink(ours.path)
        raise OSError("no free name for a copy of the unsaved changes")

    def confirm_on_disk(self) -> None:
        """When quitting: is the file on disk still the one we last wrote?

        A sync tool may put its older copy in place right after our last save;
        nothing is left to save then, so no save would notice, and our last
        changes would be in no file. If the file we wrote was replaced or
        changed since (and does not hold the very same bytes), ours is kept in
        a copy beside it: `DatabaseChanged`, saying where. A file we only read
        loses nothing of ours, so it is not checked.
        """
        if self.readonly or not self._wrote or self._copy is not None:
            return
        with self._flush_lock:
            known = self._known
            assert known is not None  # we wrote it
            why = _changed_since(self.path, known)
            if why is None:
                return
            with self.action_lock:
                generation = self._generation
                tables, rest = self._tables()
            try:
                self._divert(tables, rest, generation, why, None)
            except OSError as error:
                raise DatabaseError(
                    self.path,
                    f"{why} after threety saved it, and threety could not keep its own"
                    f" version anywhere ({error.strerror or error})",
                ) from None

    def save_elsewhere(self, reason: str = recovery.FAILED) -> Path:
        """Write what the database could not take to the fallback folder (quitting).

        Returns the file written (see `recovery.write_fallback`: outside the
        database's folder, 0600); raises `OSError` when no fallback folder
        can take it either. What was written counts as saved from then on.
        """
        with self._flush_lock:
            with self.action_lock:
                generation = self._generation
                tables, rest = self._tables()
            base = self._known
            if rest is not None and base is self._head_state:
                if rest.state.crc is None:
                    for _ in rest.copy_rest():  # the whole file's checksum: what a
                        pass  # restore compares with (see `recovery.restore`)
                base = rest.state
            target = recovery.write_fallback(
                self.path, lambda: encode(tables, _copy(rest)), base=base, reason=reason
            )
            self._flushed = max(self._flushed, generation)
            self.saved_elsewhere = target
            return target


def _copy(rest: Rest | None) -> Iterator[bytes] | None:
    return None if rest is None else rest.copy_rest()


def _changed_since(path: Path, known: FileState) -> str | None:
    """Why the file at `path` is not the one `known` describes; None when it is (or holds
    the very same bytes: a sync tool writing our own version back)."""
    try:
        fd = open_quietly(path)
    except FileNotFoundError:
        return "was deleted or moved away"
    except OSError as error:
        return f"cannot be read any more ({error.strerror})"
    try:
        if unchanged(fd, known) or same_bytes(fd, known):
            return None
    except OSError as error:
        return f"cannot be read any more ({error.strerror})"
    finally:
        os.close(fd)
    return "was replaced or changed by another program"
