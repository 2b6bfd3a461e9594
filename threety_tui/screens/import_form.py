"""Import contacts: a file, a preview of what would change, then one write.

Reading and planning run in a worker thread (a 10,000-row LinkedIn export takes
a moment); the plan is shown as the same report the CLI prints, and ctrl+s
commits it. Nothing is written until then.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select, Static

from threety_tui.core.errors import InputError
from threety_tui.core.io.merge import ImportPlan, plan_import, read_contacts, report_lines
from threety_tui.core.store import Store
from threety_tui.screens.preview_form import PreviewForm

FORMATS = [("LinkedIn Connections.csv", "linkedin"), ("vCard (.vcf)", "vcard")]
WHERE_FROM = {
    "linkedin": "LinkedIn: Settings > Data privacy > Get a copy of your data > Connections.",
    "vcard": "vCard: export the contacts from your phone, mail app or address book (.vcf).",
}
"""Where to get a file of the chosen format: the hint under Format."""


def guess_format(path: str) -> str | None:
    suffix = Path(path.strip()).suffix.lower()
    return {".csv": "linkedin", ".vcf": "vcard", ".vcard": "vcard"}.get(suffix)


class ImportForm(PreviewForm[ImportPlan]):
    """Dismisses with the previewed plan; the main screen applies it."""

    form_title = "Import contacts"
    ready_text = "Press ctrl+s to import."
    nothing_text = "Nothing to change: everyone is already here."

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def fields(self) -> ComposeResult:
        yield from self.field(
            "File",
            Input(id="file", placeholder="~/Downloads/Connections.csv or contacts.vcf"),
            "Enter shows a preview; nothing is written until you press ctrl+s.",
        )
        yield from self.field(
            "Format",
            Select(FORMATS, value="linkedin", allow_blank=False, id="format"),
            WHERE_FROM["linkedin"],
        )
        yield Static(id="preview-report")

    def source(self) -> tuple[str, str]:
        fmt = self.query_one("#format", Select).value
        return (
            self.query_one("#file", Input).value.strip(),
            fmt if isinstance(fmt, str) else "linkedin",
        )

    def report(self, plan: ImportPlan) -> list[str]:
        return report_lines(plan)

    def values(self) -> dict[str, Any]:
        path, fmt = self.source()
        return {"file": path, "format": fmt}

    def problems(self) -> dict[str, str]:
        path, _ = self.source()
        if not path:
            return {"file": "Enter the path of the file to import."}
        if error := self.plan_error():
            return {"file": error}
        return {}

    @on(Input.Changed, "#file")
    def _guess(self, event: Input.Changed) -> None:
        if fmt := guess_format(event.value):
            self.query_one("#format", Select).value = fmt

    @on(Input.Submitted, "#file")
    def _preview_now(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()
        self._preview()

    @on(Select.Changed, "#format")
    def _format_changed(self) -> None:
        _, fmt = self.source()
        self._hints["format"] = WHERE_FROM.get(fmt, "")
        self._show_problems()  # shows the hint for the format now chosen
        if self.plan is not None:
            self._preview()

    def _preview(self) -> None:
        path, fmt = self.source()
        if not path:
            self._tried = True
            self._show_problems()
            return
        self.query_one("#preview-report", Static).update(
            Content.styled("Reading the file…", "$foreground-muted")
        )
        self._plan(path, fmt)

    @work(thread=True, exclusive=True, group="import-preview")
    def _plan(self, path: str, fmt: str) -> None:
        try:
            plan: ImportPlan | str = plan_import(
                self.store, read_contacts(fmt, Path(path).expanduser())
            )
        except InputError as error:
            plan = str(error)
        self.app.call_from_thread(self._planned, (path, fmt), plan)
