"""The database: a TinyDB file on an atomic in-memory storage, with models on top.

The store is the only code that touches the TinyDB data. It loads the file
once (meetings and messages stay unparsed until first read, see
`db.lazy.LazyDocs`), answers queries from memory (contacts built at open;
meetings and messages built on first use and cached, `db.caches`), and changes
documents in the storage's tables directly, in TinyDB's layout (string ids,
next id = the highest + 1): TinyDB's own table API copies a whole table on
every insert or update, ~100 ms at 45,000 messages. A writer holds `<db>.lock`;
a read-only store (for `threety due`, `stats`, `export`) takes no lock and
refuses writes. Opening is `db.opening`; saving, `db.storage`.

Every public change is one *action* (`action()`, also `batch()`): all its
changes reach the file in one write or not at all. A save from another thread
waits for the action to finish before it takes its snapshot, and an action
that raises is rolled back in memory, so a half-done action is never saved.

A damaged record (a document that cannot be read) is skipped wherever it is
met, listed in `damaged`, and written back byte for byte on every save.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

from threety_tui.core import rules
from threety_tui.core.db import schema
from threety_tui.core.db.caches import Children, ContactModels, NextSteps
from threety_tui.core.db.collector import gc_paused, gc_paused_then_frozen
from threety_tui.core.db.layout import HEAD_TABLES, Data
from threety_tui.core.db.lazy import LazyDocs
from threety_tui.core.db.opening import Opened, open_database, resolve
from threety_tui.core.db.reading import Pending, StopCheck
from threety_tui.core.db.schema import check_tables, meta_doc
from threety_tui.core.db.storage import AtomicJSONStorage
from threety_tui.core.errors import (
    Cancelled,
    DatabaseChanged,
    DatabaseError,
    InputError,
    NotADatabase,
    ReadOnlyDatabase,
)
from threety_tui.core.loading import Loading
from threety_tui.core.lock import WriterLock
from threety_tui.core.models import (
    Contact,
    Insight,
    Kind,
    KindSource,
    Meeting,
    Message,
    MessageKind,
    MessageStatus,
    Settings,
)

if TYPE_CHECKING:
    from threety_tui.core.facts import MeetingFacts, MessageFacts

Clock = Callable[[], datetime]
M = TypeVar("M", Meeting, Message)

_NEWEST_MEETING = attrgetter("when", "time", "id")
_GONE = object()
"""What the rollback journal records for a document that did not exist."""


def local_now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


NO_MEETING_YET = "no meeting yet"
"""The badge of a contact with no meeting and no next step (`Store.badge_of`)."""


class Store:
    """Open with `Store.open(path)`; use as a context manager to close it."""

    def __init__(
        self,
        path: Path,
        storage: AtomicJSONStorage,
        lock: WriterLock | None,
        *,
        clock: Clock = local_now,
        pending: Pending | None = None,
    ) -> None:
        self.path = path
        self._storage = storage
        self._pending = pending
        self._load_lock = threading.Lock()
        self._load_error: DatabaseError | None = None
        self._loading: Loading | None = None
        self._next_ids: dict[str, int] = {}
        self._lock = lock
        self.now = clock
        self._contacts = ContactModels(path, {})
        self._damaged: dict[str, str] = {}
        self._children = Children()
        self._steps: NextSteps[rules.Reminder] = NextSteps()
        self._depth = 0
        self._undo: list[Callable[[], None]] = []
        self.kept: list[Path] = []
        self.changes_lost = False
        """Set by `save_before_exit` when nothing could take the changes (`threety` exits 4)."""
        """Complete files of interrupted saves that opening kept aside (see `db.recovery`)."""
        self._company_members: dict[str, list[int]] | None = None
        """company key -> live contact ids; None: rebuilt when next needed."""
        self._company_replies: dict[str, tuple[tuple[int, int], list[date]]] = {}
        """company key -> (versions, when anyone there answered): see `_company_reply_days`."""
        self._index_lock = threading.Lock()
        self._index_contacts()

    # -- opening and closing ------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        readonly: bool = False,
        autoflush: bool = True,
        clock: Clock = local_now,
        lazy: bool | None = None,
        defer: bool = False,
        must_exist: bool = False,
    ) -> Self:
        """Open (or, for a writer, create) the database at `path`.

        `lazy` (default: for a writer) leaves meetings and messages unparsed
        until first read, which is what the app wants; a read-only store (a
        command that reads everything, like `due`) parses the file at once,
        the cheapest way to read it all.
        `defer` (a writer: the app) reads only the meta and contacts tables now,
        and the rest of the file when `load_rest()` is called or anything
        needs it (see `loaded`): at 10,000 contacts that is ~4 MB of an 85 MB file.
        `must_exist`: a missing file is an error rather than an empty database
        (`threety due` from cron with a mistyped path).
        Raises a `DatabaseError` with a one-line reason when the file cannot be
        used; in that case the file is left exactly as it was.
        """
        # The app's path (`defer`): what is read lives as long as the app. Frozen
        # before the collector is back, it is never walked by it (a full pass
        # over 50,000 contacts' documents right after the first frame: ~30 ms).
        with gc_paused_then_frozen() if defer else gc_paused():
            opened = open_database(
                resolve(path),
                readonly=readonly,
                autoflush=autoflush,
                lazy=not readonly if lazy is None else lazy,
                defer=defer,
                must_exist=must_exist,
            )
            return cls._from(opened, clock)

    @classmethod
    def _from(cls, opened: Opened, clock: Clock) -> Self:
        try:
            store = cls(
                opened.path, opened.storage, opened.lock, clock=clock, pending=opened.pending
            )
        except BaseException:
            if opened.pending is not None:
                opened.pending.close()
            if opened.lock is not None:
                opened.lock.release()
            raise
        store.kept = opened.kept
        return store

    @property
    def loaded(self) -> bool:
        """False while a two-step open (`defer`) has not read the rest of the file."""
        return self._pending is None

    def load_rest(self, stop: StopCheck | None = None) -> None:
        """Read the rest of a file opened with `defer`; safe from any thread.

        Called by the background load right after the app's first frame (see
        `start_background_load`), and by anything that needs meetings or
        messages before that (which then waits). A rest that cannot be read as
        a whole raises `DatabaseError`, now and on every later call, and
        nothing is ever written: a write needs the whole file. `stop` is asked
        between windows of the file: when it says so, `Cancelled` is raised
        and the store is as it was (still to be loaded).
        """
        if self._pending is None:
            return
        with self._load_lock:
            if self._load_error is not None:
                raise self._load_error
            pending = self._pending
            if pending is None:
                return
            try:
                with gc_paused():
                    rest = pending.read(stop)
                    read = list(rest)
                    later = [t for t in schema.TABLES[:-1] if t not in HEAD_TABLES]
                    check_tables(self.path, rest, later)
                    self._children.index(rest)
            except DatabaseError as error:
                self._load_error = error
                self._storage.release_rest()
                raise
            # Saves go on copying the rest from the file while it is as read (in
            # the layout: a rest in another layout is rewritten by the next save).
            as_read = list(rest) == read and all(isinstance(t, LazyDocs) for t in rest.values())
            self._storage.adopt(rest, pending.state, as_read=as_read)
            self._pending = None  # last: other threads wait on the lock until here

    def start_background_load(
        self,
        *,
        today: Callable[[], date] | None = None,
        on_loaded: Callable[[], object] | None = None,
        on_warm: Callable[[], object] | None = None,
        on_error: Callable[[Exception], object] | None = None,
        pause: Callable[[], object] | None = None,
    ) -> Loading:
        """Read the rest of the file and warm up on a daemon thread; returns its handle.

        In order: the rest of a file opened with `defer` (`load_rest`), then
        `on_loaded()`; the facts of every meeting and message and, with
        `today`, every contact's next steps (`warm`), then `on_warm()`. A rest
        that cannot be read, or any other failure, goes to `on_error(error)`.
        The callbacks run on that thread (the app passes them on to its own),
        and not at all once `cancel()` was called. `handle.cancel()` stops it
        within milliseconds; never wait for it at exit (see `core.loading`).
        `pause` (default: a sleep of half a millisecond) runs between batches.
        """
        extra = {} if pause is None else {"pause": pause}
        loading = Loading(
            self, today=today, on_loaded=on_loaded, on_warm=on_warm, on_error=on_error, **extra
        )
        self._loading = loading  # a closed store stops it
        return loading.start()

    def _ensure_loaded(self) -> None:
        if self._pending is not None:
            self.load_rest()

    # The caches and indexes of meetings and messages: complete once loaded.
    @property
    def _meetings(self) -> dict[int, Meeting]:
        self._ensure_loaded()
        return self._children.meetings

    @property
    def _messages(self) -> dict[int, Message]:
        self._ensure_loaded()
        return self._children.messages

    @property
    def _meetings_by_contact(self) -> dict[int, list[int]]:
        self._ensure_loaded()
        return self._indexed().meetings_by_contact

    @property
    def _messages_by_contact(self) -> dict[int, list[int]]:
        self._ensure_loaded()
        return self._indexed().messages_by_contact

    def _index_before_change(self, table: str) -> None:
        """Index the table before a document comes or goes: the caller updates the index."""
        if table in ("meetings", "messages"):
            self._ensure_loaded()
            self._indexed()

    def _indexed(self) -> Children:
        """The caches, with meetings and messages indexed by contact (on first need:
        `threety due` and `stats` group the facts of every document instead)."""
        children = self._children
        if not children.indexed:
            with self._index_lock:
                if not children.indexed:
                    children.index(self._storage.read())
        return children

    def close(self) -> None:
        if self._loading is not None:
            self._loading.cancel()
        try:
            if not self.readonly:
                self.flush()
        finally:
            self._storage.release_rest()
            self._storage.release_copy()
            if self._pending is not None:
                self._pending.close()
            if self._lock:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def readonly(self) -> bool:
        return self._storage.readonly

    @property
    def dirty(self) -> bool:
        return self._storage.dirty

    @property
    def rescue_path(self) -> Path | None:
        """Where our data went when the file changed under us (see DatabaseChanged)."""
        return self._storage.rescue_path

    @property
    def saved_elsewhere(self) -> Path | None:
        """Where `save_elsewhere` put what the database could not take."""
        return self._storage.saved_elsewhere

    def save_elsewhere(self) -> Path:
        """Keep unsaved changes outside the database's folder (a failed save when quitting).

        Returns the file (see `db.recovery`: the next start offers to restore
        it); `OSError` when no fallback folder can take it either.
        """
        if self._load_error is not None:
            raise self._load_error
        return self._storage.save_elsewhere()

    def save_before_exit(self) -> list[str]:
        """The last save, when quitting: nothing may be lost, and the user must be told.

        Saves what is left; if the database cannot take it (disk full, folder
        gone, file made read-only), keeps it in a fallback file outside the
        database's folder (`save_elsewhere`). Returns the sentences to show the
        user after exit: empty when everything is in the database.
        """
        said: list[str] = []
        self.changes_lost = False
        if self.readonly:
            return said
        try:
            self.flush()
            self._storage.confirm_on_disk()  # replaced since our last save: ours is kept
        except DatabaseChanged:
            pass  # told below: the changes went to `rescue_path`
        except DatabaseError as error:
            try:
                kept = self.save_elsewhere()
            except (OSError, DatabaseError) as again:
                reason = again.strerror if isinstance(again, OSError) else again.problem
                self.changes_lost = True
                said.append(
                    f"{error}. Your unsaved changes could not be kept anywhere else either"
                    f" ({reason}): they are lost."
                )
            else:
                said.append(
                    f"{error}. Your unsaved changes are kept in {kept};"
                    " threety offers to restore them when you start it again."
                )
        if self.rescue_path is not None:
            said.append(
                f"{self.path}: changed on disk while threety had it open (another program or"
                f" a sync tool replaced it), so it was not overwritten; your changes are in"
                f" {self.rescue_path}. threety reminds you of it at the next start."
            )
        return said

    def flush(self) -> bool:
        """Write pending changes; safe to call from a worker thread.

        Never writes half of an action (see `action`). Before the rest of a
        file opened in two steps is read, the save copies that rest byte for
        byte from the file (see `db.storage`): a quit right after an edit does
        not wait for the whole file to be read.
        """
        if self.readonly or not self._storage.dirty:
            return False
        if self._load_error is not None:
            raise self._load_error
        return self._storage.flush()

    @property
    def autoflush(self) -> bool:
        return self._storage.autoflush

    def set_autoflush(self, on: bool) -> None:
        """Off: changes stay in memory until `flush()` (the app flushes from a thread)."""
        self._storage.autoflush = on

    @contextmanager
    def action(self) -> Iterator[None]:
        """One user action: its changes are saved in one write, all or nothing.

        Nested actions join the outer one. While it runs, a save from another
        thread waits (it snapshots under the same lock); when it ends, an
        autoflush store writes. If it raises, every change it made is undone
        in memory, so nothing of it is ever saved.
        """
        with self._storage.action_lock:
            outer = self._depth == 0
            self._depth += 1
            try:
                yield
            except BaseException:
                if outer:
                    self._roll_back()
                raise
            finally:
                self._depth -= 1
                if outer:
                    self._undo = []
        if outer and self._storage.autoflush and self._storage.dirty:
            self.flush()

    batch = action
    """Group many changes into one write (an import is one write)."""

    def scan(self) -> dict[str, str]:
        """Find every damaged record (see `damaged`) without keeping what was parsed.

        For a command that changes the database and must name the damage first.
        """
        for name in schema.TABLES[:-1]:
            docs = self._raw(name)
            if isinstance(docs, LazyDocs):
                docs.scan()
        return self.damaged

    @property
    def damaged(self) -> dict[str, str]:
        """ "table/id" -> what is wrong with each damaged record found so far.

        They are left out of every answer and kept unchanged in the file.
        """
        found = dict(self._damaged)
        for table, docs in list(self._storage.read().items()):
            if isinstance(docs, LazyDocs) and docs.damaged:
                for key, problem in dict(docs.damaged).items():
                    found.setdefault(f"{table}/{key}", problem)
        return found

    # -- internals ----------------------------------------------------------

    def _raw(self, table: str) -> MutableMapping[str, Any]:
        if table not in HEAD_TABLES:
            self._ensure_loaded()
        data = self._storage.read()
        docs = data.get(table)
        if docs is None:
            docs = data[table] = {}
        return docs

    def _writable(self) -> None:
        if self.readonly:
            raise ReadOnlyDatabase(self.path, "is open read-only")

    def _index_contacts(self) -> None:
        """Contact models are built from the contacts table on first use (`ContactModels`)."""
        self._contacts = ContactModels(self.path, self._raw("contacts"))

    def _changed(self, table: str | None = None) -> None:
        """Tell the storage the data changed (written when the action ends, or by a flush);
        `table`: the table that changed (None: no document, or every table)."""
        self._storage.mark_dirty(table)

    def _journal(self, docs: MutableMapping[str, Any], key: str) -> None:
        """Remember a document's value before the action changes it (for a rollback)."""
        if self._depth == 0:
            return
        table = docs.raw() if isinstance(docs, LazyDocs) else docs
        old = table.get(key, _GONE)

        def undo() -> None:
            if old is _GONE:
                docs.pop(key, None)
            elif isinstance(docs, LazyDocs):
                docs.put_raw(key, old)
            else:
                docs[key] = old

        self._undo.append(undo)

    def _roll_back(self) -> None:
        """Undo what the failed action changed, then rebuild what was built from it."""
        undo, self._undo = self._undo, []
        for step in reversed(undo):
            step()
        if undo:
            self._storage.mark_dirty()
            self._index_contacts()
            if self._pending is None:
                self._children.clear()  # indexed again when next needed
            self._steps.touch(None)

    def _next_id(self, table: str) -> int:
        """TinyDB's rule: the highest id + 1 at the first insert, then counting on."""
        next_id = self._next_ids.get(table)
        if next_id is None:
            next_id = max((int(k) for k in self._raw(table) if k.isdigit()), default=0) + 1
        self._next_ids[table] = next_id + 1
        return next_id

    def _insert(self, table: str, doc: dict[str, Any]) -> int:
        return self._insert_many(table, [doc])[0]

    def _insert_many(self, table: str, docs: Iterable[dict[str, Any]]) -> list[int]:
        self._writable()
        self._index_before_change(table)
        with self.action():
            raw = self._raw(table)
            ids = []
            for doc in docs:
                id = self._next_id(table)
                self._journal(raw, str(id))
                raw[str(id)] = dict(doc)
                ids.append(id)
            self._changed(table)
        return ids

    def _update(self, table: str, id: int, doc: dict[str, Any]) -> None:
        """Merge `doc` into the stored document (fields it does not name are kept)."""
        self._writable()
        with self.action():
            raw = self._raw(table)
            key = str(id)
            if key not in raw:
                raise KeyError(f"no {table[:-1]} with id {id}")
            self._journal(raw, key)
            raw[key] = {**raw[key], **doc}
            self._changed(table)

    def _remove(self, table: str, id: int) -> None:
        self._writable()
        self._index_before_change(table)
        with self.action():
            raw = self._raw(table)
            self._journal(raw, str(id))
            del raw[str(id)]
            self._changed(table)

    # -- settings -----------------------------------------------------------

    @property
    def settings(self) -> Settings:
        doc = meta_doc(self._storage.read()).get("settings")
        return Settings.from_doc(doc if isinstance(doc, dict) else {})

    def update_settings(self, settings: Settings) -> Settings:
        with self.action():
            self._update("meta", int(schema.META_ID), {"settings": settings.to_doc()})
            self._touch(None)  # cadences may have changed: every contact's next steps
        return settings

    # -- contacts -----------------------------------------------------------

    def contacts(self, *, deleted: bool = False) -> list[Contact]:
        """Live contacts (or, with `deleted`, those in the trash) in file order."""
        return [c for c in self._contacts.values() if (c.deleted is not None) == deleted]

    def contact_names(self, *, deleted: bool = False) -> list[tuple[int, str]]:
        """(id, name) of the live contacts (or those in the trash), in file order.

        What a list needs to sort and draw its first screen, without building
        every contact (50,000 models cost ~70 ms): `contact(id)` builds the
        ones shown. Same contacts, same order as `contacts()`.
        """
        return self._contacts.names(deleted=deleted)

    def contact_columns(self, *, deleted: bool = False) -> tuple[list[int], list[str]]:
        """`contact_names` as two lists, the ids and the names: what a list sorts by
        name without making (and then taking apart) 50,000 pairs."""
        return self._contacts.columns(deleted=deleted)

    def contact(self, id: int) -> Contact | None:
        return self._contacts.get(id)

    def contact_count(self) -> int:
        """How many contacts the table holds (the trash and damaged ones too): a size, cheaply."""
        return len(self._raw("contacts"))

    def add_contact(self, contact: Contact) -> Contact:
        return self.add_contacts([contact])[0]

    def add_contacts(self, contacts: Iterable[Contact]) -> list[Contact]:
        """Insert many contacts in one write."""
        now = self.now()
        prepared = [replace(c, created=c.created or now, deleted=None) for c in contacts]
        with self.action():
            ids = self._insert_many("contacts", (c.to_doc() for c in prepared))
            saved = [replace(c, id=id) for c, id in zip(prepared, ids, strict=True)]
            self._contacts.update((c.id, c) for c in saved)
            self._company_members = None
        return saved

    def update_contact(self, contact: Contact) -> Contact:
        old = self._contacts.get(contact.id)
        if (
            old is not None
            and contact.kind is not old.kind
            and contact.kind_source is old.kind_source
        ):
            # Changed without saying how (a form): the user chose it.
            chosen = KindSource.NONE if contact.kind is Kind.UNKNOWN else KindSource.USER
            contact = replace(contact, kind_source=chosen)
        with self.action():
            self._update("contacts", contact.id, contact.to_doc())
            self._contacts[contact.id] = contact
            if old is not None and (old.company, old.deleted) != (contact.company, contact.deleted):
                self._company_members = None
                self._touch_company(old.company)  # its people lose (or regain) this one's replies
            self._touch(contact.id)
        return contact

    def delete_contact(self, id: int) -> Contact:
        """Move to the trash (restorable)."""
        return self.update_contact(replace(self._need_contact(id), deleted=self.now()))

    def restore_contact(self, id: int) -> Contact:
        return self.update_contact(replace(self._need_contact(id), deleted=None))

    def _need_contact(self, id: int) -> Contact:
        contact = self._contacts.get(id)
        if contact is None:
            raise KeyError(f"no contact with id {id}")
        return contact

    # -- meetings -----------------------------------------------------------

    def meeting(self, id: int) -> Meeting | None:
        cached = self._meetings.get(id)
        if cached is None:
            doc = self._read_doc("meetings", id)
            if doc is None:
                return None
            cached = self._meetings[id] = Meeting.from_doc(doc, id)
        return cached

    def _read_doc(self, table: str, id: int, *, keep: bool = True) -> Any:
        """The raw document, or None; a damaged one is recorded in `damaged` and skipped.

        Documents are read on first use (see `db.lazy.LazyDocs`), so damage can
        come to light after opening. The damaged line stays in the file as it
        is (it is written back unread); everything else keeps working.
        """
        return self._doc_in(self._raw(table), table, id, keep=keep)

    def _doc_in(
        self, docs: MutableMapping[str, Any], table: str, id: int, *, keep: bool = True
    ) -> Any:
        """`_read_doc` with the table already looked up (`_models` reads many)."""
        try:
            if not keep and isinstance(docs, LazyDocs):
                return docs.peek(str(id))
            return docs.get(str(id))
        except NotADatabase as error:
            self._damaged.setdefault(f"{table}/{id}", error.problem)
            return None

    def meetings_of(self, contact_id: int, *, deleted: bool = False) -> list[Meeting]:
        """The contact's meetings, newest first."""
        ids = self._meetings_by_contact.get(contact_id)
        found = self._models("meetings", ids, self._meetings, Meeting.from_doc)
        meetings = [m for m in found if (m.deleted is not None) == deleted]
        meetings.sort(key=_NEWEST_MEETING, reverse=True)
        return meetings

    def _models(
        self,
        table: str,
        ids: Iterable[int] | None,
        cache: dict[int, M],
        build: Callable[[Any, int], M],
    ) -> list[M]:
        """`meeting` (or `message`) of each id; missing or damaged ones are left out.

        The table and cache are looked up once, not per id: `threety due` builds
        every model of the database through here, and the layers of `meeting`
        cost half as much again as building the model.
        """
        if not ids:
            return []
        found = []
        docs = None
        for id in ids:
            model = cache.get(id)
            if model is None:
                if docs is None:
                    docs = self._raw(table)
                doc = self._doc_in(docs, table, id)
                if doc is None:
                    continue
                model = cache[id] = build(doc, id)
            found.append(model)
        return found

    def _build_all(self, table: str, cache: dict[int, M], build: Callable[[Any, int], M]) -> None:
        """About to build every model of a table: parse its unread lines in one go.

        The lines stay as they are (a save copies them rather than encoding
        documents); only the models are kept.
        """
        docs = self._raw(table)
        if not isinstance(docs, LazyDocs) or len(cache) >= len(docs):
            return
        with gc_paused():
            for key, doc in docs.parse_unread():  # damaged lines are listed, never raised
                id = int(key)
                if id not in cache:
                    cache.setdefault(id, build(doc, id))

    def _ids(self, table: str) -> list[int]:
        """The ids of a table's documents not known to be damaged, in file order."""
        docs = self._raw(table)
        keys = docs.sound() if isinstance(docs, LazyDocs) else list(docs)
        return [int(key) for key in keys]

    # -- facts: what the rules read, for every document (see core/facts.py) ---

    def meeting_facts(self) -> list[MeetingFacts]:
        """The facts of every sound meeting, in file order (deleted ones included)."""
        self._fill_facts("meetings")
        return self._facts("meetings", self._ids("meetings"))

    def message_facts(self) -> list[MessageFacts]:
        """The facts of every sound message, in file order."""
        self._fill_facts("messages")
        return self._facts("messages", self._ids("messages"))

    def meeting_fact(self, id: int) -> MeetingFacts | None:
        """The facts of one meeting (None if there is none, or it is damaged)."""
        found = self._facts("meetings", (id,))
        return found[0] if found else None

    def message_fact(self, id: int) -> MessageFacts | None:
        found = self._facts("messages", (id,))
        return found[0] if found else None

    def _facts_kind(
        self, table: str
    ) -> tuple[dict[int, Any], dict[int, Any], Callable[[Any, int], Any], Callable[[Any], Any]]:
        """(facts cache, model cache, facts of a document, facts of a model) of a table."""
        meeting_facts, message_facts = _fact_types()
        children = self._children
        if table == "meetings":
            return (
                children.meeting_facts,
                children.meetings,
                meeting_facts.from_doc,
                meeting_facts.of,
            )
        return children.message_facts, children.messages, message_facts.from_doc, message_facts.of

    def _facts(self, table: str, ids: Iterable[int] | None) -> list[Any]:
        """The facts of these meetings (or messages): from the model if it is built,
        else from the document, parsed without keeping it (its line stays)."""
        if not ids:
            return []
        self._ensure_loaded()
        cache, models, build, of = self._facts_kind(table)
        found = []
        docs = None
        for id in ids:
            fact = cache.get(id)
            if fact is None:
                model = models.get(id)
                if model is not None:
                    fact = of(model)
                else:
                    if docs is None:
                        docs = self._raw(table)
                    doc = self._doc_in(docs, table, id, keep=False)
                    if doc is None:
                        continue
                    fact = build(doc, id)
                # A change on another thread meanwhile put newer facts there: they win.
                fact = cache.setdefault(id, fact)
            found.append(fact)
        return found

    def _by_contact(self, table: str) -> dict[int, list[Any]]:
        """The facts of every sound document of a table, by contact (file order within)."""
        cache = self._facts_kind(table)[0]
        get = cache.get
        grouped: dict[int, list[Any]] = {}
        for id in self._ids(table):
            fact = get(id)
            if fact is None:  # damaged, or gone meanwhile
                continue
            found = grouped.get(fact.contact_id)
            if found is None:
                grouped[fact.contact_id] = [fact]
            else:
                found.append(fact)
        return grouped

    def _fill_facts(self, table: str) -> int:
        """Build the facts of every document of a table not known yet, in one pass; how many.

        For a command about to read them all (`reminders`, the stats): one loop
        over the table rather than a lookup per contact. A line never parsed
        (a writer's lazy table) is parsed on its own and left as it is.
        """
        self._ensure_loaded()
        cache, models, build, of = self._facts_kind(table)
        docs = self._raw(table)
        raw = docs.raw() if isinstance(docs, LazyDocs) else docs
        if len(cache) >= len(raw):
            return 0  # built already (by the warm-up): whatever is missing comes per id
        get = raw.get
        built = 0
        with gc_paused():
            if not cache and not models and type(docs) is dict:
                # A table just read as a whole (a command): one pass in C over it,
                # the reader called for each document.
                ids = list(map(int, raw))
                cache.update(zip(ids, map(build, raw.values(), ids), strict=True))
                return len(ids)
            for key in list(raw):
                id = int(key)
                if id in cache:
                    continue
                built += 1
                doc = get(key)
                if id in models:
                    fact = of(models[id])
                elif type(doc) is dict:
                    fact = build(doc, id)
                else:  # an unread or damaged line, or gone meanwhile
                    self._facts(table, (id,))  # parsed alone (damage is listed)
                    continue
                cache.setdefault(id, fact)
        return built

    def _meeting_facts_of(self, contact_id: int) -> list[MeetingFacts]:
        return self._facts("meetings", self._meetings_by_contact.get(contact_id))

    def _message_facts_of(self, contact_id: int) -> list[MessageFacts]:
        return self._facts("messages", self._messages_by_contact.get(contact_id))

    def _keep_meeting(self, meeting: Meeting) -> None:
        """The model of a meeting just written, and its facts (set, never dropped: see `warm`)."""
        self._meetings[meeting.id] = meeting
        self._children.meeting_facts[meeting.id] = self._facts_kind("meetings")[3](meeting)

    def _keep_message(self, message: Message) -> None:
        self._messages[message.id] = message
        self._children.message_facts[message.id] = self._facts_kind("messages")[3](message)

    def warm(
        self,
        today: date | None = None,
        *,
        pause: Callable[[], object] | None = None,
        every: int = 200,
        stop: StopCheck | None = None,
        models: bool = False,
    ) -> int:
        """Read every meeting and message ahead of use; returns how many were read.

        Meant for a background thread right after the app shows its first
        screen (see `start_background_load`). It builds the facts of every
        document (what the rules read: `core/facts.py`), then every contact (a
        large contacts table was only scanned at open: `ContactModels.verify_names`
        then puts right what the scan misread), and with `today` works
        out and caches every contact's next steps, so the badges, sorting by
        what is due, the agenda and the stats find them ready. With `models`
        it builds every full model too (far more memory: the notes and texts of
        every document). The lines stay as read, so a save still copies them.

        Safe beside the UI thread: it never replaces facts, a model or a parsed
        document that the UI thread put there first. `pause` is called every
        `every` documents (the UI then has the interpreter for a moment);
        `stop` is asked as often, and when it says so `Cancelled` is raised:
        what was built is kept, and nothing is half-built.
        """
        built = 0

        def step() -> None:
            self._storage.wait_while_flushing()  # a save goes first
            if stop is not None and stop():
                raise Cancelled
            if pause is not None:
                pause()  # and the UI has the interpreter for a moment

        children = self._children
        meeting_facts, message_facts = _fact_types()
        tables: tuple[tuple[str, dict[int, Any], dict[int, Any], Any, Any], ...] = (
            ("meetings", children.meetings, children.meeting_facts, Meeting, meeting_facts),
            ("messages", children.messages, children.message_facts, Message, message_facts),
        )
        for table, cache, facts, model_type, facts_type in tables:
            raw = self._raw(table)
            for id in self._ids(table):
                if id in facts and (not models or id in cache):
                    continue
                doc = self._read_doc(table, id, keep=False)  # the line stays: saves copy it
                if doc is None:
                    continue
                if models:
                    model = cache.setdefault(id, model_type.from_doc(doc, id))
                    facts.setdefault(id, facts_type.of(model))
                else:
                    facts.setdefault(id, facts_type.from_doc(doc, id))
                if str(id) not in raw:  # deleted meanwhile (a discarded draft)
                    cache.pop(id, None)
                    facts.pop(id, None)
                built += 1
                if built % every == 0:
                    step()
        contacts, count = self._contacts, 0
        for id in contacts.ids():
            if not contacts.built(id):
                contacts.get(id)  # a few at a time (a large file's were only scanned at open)
                count += 1
                if count % every == 0:
                    step()
        contacts.verify_names()
        if today is not None:
            for count, contact in enumerate(self.contacts(), start=1):
                self.reminders_of(contact.id, today)
                if count % every == 0:
                    step()
        return built

    def all_meetings(self) -> list[Meeting]:
        self._build_all("meetings", self._meetings, Meeting.from_doc)
        with gc_paused():
            return [m for id in self._ids("meetings") if (m := self.meeting(id))]

    def add_meeting(self, meeting: Meeting) -> Meeting:
        self._need_contact(meeting.contact_id)
        meeting = replace(meeting, created=meeting.created or self.now(), deleted=None)
        with self.action():
            meeting = replace(meeting, id=self._insert("meetings", meeting.to_doc()))
            self._keep_meeting(meeting)
            self._meetings_by_contact.setdefault(meeting.contact_id, []).append(meeting.id)
            self._touch(meeting.contact_id)
        return meeting

    def update_meeting(self, meeting: Meeting) -> Meeting:
        old = self._need_meeting(meeting.id)
        if old.contact_id != meeting.contact_id:
            raise ValueError("a meeting cannot move to another contact")
        with self.action():
            self._update("meetings", meeting.id, meeting.to_doc())
            self._keep_meeting(meeting)
            self._touch(meeting.contact_id)
        return meeting

    def update_insight(self, meeting_id: int, insight: Insight) -> Meeting:
        meeting = self._need_meeting(meeting_id)
        if meeting.insight(insight.id) is None:
            raise KeyError(f"no insight {insight.id} in meeting {meeting_id}")
        return self.update_meeting(meeting.with_insight(insight))

    def delete_meeting(self, id: int) -> Meeting:
        return self.update_meeting(replace(self._need_meeting(id), deleted=self.now()))

    def restore_meeting(self, id: int) -> Meeting:
        return self.update_meeting(replace(self._need_meeting(id), deleted=None))

    def _need_meeting(self, id: int) -> Meeting:
        meeting = self.meeting(id)
        if meeting is None:
            raise KeyError(f"no meeting with id {id}")
        return meeting

    # -- messages -----------------------------------------------------------

    def message(self, id: int) -> Message | None:
        cached = self._messages.get(id)
        if cached is None:
            doc = self._read_doc("messages", id)
            if doc is None:
                return None
            cached = self._messages[id] = Message.from_doc(doc, id)
        return cached

    def messages_of(self, contact_id: int) -> list[Message]:
        """The contact's messages, newest first."""
        ids = self._messages_by_contact.get(contact_id)
        messages = self._models("messages", ids, self._messages, Message.from_doc)
        messages.sort(
            key=lambda m: (m.sent or date.min, m.created.timestamp() if m.created else 0, m.id),
            reverse=True,
        )
        return messages

    def all_messages(self) -> list[Message]:
        self._build_all("messages", self._messages, Message.from_doc)
        with gc_paused():
            return [m for id in self._ids("messages") if (m := self.message(id))]

    def find_draft(
        self,
        meeting_id: int | None,
        kind: MessageKind,
        contact_id: int,
        *,
        follows: int | None = None,
    ) -> Message | None:
        """The open draft of this kind for this meeting, if one exists.

        `follows`: the draft of the one follow-up to that meeting request; without
        it, a follow-up to a request is never found (it is not a request itself).
        """
        return next(
            (
                m
                for m in self.messages_of(contact_id)
                if m.status is MessageStatus.DRAFT
                and m.kind is kind
                and m.meeting_id == meeting_id
                and m.follows == follows
            ),
            None,
        )

    def save_message(self, message: Message) -> Message:
        """Insert a new message or update an existing one; stamps `updated`."""
        now = self.now()
        message = replace(message, updated=now, created=message.created or now)
        with self.action():
            if message.id:
                self._update("messages", message.id, message.to_doc())
            else:
                self._need_contact(message.contact_id)
                message = replace(message, id=self._insert("messages", message.to_doc()))
                self._messages_by_contact.setdefault(message.contact_id, []).append(message.id)
            self._keep_message(message)
            self._touch(message.contact_id)
        return message

    def mark_sent(
        self,
        id: int,
        sent: date,
        *,
        record_benefit: bool = False,
        today: date | None = None,
    ) -> Message:
        """Record the message as sent on `sent` and schedule the next touch.

        With `record_benefit`, a follow-up's (or update's) benefit is also
        copied onto the insight it names when that insight has none recorded:
        both in one action, so one write (the app's Mark sent). A day after
        `today` (default: the store's clock) is refused (`InputError`): a
        message sent "next monday" could never get its reply recorded.
        """
        from threety_tui.core.day_limits import sent_problem

        message = self._need_message(id)
        contact = self._need_contact(message.contact_id)
        problem = sent_problem(sent, self.now().date() if today is None else today)
        if problem is not None:
            raise InputError(problem)
        with self.action():
            done = self.save_message(
                replace(
                    message,
                    status=MessageStatus.SENT,
                    sent=sent,
                    next_due=None  # a meeting request waits for a reply instead (rules.awaiting)
                    if message.kind is MessageKind.OUTREACH
                    else rules.next_touch_due(contact, self.settings, sent),
                    snoozed_until=None,
                    snooze_reason="",
                    closed=None,
                )
            )
            if record_benefit:
                self._record_benefit(done)
        return done

    def _record_benefit(self, message: Message) -> None:
        benefit = message.parts.benefit.strip()
        meeting = self.meeting(message.meeting_id) if message.meeting_id else None
        if meeting is None or message.kind is MessageKind.THANK_YOU or not benefit:
            return
        insight = meeting.insight(message.insight_id)
        if insight is not None and not insight.benefit.strip():
            self.update_insight(meeting.id, replace(insight, benefit=benefit))

    def delete_draft(self, id: int) -> None:
        message = self._need_message(id)
        if message.is_sent:
            raise ValueError("a sent message is part of the record and cannot be deleted")
        with self.action():
            self._remove("messages", id)
            self._messages.pop(id, None)
            self._children.message_facts.pop(id, None)
            self._messages_by_contact[message.contact_id].remove(id)
            self._touch(message.contact_id)

    def _need_message(self, id: int) -> Message:
        message = self.message(id)
        if message is None:
            raise KeyError(f"no message with id {id}")
        return message

    # -- restore (io/backup.py) ----------------------------------------------

    def restore(
        self,
        contacts: Iterable[Contact],
        meetings: Iterable[Meeting],
        messages: Iterable[Message],
        settings: Settings,
    ) -> None:
        """Fill an EMPTY database from a backup, keeping every id, in one write."""
        self._writable()
        if self._raw("contacts") or self._raw("meetings") or self._raw("messages"):
            raise ValueError("restore needs an empty database")
        tables: dict[str, dict[str, Any]] = {}
        with gc_paused():
            for name, items in (
                ("contacts", contacts),
                ("meetings", meetings),
                ("messages", messages),
            ):
                docs: dict[str, Any] = {}
                for item in items:
                    key = str(item.id)
                    if key in docs:
                        raise ValueError(f"Document with ID {key} already exists")
                    docs[key] = item.to_doc()
                tables[name] = docs
        data = self._storage.read()
        with self.action():
            for name, docs in tables.items():
                self._replace_table(data, name, docs)
                self._next_ids.pop(name, None)
            self._changed()
            self.update_settings(settings)
            self._children.clear()
            self._index_contacts()
            self._children.index(data)
            self._company_members = None
            self._touch(None)

    def _replace_table(self, data: Data, name: str, docs: dict[str, Any]) -> None:
        old = data.get(name)
        if self._depth:

            def undo() -> None:
                if old is None:
                    data.pop(name, None)
                else:
                    data[name] = old

            self._undo.append(undo)
        data[name] = docs
        self._changed(name)

    # -- reminders ----------------------------------------------------------

    def _touch(self, contact_id: int | None) -> None:
        """A change to this contact's data (None: to everyone's); call it last.

        Cached next steps carry the version they were computed at, so one
        computed from data a change has just replaced is never used.
        """
        self._steps.touch(contact_id)
        if contact_id is not None and (contact := self._contacts.get(contact_id)) is not None:
            self._touch_company(contact.company)

    def reminders_of(self, contact_id: int, today: date) -> list[rules.Reminder]:
        """The contact's open next steps, cached until their data or the day changes."""
        return self._reminders_of(contact_id, today, None)

    def _reminders_of(
        self,
        contact_id: int,
        today: date,
        settings: Settings | None,
        grouped: tuple[dict[int, list[MeetingFacts]], dict[int, list[MessageFacts]]] | None = None,
    ) -> list[rules.Reminder]:
        """`reminders_of`, with the settings when the caller read them once for many
        contacts, and every contact's facts when it grouped them in one pass."""
        contact = self.contact(contact_id)
        if contact is None:
            return []
        company = rules.company_key(contact.company) if contact.company else ""
        stamp = self._steps.stamp(contact_id, today, company)
        cached = self._steps.get(contact_id, stamp)
        if cached is not None:
            return cached
        if grouped is None:
            meetings = self._meeting_facts_of(contact_id)
            messages = self._message_facts_of(contact_id)
        else:
            meetings = grouped[0].get(contact_id, [])
            messages = grouped[1].get(contact_id, [])
        steps = rules.contact_reminders(
            contact,
            meetings,
            messages,
            self.settings if settings is None else settings,
            today,
            company_replies=(
                self._company_reply_days(company, None if grouped is None else grouped[1])
                if _requests(messages)
                else ()
            ),
        )
        self._steps.put(contact_id, stamp, steps)
        return steps

    def status_of(self, contact_id: int, today: date) -> rules.Status:
        return rules.status(self.reminders_of(contact_id, today), today)

    def badge_of(self, contact_id: int, today: date) -> rules.Status:
        """The contacts list's badge: `status_of`, except for someone not met yet.

        With no meeting and no next step, "all good" would say nothing is to
        do; "no meeting yet" says what is (w asks for one, m logs one).
        """
        status = self.status_of(contact_id, today)
        if status.reminder is None and all(m.deleted for m in self._meeting_facts_of(contact_id)):
            return rules.Status(rules.Level.SOON, NO_MEETING_YET)
        return status

    def reminders(self, today: date) -> list[rules.Reminder]:
        """Every open next step across live contacts, soonest first."""
        settings = self.settings
        built = self._fill_facts("meetings") + self._fill_facts("messages")
        with gc_paused():
            # Facts just built for many documents: grouped by contact in one pass,
            # rather than looked up one id at a time for each contact.
            grouped = (
                (self._by_contact("meetings"), self._by_contact("messages")) if built else None
            )
            found = [
                r
                for contact in self.contacts()
                for r in self._reminders_of(contact.id, today, settings, grouped)
            ]
        found.sort(key=rules.SOONEST)
        return found

    def snooze(self, key: str, until: date, reason: str = "") -> None:
        """Move a reminder to `until` (a later meeting or send still moves it on)."""
        kind, id = rules.parse_key(key)
        if kind == "thank_you":
            meeting = self._need_meeting(id)
            self.update_meeting(replace(meeting, snoozed_until=until, snooze_reason=reason))
        else:
            message = self._need_message(id)
            self.save_message(replace(message, snoozed_until=until, snooze_reason=reason))

    def close_reminder(self, key: str, on: date) -> None:
        """Done without a message: the next step disappears until the next touch."""
        kind, id = rules.parse_key(key)
        if kind == "thank_you":
            self.update_meeting(replace(self._need_meeting(id), closed=on))
        else:
            self.save_message(replace(self._need_message(id), closed=on))

    # -- replies, employers and kinds from evidence (spec section 8) ----------

    def _touch_company(self, company: str) -> None:
        """A change to the replies of someone at this employer: its people's next steps."""
        self._steps.touch_company(rules.company_key(company) if company else "")

    def _members(self) -> dict[str, list[int]]:
        members = self._company_members
        if members is None:
            members = {}
            for contact in self._contacts.values():
                if contact.deleted is None and contact.company:
                    key = rules.company_key(contact.company)
                    if key:
                        members.setdefault(key, []).append(contact.id)
            self._company_members = members
        return members

    def _company_reply_days(
        self, key: str, messages: dict[int, list[MessageFacts]] | None = None
    ) -> list[date]:
        """When anyone at the employer `key` answered, sorted (cached per company version).

        `messages`: everyone's message facts by contact, when the caller has them.
        """
        if not key:
            return []
        stamp = (self._steps.all_version, self._steps.company_version(key))
        cached = self._company_replies.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        of = self._message_facts_of if messages is None else (lambda id: messages.get(id, []))
        days = sorted(
            m.replied
            for contact_id in self._members().get(key, ())
            for m in of(contact_id)
            if m.replied is not None and m.is_sent
        )
        self._company_replies[key] = (stamp, days)
        return days

    def colleague_answers(self, messages: Iterable[Message]) -> dict[int, tuple[str, date]]:
        """For each sent meeting request (or follow-up to one) here that has no reply of its own
        but whose nudges a reply from someone at the same employer closed: who answered, when.

        The earliest such reply on or after the day it was sent (see `rules.awaiting`).
        """
        found: dict[int, tuple[str, date]] = {}
        for message in messages:
            if not (message.kind is MessageKind.OUTREACH and message.is_sent and message.sent):
                continue
            if message.replied is not None:
                continue
            sent = message.sent
            answers = [
                (m.replied, mate.name)
                for mate in self.company_mates(message.contact_id)
                for m in self.messages_of(mate.id)
                if m.is_sent and m.replied is not None and m.replied >= sent
            ]
            if answers:
                day, name = min(answers)
                found[message.id] = (name, day)
        return found

    def company_mates(self, contact_id: int) -> list[Contact]:
        """The other live contacts at the same employer (case and spaces ignored)."""
        contact = self.contact(contact_id)
        key = rules.company_key(contact.company) if contact and contact.company else ""
        ids = self._members().get(key, []) if key else []
        return [self._contacts[id] for id in ids if id != contact_id]

    def record_reply(
        self, message_id: int, on: date | None = None, *, today: date | None = None
    ) -> Message:
        """Record that they answered this sent message on `on` (default: today).

        Any sent message can have a reply. Closes the open nudges of the
        contact and of everyone at the same employer (see `rules.awaiting`).
        `today` (default: the store's clock) is the day a reply cannot be after.
        """
        from threety_tui.core.day_limits import reply_problem

        message = self._need_message(message_id)
        today = self.now().date() if today is None else today
        on = today if on is None else on
        problem = reply_problem(message.sent if message.is_sent else None, on, today)
        if problem is not None:
            raise InputError(problem)
        return self.save_message(replace(message, replied=on))

    def clear_reply(self, message_id: int) -> Message:
        """Undo `record_reply` (a reply recorded on the wrong message)."""
        return self.save_message(replace(self._need_message(message_id), replied=None))

    def accept_kind(self, contact_id: int, kind: Kind) -> Contact:
        """The user accepted the kind the evidence suggests (see `evidence.suggest_kind`)."""
        contact = self._need_contact(contact_id)
        return self.update_contact(
            replace(contact, kind=kind, kind_source=KindSource.EVIDENCE, kind_dismissed=None)
        )

    def dismiss_kind(self, contact_id: int, kind: Kind) -> Contact:
        """The user turned the suggestion down: that kind is not suggested again."""
        return self.update_contact(replace(self._need_contact(contact_id), kind_dismissed=kind))


_FACT_TYPES: tuple[type[MeetingFacts], type[MessageFacts]] | None = None


def _fact_types() -> tuple[type[MeetingFacts], type[MessageFacts]]:
    """The facts classes, imported on first use: the first screen never needs them."""
    global _FACT_TYPES
    if _FACT_TYPES is None:
        from threety_tui.core.facts import MeetingFacts, MessageFacts

        _FACT_TYPES = (MeetingFacts, MessageFacts)
    return _FACT_TYPES


def _requests(messages: Iterable[rules.MessageLike]) -> bool:
    """Any meeting request sent: the next steps then depend on the employer's replies."""
    outreach = MessageKind.OUTREACH
    return any(m.kind is outreach and m.is_sent for m in messages)
