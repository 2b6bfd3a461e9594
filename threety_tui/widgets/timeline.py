"""The timeline pane: next steps, then meetings (with insights) and messages.

Rows wrap to the pane's width instead of being cut: what a row is about (the
step and when it is due, the advice, who in the everyone-timeline) comes
first and stays whole; only secondary lines (meeting notes, a subject) are
shortened with an ellipsis. In the everyone-timeline each entry starts with
the person's name on a line of its own. Heights come from plain text
(`wrapping`); only rows on screen are drawn. Past `WRAP_LIMIT` entries (the
everyone-timeline of a very large network) measuring every row would stall the
screen for seconds, so each line of an entry takes one row there, shortened
with an ellipsis after its who, what and when.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import date
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content

from threety_tui.actions import Target, bindings
from threety_tui.core.dates import relative
from threety_tui.core.dates import short as short_date
from threety_tui.core.models import Channel, Homework, MessageKind
from threety_tui.core.rules import State, nudge_text, step_due_words
from threety_tui.core.text import one_line, visible
from threety_tui.core.timeline import Entry, EntryKind
from threety_tui.widgets import wrapping
from threety_tui.widgets.row_list import RowList
from threety_tui.widgets.wrapping import Line

CHANNEL_ICON = {
    Channel.COFFEE: "☕",
    Channel.CALL: "☎",
    Channel.VIDEO: "▶",
    Channel.EVENT: "◆",
    Channel.OTHER: "•",
}
HOMEWORK_STYLE = {
    Homework.TODO: ("todo", "$warning"),
    Homework.DOING: ("doing", "$accent"),
    Homework.DONE: ("done", "$success"),
}
STATE_STYLE = {
    State.OVERDUE: "$error bold",
    State.DUE: "$warning bold",
    State.SOON: "$warning",
    State.UPCOMING: "$foreground-muted",
}
MUTED = "$foreground-muted"
DETAIL_LINES = 2
"""Notes, a benefit or a snooze reason: at most this many lines."""
NO_BREAK = "\u00a0"
WRAP_LIMIT = 5_000
"""Up to this many entries, rows wrap; beyond, each line of an entry is one row."""


def short(day: date, today: date) -> str:
    """A date as everywhere ("Sun 15 Nov"), never broken across lines: its spaces are
    no-break spaces, which `wrapping` does not break at (and a terminal shows as spaces)."""
    return short_date(day, today).replace(" ", NO_BREAK)


def _spaces(line: Content) -> Content:
    """A drawn line with its no-break spaces as plain ones (what is copied from the screen)."""
    if NO_BREAK not in line.plain:
        return line
    return Content(line.plain.replace(NO_BREAK, " "), list(line.spans))


def detail(text: str, style: str, indent: int, limit: int = DETAIL_LINES) -> list[Line]:
    """A secondary line (notes, a benefit), wrapped at most to `limit` lines."""
    return [Line(((" " * indent, ""),), ((text, style),), limit)] if text else []


def line_count(row: Entry, *, everyone: bool) -> int:
    """`len(Timeline.lines_of(row))`, without building them: a very long timeline's
    row heights (pure: measured off the UI thread too, see `heights`)."""
    kind = row.kind
    count = 1
    if kind is EntryKind.REMINDER:
        count += bool(row.reminder and row.reminder.snoozed)
        count += bool(row.reminder and row.reminder.nudge)
    elif kind is EntryKind.MEETING:
        count += bool(row.meeting and row.meeting.notes.strip())
    elif kind is EntryKind.INSIGHT:
        count += bool(row.insight and row.insight.benefit.strip())
    elif kind is EntryKind.MESSAGE:
        count += 1
    if everyone and row.contact is not None and kind is not EntryKind.INSIGHT:
        count += 1
    return count


def heights(rows: Sequence[Entry], *, everyone: bool) -> list[int] | None:
    """The rows' heights when there are too many to wrap (`WRAP_LIMIT`), else None."""
    if len(rows) <= WRAP_LIMIT:
        return None
    return [line_count(row, everyone=everyone) for row in rows]


class Timeline(RowList[Entry]):
    """Newest first; Enter opens the entry (meeting form, or message in the editor)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Target.TIMELINE)

    DEFAULT_CSS = """
    Timeline {
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
    }
    """

    wraps = True

    empty_text = "Nothing yet: press w to ask for a meeting, or m to log one."

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = date.today()
        self.everyone = False
        self.everyone_shown = False
        """The rows are an everyone-timeline (not a contact's, nor the wait for one)."""
        self._drawn: dict[int, tuple[int, list[Content]]] = {}
        """id(entry) -> (width, its screen lines), for rows drawn at that width."""

    def set_rows(
        self,
        rows: Sequence[Entry],
        *,
        keep: Hashable | None = None,
        near: bool = False,
        heights: Sequence[int] | None = None,
    ) -> None:
        self._drawn = {}  # entries are rebuilt on every refresh
        self.wraps = len(rows) <= WRAP_LIMIT
        super().set_rows(rows, keep=keep, near=near, heights=heights)

    def row_key(self, row: Entry) -> Hashable:
        return row.key

    def selectable(self, row: Entry) -> bool:
        return row.kind is not EntryKind.SECTION

    def row_height(self, row: Entry, width: int) -> int:
        if not self.wraps:
            return line_count(row, everyone=self.everyone)
        return wrapping.height(self.lines_of(row), width)

    def render_row_line(self, row: Entry, line: int, width: int) -> Content:
        drawn = self._drawn.get(id(row))
        if drawn is None or drawn[0] != width:
            lines = [
                _spaces(line)
                for line in wrapping.render(self.lines_of(row), width, wrap=self.wraps)
            ]
            drawn = self._drawn[id(row)] = (width, lines)
        lines = drawn[1]
        return lines[line] if line < len(lines) else Content("")

    def lines_of(self, row: Entry) -> list[Line]:
        """The row as plain lines (measured for every row, drawn for those on screen)."""
        lines: list[Line] = getattr(self, f"_lines_{row.kind.value}")(row)
        if self.everyone and row.contact is not None and row.kind is not EntryKind.INSIGHT:
            lines.insert(0, Line(((" ", ""),), ((visible(row.contact.name), "bold"),), 1))
        return lines

    def _lines_section(self, row: Entry) -> list[Line]:
        return [Line((), ((f"── {row.title} ", f"{MUTED} bold"),), 1)]

    def _lines_reminder(self, row: Entry) -> list[Line]:
        reminder = row.reminder
        assert reminder is not None
        style = STATE_STYLE[reminder.state]
        mark = "▲" if reminder.state is State.OVERDUE else "●"
        due = step_due_words(reminder, self.today)
        if reminder.nudge is not None and reminder.state in (State.UPCOMING, State.SOON):
            due = f"· nudge {due}"  # "Awaiting reply · nudge due in 3 days"
        body = [(f"{reminder.label} {due}", style)]
        if reminder.urgent:
            body.append(("  urgent", "$error bold"))
        lines = [Line(((f" {mark} ", style),), body)]
        if reminder.nudge is not None:  # what it asks: "No reply from Ada: try a second ..."
            lines += detail(visible(nudge_text(reminder, row.contact)), "", 4)
        if reminder.snoozed:
            reason = (
                f": {one_line(visible(reminder.snooze_reason))}" if reminder.snooze_reason else ""
            )
            due = short(reminder.due, self.today)
            lines += detail(f"snoozed to {due}{reason}", f"{MUTED} italic", 4)
        return lines

    def _lines_meeting(self, row: Entry) -> list[Line]:
        meeting = row.meeting
        assert meeting is not None
        icon = CHANNEL_ICON.get(meeting.channel, "•")
        at = f" {meeting.time}" if meeting.time else ""
        body = (
            (f"Met {relative(meeting.when, self.today)}", "bold"),
            (f" · {short(meeting.when, self.today)}{at} · {meeting.channel.value}", MUTED),
        )
        lines = [Line(((f" {icon} ", ""),), body)]
        notes = one_line(visible(meeting.notes)) if meeting.notes.strip() else ""
        return lines + detail(notes, MUTED, 3)

    def _lines_insight(self, row: Entry) -> list[Line]:
        insight = row.insight
        assert insight is not None
        label, style = HOMEWORK_STYLE[insight.status]
        star = ("★", "$warning") if insight.favourite else ("·", "")
        body = ((f"[{label}] ", style), (one_line(visible(insight.text)), ""))
        lines = [Line((("    ", ""), star, (" ", "")), body)]
        benefit = one_line(visible(insight.benefit)) if insight.benefit.strip() else ""
        return lines + detail(f"→ {benefit}" if benefit else "", "$success italic", 7)

    def _lines_message(self, row: Entry) -> list[Line]:
        message = row.message
        assert message is not None
        if message.is_sent and message.sent:
            state = [
                (f"sent {relative(message.sent, self.today)}", "$success"),
                (f" · {short(message.sent, self.today)}", MUTED),
            ]
            icon = "✉"
        else:
            state = [("draft", "$warning bold")]
            icon = "✎"
        body = [(message.label, "bold"), (" · ", ""), *state]
        if row.reply:
            body.append((f" · {row.reply}", "$success bold"))
        elif message.kind is MessageKind.OUTREACH and message.is_sent and row.answered_by:
            name, day = row.answered_by  # nudges closed by a colleague's reply (spec section 8)
            said = f" · closed: {one_line(visible(name))} answered on {short(day, self.today)}"
            body.append((said, MUTED))
        elif message.kind is MessageKind.OUTREACH and message.is_sent:
            body.append((" · no reply yet", MUTED))
        subject = one_line(visible(message.subject)) or "(no subject)"
        return [Line(((f" {icon} ", ""),), body), *detail(f"“{subject}”", MUTED, 3, limit=1)]

    def _lines_closed(self, row: Entry) -> list[Line]:
        when = f" · {short(row.when, self.today)}" if row.when else ""
        body = ((f"{row.title} closed without a message{when}", MUTED),)
        return [Line(((" ✓ ", "$success"),), body)]
