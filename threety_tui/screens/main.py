"""The main screen: contacts, timeline and the 3TY editor around one current contact.

The screen owns the state: the current contact (`contact_id`), whether the
timeline shows everyone, and the draft in the editor. The contact list's
highlight, the timeline and the person the editor writes to always follow
`contact_id`: whatever picks a person (the list's cursor, a search as you
type, an agenda entry, an entry of the everyone-timeline, a draft opened, a
contact added or imported) goes through `make_current`, and the editor closes
a draft that is not theirs. The panes only present; the decisions are in
`core.workflows`; the keys come from `actions.py` (each `action_*` below is
one of its commands).

From 125 columns the three panes sit side by side (the editor at least 60
wide when a draft is open, narrow when not). From 100 columns with a draft
open the editor keeps its 60 and the timeline would get too little to show
who, what and when, so the contacts list gives way: the left pane shows the
timeline, or the list when it is picked (F2, `/`), and a tab bar names the
current person ("compact"). Below 100 columns the panes are tabs. F2, F3 and
F4, keys no text field takes, switch them.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize, ScreenResume
from textual.message import Message as TextualMessage
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static

from threety_tui.actions import Target, bindings, commands, fallback_bindings, palette
from threety_tui.core import timeline
from threety_tui.core.models import Contact, Insight, Meeting, Message, MessageKind
from threety_tui.core.rules import Nudge, Reminder, Status
from threety_tui.core.text import visible
from threety_tui.core.timeline import Entry, EntryKind
from threety_tui.screens import everyone_timeline, threety
from threety_tui.screens.lean_compositor import LeanCompositor
from threety_tui.widgets.contacts import ContactsPane, SortOrder
from threety_tui.widgets.editor import Draft, ThreetyEditor
from threety_tui.widgets.key_bar import KeyBar
from threety_tui.widgets.row_list import RowList
from threety_tui.widgets.timeline import Timeline
from threety_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable
    from datetime import date

    from threety_tui.core import workflows
    from threety_tui.core.store import Store
    from threety_tui.screens.agenda import AgendaChoice

NARROW = 100
"""Below this many columns the panes become tabs."""
ROOMY = 125
"""From this many columns the contacts list stays beside a draft (with the timeline
at about 40 columns); below it the list and the timeline share the left pane."""
SHORT = 36
"""Below this many rows the editor drops the blank lines between its fields."""
PANES = ("contacts-pane", "timeline-pane", "editor-pane")
PANE_TITLES = ("Contacts", "Timeline", "3TY editor")
PANE_KEYS = ("F2", "F3", "F4")
SAVE_DRAFT_AFTER = 0.6
"""Seconds of quiet typing before a draft is saved (one timer, reset on each edit)."""
TIMELINE_KEYS = fallback_bindings(Target.TIMELINE)
"""h, b, z and x pressed outside the timeline: the screen acts or says why."""
TYPED_KEYS = {c.action for c in commands(Target.SCREEN) if not c.anywhere} - {"back"} | {
    b.action for b in TIMELINE_KEYS if isinstance(b, Binding)
}
"""Keys a text field takes as text: not commands while one has focus."""
STEP_KEYS = {"snooze", "close_step"}
MEETING_ROWS = (EntryKind.MEETING, EntryKind.INSIGHT)
"""Timeline entries that stand for a meeting (an insight is part of one)."""
HOMEWORK_KEYS = {"cycle_homework", "edit_benefit"}
CONTACT_KEYS = {"edit_contact", "log_meeting", "draft_thank_you", "draft_follow_up", "draft_update"}
LOOP_KEYS = {"draft_request", "record_reply", "accept_kind", "dismiss_kind"}
"""Keys of the whole loop (spec section 8): in the footer when they can act (`_loop_state`)."""


def _takes_text(widget: Widget | None) -> bool:
    """A text field has focus: letters typed are text, not commands."""
    if isinstance(widget, Input):
        return True
    # The editor's TextAreas are built after the first frame; until TextArea's
    # module is imported no widget can be one (and importing it costs ~15 ms).
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)


class MainScreen(Screen[None]):
    # Its CSS, main.tcss, is read with the app's (`ThreetyApp.CSS_PATH`).

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(Target.SCREEN), *TIMELINE_KEYS]
    AUTO_FOCUS = "#contact-list"
    """Focused as the screen is composed: not Textual's first focusable widget (the
    search box), whose focus the list would take back a moment later, each move
    restyling both and their panes before the first frame."""

    contact_id: var[int | None] = var(None, init=False)
    """The current contact: the list's highlight, the timeline's and the editor's person."""
    everyone: var[bool] = var(False, init=False)
    """The timeline shows everyone (newest first) instead of the current contact."""

    def __init__(self) -> None:
        super().__init__()
        self._compositor = LeanCompositor()  # a key repaints the field, not the whole editor
        self.active_pane = 0
        self._footer_state: tuple[object, ...] | None = None
        self._unsaved: Message | None = None
        """The editor's latest edit, not stored yet (saved once typing pauses)."""
        self._save_timer: Timer | None = None
        self._shown_generation = -1
        """The app's data generation the panes last showed (see `on_screen_resume`)."""
        self._new_contact_company = ""
        """The employer `a` pre-fills (adding a second contact there, from a nudge)."""
        self._loop_cache: tuple[tuple[int, int, date], tuple[bool, bool, bool]] | None = None
        """`_loop_state`'s facts about the current contact, for a data generation."""
        self._resumed = False
        """Shown once already (see `post_message`)."""
        self._everyone_keep = True
        """Whether the everyone-timeline built in the background keeps its cursor (a
        refresh) or starts on the current contact (it was just switched on)."""

    # -- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Classes and titles are set before mounting: each later change restyles.
        self.set_class(self.app.size.width < NARROW, "-narrow")
        self.set_class(self.app.size.height < SHORT, "-short")
        self.set_class(self.active_pane == 0, "-on-contacts")
        yield TitleBar()
        yield Static(self._tabs(), id="pane-tabs")
        # The panes sit on the screen itself (`layout: horizontal` in main.tcss), between
        # the docked title, tab and key bars: no container the size of the screen to
        # style and paint at every start.
        panes: tuple[Widget, ...] = (
            ContactsPane(self.status_of, id=PANES[0], classes="pane -active"),
            Vertical(
                Static(id="timeline-title"),
                Static(id="kind-suggestion"),
                Timeline(id="timeline"),
                id=PANES[1],
                classes="pane",
            ),
            ThreetyEditor(id=PANES[2], classes="pane"),
        )
        for pane, title in zip(panes, PANE_TITLES, strict=True):
            pane.border_title = title
            yield pane
        yield KeyBar(self.footer_wants)

    def on_mount(self) -> None:
        self._save_timer = self.set_interval(SAVE_DRAFT_AFTER, self._typing_paused, pause=True)
        self.editor.on_edit = self._draft_edited
        self.contacts_pane.list.kind_hint = self.kind_hint
        self.reload_contacts()
        self.contacts_pane.list.focus()
        self.call_after_refresh(threety(self).release_keys)  # keys typed at launch
        self.call_after_refresh(threety(self).warm_up)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")
        self.set_class(event.size.height < SHORT, "-short")
        self._fit_layout()
        self.update_footer()

    def _fit_layout(self) -> None:
        """Compact between 100 and 125 columns while a draft is open (see the module doc)."""
        width = self.size.width or self.app.size.width
        compact = NARROW <= width < ROOMY and self.editor.draft is not None
        if compact != self.has_class("-compact"):
            self.set_class(compact, "-compact")
            self._show_tabs()

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    @property
    def tabbed(self) -> bool:
        """Some panes are out of sight (tabs, or compact): F2, F3 and F4 bring them."""
        return self.has_class("-narrow") or self.has_class("-compact")

    def _tabs(self) -> Content:
        """The tab bar below 100 columns: the panes with their keys, and who is current."""
        pieces: list[Content | str] = []
        for index, (key, title) in enumerate(zip(PANE_KEYS, PANE_TITLES, strict=True)):
            style = "reverse bold" if index == self.active_pane else "$foreground-muted"
            pieces.append(Content.styled(f" {key} {title} ", style))
        contact = self.contact if self.is_mounted else None
        who = Content(f"  {visible(contact.name)}").stylize("bold") if contact else Content("")
        return Content.assemble(Content(" ").join(pieces), who)

    def _show_tabs(self) -> None:
        for index, pane in enumerate(PANES):
            self.query_one(f"#{pane}").set_class(index == self.active_pane, "-active")
        self.set_class(self.active_pane == 0, "-on-contacts")  # compact: the list's turn
        self.query_one("#pane-tabs", Static).update(self._tabs())

    def _load_editor(self, draft: Draft | None) -> None:
        """Show a draft (or none) in the editor, and fit the layout to it."""
        self.editor.load(draft, threety(self).today())
        self._fit_layout()

    def show_pane(self, index: int, *, focus: bool = True, part: str = "highlight") -> None:
        """Show (and focus) a pane; for the editor, `part` is the field to type in."""
        self.active_pane = index
        self._show_tabs()
        if focus:
            # Focused now, before the pane that had focus hides (tabs below 100
            # columns): a hidden focused widget hands focus to whatever comes next.
            target: Widget
            if index == 2:
                target = self.editor.focus_target(part)
            else:
                target = (self.contacts_pane.list, self.timeline)[index]
            self.set_focus(target)
        self.update_footer()

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
        self.update_footer()

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

    # -- the current contact ----------------------------------------------------

    @property
    def contact(self) -> Contact | None:
        """The current contact, as stored now."""
        if self.contact_id is None:
            return None
        return threety(self).store.contact(self.contact_id)

    @property
    def entry(self) -> Entry | None:
        """The timeline entry under the cursor."""
        current: Entry | None = self.timeline.current
        return current

    def make_current(self, contact_id: int) -> None:
        """Make a contact current in all three panes (the list's filter gives way, said so)."""
        cleared = self.contacts_pane.show(contact_id)
        self.contact_id = contact_id
        contact = self.contact
        if cleared and contact is not None:
            threety(self).say(
                f"Search “{cleared}” cleared: {contact.name} did not match it.", title="Search"
            )

    def watch_contact_id(self, old: int | None, new: int | None) -> None:
        draft = self.editor.draft
        if draft is not None and draft.contact.id != new:
            self.save_draft()
            self._load_editor(None)
        if not self.everyone:
            self.refresh_timeline(keep_cursor=False)
        elif new is not None:
            self._follow_in_everyone(new)
        self._show_tabs()
        self.update_footer()

    def _follow_in_everyone(self, contact_id: int) -> None:
        """In the everyone-timeline, the cursor goes to the current contact's newest entry."""
        entry = self.entry
        if entry is not None and entry.contact is not None and entry.contact.id == contact_id:
            return
        rows = self.timeline.rows
        index = next(
            (i for i, e in enumerate(rows) if e.contact and e.contact.id == contact_id), None
        )
        if index is not None:
            self.timeline.move_cursor(index)

    # The two handlers below read the row under the cursor *now*, not the event's:
    # keys in a burst queue several highlights, and acting on an older one moved the
    # other pane back to it, which posted another old highlight (in the everyone-
    # timeline the two panes then pushed each other back and forth for ever).

    @on(RowList.Highlighted, "#contact-list")
    def _contact_highlighted(self, event: RowList.Highlighted) -> None:
        row = self.contacts_pane.list.current
        self.contact_id = row.id if row is not None else None
        self.update_footer()  # a search typed: escape has something to clear

    @on(RowList.Highlighted, "#timeline")
    def _entry_highlighted(self, event: RowList.Highlighted) -> None:
        entry = self.entry
        if self.everyone and entry is not None and entry.contact is not None:
            self.make_current(entry.contact.id)
        self.update_footer()

    @on(ContactsPane.Chosen)
    def _contact_chosen(self, event: ContactsPane.Chosen) -> None:
        self.show_pane(1)

    def status_of(self, contact_id: int) -> Status | None:
        """The badge (None until the store has read everything: see `data_loaded`).

        The store caches next steps per contact until they change.
        """
        app = threety(self)
        return app.store.badge_of(contact_id, app.today()) if app.store.loaded else None

    # -- showing the data -------------------------------------------------------

    def data_loaded(self) -> None:
        """The store has read the whole file: show the badges and the timeline."""
        self.contacts_pane.list.refresh_rows()
        if not self.everyone:
            self.refresh_timeline()
        self.update_footer()

    def contacts_settled(self) -> None:
        """Every contact is built: the list, drawn at first from a quick scan of the file
        (see `core.db.contact_lines`), is redrawn if the scan misread a contact or a
        damaged one was in it."""
        store = threety(self).store
        if store.contact_columns() != self.contacts_pane.given:
            self.reload_contacts(keep=self.contact_id)

    def changed(self) -> None:
        """The data changed: refresh what shows it and save soon."""
        threety(self).save_soon()
        self.refresh_data()

    def refresh_data(self) -> None:
        self._shown_generation = threety(self).generation
        self.contacts_pane.list.refresh_rows()
        self.refresh_timeline()
        self._recheck_draft()
        self.update_footer()

    def _recheck_draft(self) -> None:
        """The data changed: the open draft's checklist may have (an update's news, who signs)."""
        draft = self.editor.draft
        if draft is None or draft.message.is_sent:
            return
        from threety_tui.core import workflows

        app = threety(self)
        news = workflows.draft_news(app.store, draft.message, app.today())
        self.editor.set_context(news, app.store.settings)

    def post_message(self, message: TextualMessage) -> bool:
        """The first `ScreenResume` (the app showing this screen at start) comes once
        every widget is composed and styled: it need not restyle them all again, a
        pass over every widget before the first frame. Later ones do (a theme may have
        changed meanwhile)."""
        if isinstance(message, ScreenResume) and not self._resumed:
            self._resumed = True
            message.refresh_styles = False
        return super().post_message(message)

    def on_screen_resume(self) -> None:
        """Back from a dialog or the agenda: show what changed meanwhile."""
        if threety(self).generation != self._shown_generation:
            self.refresh_data()

    def reload_contacts(self, *, keep: int | None = None) -> None:
        store = threety(self).store
        self.contacts_pane.set_names(*store.contact_columns(), store.contact, keep=keep)

    def refresh_timeline(self, *, keep_cursor: bool = True) -> None:
        app = threety(self)
        store, today = app.store, app.today()
        view = self.timeline
        view.today = today
        view.everyone = self.everyone
        title = self.query_one("#timeline-title", Static)
        keep: Hashable | None = None
        heights: list[int] | None = None
        reading = False  # the everyone-timeline, being built in the background
        if self.everyone:
            title.update(Content.styled(" Everyone: next steps first, then newest first", "bold"))
            found = app.computed(
                everyone_timeline.NAME, everyone_timeline.build, self._everyone_built
            )
            if found is None:  # built in the background: `_everyone_built` shows it
                self._everyone_keep = self._everyone_keep and keep_cursor
                if view.rows and view.everyone_shown:
                    return  # what it shows stays until then
                entries, reading = [], True
            else:
                entries, heights = found.entries, found.heights
            if not keep_cursor:  # start on the current contact's newest entry
                keep = next(
                    (e.key for e in entries if e.contact and e.contact.id == self.contact_id), None
                )
        elif (contact := self.contact) is not None and not store.loaded:
            entries = []  # shown for real by `data_loaded`, a moment later
            title.update(self._contact_heading(contact))
        elif contact is not None:
            messages = store.messages_of(contact.id)
            entries = timeline.build(
                {contact.id: contact},
                store.meetings_of(contact.id),
                messages,
                store.reminders_of(contact.id, today),
                store.colleague_answers(messages),
            )
            title.update(self._contact_heading(contact))
        else:
            entries = []
            title.update(Content.styled(" No contact selected", "$foreground-muted"))
        if reading:
            view.empty_text = "Reading everyone's meetings and messages…"
        else:
            view.empty_text = self._timeline_empty_text()
        if not keep_cursor and keep is None:
            keep = ("none",)  # the first entry the cursor may rest on
        view.everyone_shown = self.everyone and bool(entries)
        # Kept: on its entry, else (deleted, closed) on the one that took its place.
        view.set_rows(entries, keep=keep, near=keep_cursor, heights=heights)
        self._show_suggestion()
        app.report_damage()  # reading a contact's meetings may have found some

    def _timeline_empty_text(self) -> str:
        """What an empty timeline says: the key that fills it, where there is one."""
        pane = self.contacts_pane
        if not threety(self).store.loaded:
            return "Reading meetings…"
        if pane.total == 0:
            return "No contacts yet: press a to add the first one."
        if self.contact_id is None and not self.everyone:
            if pane.filter_text:
                return "No contact matches the search: escape twice clears it."
            return "Select a contact in the list, or press a to add one."
        return Timeline.empty_text

    def _everyone_built(self, rows: everyone_timeline.Rows) -> None:
        """The everyone-timeline, built in the background (see `ThreetyApp.computed`)."""
        keep_cursor, self._everyone_keep = self._everyone_keep, True
        if self.everyone and self.is_attached:
            self.refresh_timeline(keep_cursor=keep_cursor)

    def _contact_heading(self, contact: Contact) -> Content:
        details = " · ".join(p for p in (contact.role, contact.company, contact.email) if p)
        return Content.assemble(
            Content(" " + visible(contact.name)).stylize("bold"),
            Content.styled(f"  {visible(details)}" if details else "", "$foreground-muted"),
        )

    # -- keys and footer ----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Letters are text while a text field has focus; everything else runs.

        An action that cannot act where the cursor is runs anyway and says why.
        """
        return not (action in TYPED_KEYS and _takes_text(self.focused))

    def footer_wants(self, action: str) -> bool:
        """Whether a key means something where the cursor is (else the footer leaves it out)."""
        name = action.rsplit(".", 1)[-1]
        draft = self.editor.draft
        entry = self.entry if self.active_pane == 1 else None
        if name.startswith("editor_command("):
            # One key per command: the control key while typing (the letter is
            # text then), the letter (c, o, s) when focus is outside a text field.
            if not _takes_text(self.focused):
                return False
            name = name.removeprefix("editor_command(").strip("')")
        if name == "open_entry":
            return entry is not None
        if name in ("copy_draft", "open_mail"):
            return draft is not None
        if name == "mark_sent":
            return draft is not None and not draft.message.is_sent
        if name in CONTACT_KEYS:
            return self.contact_id is not None
        if name in ("show_contacts", "show_timeline", "show_editor"):
            return self.tabbed
        if name == "back":
            return self.active_pane > 0 or self._in_search() or bool(self.contacts_pane.filter_text)
        if name in HOMEWORK_KEYS:
            return entry is not None and entry.kind is EntryKind.INSIGHT
        if name in STEP_KEYS:
            return entry is not None and entry.kind is EntryKind.REMINDER
        if name in LOOP_KEYS:
            return self._loop_key_wanted(name, entry)
        return True

    def update_footer(self) -> None:
        """Refresh the footer when what `footer_wants` looks at has changed.

        Each refresh recomputes every key on show; doing that on each cursor
        move within the same kind of entry would be wasted.
        """
        if not self.is_mounted:
            return
        draft = self.editor.draft
        entry = self.timeline.current
        state = (
            self.contact_id is not None,
            draft is not None,
            bool(draft and draft.message.is_sent),
            self.tabbed,
            self.active_pane,
            entry.kind if entry is not None else None,
            bool(self.contacts_pane.filter_text),
            _takes_text(self.focused),
            self._in_search(),
            self._loop_state(),
        )
        if state != self._footer_state:
            self._footer_state = state
            self.refresh_bindings()

    def palette_commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """The command palette's entries for this screen, from `actions.py`.

        Called directly, not via `run_action`: a palette choice explains why it
        cannot act (e.g. "No draft open") rather than silently doing nothing.
        """
        chosen = {c.action: c for c in (*palette(Target.SCREEN), *palette(Target.TIMELINE))}
        return [(c.title, c.help, getattr(self, f"action_{c.action}")) for c in chosen.values()]

    def action_editor_command(self, action: str) -> None:
        """The editor's control keys: the same actions, usable while typing.

        Called directly: `run_action` would consult `check_action`, which hides
        the single-letter twins of these actions while a text field has focus.
        """
        getattr(self, f"action_{action}")()

    def action_show_contacts(self) -> None:
        self.show_pane(0)

    def action_show_timeline(self) -> None:
        self.show_pane(1)

    def action_show_editor(self) -> None:
        self.show_pane(2)

    def _in_search(self) -> bool:
        focused = self.focused
        return focused is not None and focused.id == "contact-filter"

    def action_back(self) -> None:
        """Escape: on the list, clear the filter (the search box itself leaves on escape:
        `SearchBox`); from the editor back to the timeline, from the timeline to the contacts."""
        pane = self.contacts_pane
        if self.active_pane == 0:
            if pane.filter_text:
                pane.clear_filter()
        else:
            if self.active_pane == 2:
                self.save_draft()
            self.show_pane(self.active_pane - 1)
        self.update_footer()

    def action_search(self) -> None:
        self.show_pane(0, focus=False)
        self.contacts_pane.focus_filter()

    def action_sort_contacts(self) -> None:
        pane = self.contacts_pane
        order = SortOrder.NAME if pane.order is SortOrder.DUE else SortOrder.DUE
        threety(self).store.load_rest()  # what is due needs everything (at once, right after start)
        pane.set_order(order)
        threety(self).say(
            f"Contacts sorted by {'what is due first' if order is SortOrder.DUE else 'name'}."
        )

    def action_toggle_everyone(self) -> None:
        self.everyone = not self.everyone

    def watch_everyone(self) -> None:
        self.refresh_timeline(keep_cursor=False)
        self.show_pane(1)

    def action_help(self) -> None:
        from threety_tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        await threety(self).action_quit()

    # -- contacts and meetings ----------------------------------------------------

    def _need_contact(self) -> Contact | None:
        contact = self.contact
        if contact is None:
            threety(self).say("Select a contact first (or press a to add one).", severity="warning")
        return contact

    @work(group="dialog")
    async def action_add_contact(self) -> None:
        from threety_tui.screens.contact_form import ContactForm

        app = threety(self)
        company = self._new_contact_company
        self._new_contact_company = ""
        form = ContactForm(settings=app.store.settings, company=company)
        contact = await app.push_screen_wait(form)
        if contact is None:
            return
        saved = app.store.add_contact(contact)
        self.reload_contacts(keep=saved.id)
        self.make_current(saved.id)
        self.changed()
        self.show_pane(0)
        app.say(f"Added {saved.name}. Press w to ask them for a meeting, or m to log one you had.")

    @work(group="dialog")
    async def action_edit_contact(self) -> None:
        from threety_tui.screens.contact_form import ContactForm

        app = threety(self)
        contact = self._need_contact()
        if contact is None:
            return
        edited = await app.push_screen_wait(ContactForm(contact, app.store.settings))
        if edited is None:
            return
        app.store.update_contact(edited)
        self.reload_contacts(keep=edited.id)
        self.changed()
        self._reload_draft()

    @work(group="dialog")
    async def action_log_meeting(self) -> None:
        from threety_tui.core import workflows
        from threety_tui.screens.meeting_form import MeetingForm

        app = threety(self)
        contact = self.contact
        if contact is None:
            app.say("Add or select a contact first, then log the meeting.", severity="warning")
            return
        meeting = await app.push_screen_wait(MeetingForm(contact, app.today()))
        if meeting is None:
            return
        saved = app.store.add_meeting(meeting)
        self.changed()
        self.timeline.set_rows(self.timeline.rows, keep=("meeting", saved.id))
        self.show_pane(1)
        app.say(workflows.logged_note(saved, app.today()))

    @work(group="dialog")
    async def edit_meeting(self, meeting: Meeting) -> None:
        """The meeting's form (Enter on a meeting or an insight); its person is current."""
        from threety_tui.screens.meeting_form import MeetingForm

        app = threety(self)
        contact = app.store.contact(meeting.contact_id)
        if contact is None:
            return
        self.make_current(contact.id)
        edited = await app.push_screen_wait(MeetingForm(contact, app.today(), meeting))
        if edited is None:
            return
        app.store.update_meeting(edited)
        self.changed()
        self._reload_draft()

    @work(group="dialog")
    async def action_delete_selected(self) -> None:
        """Delete the meeting under the timeline's cursor, or the contact in the list."""
        from threety_tui.core import workflows
        from threety_tui.screens.confirm import Confirm

        app = threety(self)
        if self.active_pane == 0:
            contact = self._need_contact()
            question = f"Move {contact.name} and their meetings to the trash?" if contact else ""
            if contact is None or not await app.push_screen_wait(Confirm(question, yes="Delete")):
                return
            app.store.delete_contact(contact.id)
            self.reload_contacts()
            self.changed()
            app.say(f"{contact.name} moved to the trash (palette: Trash to restore).")
            return
        entry = self.entry if self.active_pane == 1 else None
        message = entry.message if entry and entry.kind is EntryKind.MESSAGE else None
        if message is not None and not message.is_sent:  # a draft: discard it
            await self._discard_draft(message)
            return
        meeting = entry.meeting if entry is not None else None
        if entry is None or meeting is None or entry.kind not in MEETING_ROWS:
            app.say(
                "Put the timeline's cursor on a meeting to delete it, or on a draft to discard "
                "it; to delete the contact, go to the contacts list (F2).",
                severity="warning",
            )
            return
        question = workflows.delete_meeting_question(meeting, app.today())
        if await app.push_screen_wait(Confirm(question, yes="Delete")):
            app.store.delete_meeting(meeting.id)
            self.changed()
            self._reload_draft()
            app.say("Meeting moved to the trash (palette: Trash to restore it).")

    @work(group="dialog")
    async def action_discard_draft(self) -> None:
        entry = self.entry
        selected = entry.message if entry and entry.kind is EntryKind.MESSAGE else None
        await self._discard_draft(selected)

    async def _discard_draft(self, selected: Message | None) -> None:
        """The draft selected in the timeline, else the editor's: asked, then deleted."""
        from threety_tui.core import workflows
        from threety_tui.screens.confirm import Confirm

        app = threety(self)
        draft = self.editor.draft
        target, problem = workflows.discard_target(
            app.store, selected, draft.message if draft else None
        )
        if target is None:
            app.say(problem, severity="warning")
            return
        question = workflows.discard_question(app.store, target, app.today())
        if await app.push_screen_wait(Confirm(question, yes="Discard")):
            app.say(workflows.discard_draft(app.store, target.id))
            self.changed()
            self._reload_draft()  # the editor lets go of it if it was open there

    # -- drafts -----------------------------------------------------------------

    def action_draft_thank_you(self) -> None:
        self._start_draft(MessageKind.THANK_YOU)

    def action_draft_follow_up(self) -> None:
        self._start_draft(MessageKind.FOLLOW_UP)

    def action_draft_update(self) -> None:
        self._start_draft(MessageKind.UPDATE)

    def _start_draft(self, kind: MessageKind) -> None:
        from threety_tui.core import workflows

        app = threety(self)
        contact = self._need_contact()
        if contact is None:
            return
        entry = self.entry
        meeting = workflows.meeting_for(app.store, contact, entry.meeting if entry else None)
        self.save_draft()  # typed words first: an open update may be brought up to date
        self._show_draft(workflows.start_draft(app.store, kind, contact, meeting, app.today()))

    def _show_draft(self, start: workflows.DraftStart) -> None:

        app = threety(self)
        if start.saved:  # a new draft, or an open update brought up to date
            self.changed()
        who = ""
        if start.message is not None:
            self.open_message(start.message, part=start.part)
            contact = app.store.contact(start.message.contact_id)
            who = contact.name if contact else ""
        for note in start.notes:  # titled with whose draft: it may outlast the draft on screen
            app.say(note.text, title=who, severity=note.severity)

    def open_message(
        self, message: Message, *, focus: bool = True, part: str = "highlight"
    ) -> None:
        """Show a message in the editor; its contact becomes current."""
        from threety_tui.core import sender

        app = threety(self)
        contact = app.store.contact(message.contact_id)
        if contact is None:
            return
        self.save_draft()
        if message.id:  # as stored now (a list built earlier may hold an older one)
            message = app.store.message(message.id) or message
        self.make_current(contact.id)
        self._load_editor(self._draft_of(message, contact))
        self.update_footer()
        if focus:
            self.show_pane(2, part=part)
            if not message.is_sent and sender.needs_sender_name(app.store.settings):
                self.ask_sender_name()

    def _draft_of(self, message: Message, contact: Contact) -> Draft:
        """What the editor needs to show a message: its meeting, news and who signs."""
        from threety_tui.core import workflows

        app = threety(self)
        store = app.store
        meeting = store.meeting(message.meeting_id) if message.meeting_id else None
        news = workflows.draft_news(store, message, app.today())
        return Draft(message, contact, meeting, news=news, settings=store.settings)

    def _reload_draft(self) -> None:
        """The draft's contact, meeting or signature changed (or went away): show it as it is now.

        Typed text is saved first, so the stored draft is the one to show.
        """
        draft = self.editor.draft
        if draft is None:
            return
        self.save_draft()
        app = threety(self)
        stored = app.store.message(draft.message.id)
        contact = app.store.contact(draft.contact.id)
        if stored is None or contact is None or contact.deleted:
            self._load_editor(None)
            return
        self._load_editor(self._draft_of(stored, contact))

    @work(group="dialog")
    async def ask_sender_name(self) -> None:
        """First run: who signs the drafts, asked once (saved, applied to the open drafts)."""
        from threety_tui.core import sender, workflows
        from threety_tui.screens.sender_form import SenderForm

        app = threety(self)
        if not sender.needs_sender_name(app.store.settings):
            return  # answered meanwhile
        self.save_draft()  # what was typed is signed too
        answer = await app.push_screen_wait(SenderForm(app.store.settings))
        if answer is None:
            workflows.decline_name(app.store)
            app.save_soon()
            app.say(
                "Drafts stay unsigned (the checklist says so). Settings, in the palette "
                "(ctrl+p), has your name whenever you want to add it.",
                severity="warning",
                timeout=10,
            )
            return
        name, sign_off = answer
        resigned = workflows.sign_as(app.store, name, sign_off)
        app.save_soon()
        self._show_resigned()
        count = len(resigned)
        drafts = f" ({count} open draft{'s' if count > 1 else ''} signed)" if count else ""
        app.say(f"Drafts are signed: {sign_off} {name}{drafts}.", title="Signed")

    def _show_resigned(self) -> None:
        """Who signs changed: the draft shows as stored now, the cursor where it was."""
        part = self.editor.part_in_focus()
        self._reload_draft()
        if part is not None:
            self.editor.focus_part(part)

    def _draft_edited(self, message: Message) -> None:
        """Each edit in the editor: remember it, save once typing pauses."""
        self._unsaved = message
        if self._save_timer is not None:
            self._save_timer.reset()

    def _typing_paused(self) -> None:
        self.save_draft()

    def save_draft(self) -> Message | None:
        """Store the editor's unsaved edits now; returns the draft in the editor."""
        message, self._unsaved = self._unsaved, None
        if self._save_timer is not None:
            self._save_timer.pause()
        if message is not None:
            from threety_tui.core import workflows

            if workflows.save_draft(threety(self).store, message):
                threety(self).save_soon()
                if not self.everyone:
                    self.refresh_timeline()
        draft = self.editor.draft
        return draft.message if draft is not None else None

    def _draft_or_say(self) -> Message | None:
        from threety_tui.core import workflows

        message = self.save_draft()
        if message is None:
            app = threety(self)
            note = workflows.no_draft_note(app.store, self.contact, app.today())
            app.say(note.text, severity=note.severity)
        return message

    def action_copy_draft(self) -> None:
        from threety_tui.screens import sending

        message = self._draft_or_say()
        if message is not None:
            sending.copy(self, message)

    def action_copy_subject(self) -> None:
        from threety_tui.screens import sending

        message = self._draft_or_say()
        if message is not None:
            sending.copy_subject(self, message)

    def _draft_contact(self) -> tuple[Message, Contact] | None:
        """The draft in the editor and the person it is to (stored now), else say why not."""
        message = self._draft_or_say()
        draft = self.editor.draft
        if message is None or draft is None:
            return None
        return message, threety(self).store.contact(message.contact_id) or draft.contact

    def action_copy_address(self) -> None:
        from threety_tui.screens import sending

        found = self._draft_contact()
        if found is not None:
            sending.copy_address(self, found[1])

    def action_copy_as_email(self) -> None:
        from threety_tui.screens import sending

        found = self._draft_contact()
        if found is not None:
            message, contact = found
            sending.copy_as_email(self, contact, message)

    def action_cycle_wording(self) -> None:
        if self.editor.draft is None:
            self._draft_or_say()
        elif said := self.editor.next_wording():
            threety(self).say(said)

    def action_select_part(self) -> None:
        if self.editor.draft is None:
            self._draft_or_say()
        elif said := self.editor.select_part():
            threety(self).say(said)

    @work(group="dialog")
    async def action_open_mail(self) -> None:
        from threety_tui.screens import sending

        message = self._draft_or_say()
        if message is not None:
            await sending.open_in_mail(self, message)

    @work(group="dialog")
    async def action_mark_sent(self) -> None:
        from threety_tui.screens import sending

        message = self._draft_or_say()
        if message is None:
            return
        sent = await sending.mark_sent(self, message)
        if sent is not None:
            self.refresh_data()
            self.open_message(sent.message, focus=False)
            self.show_pane(1)

    # -- the timeline's entry: open, homework, benefit, snooze, close -------------

    def action_open_entry(self) -> None:
        """Enter on the timeline: a message in the editor, a meeting's form, a step's draft."""
        entry = self.entry
        if entry is None:
            threety(self).say("Nothing selected in the timeline.", severity="warning")
        elif entry.kind is EntryKind.MESSAGE and entry.message is not None:
            self.open_message(entry.message)
        elif entry.kind is EntryKind.REMINDER and entry.reminder is not None:
            self.open_step(entry.reminder)
        elif entry.meeting is not None:
            self.edit_meeting(entry.meeting)
        elif entry.message is not None:
            self.open_message(entry.message)

    @on(RowList.Selected, "#timeline")
    def _entry_clicked(self, event: RowList.Selected) -> None:
        self.action_open_entry()

    def open_step(self, reminder: Reminder) -> None:
        from threety_tui.core import workflows

        app = threety(self)
        if reminder.nudge is not None:  # a meeting request awaiting a reply: no meeting yet
            self.open_nudge(reminder)
            return
        self._show_draft(workflows.draft_for_step(app.store, reminder, app.today()))

    def _selected_step(self) -> Reminder | None:
        """The step under the timeline's cursor, else the current contact's soonest one."""
        from threety_tui.core import workflows

        entry = self.entry if self.active_pane == 1 else None
        if entry is not None and entry.kind is EntryKind.REMINDER and entry.reminder is not None:
            return entry.reminder
        if self.contact_id is None:
            return None
        app = threety(self)
        return workflows.step_for(app.store, self.contact_id, app.today())

    def _no_step(self, what: str) -> None:
        contact = self._need_contact()
        if contact is not None:
            threety(self).say(f"Nothing to {what}: {contact.name} has no open next step.")

    @work(group="dialog")
    async def action_snooze(self) -> None:
        from threety_tui.screens import steps

        reminder = self._selected_step()
        if reminder is None:
            self._no_step("snooze")
        elif await steps.snooze(self, reminder):
            self.refresh_data()

    @work(group="dialog")
    async def action_close_step(self) -> None:
        from threety_tui.screens import steps

        reminder = self._selected_step()
        if reminder is None:
            self._no_step("close")
        elif await steps.close(self, reminder):
            self.refresh_data()

    def _selected_insight(self, what: str) -> tuple[Meeting, Insight] | None:
        """The insight under the timeline's cursor; else say why not (`what` the key does)."""
        app = threety(self)
        entry = self.entry if self.active_pane == 1 else None
        meeting = app.store.meeting(entry.meeting.id) if entry and entry.meeting else None
        insight = meeting.insight(entry.insight.id) if meeting and entry and entry.insight else None
        if meeting is not None and insight is not None:
            return meeting, insight
        if entry is None or entry.kind not in MEETING_ROWS:
            where = "press F3 and put" if self.active_pane != 1 else "put"
            app.say(
                f"{what}: {where} the timeline's cursor on an insight (the lines under a meeting).",
                severity="warning",
            )
        elif meeting is not None and not meeting.insights:
            app.say("This meeting has no insights: press enter to add one.", severity="warning")
        else:
            app.say(
                f"{what}: put the cursor on one of this meeting's insights (the lines under it).",
                severity="warning",
            )
        return None

    def action_cycle_homework(self) -> None:
        from threety_tui.screens import steps

        found = self._selected_insight("h moves an insight's homework on")
        if found is not None:
            steps.cycle_homework(self, *found)
            self.refresh_data()

    @work(group="dialog")
    async def action_edit_benefit(self) -> None:
        from threety_tui.screens import steps

        found = self._selected_insight("b records what came of an insight")
        if found is not None and await steps.benefit(self, *found):
            self.refresh_data()

    # -- the agenda and the tools -------------------------------------------------

    def action_agenda(self) -> None:
        from threety_tui.screens.agenda import AgendaScreen

        self.save_draft()
        self.app.push_screen(AgendaScreen(), self._back_from_agenda)

    def _back_from_agenda(self, choice: AgendaChoice | None) -> None:
        """The agenda's person becomes current; Enter there opens their step or meeting."""
        if choice is None:
            return
        self.make_current(choice.contact_id)
        if choice.step is not None:
            self.open_step(choice.step)
        elif choice.meeting is not None:
            self.edit_meeting(choice.meeting)
        else:
            self.show_pane(1, focus=self.narrow)

    @work(group="dialog")
    async def action_stats(self) -> None:
        from threety_tui.screens import tools

        await tools.stats(self)

    @work(group="dialog")
    async def action_settings(self) -> None:
        from threety_tui.screens import tools

        self.save_draft()  # a new name signs the open drafts: typed text first
        if await tools.settings(self):
            self.reload_contacts(keep=self.contact_id)
            self.refresh_data()
            self._show_resigned()

    @work(group="dialog")
    async def action_export_reminders(self) -> None:
        from threety_tui.screens import tools

        await tools.export_reminders(self)

    @work(group="dialog")
    async def action_import_contacts(self) -> None:
        from threety_tui.screens import tools

        first = await tools.import_contacts(self)
        self.reload_contacts(keep=first if first is not None else self.contact_id)
        if first is not None:
            self.make_current(first)
        self.refresh_data()

    @work(group="dialog")
    async def action_trash(self) -> None:
        from threety_tui.screens import tools

        restored = await tools.trash(self)
        self.reload_contacts(keep=restored)
        if restored is not None:
            self.make_current(restored)
            self.refresh_data()

    # -- the whole loop: meeting requests, replies, nudges, kinds from evidence ----

    def _loop_state(self) -> tuple[bool, bool, bool, bool]:
        """What the loop's keys can do here: (no meeting yet, a nudge open, a kind
        suggested, a sent message or a nudge under the timeline's cursor).

        Cached per contact and data generation: the footer asks on every cursor move.
        """
        app = threety(self)
        entry = self.entry if self.active_pane == 1 else None
        on_reply = entry is not None and (
            (
                entry.kind is EntryKind.MESSAGE
                and entry.message is not None
                and entry.message.is_sent
            )
            or (entry.reminder is not None and entry.reminder.nudge is not None)
        )
        if self.contact_id is None or not app.store.loaded:
            return (False, False, False, on_reply)
        today = app.today()
        key = (self.contact_id, app.generation, today)
        if self._loop_cache is None or self._loop_cache[0] != key:
            from threety_tui.core import evidence

            store, contact_id = app.store, self.contact_id
            facts = (
                not store.meetings_of(contact_id),
                any(r.nudge is not None for r in store.reminders_of(contact_id, today)),
                evidence.suggestion_of(store, contact_id, today) is not None,
            )
            self._loop_cache = (key, facts)
        return (*self._loop_cache[1], on_reply)

    def _loop_key_wanted(self, name: str, entry: Entry | None) -> bool:
        no_meeting, nudged, suggested, on_reply = self._loop_state()
        if name == "draft_request":
            return no_meeting
        if name == "record_reply":
            return on_reply or nudged
        return suggested  # accept_kind, dismiss_kind

    def kind_hint(self, contact_id: int) -> str:
        """ "B?" or "O?" beside a contact the evidence suggests a kind for (the list's badge)."""
        app = threety(self)
        if not app.store.loaded:
            return ""
        from threety_tui.core import evidence

        found = evidence.suggestion_of(app.store, contact_id, app.today())
        return f"{found.kind.label[0]}?" if found is not None else ""

    def _show_suggestion(self) -> None:
        """Under the timeline's heading: the kind the current contact's answers suggest."""
        box = self.query_one("#kind-suggestion", Static)
        app = threety(self)
        found = None
        if not self.everyone and self.contact_id is not None and app.store.loaded:
            from threety_tui.core import evidence

            found = evidence.suggestion_of(app.store, self.contact_id, app.today())
        box.display = found is not None
        self.query_one("#timeline-pane").set_class(found is not None, "-suggested")
        if found is None:
            return
        chose = f" (you chose {found.chosen.label})" if found.chosen_by_user else ""
        box.update(
            Content.assemble(
                Content.styled(f"Suggested: {found.kind.label}", "$warning bold"),
                f" — {found.reason}{chose}. ",
                Content.styled("K", "bold"),
                " accept · ",
                Content.styled("D", "bold"),
                " dismiss",
            )
        )

    def action_draft_request(self) -> None:
        from threety_tui.core import loop_workflows

        app = threety(self)
        contact = self._need_contact()
        if contact is not None:
            self._show_draft(loop_workflows.start_request(app.store, contact, app.today()))

    @work(group="dialog")
    async def action_record_reply(self) -> None:
        """On the sent message under the timeline's cursor, else the contact's latest."""
        from threety_tui.core import loop_workflows
        from threety_tui.screens import loop

        app = threety(self)
        contact = self._need_contact()
        if contact is None:
            return
        entry = self.entry
        selected = entry.message if entry and entry.kind is EntryKind.MESSAGE else None
        step = entry.reminder if entry and entry.kind is EntryKind.REMINDER else None
        target = loop_workflows.reply_target(app.store, contact, selected, step)
        if target.message is None:
            app.say(target.problem, severity="warning")
        elif await loop.record_reply(self, target.message):
            self.refresh_data()
            self._reload_draft()

    def action_accept_kind(self) -> None:
        from threety_tui.core import loop_workflows

        self._decide_kind(loop_workflows.accept_suggestion)

    def action_dismiss_kind(self) -> None:
        from threety_tui.core import loop_workflows

        self._decide_kind(loop_workflows.dismiss_suggestion)

    def _decide_kind(self, decide: Callable[[Store, int, date], workflows.Note]) -> None:
        app = threety(self)
        contact = self._need_contact()
        if contact is None:
            return
        note = decide(app.store, contact.id, app.today())
        app.say(note.text, severity=note.severity)
        if app.store.contact(contact.id) != contact:
            self.reload_contacts(keep=contact.id)
            self.changed()
            self._reload_draft()

    @work(group="dialog")
    async def open_nudge(self, reminder: Reminder) -> None:
        """Enter on a nudge: the follow-up-once note (7 days), or who else works there (3)."""
        from threety_tui.core import loop_workflows
        from threety_tui.screens import loop

        app = threety(self)
        self.make_current(reminder.contact_id)
        if reminder.nudge is Nudge.FOLLOW_UP_ONCE:
            self._show_draft(loop_workflows.follow_up_once(app.store, reminder, app.today()))
            return
        choice = await loop.second_contact(self, reminder)
        if choice is None:
            return
        if choice.add:
            contact = app.store.contact(reminder.contact_id)
            self._new_contact_company = contact.company if contact else ""
            self.action_add_contact()
        elif choice.contact_id is not None and (mate := app.store.contact(choice.contact_id)):
            self.make_current(mate.id)
            self.show_pane(1)
            app.say(
                f"{mate.name} is the current contact: press w to draft a meeting request to them."
            )

    @work(group="dialog")
    async def action_import_replies(self) -> None:
        from threety_tui.screens import loop

        await loop.import_replies(self)
        self.refresh_data()

    @work(group="dialog")
    async def action_export_journey(self) -> None:
        from threety_tui.screens import loop

        await loop.export_journey(self, self.contact)
