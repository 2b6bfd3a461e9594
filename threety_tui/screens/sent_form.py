"""Mark sent: when it went out (today by default) and what comes next."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from threety_tui.core.dates import parse_date, relative, short
from threety_tui.core.errors import InputError
from threety_tui.core.models import Contact, Message, MessageKind
from threety_tui.core.rules import outreach_dates
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
        self.form_title = f"Mark {message.kind.label.lower()} to {visible(contact.name)} sent"

    def fields(self) -> ComposeResult:
        yield from self.field(
            "Sent on", Input("today", id="sent", placeholder="today, yesterday, 2026-11-20")
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
        if sent > self.today + timedelta(days=1):
            return {"sent": "A message cannot be sent in the future."}
        return {}

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

        Sent while an earlier request still waits, it is the one follow-up: no nudges after it.
        """
        store = threety(self).store
        earlier = next(
            (
                store.message(r.message_id)
                for r in store.reminders_of(self.contact.id, self.today)
                if r.nudge is not None and r.message_id and r.message_id != self.message.id
            ),
            None,
        )
        if earlier is not None and earlier.sent is not None:
            return Content(
                f"Sent {short(sent, self.today)} ({relative(sent, self.today)}): the one "
                f"follow-up to your request of {short(earlier.sent, self.today)}. "
                "threety nudges no more; press r when they answer."
            )
        second, follow = outreach_dates(sent)
        company = " ".join(self.contact.company.split())
        where = f"a second contact at {visible(company)}" if company else "a second contact"
        return Content.assemble(
            f"Sent {short(sent, self.today)} ({relative(sent, self.today)}): awaiting a reply. "
            "With none by ",
            Content.styled(short(second, self.today), "bold"),
            f" (3 business days) threety suggests {where}; by ",
            Content.styled(short(follow, self.today), "bold"),
            " (7), following up once.",
        )

    def on_mount(self) -> None:
        super().on_mount()
        self._show_problems()
        self.query_one("#sent", Input).select_all()

    def result(self) -> date:
        return self._sent()
