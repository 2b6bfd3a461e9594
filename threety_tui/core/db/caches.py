"""The store's caches: models built from documents, the index by contact, next steps.

Meetings and messages are built as models on first use and kept (`Children`);
which of them belong to a contact is known from the start of each document's
line, without parsing it. Each contact's next steps are kept with the version
of that contact's data they were worked out from (`NextSteps`), so a change
is never answered with steps computed before it. Both are filled from a
worker thread (the app's warm-up) while the UI thread reads and changes them:
an entry is only ever added or replaced whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from datetime import date
from itertools import repeat
from operator import is_not, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from threety_tui.core.db.collector import gc_paused
from threety_tui.core.db.contact_lines import ContactLines
from threety_tui.core.db.lazy import LazyDocs
from threety_tui.core.errors import NotADatabase
from threety_tui.core.models import Contact, Meeting, Message, _datetime

if TYPE_CHECKING:
    from threety_tui.core.facts import MeetingFacts, MessageFacts

M = TypeVar("M", Meeting, Message)
S = TypeVar("S")


class ContactModels:
    """Contact models by id, each built from its document on first use.

    At 50,000 contacts building every model costs ~70 ms, and the first screen
    shows a screenful: `names` gives the list what it sorts and draws without
    building them. Iterating (`values`) builds them all, in file order. A model
    the store puts here (a change) always wins over one being built from the
    document on another thread (`setdefault`).
    """

    def __init__(self, path: Path, docs: MutableMapping[str, Any]) -> None:
        self.path = path
        self._docs = docs
        self._models: dict[int, Contact] = {}

    def get(self, id: int) -> Contact | None:
        model = self._models.get(id)
        if model is not None:
            return model
        docs, key = self._docs, str(id)
        try:
            # A line read only to build the model stays as read: a save copies it.
            doc = docs.peek(key) if isinstance(docs, LazyDocs) else docs.get(key)
        except NotADatabase:  # a damaged line (listed in the table's `damaged`)
            return None
        if doc is None:
            return None
        return self._models.setdefault(id, self._build(doc, id))

    def built(self, id: int) -> bool:
        """The contact's model is built (or was put here by a change)."""
        return id in self._models

    def __getitem__(self, id: int) -> Contact:
        model = self.get(id)
        if model is None:
            raise KeyError(id)
        return model

    def __setitem__(self, id: int, contact: Contact) -> None:
        self._models[id] = contact

    def update(self, pairs: Iterable[tuple[int, Contact]]) -> None:
        self._models.update(pairs)

    def _build(self, doc: Any, id: int) -> Contact:
        try:
            return Contact.from_doc(doc, id)
        except (TypeError, ValueError, AttributeError) as error:
            raise NotADatabase(
                self.path, f"is damaged: a contact cannot be read ({error})"
            ) from None

    def verify_names(self) -> bool:
        """Once every contact is built: whether `names` read from a scan of the file
        (`ContactLines`) said otherwise than the contacts, or listed damaged ones
        (`names` is right from now on)."""
        docs = self._docs
        if not isinstance(docs, ContactLines):
            return False
        wrong = docs.verify(self._models)
        return wrong or not docs.damaged.keys().isdisjoint(docs.scanned.keys)

    def ids(self) -> list[int]:
        """The ids of every contact (the trash too) not known to be damaged, in file order."""
        return [int(key) for key in self._keys()]

    def _keys(self) -> Iterator[str]:
        docs = self._docs
        return docs.sound() if isinstance(docs, LazyDocs) else iter(list(docs))

    def values(self) -> list[Contact]:
        """Every contact (the trash too), in file order: all of them built."""
        with gc_paused():
            return [model for key in self._keys() if (model := self.get(int(key))) is not None]

    def names(self, *, deleted: bool = False) -> list[tuple[int, str]]:
        """(id, name) of the live contacts (or those in the trash), in file order.

        Read from the documents, without building models, wherever the
        document says plainly (a text name, no deletion date); a model is
        built for the others, so the answer is the models' own.
        """
        docs = self._docs
        if isinstance(docs, ContactLines):
            scanned = docs.names(deleted=deleted)
            if scanned is not None:
                return scanned
        if not self._models and type(docs) is dict and not deleted:
            quick = _live_names(docs)
            if quick is not None:
                return quick
        found: list[tuple[int, str]] = []
        models = self._models
        raw = docs.raw() if isinstance(docs, LazyDocs) else docs
        for key in self._keys():
            id = int(key)
            model = models.get(id)
            doc = raw.get(key) if model is None else None
            if type(doc) is dict:
                name, gone = doc.get("name"), doc.get("deleted")
                if type(name) is str and gone is None:
                    if not deleted:
                        found.append((id, name))
                    continue
                if type(name) is str and _datetime(gone) is not None:
                    if deleted:
                        found.append((id, name))
                    continue
            if model is None:
                model = self.get(id)
                if model is None:
                    continue
            if (model.deleted is not None) == deleted:
                found.append((id, model.name))
        return found

    def columns(self, *, deleted: bool = False) -> tuple[list[int], list[str]]:
        """`names` as two lists, ids and names: a scanned table gives them as they are."""
        docs = self._docs
        if isinstance(docs, ContactLines):
            return docs.columns(deleted=deleted)
        pairs = self.names(deleted=deleted)
        return [id for id, _ in pairs], [name for _, name in pairs]


def _live_names(docs: dict[str, Any]) -> list[tuple[int, str]] | None:
    """`names()` of a table just read, in a few passes of C; None unless every contact
    is live and named plainly (the usual case: no model built, none in the trash)."""
    values = docs.values()
    try:
        names = list(map(itemgetter("name"), values))
    except (KeyError, TypeError):
        return None
    if any(map(is_not, map(dict.get, values, repeat("deleted")), repeat(None))):
        return None
    if set(map(type, names)) - {str}:
        return None
    return list(zip(map(int, docs), names, strict=True))


class Children:
    """Built meetings and messages by id, their facts by id, and their ids by contact."""

    def __init__(self) -> None:
        self.meetings: dict[int, Meeting] = {}
        self.messages: dict[int, Message] = {}
        self.meeting_facts: dict[int, MeetingFacts] = {}
        self.message_facts: dict[int, MessageFacts] = {}
        self.indexed = False
        """`index` has run since the last `clear`."""
        self.meetings_by_contact: dict[int, list[int]] = {}
        self.messages_by_contact: dict[int, list[int]] = {}

    def index(self, data: Mapping[str, Any]) -> None:
        """Index meetings and messages by contact (from the start of each line)."""
        with gc_paused():
            for table, index in (
                ("meetings", self.meetings_by_contact),
                ("messages", self.messages_by_contact),
            ):
                docs = data.get(table, {})
                if isinstance(docs, LazyDocs):
                    for key, contact_id in docs.contact_index():
                        index.setdefault(contact_id, []).append(int(key))
                else:
                    for key, doc in docs.items():
                        index.setdefault(doc["contact_id"], []).append(int(key))
            self.indexed = True

    def clear(self) -> None:
        self.indexed = False
        self.meetings.clear()
        self.messages.clear()
        self.meeting_facts.clear()
        self.message_facts.clear()
        self.meetings_by_contact.clear()
        self.messages_by_contact.clear()


Stamp = tuple[int, int, int, date]
"""(everyone's version, the contact's, their employer's, the day)."""


class NextSteps(Generic[S]):
    """Each contact's next steps, cached with the versions and day they were worked out for.

    A contact's steps also depend on their employer's replies (a reply from
    anyone there closes its open nudges: spec section 8), so the stamp carries
    the employer's version too (`touch_company`).
    """

    def __init__(self) -> None:
        self._steps: dict[int, tuple[Stamp, list[S]]] = {}
        self._versions: dict[int, int] = {}
        self._company_versions: dict[str, int] = {}
        self._all_version = 0

    @property
    def all_version(self) -> int:
        """Bumped by every change to everyone's data (settings, a restore)."""
        return self._all_version

    def company_version(self, company: str) -> int:
        return self._company_versions.get(company, 0) if company else 0

    def touch_company(self, company: str) -> None:
        """A change to the replies of someone at this employer (its key, see rules.company_key)."""
        if company:
            self._company_versions[company] = self._company_versions.get(company, 0) + 1

    def touch(self, contact_id: int | None) -> None:
        """A change to this contact's data (None: to everyone's)."""
        if contact_id is None:
            self._all_version += 1
        else:
            self._versions[contact_id] = self._versions.get(contact_id, 0) + 1

    def stamp(self, contact_id: int, today: date, company: str = "") -> Stamp:
        """Take it before working the steps out: a change meanwhile makes them stale."""
        return (
            self._all_version,
            self._versions.get(contact_id, 0),
            self.company_version(company),
            today,
        )

    def get(self, contact_id: int, stamp: Stamp) -> list[S] | None:
        cached = self._steps.get(contact_id)
        return cached[1] if cached is not None and cached[0] == stamp else None

    def put(self, contact_id: int, stamp: Stamp, steps: list[S]) -> None:
        self._steps[contact_id] = (stamp, steps)
