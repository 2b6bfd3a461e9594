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
from threety_tui.core.text import visible_lines
from threety_tui.screens.form import FormScreen


class RepliesForm(FormScreen[ReplyPlan]):
    """Dismisses with the previewed plan; the main screen records it."""

    form_title = "Import replies from your mailbox"

    def __init__(self, store: Store, today: date) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.plan: ReplyPlan | None = None
        self._planned_for: str | None = None
        self._error = ""

    def fields(self) -> ComposeResult:
        yield from self.field(
            "Maildir folder or mbox file",
            Input(id="mailbox", placeholder="~/Mail/INBOX or ~/Takeout/Mail/All mail.mbox"),
            "Enter shows what it would record; nothing is written until you press ctrl+s.",
        )
        yield Static(id="preview-report")

    def _path(self) -> str:
        return self.query_one("#mailbox", Input).value.strip()

    def values(self) -> dict[str, Any]:
        return {"mailbox": self._path()}

    def problems(self) -> dict[str, str]:
        if not self._path():
            return {"mailbox": "Enter the path of a Maildir folder or an mbox file."}
        if self._error and self._planned_for == self._path():
            return {"mailbox": self._error}
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

    def _planned(self, path: str, plan: ReplyPlan | str) -> None:
        self._planned_for = path
        report = self.query_one("#preview-report", Static)
        if isinstance(plan, str):
            self.plan = None
            self._error = plan
            self._tried = True
            self._show_problems()
            report.update("")
            return
        self._error = ""
        self.plan = plan
        self._show_problems()
        action = (
            "Press ctrl+s to record these replies."
            if plan.has_changes
            else "Nothing new to record."
        )
        report.update(
            Content.assemble(
                Content(visible_lines("\n".join(report_lines(plan)))),
                "\n\n",
                Content.styled(action, "bold"),
            )
        )

    def action_save(self) -> None:
        if self.plan is None or self._planned_for != self._path():
            self._preview()
            return
        self.dismiss(self.plan if self.plan.has_changes else None)

    def result(self) -> ReplyPlan:
        assert self.plan is not None
        return self.plan
