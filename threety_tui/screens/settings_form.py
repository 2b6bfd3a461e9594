"""Settings: your name for the sign-off, cadences by kind, the calendar file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input

from threety_tui.core.models import Settings
from threety_tui.core.text import one_line
from threety_tui.screens.form import FormScreen

CADENCES = (
    ("cadence_booster", "Follow up with Boosters every (days)"),
    ("cadence_obligate", "Follow up with Obligates every (days)"),
    ("cadence_unknown", "Follow up with others every (days)"),
)


class SettingsForm(FormScreen[Settings]):
    form_title = "Settings"

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def fields(self) -> ComposeResult:
        s = self.settings
        yield from self.field(
            "Your name",
            Input(one_line(s.your_name), id="your_name", placeholder="Sam Rivera"),
            "Used in the sign-off of new drafts.",
        )
        for key, label in CADENCES:
            yield from self.field(label, Input(str(getattr(s, key)), id=key, type="integer"))
        yield from self.field(
            "Calendar file to keep updated",
            Input(s.ics_path, id="ics_path", placeholder="~/Calendars/threety.ics (blank: off)"),
            "Rewritten on every Mark sent; subscribe to it in your calendar program.",
        )

    def _text(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def values(self) -> dict[str, Any]:
        return {f: self._text(f) for f in ("your_name", "ics_path", *(k for k, _ in CADENCES))}

    def problems(self) -> dict[str, str]:
        found = {}
        for key, _ in CADENCES:
            value = self._text(key)
            if not (value.isdigit() and 1 <= int(value) <= 365):
                found[key] = "Enter a number of days from 1 to 365."
        ics = self._text("ics_path")
        if ics:
            path = Path(ics).expanduser()
            if path.suffix.lower() != ".ics":
                found["ics_path"] = "Use a file name ending in .ics."
            elif not path.parent.is_dir():
                found["ics_path"] = f"The folder {path.parent} does not exist."
        return found

    def result(self) -> Settings:
        ics = self._text("ics_path")
        return replace(
            self.settings,
            your_name=self._text("your_name"),
            ics_path=str(Path(ics).expanduser().resolve()) if ics else "",
            cadence_booster=int(self._text("cadence_booster")),
            cadence_obligate=int(self._text("cadence_obligate")),
            cadence_unknown=int(self._text("cadence_unknown")),
        )
