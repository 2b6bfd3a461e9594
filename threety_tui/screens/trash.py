"""The trash: deleted contacts and meetings, restorable with Enter."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from threety_tui.core.dates import short
from threety_tui.core.models import Contact, Meeting
from threety_tui.core.store import Store
from threety_tui.core.text import visible
from threety_tui.widgets.key_bar import KeyBar
from threety_tui.widgets.row_list import RowList


@dataclass(frozen=True, slots=True)
class TrashRow:
    contact: Contact
    meeting: Meeting | None = None


class TrashList(RowList[TrashRow]):
    empty_text = "The trash is empty."

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def row_key(self, row: TrashRow) -> Hashable:
        return ("meeting", row.meeting.id) if row.meeting else ("contact", row.contact.id)

    def render_row_line(self, row: TrashRow, line: int, width: int) -> Content:
        name = Content(visible(row.contact.name)).stylize("bold")
        if row.meeting is None:
            return Content.assemble(" Contact  ", name)
        return Content.assemble(" Meeting  ", name, f" · {short(row.meeting.when, self.today)}")


class TrashScreen(ModalScreen[int | None]):
    """Dismisses with the id of the contact whose data was restored, if any."""

    DEFAULT_CSS = """
    TrashScreen {
        align: center middle;
        & > Vertical {
            width: 70; max-width: 100%; height: 70%;
            border: thick $primary 70%; background: $surface;
        }
        & #trash-hint { color: $text-muted; padding: 0 1; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close"),
        Binding("enter,r", "restore", "Restore"),
    ]

    def __init__(self, store: Store, today: date) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.restored: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Enter restores the selected item. Escape closes.", id="trash-hint")
            yield TrashList(self.today)
        yield KeyBar()  # the dialog's keys, not the main screen's under it

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = "Trash"
        self._fill()
        self.query_one(TrashList).focus()

    def _fill(self) -> None:
        rows = [TrashRow(c) for c in self.store.contacts(deleted=True)]
        for contact in self.store.contacts():
            rows += [TrashRow(contact, m) for m in self.store.meetings_of(contact.id, deleted=True)]
        self.query_one(TrashList).set_rows(rows)

    @on(RowList.Selected)
    def action_restore(self) -> None:
        row = self.query_one(TrashList).current
        if row is None:
            return
        if row.meeting is not None:
            self.store.restore_meeting(row.meeting.id)
        else:
            self.store.restore_contact(row.contact.id)
        self.restored = row.contact.id
        self.notify("Restored.", markup=False)
        self._fill()

    def action_dismiss_none(self) -> None:
        self.dismiss(self.restored)
