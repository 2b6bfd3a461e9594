"""The agenda: everything overdue, due and due this week, oldest first; then homework.

It acts on its rows itself (snooze, close, homework, benefit: `steps` asks,
the core changes the data) and, when it closes, hands the main screen an
`AgendaChoice`: whose row the cursor was on (that person becomes current),
and what Enter asked to open.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from threety_tui.actions import BY_ACTION, Target, bindings, elsewhere_bindings, palette
from threety_tui.core import rules
from threety_tui.core.dates import short
from threety_tui.core.loop_workflows import reply_target
from threety_tui.core.models import Contact, Insight, Meeting, Message, MessageKind
from threety_tui.core.rules import Reminder, State
from threety_tui.core.text import one_line, visible
from threety_tui.screens import loop, steps, threety
from threety_tui.widgets import wrapping
from threety_tui.widgets.key_bar import KeyBar
from threety_tui.widgets.row_list import RowList
from threety_tui.widgets.timeline import HOMEWORK_STYLE, STATE_STYLE, WRAP_LIMIT
from threety_tui.widgets.title_bar import TitleBar
from threety_tui.widgets.wrapping import Line

if TYPE_CHECKING:
    from threety_tui.core.store import Store

SECTIONS = (
    (State.OVERDUE, "Overdue"),
    (State.DUE, "Due today"),
    (State.SOON, "This week"),
)


@dataclass(frozen=True)
class AgendaChoice:
    """What the agenda hands back: the person to make current, and what to open."""

    contact_id: int
    step: Reminder | None = None
    """Enter on a next step: draft it."""
    meeting: Meeting | None = None
    """Enter on a piece of homework: open its meeting."""


@dataclass(frozen=True, slots=True)
class AgendaRow:
    title: str = ""
    reminder: Reminder | None = None
    contact: Contact | None = None
    meeting: Meeting | None = None
    insight: Insight | None = None
    request: Message | None = None
    """For a nudge: the meeting request awaiting a reply."""

    @property
    def key(self) -> Hashable:
        if self.reminder:
            return ("reminder", self.reminder.key)
        if self.insight:
            return ("insight", self.insight.id)
        return ("section", self.title)


def line_count(row: AgendaRow) -> int:
    """`len(AgendaList._lines(row))`, without building them: a next step takes two."""
    return 2 if row.reminder is not None else 1


@dataclass(frozen=True)
class Agenda:
    """What the agenda shows (see `agenda_rows`)."""

    rows: list[AgendaRow]
    heights: list[int] | None
    """The rows' heights, for more rows than wrap (`WRAP_LIMIT`)."""
    steps: int
    overdue: int
    urgent: int

    @property
    def summary(self) -> str:
        """The counts line over the agenda, singular for one."""
        steps = "next step" if self.steps == 1 else "next steps"
        thanks = "urgent thank-you" if self.urgent == 1 else "urgent thank-yous"
        return f" {self.steps} {steps} this week · {self.overdue} overdue · {self.urgent} {thanks}"


NAME = "agenda"
"""Its name for `ThreetyApp.computed`."""
READING = "Reading every next step and piece of homework…"


def agenda_rows(store: Store, today: date) -> Agenda:
    """The agenda from the store alone (off the UI thread for a large database)."""
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
                    request=store.message(r.message_id) if r.nudge and r.message_id else None,
                )
                for r in chosen
            ]
    homework = rules.open_homework(m for c in contacts.values() for m in store.meetings_of(c.id))
    if homework:
        rows.append(AgendaRow(title=f"Open homework ({len(homework)})"))
        rows += [
            AgendaRow(contact=contacts.get(m.contact_id), meeting=m, insight=i) for m, i in homework
        ]
    heights = [line_count(row) for row in rows] if len(rows) > WRAP_LIMIT else None
    return Agenda(
        rows,
        heights,
        len(items),
        sum(1 for r in items if r.state is State.OVERDUE),
        sum(1 for r in items if r.urgent),
    )


class AgendaList(RowList[AgendaRow]):
    """Rows wrap to the width, up to `WRAP_LIMIT` rows (as in the timeline): beyond,
    each line of a row is one screen line, shortened with an ellipsis."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Target.AGENDA)

    empty_text = "Nothing due this week and no open homework. Well done."
    wraps = True

    def set_rows(
        self,
        rows: Sequence[AgendaRow],
        *,
        keep: Hashable | None = None,
        near: bool = False,
        heights: Sequence[int] | None = None,
    ) -> None:
        self.wraps = len(rows) <= WRAP_LIMIT
        super().set_rows(rows, keep=keep, near=near, heights=heights)

    def __init__(self) -> None:
        super().__init__(id="agenda-list")
        self.today: date | None = None
        """Set by the screen before the rows."""

    def row_key(self, row: AgendaRow) -> Hashable:
        return row.key

    def selectable(self, row: AgendaRow) -> bool:
        return row.reminder is not None or row.insight is not None

    def row_height(self, row: AgendaRow, width: int) -> int:
        if not self.wraps:
            return line_count(row)
        return wrapping.height(self._lines(row), width)

    def render_row_line(self, row: AgendaRow, line: int, width: int) -> Content:
        lines = wrapping.render(self._lines(row), width, wrap=self.wraps)
        return lines[line] if line < len(lines) else Content("")

    def _lines(self, row: AgendaRow) -> list[Line]:
        name = visible(row.contact.name) if row.contact else "?"
        if row.reminder is not None:
            reminder = row.reminder
            today = self.today
            assert today is not None
            style = STATE_STYLE[reminder.state]
            mark = " ▲ " if reminder.state is State.OVERDUE else " ● "
            due = rules.step_due_words(reminder, today)
            if reminder.nudge is not None and reminder.state is State.SOON:
                due = f"nudge {due}"  # "Awaiting reply Joan Clarke  nudge due in 3 days"
            body = [
                (f"{reminder.label} ", "bold"),
                (name, "bold"),
                ("  ", ""),
                (due, style),
            ]
            if reminder.urgent:
                body.append(("  URGENT", "$error bold"))
            bits = [f"met {short(row.meeting.when, today)}"] if row.meeting else []
            if reminder.nudge is not None:  # a meeting request awaiting a reply: what to do
                bits.append(visible(rules.nudge_text(reminder, row.contact)))
                if row.request is not None and row.request.sent is not None:
                    bits.append(f"asked {short(row.request.sent, today)}")
            favourite = row.meeting.favourite if row.meeting else None
            if favourite:
                bits.append(f"“{one_line(visible(favourite.text))}”")
            if reminder.snoozed:
                reason = reminder.snooze_reason
                bits.append(f"snoozed: {one_line(visible(reason))}" if reason else "snoozed")
            return [
                Line(((mark, style),), body),
                Line((("   ", ""),), ((" · ".join(bits), "$foreground-muted"),), 2),
            ]
        if row.insight is not None:
            label, style = HOMEWORK_STYLE[row.insight.status]
            homework = (
                (f"[{label}] ", style),
                (name, "bold"),
                (": ", ""),
                (one_line(visible(row.insight.text)), ""),
            )
            return [Line((("   ", ""),), homework)]
        return [Line((), ((f"── {row.title} ", "$foreground-muted bold"),), 1)]


DRAFTS = {
    "draft_thank_you": MessageKind.THANK_YOU,
    "draft_follow_up": MessageKind.FOLLOW_UP,
    "draft_update": MessageKind.UPDATE,
}
"""Main-screen keys that, on a next step of their kind, do what Enter does (draft it)."""
HERE = (
    "In the agenda: enter opens the entry, z snoozes, x closes, r records a reply, "
    "h and b for homework; escape goes back to the main screen"
)


class AgendaScreen(Screen[AgendaChoice | None]):
    """Opened with g; Enter drafts the step, z snoozes, x closes, h and b for homework."""

    CSS_PATH = "agenda.tcss"
    BINDINGS: ClassVar[list[BindingType]] = elsewhere_bindings(Target.AGENDA)
    """The main screen's keys: each does the nearest thing here or says why not."""

    def __init__(self) -> None:
        super().__init__()
        self._acted = False
        """Something was done here: the person under the cursor becomes current on leaving."""
        self._opened_on: Hashable | None = None
        """The row the cursor started on (moving it also picks its person)."""
        self._row_kind: str | None = None
        self._shown = False
        self._near = False
        """The rows are rebuilt after an action here: the cursor keeps its place."""

    def compose(self) -> ComposeResult:
        yield TitleBar(follow_app=False)
        yield Static(id="agenda-summary")
        yield AgendaList()
        yield KeyBar(self._footer_wants)

    def on_mount(self) -> None:
        self.title = "Agenda"
        self.refresh_rows()
        self.query_one(AgendaList).focus()

    def refresh_rows(self, *, acted: bool = False) -> None:
        """Show the agenda as the data is now (built in the background from 2,000
        contacts: what it showed, or "Reading…", stays until then).

        `acted` (after an action on the row under the cursor): the cursor stays at
        its place, on the row that took it if the action moved or removed its own
        (homework done, a step snoozed or closed), and the view stays.
        """
        self._near = acted
        app = threety(self)
        found = app.computed(NAME, agenda_rows, self._show)
        view = self.query_one(AgendaList)
        if found is not None:
            self._show(found)
        elif not view.rows:
            view.empty_text = READING
            view.refresh()
            self.query_one("#agenda-summary", Static).update(
                Content.styled(f" {READING}", "$foreground-muted")
            )

    def _show(self, agenda: Agenda) -> None:
        if not self.is_attached:
            return  # left before it was built
        view = self.query_one(AgendaList)
        view.today = threety(self).today()
        view.empty_text = AgendaList.empty_text
        rows, near, self._near = agenda.rows, self._near, False
        place = view.cursor if near else None
        keep = rows[min(place, len(rows) - 1)].key if place is not None and rows else None
        view.set_rows(rows, keep=keep, near=near, heights=agenda.heights)
        self.query_one("#agenda-summary", Static).update(
            Content.styled(agenda.summary, "$foreground-muted")
        )
        if not self._shown:  # the agenda as it opened
            self._shown = True
            self._opened_on = view.current.key if view.current is not None else None

    @property
    def current(self) -> AgendaRow | None:
        """The row under the cursor (None once the screen is being torn down)."""
        lists = self.query(AgendaList)
        return lists.first().current if lists else None

    def _leave(self, step: Reminder | None = None, meeting: Meeting | None = None) -> None:
        if self.app.screen is not self:
            return  # already left (a second key queued behind the first)
        row = self.current
        contact = row.contact if row is not None else None
        moved = row is not None and row.key != self._opened_on
        if contact is None or not (moved or self._acted or step or meeting):
            self.dismiss(None)
        else:
            self.dismiss(AgendaChoice(contact.id, step, meeting))

    def action_leave_agenda(self) -> None:
        self._leave()

    @on(RowList.Selected)
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        self.action_open_entry()

    def action_open_entry(self) -> None:
        row = self.current
        if row is None:
            threety(self).say("Nothing to open: the agenda is empty.")
        elif row.reminder is not None:
            self._leave(step=row.reminder)
        elif row.meeting is not None:
            self._leave(meeting=row.meeting)

    def _say(self, text: str) -> None:
        threety(self).say(text, severity="warning")

    @work(group="dialog")
    async def action_snooze(self) -> None:
        row = self.current
        if row is None or row.reminder is None:
            self._say("Put the cursor on a next step (not homework) to snooze it.")
        elif await steps.snooze(self, row.reminder):
            self._acted = True
            self.refresh_rows(acted=True)

    @work(group="dialog")
    async def action_close_step(self) -> None:
        row = self.current
        if row is None or row.reminder is None:
            self._say("Put the cursor on a next step (not homework) to close it.")
        elif await steps.close(self, row.reminder):
            self._acted = True
            self.refresh_rows(acted=True)

    def _insight(self) -> tuple[Meeting, Insight] | None:
        row = self.current
        if row is None or row.meeting is None or row.insight is None:
            self._say("Put the cursor on a piece of open homework (under Open homework) first.")
            return None
        meeting = threety(self).store.meeting(row.meeting.id)
        insight = meeting.insight(row.insight.id) if meeting else None
        return (meeting, insight) if meeting and insight else None

    def action_cycle_homework(self) -> None:
        found = self._insight()
        if found is not None:
            steps.cycle_homework(self, *found)
            self._acted = True
            self.refresh_rows(acted=True)

    @work(group="dialog")
    async def action_edit_benefit(self) -> None:
        found = self._insight()
        if found is not None and await steps.benefit(self, *found):
            self._acted = True
            self.refresh_rows(acted=True)

    @work(group="dialog")
    async def action_record_reply(self) -> None:
        """On a next step: its message (a nudge's request), else the person's latest sent."""
        row = self.current
        if row is None or row.contact is None:
            self._say("Put the cursor on a next step to record a reply to it.")
            return
        target = reply_target(threety(self).store, row.contact, None, row.reminder)
        if target.message is None:
            self._say(target.problem)
        elif await loop.record_reply(self, target.message):
            self._acted = True
            self.refresh_rows(acted=True)

    async def action_elsewhere(self, action: str) -> None:
        """A main-screen key pressed here (see `elsewhere_bindings`)."""
        if action == "quit":
            await threety(self).action_quit()
            return
        row = self.current
        kind = DRAFTS.get(action)
        step = row.reminder if row is not None else None
        if kind is not None and step is not None and step.nudge is None and step.kind is kind:
            self._leave(step=step)
            return
        command = BY_ACTION[action]
        what = f"{command.key_display} ({command.title})"
        first = ""
        if kind is not None and row is not None:
            if step is None:
                this = "a piece of homework"
            elif step.nudge is not None:
                this = "a nudge about a meeting request"
            else:
                this = f"a {step.kind.label.lower()}"
            first = f"The entry under the cursor is {this}, not a {kind.label.lower()}. "
        threety(self).say(f"{first}{HERE}, where {what} works.", title="Not in the agenda")

    def action_help(self) -> None:
        from threety_tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def palette_commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        return [
            (c.title, c.help, getattr(self, f"action_{c.action}")) for c in palette(Target.AGENDA)
        ]

    def _kind(self) -> str | None:
        row = self.current
        if row is None:
            return None
        return "step" if row.reminder is not None else "homework"

    def _footer_wants(self, action: str) -> bool:
        action = action.removeprefix("screen.")
        if action in ("snooze", "close_step", "record_reply"):
            return self._kind() == "step"
        if action in ("cycle_homework", "edit_benefit"):
            return self._kind() == "homework"
        return True

    @on(RowList.Highlighted)
    def _cursor_moved(self) -> None:
        if self._kind() != self._row_kind:
            self._row_kind = self._kind()
            self.refresh_bindings()
