"""Export reminders: where to write the .ics file, and whether to keep it updated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input

from threety_tui.screens.form import FormScreen


class ExportForm(FormScreen[tuple[Path, bool]]):
    """Dismisses with (file, keep updated on every Mark sent)."""

    form_title = "Export reminders to your calendar (.ics)"
    submit_on_enter = True

    def __init__(self, default: Path, keep: bool) -> None:
        super().__init__()
        self.default = default
        self.keep = keep

    def fields(self) -> ComposeResult:
        yield from self.field(
            "File",
            Input(str(self.default), id="file", placeholder="~/threety-reminders.ics"),
            "One all-day event with a morning alarm per follow-up and update. "
            "Exporting again updates the same events.",
        )
        yield Checkbox("Rewrite this file on every Mark sent", self.keep, id="keep")

    def _path(self) -> Path:
        return Path(self.query_one("#file", Input).value.strip()).expanduser()

    def values(self) -> dict[str, Any]:
        return {
            "file": self.query_one("#file", Input).value,
            "keep": self.query_one("#keep", Checkbox).value,
        }

    def problems(self) -> dict[str, str]:
        text = self.query_one("#file", Input).value.strip()
        if not text:
            return {"file": "Enter where to write the file."}
        path = self._path()
        if path.suffix.lower() != ".ics":
            return {"file": "Use a file name ending in .ics."}
        if not path.parent.is_dir():
            return {"file": f"The folder {path.parent} does not exist."}
        return {}

    def result(self) -> tuple[Path, bool]:
        return self._path().resolve(), self.query_one("#keep", Checkbox).value
