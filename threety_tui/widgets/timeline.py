"""The timeline pane: next steps, then meetings (with insights) and messages."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content

from threety_tui.core.dates import brief, due_words, relative
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


class Timeline(RowList[Entry]):
    """Newest first; Enter opens the entry (meeting form, or message in the editor)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open"),
        Binding("h", "screen.cycle_homework", "Homework"),
        Binding("b", "screen.edit_benefit", "Benefit"),
        Binding("z", "screen.snooze", "Snooze"),
        Binding("x", "screen.close_step", "Close"),
    ]

    empty_text = "Nothing yet: press m to log a meeting."

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = date.today()
        self.everyone = False

    def row_key(self, row: Entry) -> Hashable:
        return row.key

    def row_height(self, row: Entry) -> int:
        if row.kind is EntryKind.MEETING:
            return 2 if row.meeting and row.meeting.notes.strip() else 1
        if row.kind is EntryKind.MESSAGE:
            return 2
        if row.kind is EntryKind.INSIGHT:
            return 2 if row.insight and row.insight.benefit.strip() else 1
        if row.kind is EntryKind.REMINDER:
            return 2 if row.reminder and row.reminder.snoozed else 1
        return 1

    def _who(self, row: Entry) -> Content:
        if not self.everyone or row.contact is None:
            return Content("")
        return Content.assemble(Content(visible(row.contact.name)).stylize("bold"), " · ")

    def render_row_line(self, row: Entry, line: int, width: int) -> Content:
        render = getattr(self, f"_render_{row.kind.value}")
        result: Content = render(row, line)
        return result

    def _render_section(self, row: Entry, line: int) -> Content:
        return Content.styled(f"── {row.title} ", "$foreground-muted bold")

    def _render_reminder(self, row: Entry, line: int) -> Content:
        reminder = row.reminder
        assert reminder is not None
        if line == 1:
            reason = f": {reminder.snooze_reason}" if reminder.snooze_reason else ""
            return Content.styled(
                f"    snoozed to {brief(reminder.due, self.today)}{one_line(reason)}",
                "$foreground-muted italic",
            )
        style = STATE_STYLE[reminder.state]
        mark = "▲" if reminder.state is State.OVERDUE else "●"
        urgent = Content.styled("  urgent", "$error bold") if reminder.urgent else ""
        return Content.assemble(
            Content.styled(f" {mark} ", style),
            self._who(row),
            Content.styled(f"{reminder.label} {due_words(reminder.due, self.today)}", style),
            urgent,
        )

    def _render_meeting(self, row: Entry, line: int) -> Content:
        meeting = row.meeting
        assert meeting is not None
        if line == 1:
            return Content.styled("   " + one_line(visible(meeting.notes)), "$foreground-muted")
        icon = CHANNEL_ICON.get(meeting.channel, "•")
        at = f" {meeting.time}" if meeting.time else ""
        return Content.assemble(
            f" {icon} ",
            self._who(row),
            Content.styled(f"Met {relative(meeting.when, self.today)}", "bold"),
            Content.styled(
                f" · {brief(meeting.when, self.today)}{at} · {meeting.channel.value}",
                "$foreground-muted",
            ),
        )

    def _render_insight(self, row: Entry, line: int) -> Content:
        insight = row.insight
        assert insight is not None
        if line == 1:
            return Content.styled(
                "       → " + one_line(visible(insight.benefit)), "$success italic"
            )
        label, style = HOMEWORK_STYLE[insight.status]
        star = Content.styled("★", "$warning") if insight.favourite else Content("·")
        return Content.assemble(
            "    ",
            star,
            " ",
            Content.styled(f"[{label}] ", style),
            one_line(visible(insight.text)),
        )

    def _render_message(self, row: Entry, line: int) -> Content:
        message = row.message
        assert message is not None
        if line == 1:
            subject = one_line(visible(message.subject)) or "(no subject)"
            return Content.styled(f"   “{subject}”", "$foreground-muted")
        if message.is_sent and message.sent:
            state = Content.styled(f"sent {relative(message.sent, self.today)}", "$success")
            when = Content.styled(f" · {brief(message.sent, self.today)}", "$foreground-muted")
            icon = "✉"
        else:
            state = Content.styled("draft", "$warning bold")
            when = Content("")
            icon = "✎"
        return Content.assemble(
            f" {icon} ",
            self._who(row),
            Content.styled(message.kind.label, "bold"),
            " · ",
            state,
            when,
        )

    def _render_closed(self, row: Entry, line: int) -> Content:
        when = brief(row.when, self.today) if row.when else ""
        return Content.assemble(
            Content.styled(" ✓ ", "$success"),
            self._who(row),
            Content.styled(f"{row.title} closed without a message · {when}", "$foreground-muted"),
        )
