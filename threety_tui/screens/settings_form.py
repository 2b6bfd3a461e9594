"""Settings: your name and sign-off, cadences by kind, the calendar file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input

from threety_tui.core.models import DEFAULT_SIGN_OFF, Settings
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
            Input(one_line(s.your_name), id="your_name", placeholder="First and last name"),
            "Signs your drafts, under the closing line; drafts still open are signed too.",
        )
        yield from self.field(
            "Sign-off",
            Input(one_line(s.sign_off), id="sign_off", placeholder=DEFAULT_SIGN_OFF),
            "The closing line above your name: Best wishes, Thanks, Kind regards.",
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
        fields = ("your_name", "sign_off", "ics_path", *(k for k, _ in CADENCES))
        return {f: self._text(f) for f in fields}

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
            your_name=one_line(self._text("your_name")),
            sign_off=one_line(self._text("sign_off")) or DEFAULT_SIGN_OFF,
            ics_path=str(Path(ics).expanduser().resolve()) if ics else "",
            cadence_booster=int(self._text("cadence_booster")),
            cadence_obligate=int(self._text("cadence_obligate")),
            cadence_unknown=int(self._text("cadence_unknown")),
        )
