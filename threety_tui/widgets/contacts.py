"""The contacts pane: a filter box over a virtual list with kind and status badges.

At 50,000 contacts nothing is built per contact before the first frame: the
list holds ids and names (`Store.contact_columns`), sorted on keys computed
once; a row and its contact's model are built when the row is drawn or
asked for, and the search text of each contact on the first search.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, overload

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from threety_tui.core.models import Contact, Kind
from threety_tui.core.rules import Level, Status
from threety_tui.core.search_rank import rank
from threety_tui.core.text import visible
from threety_tui.widgets.row_list import RowList

StatusLookup = Callable[[int], Status | None]
"""A contact's badge; None while the store is still reading meetings and messages."""

KIND_BADGE = {
    Kind.BOOSTER: ("Booster", "$success"),
    Kind.OBLIGATE: ("Obligate", "$text-accent"),
    Kind.UNKNOWN: ("unknown", "$foreground-muted"),
}
WIDE_BADGES = 28
"""From this width the kind shows in full; below it, Booster and Obligate as B and O."""
LEVEL_STYLE = {
    Level.OVERDUE: ("●", "$error bold"),
    Level.DUE: ("●", "$warning bold"),
    Level.SOON: ("○", "$foreground-muted"),
    Level.OK: ("✓", "$success-darken-1"),
}


class SortOrder(StrEnum):
    NAME = "name"
    DUE = "due"

    @property
    def label(self) -> str:
        return "A-Z" if self is SortOrder.NAME else "due first"


Indexes = list[int]
ContactLookup = Callable[[int], Contact | None]
"""The contact with an id, as stored now (`Store.contact`: built on first use)."""


class ContactRow:
    """A contact in the list: its id and name, and its model when asked for."""

    __slots__ = ("_lookup", "id", "name")

    def __init__(self, id: int, name: str, lookup: ContactLookup) -> None:
        self.id = id
        self.name = name
        self._lookup = lookup

    @property
    def contact(self) -> Contact:
        return self._lookup(self.id) or Contact(self.name, id=self.id)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ContactRow) and (self.id, self.name) == (other.id, other.name)

    def __hash__(self) -> int:
        return hash((self.id, self.name))

    def __repr__(self) -> str:
        return f"ContactRow({self.id}, {self.name!r})"


class ContactRows(Sequence[ContactRow]):
    """The list's rows as two parallel lists (ids, names): a row is built when asked for."""

    __slots__ = ("_lookup", "ids", "names")

    def __init__(self, ids: list[int], names: list[str], lookup: ContactLookup) -> None:
        self.ids = ids
        self.names = names
        self._lookup = lookup

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> ContactRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[ContactRow]: ...
    def __getitem__(self, index: int | slice) -> ContactRow | list[ContactRow]:
        if isinstance(index, slice):
            return [
                ContactRow(i, n, self._lookup)
                for i, n in zip(self.ids[index], self.names[index], strict=True)
            ]
        return ContactRow(self.ids[index], self.names[index], self._lookup)

    def __iter__(self) -> Iterator[ContactRow]:
        lookup = self._lookup
        return (ContactRow(i, n, lookup) for i, n in zip(self.ids, self.names, strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ContactRows):
            return (self.ids, self.names) == (other.ids, other.names)
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def index_of(self, id: int) -> int | None:
        try:
            return self.ids.index(id)
        except ValueError:
            return None


def search_text(contact: Contact) -> str:
    """Lower-cased name, company, email and tags: what the filter searches."""
    return " ".join((contact.name, contact.company, contact.email, *contact.tags)).casefold()


class ContactList(RowList[ContactRow]):
    """Two lines a contact: name and kind; company and status."""

    empty_text = "No contacts yet: press a to add the first one."
    row_lines = 2

    def __init__(self, status: StatusLookup, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._status = status
        self.kind_hint: Callable[[int], str] = lambda contact_id: ""
        """A kind the evidence suggests for the contact ("B?"), shown beside theirs."""

    def row_height(self, row: ContactRow, width: int) -> int:
        return 2

    def row_key(self, row: ContactRow) -> Hashable:
        return row.id

    def find_key(self, rows: Sequence[ContactRow], key: Hashable) -> int | None:
        if isinstance(rows, ContactRows):
            return rows.index_of(key) if isinstance(key, int) else None
        return super().find_key(rows, key)

    def render_row_line(self, row: ContactRow, line: int, width: int) -> Content:
        """Name and kind; company and status. In a narrow pane the name and the
        status stay whole: the kind shrinks to its initial and the company gives way."""
        contact = row.contact
        if line == 0:
            label, style = KIND_BADGE[contact.kind]
            hint = self.kind_hint(contact.id)
            if width < WIDE_BADGES or (hint and contact.kind is Kind.UNKNOWN):
                label = "" if contact.kind is Kind.UNKNOWN else label[0]
            left = Content(" " + visible(contact.name)).stylize("bold")
            right = Content.styled(label, style)
            if hint:
                suggested = Content.styled(hint, "$warning bold")
                right = Content.assemble(right, " ", suggested) if label else suggested
        else:
            status = self._status(contact.id)
            detail = " · ".join(p for p in (contact.company, contact.role) if p)
            left = Content.styled(" " + visible(detail), "$foreground-muted")
            if status is None:
                right = Content.styled("…", "$foreground-muted")
            else:
                mark, style = LEVEL_STYLE[status.level]
                right = Content.styled(f"{mark} {status.label}", style)
        return _sides(left, right, width)


def _sides(left: Content, right: Content, width: int) -> Content:
    """`left` shortened to make room for `right` at the right edge (one space after it
    when there is room); `right` alone when too little room is left for `left`, after
    the same one-space margin as every row (shortened itself if it must be)."""
    gap = 1 if right.cell_length + 1 < width else 0
    room = width - right.cell_length - gap - 1
    if room < 4:
        return Content.assemble(" ", right.truncate(max(1, width - 1), ellipsis=True))
    return Content.assemble(left.truncate(room, ellipsis=True, pad=True), " ", right, " " * gap)


class CountLine(Widget):
    """Under the list: "15 of 17 contacts · due first", on two lines (at the dot)
    when the pane is too narrow for one, never broken mid-phrase."""

    DEFAULT_CSS = """
    CountLine {
        height: auto;
        color: $foreground-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts = ("", "")

    def show(self, count: str, order: str) -> None:
        if (count, order) != self._parts:
            self._parts = (count, order)
            self.refresh(layout=True)

    def _lines(self, width: int) -> list[str]:
        count, order = self._parts
        one = f" {count} · {order}"
        return [one] if len(one) <= width or width <= 0 else [f" {count}", f" · {order}"]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n".join(self._lines(self.size.width)))


MATCHES = Binding.Group("Matches")


class SearchBox(Input):
    """The search field: Up and Down (and the page keys) move through the matches.

    Input's own up/down bindings only scroll it (and show nothing in the footer).

    Enter and escape leave it for the list here, in turn with the keys typed
    around them, not as bindings: a binding runs once the key has bubbled up to
    the app, after the box has already taken the keys that followed it in the
    same burst (`/tim` enter `t` typed "timt"). A key that arrives once the
    focus has left goes where the focus is now.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Matches", key_display="↑", group=MATCHES),
        Binding("down", "move(1)", "Matches", key_display="↓", group=MATCHES),
        Binding("pageup", "move(-2)", "Page up", show=False),
        Binding("pagedown", "move(2)", "Page down", show=False),
    ]

    def __init__(
        self, move: Callable[[int], None], leave: Callable[[], None], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._move = move
        self._leave = leave

    def action_move(self, step: int) -> None:
        self._move(step)

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not self and focused is not None:
            event.stop()  # handed here before enter or escape moved the focus
            event.prevent_default()
            focused._forward_event(events.Key(event.key, event.character))
            return
        if event.key in ("enter", "escape"):
            event.stop()
            event.prevent_default()
            self._leave()  # keeping the filter: a second escape, on the list, clears it
        # Anything else: Input's own handler runs next (the next class down).


class ContactsPane(Vertical):
    """Filter-as-you-type over name, company, email and tags; sort by name or due.

    Matches on the name come first (`search_rank`), in the chosen order within.

    Up and Down in the search box move through the matches: the highlighted
    match is the current contact, the timeline follows.
    """

    class Chosen(Message):
        """Enter on a contact: move on to its timeline."""

        def __init__(self, contact: Contact) -> None:
            super().__init__()
            self.contact = contact

    def __init__(
        self, status: StatusLookup, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._status = status
        self._ids: list[int] = []
        """Every contact's id, sorted by name."""
        self._names: list[str] = []
        """Their names, in the same order."""
        self._keys: list[str] = []
        """Their names lower-cased, in the same order: what the search ranks by."""
        self._lookup: ContactLookup = lambda id: None
        self.given: tuple[Sequence[int], Sequence[str]] = ((), ())
        """The ids and names last given to `set_names`, as given."""
        self._search: dict[int, str] = {}
        """Each contact's `search_text`, built on the first search after `set_names`."""
        self.order = SortOrder.NAME

    def compose(self) -> ComposeResult:
        yield SearchBox(
            self._move,
            self._leave_search,
            id="contact-filter",
            placeholder="/ to search",
            compact=True,
        )
        yield ContactList(self._status, id="contact-list")
        yield CountLine(id="contact-count")

    @property
    def list(self) -> ContactList:
        return self.query_one(ContactList)

    @property
    def filter_text(self) -> str:
        return self.query_one("#contact-filter", Input).value

    def set_names(
        self,
        ids: Sequence[int],
        raw: Sequence[str],
        lookup: ContactLookup,
        *,
        keep: int | None = None,
    ) -> None:
        """The contacts' ids and names (`Store.contact_columns`); `lookup` builds the ones
        shown."""
        self.given = (ids, raw)
        keys = list(map(str.casefold, raw))
        order = sorted(range(len(keys)), key=keys.__getitem__)  # stable: file order within
        self._ids = list(map(ids.__getitem__, order))
        self._names = list(map(raw.__getitem__, order))
        self._keys = list(map(keys.__getitem__, order))
        self._lookup = lookup
        self._search = {}
        self._apply(keep)

    def _due_key(self, id: int) -> tuple[int, date]:
        status = self._status(id)
        return status.sort_key if status is not None else (len(Level), date.max)

    def _matching(self, needle: str) -> Indexes:
        """Indexes (in name order) of the contacts whose search text holds `needle`."""
        search, lookup = self._search, self._lookup
        if len(search) < len(self._ids):
            for id, name in zip(self._ids, self._names, strict=True):
                if id not in search:
                    search[id] = search_text(lookup(id) or Contact(name, id=id))
        return [i for i, id in enumerate(self._ids) if needle in search[id]]

    def set_order(self, order: SortOrder) -> None:
        self.order = order
        self._apply(None)

    @property
    def total(self) -> int:
        """How many contacts there are, whatever the search shows."""
        return len(self._ids)

    def _apply(self, keep: int | None, *, best: bool = False) -> None:
        """Show the contacts the search matches, in order; `best`: the cursor on the first."""
        needle = self.filter_text.casefold().strip()
        ids, names = self._ids, self._names
        if needle or self.order is SortOrder.DUE:
            picked = self._matching(needle) if needle else list(range(len(ids)))
            if self.order is SortOrder.DUE:
                due = list(map(self._due_key, ids))
                picked.sort(key=due.__getitem__)  # stable: by name within
            if needle:  # a typed name first: `/` + a name + Enter shows that person
                picked = rank(picked, self._keys, needle)
            ids, names = [ids[i] for i in picked], [names[i] for i in picked]
        rows = ContactRows(ids, names, self._lookup)
        if needle and not rows:
            text = visible(self.filter_text.strip())
            self.list.empty_text = f"No contact matches “{text}”: escape twice clears the search."
        else:
            self.list.empty_text = ContactList.empty_text
        if best and rows:
            keep = rows.ids[0]
        self.list.set_rows(rows, keep=keep)
        total = len(self._ids)
        shown = f"{len(rows):,} of {total:,}" if needle else f"{total:,}"
        noun = "contact" if total == 1 else "contacts"
        self.query_one(CountLine).show(f"{shown} {noun}", self.order.label)

    @on(Input.Changed, "#contact-filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self._apply(None, best=True)  # the best match current, not whoever was

    def _leave_search(self) -> None:
        """Enter or escape in the search box: on to the matches (at once: see `SearchBox`)."""
        self.screen.set_focus(self.list)

    @on(RowList.Selected, "#contact-list")
    def _chosen(self, event: RowList.Selected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.row.contact))

    def _move(self, step: int) -> None:
        """From the search box: -1/1 the previous or next match, -2/2 a page."""
        rows = self.list
        moves = {
            -1: rows.action_cursor_up,
            1: rows.action_cursor_down,
            -2: rows.action_page_up,
            2: rows.action_page_down,
        }
        moves[step]()

    def focus_filter(self) -> None:
        """Focus the search box now, not after the keys already queued (`focus()`
        waits its turn): `/Tim` typed in one burst, as at launch, is a search for Tim."""
        field = self.query_one("#contact-filter", Input)
        self.screen.set_focus(field)
        field.select_all()

    def clear_filter(self) -> None:
        """Show everyone again, the cursor staying on the contact it is on."""
        field = self.query_one("#contact-filter", Input)
        current = self.list.current
        with field.prevent(Input.Changed):
            field.value = ""
        self._apply(current.id if current is not None else None)

    def show(self, contact_id: int) -> str:
        """Put the cursor on a contact, clearing a filter that hides them.

        Returns the search cleared for it ("" when none was): the caller says so.
        """
        index = self.list.index_of(contact_id)
        search = self.filter_text
        if index is None and search:
            field = self.query_one("#contact-filter", Input)
            with field.prevent(Input.Changed):
                field.value = ""
            self._apply(contact_id)
            return search
        if index is not None:
            self.list.move_cursor(index)
        return ""
