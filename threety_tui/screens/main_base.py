"""The main screen's base: contacts, timeline and the 3TY editor, side by side.

The screen owns the state (selected contact, timeline entry, open draft), asks
the store and the rules, and feeds the panes; the panes only present and post
messages back. Below 100 columns the panes become tabs: one shows at a time,
switched with 1, 2, 3 (or by any action that moves on, like opening a draft).
"""

from __future__ import annotations

import sys
from functools import partial
from time import monotonic
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from threety_tui.actions import COMMANDS
from threety_tui.core import timeline
from threety_tui.core.models import Contact, Meeting, Message
from threety_tui.core.rules import Status
from threety_tui.core.text import visible
from threety_tui.core.timeline import Entry
from threety_tui.widgets.contacts import ContactsPane, SortOrder
from threety_tui.widgets.editor import Draft, ThreetyEditor
from threety_tui.widgets.footer import QuietFooter
from threety_tui.widgets.row_list import RowList
from threety_tui.widgets.timeline import Timeline
from threety_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from threety_tui.app import ThreetyApp

NARROW = 100
"""Below this many columns the panes become tabs."""
PANES = ("contacts-pane", "timeline-pane", "editor-pane")
PANE_TITLES = ("1 Contacts", "2 Timeline", "3 3TY editor")
SAVE_DRAFT_AFTER = 0.6
"""Seconds of quiet typing before a draft is saved."""
AUTOSAVE_TICK = 0.2
"""How often the pause in typing is checked (one timer, not one per keystroke)."""
TEXT_KEYS = {c.action for c in COMMANDS if c.key and len(c.key) == 1} | {
    "search",
    "help",
    "delete_selected",
}


def _takes_text(widget: Widget | None) -> bool:
    """A text field has focus: letters typed are text, not commands."""
    if isinstance(widget, Input):
        return True
    # The editor's TextAreas are built after the first frame; until TextArea's
    # module is imported no widget can be one (and importing it costs ~15 ms).
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)


class MainBase(Screen[None]):
    """State, layout and navigation; the actions live in the `actions_*` mixins."""

    def __init__(self) -> None:
        super().__init__()
        self._binding_state: tuple[bool, bool, bool] | None = None
        self._timeline_of: int | None = None
        """The contact whose timeline is shown (None: nobody, or everyone)."""
        self.everyone = False
        self.active_pane = 0

    @property
    def threety(self) -> ThreetyApp:
        from threety_tui.app import ThreetyApp

        assert isinstance(self.app, ThreetyApp)
        return self.app

    # -- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Classes and titles are set before mounting: each later change restyles.
        self.set_class(self.app.size.width < NARROW, "-narrow")
        yield TitleBar()
        yield Static(self._tabs(), id="pane-tabs")
        with Horizontal(id="panes"):
            panes: tuple[Widget, ...] = (
                ContactsPane(self.status_of, id=PANES[0], classes="pane -active"),
                Vertical(
                    Static(id="timeline-title"),
                    Timeline(id="timeline"),
                    id=PANES[1],
                    classes="pane",
                ),
                ThreetyEditor(id=PANES[2], classes="pane"),
            )
            for pane, title in zip(panes, PANE_TITLES, strict=True):
                pane.border_title = title
                yield pane
        yield QuietFooter()

    def on_mount(self) -> None:
        self.set_interval(AUTOSAVE_TICK, self._autosave_tick)
        self.reload_contacts()
        self.contacts_pane.list.focus()
        self.call_after_refresh(self.threety.warm_up)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    def _tabs(self) -> Content:
        pieces: list[Content | str] = []
        for index, title in enumerate(PANE_TITLES):
            style = "reverse bold" if index == self.active_pane else "$foreground-muted"
            pieces.append(Content.styled(f" {title} ", style))
        return Content(" ").join(pieces)

    def _show_tabs(self) -> None:
        for index, pane in enumerate(PANES):
            self.query_one(f"#{pane}").set_class(index == self.active_pane, "-active")
        self.query_one("#pane-tabs", Static).update(self._tabs())

    def show_pane(self, index: int, *, focus: bool = True, part: str = "highlight") -> None:
        """Show (and focus) a pane; for the editor, `part` is the field to type in."""
        self.active_pane = index
        self._show_tabs()
        if focus:
            target: Widget = (
                self.contacts_pane.list,
                self.timeline,
                self.editor,
            )[index]
            # Twice deferred: when the pane that had focus hides (tabs below 100
            # columns), Textual moves focus on the next refresh; ours comes after.
            later = partial(self._focus_editor, part) if index == 2 else target.focus
            self.call_after_refresh(self.call_after_refresh, later)

    def _focus_editor(self, part: str) -> None:
        if self.editor.draft is not None:
            self.editor.focus_part(part)
        else:
            self.editor.query_one("#editor-body").focus()

    def action_show_pane(self, index: int) -> None:
        self.show_pane(index)

    def on_descendant_focus(self, event: object) -> None:
        focused = self.focused
        if focused is None:
            return
        for index, pane in enumerate(PANES):
            if any(node.id == pane for node in focused.ancestors_with_self):
                if index != self.active_pane:
                    self.active_pane = index
                    self._show_tabs()
                break

    def action_back(self) -> None:
        """Escape walks focus back: editor -> timeline -> contacts."""
        if self.active_pane > 0:
            self.show_pane(self.active_pane - 1)

    # -- widgets --------------------------------------------------------------

    @property
    def contacts_pane(self) -> ContactsPane:
        return self.query_one(ContactsPane)

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def editor(self) -> ThreetyEditor:
        return self.query_one(ThreetyEditor)

    # -- state ----------------------------------------------------------------

    @property
    def contact_id(self) -> int | None:
        """The contact under the list's cursor, read now (not from a queued message)."""
        row = self.contacts_pane.list.current
        return row.contact.id if row is not None else None

    @property
    def entry(self) -> Entry | None:
        """The timeline entry under the cursor."""
        current: Entry | None = self.timeline.current
        return current

    @property
    def contact(self) -> Contact | None:
        """The contact actions apply to: the timeline entry's, else the list's."""
        if self.everyone and self.entry is not None and self.entry.contact is not None:
            return self.entry.contact
        if self.contact_id is None:
            return None
        return self.threety.store.contact(self.contact_id)

    def status_of(self, contact_id: int) -> Status | None:
        """The badge (None until the store has read everything: see `data_loaded`).

        The store caches next steps per contact until they change.
        """
        store = self.threety.store
        return store.status_of(contact_id, self.threety.today()) if store.loaded else None

    def data_loaded(self) -> None:
        """The store has read the whole file: show the badges and the timeline."""
        self.contacts_pane.list.refresh_rows()
        if not self.everyone:
            self.refresh_timeline()
        self.update_bindings()

    def changed(self) -> None:
        """The data changed: refresh what shows it and save soon."""
        self.contacts_pane.list.refresh_rows()
        self.refresh_timeline()
        self.threety.save_soon()
        self.update_bindings()

    def update_bindings(self) -> None:
        """Refresh the footer only when what `check_action` looks at has changed.

        Each refresh rebuilds every footer key (and restyles it); doing that on
        each cursor move would cost more than the move itself.
        """
        draft = self.editor.draft
        state = (
            self.contact_id is not None,
            draft is not None,
            bool(draft and draft.message.is_sent),
        )
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def reload_contacts(self, *, keep: int | None = None) -> None:
        self.contacts_pane.set_contacts(self.threety.store.contacts(), keep=keep)

    @on(RowList.Highlighted, "#contact-list")
    def _contact_highlighted(self, event: RowList.Highlighted) -> None:
        if not self.everyone and self.contact_id != self._timeline_of:
            self.refresh_timeline(keep_cursor=False)
        self.update_bindings()

    @on(ContactsPane.Chosen)
    def _contact_chosen(self, event: ContactsPane.Chosen) -> None:
        self.show_pane(1)

    def refresh_timeline(self, *, keep_cursor: bool = True) -> None:
        store = self.threety.store
        today = self.threety.today()
        view = self.timeline
        view.today = today
        view.everyone = self.everyone
        title = self.query_one("#timeline-title", Static)
        if self.everyone:
            self._timeline_of = None
            contacts = {c.id: c for c in store.contacts()}
            entries = timeline.build(
                contacts, store.all_meetings(), store.all_messages(), store.reminders(today)
            )
            entries = [e for e in entries if e.contact is None or e.contact.id in contacts]
            title.update(Content.styled(" Everyone, newest first", "bold"))
        elif (contact := self.contact) is not None and not store.loaded:
            self._timeline_of = None  # shown for real by `data_loaded`, a moment later
            entries = []
            title.update(self._contact_heading(contact))
        elif contact is not None:
            self._timeline_of = contact.id
            entries = timeline.build(
                {contact.id: contact},
                store.meetings_of(contact.id),
                store.messages_of(contact.id),
                store.reminders_of(contact.id, today),
            )
            title.update(self._contact_heading(contact))
        else:
            self._timeline_of = None
            entries = []
            title.update(Content.styled(" No contact selected", "$foreground-muted"))
        view.empty_text = Timeline.empty_text if store.loaded else "Reading meetings…"
        view.set_rows(entries, keep=None if keep_cursor else ("section", "Next steps"))

    def _contact_heading(self, contact: Contact) -> Content:
        details = " · ".join(p for p in (contact.role, contact.company, contact.email) if p)
        return Content.assemble(
            Content(" " + visible(contact.name)).stylize("bold"),
            Content.styled(f"  {visible(details)}" if details else "", "$foreground-muted"),
        )

    @on(RowList.Highlighted, "#timeline")
    def _entry_highlighted(self, event: RowList.Highlighted) -> None:
        self.update_bindings()

    def selected_meeting(self) -> Meeting | None:
        """The meeting of the selected timeline entry, else the contact's latest."""
        contact = self.contact
        entry = self.entry
        meeting = entry.meeting if entry is not None else None
        if meeting is not None and (contact is None or meeting.contact_id == contact.id):
            return self.threety.store.meeting(meeting.id)
        if contact is None:
            return None
        meetings = self.threety.store.meetings_of(contact.id)
        return meetings[0] if meetings else None

    # -- editor ---------------------------------------------------------------

    def open_message(
        self, message: Message, *, focus: bool = True, part: str = "highlight"
    ) -> None:
        store = self.threety.store
        contact = store.contact(message.contact_id)
        if contact is None:
            return
        meeting = store.meeting(message.meeting_id) if message.meeting_id else None
        self.editor.load(Draft(message, contact, meeting), self.threety.today())
        self.update_bindings()
        if focus:
            self.show_pane(2, part=part)

    def _autosave_tick(self) -> None:
        """Save the draft once typing has paused for SAVE_DRAFT_AFTER seconds."""
        edited_at = self.editor.edited_at
        if edited_at is not None and monotonic() - edited_at >= SAVE_DRAFT_AFTER:
            self.save_draft()
        self.threety.report_damage()

    def save_draft(self) -> Message | None:
        """Store what the editor holds now (no-op for a sent message)."""
        self.editor.edited_at = None
        message = self.editor.current()
        if message is None or message.is_sent:
            return message
        stored = self.threety.store.message(message.id)
        if stored is None or stored.is_sent:
            return stored
        if (stored.parts, stored.subject, stored.insight_id) != (
            message.parts,
            message.subject,
            message.insight_id,
        ):
            message = self.threety.store.save_message(message)
            if self.editor.draft is not None:
                self.editor.draft = Draft(
                    message, self.editor.draft.contact, self.editor.draft.meeting
                )
            self.threety.save_soon()
            if not self.everyone:
                self.refresh_timeline()
        return message

    @on(ThreetyEditor.Left)
    def _left_editor(self) -> None:
        self.save_draft()
        self.show_pane(1)

    # -- bindings -------------------------------------------------------------

    def action_editor_command(self, action: str) -> None:
        """The editor's control keys: the same actions, usable while typing.

        Called directly: `run_action` would consult `check_action`, which hides
        the single-letter twins of these actions while a text field has focus.
        """
        getattr(self, f"action_{action}")()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "editor_command" and parameters:
            action = str(parameters[0])
        elif _takes_text(self.focused) and action in TEXT_KEYS:
            return False
        if action in (
            "edit_contact",
            "log_meeting",
            "draft_thank_you",
            "draft_follow_up",
            "draft_update",
        ):
            return True if self.contact is not None else None
        if action in ("copy_draft", "open_mail"):
            return True if self.editor.draft is not None else None
        if action == "mark_sent":
            draft = self.editor.draft
            return True if draft is not None and not draft.message.is_sent else None
        return True

    def action_search(self) -> None:
        self.show_pane(0, focus=False)
        self.contacts_pane.focus_filter()

    def action_sort_contacts(self) -> None:
        pane = self.contacts_pane
        order = SortOrder.NAME if pane.order is SortOrder.DUE else SortOrder.DUE
        self.threety.store.load_rest()  # what is due needs everything (at once, right after start)
        pane.set_order(order)
        self.threety.say(
            f"Contacts sorted by {'what is due first' if order is SortOrder.DUE else 'name'}."
        )

    def action_toggle_everyone(self) -> None:
        self.everyone = not self.everyone
        self.refresh_timeline(keep_cursor=False)
        self.show_pane(1)

    def action_help(self) -> None:
        from threety_tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        self.save_draft()
        self.app.exit()
