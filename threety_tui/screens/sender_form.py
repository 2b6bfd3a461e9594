"""First run: who signs the drafts. Asked once, on the first draft with no name set.

Saving gives the name and the closing line; escape skips, and threety does not
ask again (Settings has both fields; the checklist's Signed item keeps saying
a draft is unsigned).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Static

from threety_tui.core.models import DEFAULT_SIGN_OFF, Settings
from threety_tui.core.text import one_line
from threety_tui.screens.form import FormScreen

INTRO = (
    "Your emails end with a closing line and your name. Who are they from? "
    "Asked once; Settings (ctrl+p) changes it later."
)


class SenderForm(FormScreen[tuple[str, str]]):
    """Dismisses with (name, sign-off), or None when skipped."""

    form_title = "Who signs your emails?"
    submit_on_enter = True

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def fields(self) -> ComposeResult:
        yield Static(INTRO, classes="form-note")
        yield from self.field(
            "Your name",
            Input(
                one_line(self.settings.your_name), id="your_name", placeholder="First and last name"
            ),
            "Under the closing line of every draft.",
        )
        yield from self.field(
            "Sign-off",
            Input(
                one_line(self.settings.sign_off) or DEFAULT_SIGN_OFF,
                id="sign_off",
                placeholder=DEFAULT_SIGN_OFF,
            ),
            "The closing line above your name: Best wishes, Thanks, Kind regards.",
        )

    def _text(self, field_id: str) -> str:
        return one_line(self.query_one(f"#{field_id}", Input).value)

    def values(self) -> dict[str, Any]:
        return {"your_name": self._text("your_name"), "sign_off": self._text("sign_off")}

    def problems(self) -> dict[str, str]:
        if not self._text("your_name"):
            return {"your_name": "Type your name, or press escape to leave drafts unsigned."}
        return {}

    def result(self) -> tuple[str, str]:
        return self._text("your_name"), self._text("sign_off") or DEFAULT_SIGN_OFF
