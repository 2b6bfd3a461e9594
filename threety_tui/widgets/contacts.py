"""The contacts pane: a filter box over a virtual list with kind and status badges."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar

from textual import on
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


@dataclass(frozen=True, slots=True)
class ContactRow:
    contact: Contact
    haystack: str
    """Lower-cased name, company, email and tags: what the filter searches."""

    @classmethod
    def of(cls, contact: Contact) -> ContactRow:
        text = " ".join((contact.name, contact.company, contact.email, *contact.tags))
        return cls(contact, text.casefold())


class ContactList(RowList[ContactRow]):
    """Two lines a contact: name and kind; company and status."""

    empty_text = "No contacts yet: press a to add the first one."

    def __init__(self, status: StatusLookup, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._status = status
        self.kind_hint: Callable[[int], str] = lambda contact_id: ""
        """A kind the evidence suggests for the contact ("B?"), shown beside theirs."""

    def row_height(self, row: ContactRow, width: int) -> int:
        return 2

    def row_key(self, row: ContactRow) -> Hashable:
        return row.contact.id

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
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Matches", key_display="↑", group=MATCHES),
        Binding("down", "move(1)", "Matches", key_display="↓", group=MATCHES),
        Binding("pageup", "move(-2)", "Page up", show=False),
        Binding("pagedown", "move(2)", "Page down", show=False),
    ]

    def __init__(self, move: Callable[[int], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._move = move

    def action_move(self, step: int) -> None:
        self._move(step)


class ContactsPane(Vertical):
    """Filter-as-you-type over name, company, email and tags; sort by name or due.

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
        self._all: list[ContactRow] = []
        self.order = SortOrder.NAME

    def compose(self) -> ComposeResult:
        yield SearchBox(self._move, id="contact-filter", placeholder="/ to search", compact=True)
        yield ContactList(self._status, id="contact-list")
        yield CountLine(id="contact-count")

    @property
    def list(self) -> ContactList:
        return self.query_one(ContactList)

    @property
    def filter_text(self) -> str:
        return self.query_one("#contact-filter", Input).value

    def set_contacts(self, contacts: Sequence[Contact], *, keep: int | None = None) -> None:
        self._all = sorted(
            (ContactRow.of(c) for c in contacts), key=lambda r: r.contact.name.casefold()
        )
        self._apply(keep)

    def _due_key(self, row: ContactRow) -> tuple[int, date]:
        status = self._status(row.contact.id)
        return status.sort_key if status is not None else (len(Level), date.max)

    def set_order(self, order: SortOrder) -> None:
        self.order = order
        self._apply(None)

    @property
    def total(self) -> int:
        """How many contacts there are, whatever the search shows."""
        return len(self._all)

    def _apply(self, keep: int | None) -> None:
        needle = self.filter_text.casefold().strip()
        rows = [r for r in self._all if needle in r.haystack] if needle else list(self._all)
        if needle and not rows:
            text = visible(self.filter_text.strip())
            self.list.empty_text = f"No contact matches “{text}”: escape twice clears the search."
        else:
            self.list.empty_text = ContactList.empty_text
        if self.order is SortOrder.DUE:
            rows.sort(key=self._due_key)  # stable: by name within
        self.list.set_rows(rows, keep=keep)
        total = len(self._all)
        shown = f"{len(rows):,} of {total:,}" if needle else f"{total:,}"
        noun = "contact" if total == 1 else "contacts"
        self.query_one(CountLine).show(f"{shown} {noun}", self.order.label)

    @on(Input.Changed, "#contact-filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self._apply(None)

    @on(Input.Submitted, "#contact-filter")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.list.focus()

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
        field = self.query_one("#contact-filter", Input)
        field.focus()
        field.select_all()

    def clear_filter(self) -> None:
        """Show everyone again, the cursor staying on the contact it is on."""
        field = self.query_one("#contact-filter", Input)
        current = self.list.current
        with field.prevent(Input.Changed):
            field.value = ""
        self._apply(current.contact.id if current is not None else None)

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
