"""The main screen: the three panes (see `main_base`) with every action mixed in."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType

from threety_tui.actions import COMMANDS
from threety_tui.core.timeline import Entry, EntryKind
from threety_tui.screens.actions_contacts import ContactActions
from threety_tui.screens.actions_drafts import DraftActions
from threety_tui.screens.actions_steps import StepActions
from threety_tui.screens.actions_tools import ToolActions
from threety_tui.widgets.row_list import RowList


class MainScreen(ContactActions, DraftActions, StepActions, ToolActions):
    # Its CSS, main.tcss, is read with the app's (`ThreetyApp.CSS_PATH`).

    BINDINGS: ClassVar[list[BindingType]] = [
        *(c.binding() for c in COMMANDS if c.key),
        Binding("1", "show_pane(0)", "Contacts", show=False),
        Binding("2", "show_pane(1)", "Timeline", show=False),
        Binding("3", "show_pane(2)", "Editor", show=False),
        Binding("escape", "back", "Back", show=False),
    ]

    @on(RowList.Selected, "#timeline")
    def _entry_selected(self, event: RowList.Selected) -> None:
        entry: Entry = event.row
        if entry.kind is EntryKind.MESSAGE and entry.message is not None:
            self.open_message(entry.message)
        elif entry.kind in (EntryKind.MEETING, EntryKind.INSIGHT) and entry.meeting is not None:
            self.edit_meeting(entry.meeting)
        elif entry.kind is EntryKind.REMINDER and entry.reminder is not None:
            self.draft_for_reminder(entry.reminder)
