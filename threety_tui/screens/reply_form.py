"""Record reply: the day they answered a sent message (today by default), or clear it.

The form reads the date as the meeting form does ("yesterday", "tuesday",
"3 days ago", "2026-11-20") and shows what it would record as you type. Saving
hands the date to `attempt` (the store records it): what the store refuses (a
day before the message went out, a day in the future) is shown under the field
and nothing is saved. On a message that has a reply already, the form offers
to move its date or to clear it (a reply recorded by mistake).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Button, Input, Static

from threety_tui.core.dates import parse_date, short
from threety_tui.core.day_limits import reply_problem
from threety_tui.core.errors import InputError
from threety_tui.core.loop_workflows import reply_preview
from threety_tui.core.models import Contact, Message
from threety_tui.core.text import visible
from threety_tui.core.timeline import reply_words
from threety_tui.screens.form import FormScreen


@dataclass(frozen=True, slots=True)
class ReplyChange:
    on: date | None
    """The day they answered; None clears the reply."""


Attempt = Callable[[ReplyChange], str | None]
"""Makes the change; returns why it was refused (nothing saved), or None when done."""


class ReplyForm(FormScreen[ReplyChange]):
    """Dismisses with the change made (the caller's `attempt` already made it)."""

    DEFAULT_CSS = """
    ReplyForm #clear-reply { margin: 1 0 0 1; }
    """

    submit_on_enter = True

    def __init__(self, message: Message, contact: Contact, today: date, attempt: Attempt) -> None:
        super().__init__()
        self.message = message
        self.today = today
        self.attempt = attempt
        self._refused: tuple[str, str] | None = None
        """(the date as typed, why the store refused it)."""
        sent = f" of {short(message.sent, today)}" if message.sent else ""
        what = f"your {message.label.lower()}{sent}"
        self.form_title = f"Reply from {visible(contact.name)} to {what}"

    def fields(self) -> ComposeResult:
        replied = self.message.replied
        if replied is not None:
            yield Static(
                Content.assemble(
                    "Recorded: ",
                    Content.styled(
                        f"{reply_words(self.message)} ({short(replied, self.today)})", "bold"
                    ),
                    ". Change the date, or clear the reply if it was recorded by mistake.",
                ),
                id="reply-recorded",
            )
        default = "today" if replied is None else replied.isoformat()
        yield from self.field(
            "Replied on",
            Input(default, id="replied", placeholder="today, yesterday, tuesday, 3 days ago"),
        )
        if replied is not None:
            yield Button("Clear the reply", id="clear-reply", variant="warning", compact=True)

    def _typed(self) -> str:
        return self.query_one("#replied", Input).value.strip()

    def _day(self) -> date:
        return parse_date(self._typed(), self.today)

    def values(self) -> dict[str, Any]:
        return {"replied": self._typed()}

    def problems(self) -> dict[str, str]:
        try:
            day = self._day()
        except InputError as error:
            return {"replied": str(error)}
        sent = self.message.sent if self.message.is_sent else None
        problem = reply_problem(sent, day, self.today)  # what the store would refuse, now
        if problem is not None:
            return {"replied": problem}
        if self._refused is not None and self._refused[0] == self._typed():
            return {"replied": self._refused[1]}
        return {}

    def _show_problems(self) -> dict[str, str]:
        found = super()._show_problems()
        if "replied" not in found:
            day = self._day()
            preview = reply_preview(self.message, day, self.today)
            text = f"→ {short(day, self.today)}" + (f": {preview}" if preview else "")
            self.query_one("#error-replied", Static).update(
                Content.styled(text, "$foreground-muted")
            )
        return found

    def on_mount(self) -> None:
        super().on_mount()
        self._show_problems()
        self.query_one("#replied", Input).select_all()

    def action_save(self) -> None:
        self._tried = True
        if self._show_problems():
            self.query_one("#replied", Input).focus()
            return
        self._apply(ReplyChange(self._day()))

    @on(Button.Pressed, "#clear-reply")
    def _clear(self, event: Button.Pressed) -> None:
        event.stop()
        self._apply(ReplyChange(None))

    def _apply(self, change: ReplyChange) -> None:
        refused = self.attempt(change)
        if refused is None:
            self.dismiss(change)
            return
        self._refused = (self._typed(), refused)
        self._show_problems()
        self.query_one("#replied", Input).focus()

    def result(self) -> ReplyChange:
        return ReplyChange(self._day())
