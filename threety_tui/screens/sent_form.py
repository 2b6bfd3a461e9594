"""Mark sent: when it went out (today by default) and what comes next."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from threety_tui.core.dates import parse_date, relative, short
from threety_tui.core.day_limits import sent_problem
from threety_tui.core.errors import InputError
from threety_tui.core.models import Contact, Message, MessageKind
from threety_tui.core.outreach import awaiting_words
from threety_tui.core.text import visible
from threety_tui.screens import threety
from threety_tui.screens.form import FormScreen


class SentForm(FormScreen[date]):
    submit_on_enter = True

    def __init__(self, message: Message, contact: Contact, cadence: int, today: date) -> None:
        super().__init__()
        self.message = message
        self.contact = contact
        self.cadence = cadence
        self.today = today
        what = "your follow-up" if message.follows is not None else message.label.lower()
        self.form_title = f"Mark {what} to {visible(contact.name)} sent"

    def fields(self) -> ComposeResult:
        yield from self.field(
            "Sent on",
            Input(
                "today", id="sent", placeholder="today, yesterday, 5 business days ago, 2026-11-20"
            ),
        )
        yield Static(id="next-touch")

    def _sent(self) -> date:
        return parse_date(self.query_one("#sent", Input).value, self.today)

    def values(self) -> dict[str, Any]:
        return {"sent": self.query_one("#sent", Input).value.strip()}

    def problems(self) -> dict[str, str]:
        try:
            sent = self._sent()
        except InputError as error:
            return {"sent": str(error)}
        problem = sent_problem(sent, self.today)
        return {"sent": problem} if problem else {}

    def _show_problems(self) -> dict[str, str]:
        found = super()._show_problems()
        note = self.query_one("#next-touch", Static)
        if found:
            note.update("")
            return found
        sent = self._sent()
        if self.message.kind is MessageKind.OUTREACH:
            note.update(self._awaiting(sent))
            return found
        following = "follow-up" if self.message.kind is MessageKind.THANK_YOU else "update"
        due = sent + timedelta(days=self.cadence)
        note.update(
            Content.assemble(
                f"Sent {short(sent, self.today)} ({relative(sent, self.today)}). The {following} will be due ",
                Content.styled(f"{short(due, self.today)} ({relative(due, self.today)})", "bold"),
                f", every {self.cadence} days for this contact.",
            )
        )
        return found

    def _awaiting(self, sent: date) -> Content:
        """A meeting request waits for a reply: when its two nudges come (business days).

        The one follow-up to a request (`follows`) starts no nudges of its own.
        """
        when = f"Sent {short(sent, self.today)} ({relative(sent, self.today)})"
        if self.message.follows is not None:
            request = threety(self).store.message(self.message.follows)
            of = f" of {short(request.sent, self.today)}" if request and request.sent else ""
            return Content(
                f"{when}: the one follow-up to your request{of}. "
                "threety nudges no more; press r when they answer."
            )
        return Content(
            visible(
                f"{when}: awaiting a reply. "
                + awaiting_words(sent, self.today, self.contact.company)
            )
        )

    def on_mount(self) -> None:
        super().on_mount()
        self._show_problems()
        self.query_one("#sent", Input).select_all()

    def result(self) -> date:
        return self._sent()
