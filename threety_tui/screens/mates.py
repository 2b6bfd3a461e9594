"""No reply after 3 business days: who else works there (Enter on that nudge).

The method says to reach a second person at the same employer. The dialog
lists the other contacts at the employer with their badges; Enter makes one
of them the current contact (then `w` drafts the request to them), `a` adds
someone who works there. It hands the choice back; the main screen acts on it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from threety_tui.core.loop_workflows import SecondContact
from threety_tui.core.models import Contact
from threety_tui.core.rules import Status
from threety_tui.core.text import visible
from threety_tui.widgets.contacts import LEVEL_STYLE
from threety_tui.widgets.key_bar import KeyBar
from threety_tui.widgets.row_list import RowList


@dataclass(frozen=True, slots=True)
class MateChoice:
    contact_id: int | None = None
    """Make this contact current."""
    add: bool = False
    """Add someone at the same employer."""


class MateList(RowList[Contact]):
    empty_text = "No one else there yet: press a to add someone who works there."

    def __init__(self, status: Callable[[int], Status | None]) -> None:
        super().__init__(id="mate-list")
        self._status = status

    def row_key(self, row: Contact) -> Hashable:
        return row.id

    def render_row_line(self, row: Contact, line: int, width: int) -> Content:
        name = Content(" " + visible(row.name)).stylize("bold")
        role = Content.styled(f"  {visible(row.role)}" if row.role else "", "$foreground-muted")
        status = self._status(row.id)
        badge = Content("")
        if status is not None:
            mark, style = LEVEL_STYLE[status.level]
            badge = Content.styled(f"  {mark} {status.label}", style)
        return Content.assemble(name, role, badge).truncate(width, ellipsis=True)


class MatesScreen(ModalScreen[MateChoice | None]):
    DEFAULT_CSS = """
    MatesScreen {
        align: center middle;
        & > Vertical {
            width: 76; max-width: 100%; height: auto; max-height: 90%;
            border: thick $primary 70%; background: $surface; padding: 0 1;
        }
        & #mates-heading { margin: 1 1; }
        & MateList { height: auto; max-height: 12; margin: 0 1; }
        & #mates-keys { color: $text-muted; margin: 1 1 0 1; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close"),
        Binding("a", "add", "Add someone there"),
    ]

    def __init__(self, found: SecondContact, status: Callable[[int], Status | None]) -> None:
        super().__init__()
        self.found = found
        self.status = status

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(visible(self.found.heading)), id="mates-heading")
            yield MateList(self.status)
            where = f" at {visible(self.found.company)}" if self.found.company else ""
            keys = f"a adds someone{where} · esc closes"
            if self.found.mates:
                keys = f"Enter makes them current (then w drafts a request) · {keys}"
            yield Static(keys, id="mates-keys")
        yield KeyBar()  # the dialog's keys, not the main screen's under it

    def on_mount(self) -> None:
        box = self.query_one(Vertical)
        box.border_title = "Try a second contact"
        mates = self.query_one(MateList)
        mates.set_rows(list(self.found.mates))
        mates.focus()

    @on(RowList.Selected)
    def _chosen(self, event: RowList.Selected) -> None:
        event.stop()
        self.dismiss(MateChoice(contact_id=event.row.id))

    def action_add(self) -> None:
        self.dismiss(MateChoice(add=True))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
