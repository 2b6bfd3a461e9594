"""The agenda: everything overdue, due and due this week, oldest first; then homework."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from threety_tui.core import rules
from threety_tui.core.dates import due_words, short
from threety_tui.core.models import Contact, Insight, Meeting
from threety_tui.core.rules import Reminder, State
from threety_tui.core.text import one_line, visible
from threety_tui.widgets.footer import QuietFooter
from threety_tui.widgets.row_list import RowList
from threety_tui.widgets.timeline import HOMEWORK_STYLE, STATE_STYLE

if TYPE_CHECKING:
    from threety_tui.screens.main import MainScreen

SECTIONS = (
    (State.OVERDUE, "Overdue"),
    (State.DUE, "Due today"),
    (State.SOON, "This week"),
)


@dataclass(frozen=True, slots=True)
class AgendaRow:
    title: str = ""
    reminder: Reminder | None = None
    contact: Contact | None = None
    meeting: Meeting | None = None
    insight: Insight | None = None

    @property
    def key(self) -> Hashable:
        if self.reminder:
            return ("reminder", self.reminder.key)
        if self.insight:
            return ("insight", self.insight.id)
        return ("section", self.title)


class AgendaList(RowList[AgendaRow]):
    empty_text = "Nothing due this week and no open homework. Well done."

    def __init__(self, main: MainScreen) -> None:
        super().__init__(id="agenda-list")
        self.main = main

    def row_key(self, row: AgendaRow) -> Hashable:
        return row.key

    def row_height(self, row: AgendaRow) -> int:
        return 2 if row.reminder is not None else 1

    def render_row_line(self, row: AgendaRow, line: int, width: int) -> Content:
        name = visible(row.contact.name) if row.contact else "?"
        if row.reminder is not None:
            reminder = row.reminder
            today = self.main.threety.today()
            if line == 1:
                favourite = row.meeting.favourite if row.meeting else None
                bits = [f"met {short(row.meeting.when)}"] if row.meeting else []
                if favourite:
                    bits.append(f"“{one_line(visible(favourite.text))}”")
                if reminder.snoozed:
                    reason = (
                        f": {one_line(reminder.snooze_reason)}" if reminder.snooze_reason else ""
                    )
                    bits.append(f"snoozed{reason}")
                return Content.styled("      " + " · ".join(bits), "$foreground-muted")
            style = STATE_STYLE[reminder.state]
            return Content.assemble(
                Content.styled(" ▲ " if reminder.state is State.OVERDUE else " ● ", style),
                Content.styled(f"{reminder.label:<10} ", "bold"),
                Content(name).stylize("bold"),
                "  ",
                Content.styled(due_words(reminder.due, today), style),
                Content.styled("  URGENT", "$error bold") if reminder.urgent else "",
            )
        if row.insight is not None:
            label, style = HOMEWORK_STYLE[row.insight.status]
            return Content.assemble(
                "   ",
                Content.styled(f"[{label}] ", style),
                Content(name).stylize("bold"),
                ": ",
                one_line(visible(row.insight.text)),
            )
        return Content.styled(f"── {row.title} ", "$foreground-muted bold")


class AgendaScreen(Screen[None]):
    """Opened with g; Enter drafts the step, z snoozes, x closes, h moves homework on."""

    CSS_PATH = "agenda.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,g", "app.pop_screen", "Back"),
        Binding("enter", "open", "Open draft"),
        Binding("z", "snooze", "Snooze"),
        Binding("x", "close_step", "Close"),
        Binding("h", "homework", "Homework"),
        Binding("b", "benefit", "Benefit"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(self, main: MainScreen) -> None:
        super().__init__()
        self.main = main

    def compose(self) -> ComposeResult:
        yield Header(icon="3TY")
        yield Static(id="agenda-summary")
        yield AgendaList(self.main)
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = "Agenda"
        self.refresh_rows()
        self.query_one(AgendaList).focus()

    def refresh_rows(self) -> None:
        store = self.main.threety.store
        today = self.main.threety.today()
        items = rules.agenda(store.reminders(today), today)
        contacts = {c.id: c for c in store.contacts()}
        rows: list[AgendaRow] = []
        for state, title in SECTIONS:
            chosen = [r for r in items if r.state is state]
            if chosen:
                rows.append(AgendaRow(title=f"{title} ({len(chosen)})"))
                rows += [
                    AgendaRow(
                        reminder=r,
                        contact=contacts.get(r.contact_id),
                        meeting=store.meeting(r.meeting_id) if r.meeting_id else None,
                    )
                    for r in chosen
                ]
        homework = rules.open_homework(
            m for c in contacts.values() for m in store.meetings_of(c.id)
        )
        if homework:
            rows.append(AgendaRow(title=f"Open homework ({len(homework)})"))
            rows += [
                AgendaRow(contact=contacts.get(m.contact_id), meeting=m, insight=i)
                for m, i in homework
            ]
        self.query_one(AgendaList).set_rows(rows)
        urgent = sum(1 for r in items if r.urgent)
        overdue = sum(1 for r in items if r.state is State.OVERDUE)
        summary = (
            f" {len(items)} next steps this week · {overdue} overdue · {urgent} urgent thank-yous"
        )
        self.query_one("#agenda-summary", Static).update(
            Content.styled(summary, "$foreground-muted")
        )

    @property
    def current(self) -> AgendaRow | None:
        """The row under the cursor (None once the screen is being torn down)."""
        lists = self.query(AgendaList)
        return lists.first().current if lists else None

    @on(RowList.Selected)
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        if self.app.screen is not self:
            return  # already left (a second Enter queued behind the first)
        row = self.current
        if row is None:
            return
        if row.reminder is not None:
            self.app.pop_screen()
            self.main.draft_for_reminder(row.reminder)
        elif row.meeting is not None:
            self.app.pop_screen()
            self.main.edit_meeting(row.meeting)

    def action_snooze(self) -> None:
        row = self.current
        if row is not None and row.reminder is not None:
            self.main.snooze_reminder(row.reminder, done=self.refresh_rows)

    def action_close_step(self) -> None:
        row = self.current
        if row is not None and row.reminder is not None:
            self.main.close_reminder(row.reminder, done=self.refresh_rows)

    def _insight(self) -> tuple[Meeting, Insight] | None:
        row = self.current
        if row is None or row.meeting is None or row.insight is None:
            return None
        meeting = self.main.threety.store.meeting(row.meeting.id)
        insight = meeting.insight(row.insight.id) if meeting else None
        return (meeting, insight) if meeting and insight else None

    def action_homework(self) -> None:
        from threety_tui.screens.actions_steps import NEXT_STATUS

        found = self._insight()
        if found:
            meeting, insight = found
            self.main.set_homework(meeting, insight, NEXT_STATUS[insight.status])
            self.refresh_rows()

    def action_benefit(self) -> None:
        found = self._insight()
        if found:
            self.main.edit_benefit(*found, done=self.refresh_rows)

    def palette_commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        return [
            ("Open draft", "Draft the selected next step.", self.action_open),
            ("Snooze", "Move the selected next step to later, with a reason.", self.action_snooze),
            ("Close without message", "Close the selected next step.", self.action_close_step),
            ("Back to contacts", "Leave the agenda.", self.app.pop_screen),
        ]

    def action_help(self) -> None:
        self.main.action_help()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        row = self.current
        if action in ("snooze", "close_step"):
            return True if row is not None and row.reminder is not None else None
        if action in ("homework", "benefit"):
            return True if row is not None and row.insight is not None else None
        return True

    @on(RowList.Highlighted)
    def _moved(self) -> None:
        self.refresh_bindings()
