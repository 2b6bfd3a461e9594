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
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from tinydb.storages import Storage

from threety_tui.core.db import recovery
from threety_tui.core.db.atomic import is_read_only, write_atomic, write_temp
from threety_tui.core.db.filestate import FileState
from threety_tui.core.db.layout import HEAD_TABLES, Data, encode, snapshot
from threety_tui.core.db.swap import Conflict, aside_name, step, swap_in
from threety_tui.core.errors import DatabaseChanged, DatabaseError, ReadOnlyFile


class Rest(Protocol):
    """The unread rest of the file (`reading.Pending`), as a save copies it."""

    state: FileState

    def copy_rest(self) -> Iterator[bytes]: ...

    def unchanged(self) -> bool: ...

    def close(self) -> None: ...


Tables = list[tuple[str, dict[str, Any]]]


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
        self.rescue_path: Path | None = None
        """Where our data goes since the file changed on disk (see `DatabaseChanged`)."""
        self.saved_elsewhere: Path | None = None
        """Where `save_elsewhere` put the changes the database could not take."""

    @property
    def known(self) -> FileState | None:
        """The file as we last read or wrote it."""
        return self._known

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
                " make it writable (chmod u+w) to save, your changes are kept until then",
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
            self._divert(tables, rest, generation, conflict.why, conflict.ours)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp.path)
            raise
        self._known = state
        self._flushed = generation
        if rest is None:
            self._close_rest()  # everything was encoded: the old file is not needed again

    def _divert(
        self,
        tables: Tables,
        rest: Rest | None,
        generation: int,
        why: str,
        ours: Path | None,
    ) -> None:
        """Keep our data beside the database (or in the fallback folder); never over it.

        An unread rest goes with it as the file holds it now: our changes are
        all in the tables before it.
        """
        target = self.rescue_path or aside_name(self.path, "unsaved")
        try:
            if ours is not None:
                os.replace(ours, target)
            else:
                write_atomic(target, encode(tables, _copy(rest)))
        except OSError:
            if ours is not None:
                with contextlib.suppress(OSError):
                    os.unlink(ours)
            target = recovery.write_fallback(
                self.path, lambda: encode(tables, _copy(rest)), base=None, reason=recovery.CHANGED
            )
        self.rescue_path = target
        self._flushed = generation  # the snapshot written, not what changed since
        raise DatabaseChanged(
            self.path,
            f"{why} since threety read it, so it was not overwritten; "
            f"your changes are saved in {target}",
        )

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
                if base is not None and base.in_doubt:
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
