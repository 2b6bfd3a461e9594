"""The timeline pane: next steps, then meetings (with insights) and messages.

Rows wrap to the pane's width instead of being cut: what a row is about (the
step and when it is due, the advice, who in the everyone-timeline) comes
first and stays whole; only secondary lines (meeting notes, a subject) are
shortened with an ellipsis. In the everyone-timeline each entry starts with
the person's name on a line of its own.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import date
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content

from threety_tui.actions import Target, bindings
from threety_tui.core.dates import due_words, relative, short
from threety_tui.core.models import Channel, Homework
from threety_tui.core.rules import State
from threety_tui.core.text import one_line, visible
from threety_tui.core.timeline import Entry, EntryKind
from threety_tui.widgets.row_list import RowList

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
MAIN_LINES = 4
"""A row's main text wraps onto at most this many lines (then an ellipsis)."""
DETAIL_LINES = 2
"""Notes, a benefit or a snooze reason: at most this many lines."""


def wrap(head: Content, body: Content, width: int, limit: int = MAIN_LINES) -> list[Content]:
    """`head` then `body` wrapped to `width`, continuation lines indented under the body.

    `width` 0 (not laid out yet) gives one line. Lines past `limit` are dropped
    and the last kept one ends with an ellipsis.
    """
    room = width - head.cell_length
    if width <= 0 or body.cell_length <= room:
        return [head + body]
    if room < 8:  # too narrow to indent: wrap under the head instead
        return (head + body).wrap(max(1, width))[:limit] or [head]
    lines = body.wrap(room)
    if len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = lines[-1].rstrip().truncate(room - 1) + "…"
    indent = Content(" " * head.cell_length)
    return [head + lines[0], *(indent + line for line in lines[1:])]


def detail(
    text: str, width: int, style: str, indent: int, limit: int = DETAIL_LINES
) -> list[Content]:
    """A secondary line (notes, a benefit), wrapped at most to `limit` lines."""
    if not text:
        return []
    return wrap(Content(" " * indent), Content.styled(text, style), width, limit)


class Timeline(RowList[Entry]):
    """Newest first; Enter opens the entry (meeting form, or message in the editor)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Target.TIMELINE)

    DEFAULT_CSS = """
    Timeline {
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
    }
    """

    WRAPS = True

    empty_text = "Nothing yet: press m to log a meeting."

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = date.today()
        self.everyone = False
        self._lines: dict[int, tuple[int, list[Content]]] = {}
        """id(entry) -> (width, its lines): measured once, drawn many times."""

    def set_rows(self, rows: Sequence[Entry], *, keep: Hashable | None = None) -> None:
        self._lines = {}  # entries are rebuilt on every refresh
        super().set_rows(rows, keep=keep)

    def row_key(self, row: Entry) -> Hashable:
        return row.key

    def selectable(self, row: Entry) -> bool:
        return row.kind is not EntryKind.SECTION

    def row_height(self, row: Entry, width: int) -> int:
        return len(self.lines_of(row, width))

    def render_row_line(self, row: Entry, line: int, width: int) -> Content:
        lines = self.lines_of(row, width)
        return lines[line] if line < len(lines) else Content("")

    def lines_of(self, row: Entry, width: int) -> list[Content]:
        cached = self._lines.get(id(row))
        if cached is not None and cached[0] == width:
            return cached[1]
        render = getattr(self, f"_render_{row.kind.value}")
        lines: list[Content] = render(row, width)
        if self.everyone and row.contact is not None and row.kind is not EntryKind.INSIGHT:
            who = Content(" " + visible(row.contact.name)).stylize("bold")
            lines = [who.truncate(max(1, width), ellipsis=True) if width else who, *lines]
        self._lines[id(row)] = (width, lines)
        return lines

    def _render_section(self, row: Entry, width: int) -> list[Content]:
        return [Content.styled(f"── {row.title} ", "$foreground-muted bold")]

    def _render_reminder(self, row: Entry, width: int) -> list[Content]:
        reminder = row.reminder
        assert reminder is not None
        style = STATE_STYLE[reminder.state]
        mark = "▲" if reminder.state is State.OVERDUE else "●"
        body = Content.assemble(
            Content.styled(f"{reminder.kind.label} {due_words(reminder.due, self.today)}", style),
            Content.styled("  urgent", "$error bold") if reminder.urgent else "",
        )
        lines = wrap(Content.styled(f" {mark} ", style), body, width)
        if reminder.snoozed:
            reason = (
                f": {one_line(visible(reminder.snooze_reason))}" if reminder.snooze_reason else ""
            )
            lines += detail(
                f"snoozed to {short(reminder.due, self.today)}{reason}",
                width,
                "$foreground-muted italic",
                4,
            )
        return lines

    def _render_meeting(self, row: Entry, width: int) -> list[Content]:
        meeting = row.meeting
        assert meeting is not None
        icon = CHANNEL_ICON.get(meeting.channel, "•")
        at = f" {meeting.time}" if meeting.time else ""
        body = Content.assemble(
            Content.styled(f"Met {relative(meeting.when, self.today)}", "bold"),
            Content.styled(
                f" · {short(meeting.when, self.today)}{at} · {meeting.channel.value}",
                "$foreground-muted",
            ),
        )
        lines = wrap(Content(f" {icon} "), body, width)
        notes = one_line(visible(meeting.notes))
        return lines + detail(notes, width, "$foreground-muted", 3)

    def _render_insight(self, row: Entry, width: int) -> list[Content]:
        insight = row.insight
        assert insight is not None
        label, style = HOMEWORK_STYLE[insight.status]
        star = Content.styled("★", "$warning") if insight.favourite else Content("·")
        head = Content.assemble("    ", star, " ")
        body = Content.assemble(
            Content.styled(f"[{label}] ", style), one_line(visible(insight.text))
        )
        lines = wrap(head, body, width)
        benefit = one_line(visible(insight.benefit))
        return lines + detail(f"→ {benefit}" if benefit else "", width, "$success italic", 7)

    def _render_message(self, row: Entry, width: int) -> list[Content]:
        message = row.message
        assert message is not None
        if message.is_sent and message.sent:
            state = Content.assemble(
                Content.styled(f"sent {relative(message.sent, self.today)}", "$success"),
                Content.styled(f" · {short(message.sent, self.today)}", "$foreground-muted"),
            )
            icon = "✉"
        else:
            state = Content.styled("draft", "$warning bold")
            icon = "✎"
        body = Content.assemble(Content.styled(message.kind.label, "bold"), " · ", state)
        lines = wrap(Content(f" {icon} "), body, width)
        subject = one_line(visible(message.subject)) or "(no subject)"
        return lines + detail(f"“{subject}”", width, "$foreground-muted", 3, limit=1)

    def _render_closed(self, row: Entry, width: int) -> list[Content]:
        when = f" · {short(row.when, self.today)}" if row.when else ""
        body = Content.styled(f"{row.title} closed without a message{when}", "$foreground-muted")
        return wrap(Content.styled(" ✓ ", "$success"), body, width)
