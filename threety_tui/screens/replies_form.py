"""Import replies: a Maildir folder or an mbox file, a preview of what it would record, then one write.

Like the contact import: Enter reads the mailbox in a worker thread (only the
From and Date headers) and shows the report `threety import mail --dry-run`
prints; ctrl+s records it. A path that is neither a Maildir nor an mbox, or
cannot be read, is refused under the field, and nothing is written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from threety_tui.core.errors import InputError
from threety_tui.core.io.mail import ReplyPlan, plan_replies, read_mail, report_lines
from threety_tui.core.store import Store
from threety_tui.screens.preview_form import PreviewForm


class RepliesForm(PreviewForm[ReplyPlan]):
    """Dismisses with the previewed plan; the main screen records it."""

    form_title = "Import replies from your mailbox"
    ready_text = "Press ctrl+s to record these replies."
    nothing_text = "Nothing new to record."

    def __init__(self, store: Store, today: date) -> None:
        super().__init__()
        self.store = store
        self.today = today

    def fields(self) -> ComposeResult:
        yield from self.field(
            "Maildir folder or mbox file",
            Input(id="mailbox", placeholder="~/Mail/INBOX or ~/Takeout/Mail/All mail.mbox"),
            "Enter shows what it would record; nothing is written until you press ctrl+s.",
        )
        yield Static(id="preview-report")

    def _path(self) -> str:
        return self.query_one("#mailbox", Input).value.strip()

    def source(self) -> str:
        return self._path()

    def report(self, plan: ReplyPlan) -> list[str]:
        return report_lines(plan)

    def values(self) -> dict[str, Any]:
        return {"mailbox": self._path()}

    def problems(self) -> dict[str, str]:
        if not self._path():
            return {"mailbox": "Enter the path of a Maildir folder or an mbox file."}
        if error := self.plan_error():
            return {"mailbox": error}
        return {}

    @on(Input.Submitted, "#mailbox")
    def _preview_now(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()
        self._preview()

    def _preview(self) -> None:
        path = self._path()
        if not path:
            self._tried = True
            self._show_problems()
            return
        self.query_one("#preview-report", Static).update(
            Content.styled("Reading the mailbox…", "$foreground-muted")
        )
        self._plan(path)

    @work(thread=True, exclusive=True, group="replies-preview")
    def _plan(self, path: str) -> None:
        try:
            plan: ReplyPlan | str = plan_replies(
                self.store, read_mail(Path(path).expanduser()), self.today
            )
        except InputError as error:
            plan = str(error)
        self.app.call_from_thread(self._planned, path, plan)
