"""Export journey: where to write the Markdown, and whether for everyone or one person."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Select

from threety_tui.core.models import Contact
from threety_tui.core.text import visible
from threety_tui.screens.form import FormScreen

EVERYONE = "everyone"
CURRENT = "current"


@dataclass(frozen=True, slots=True)
class JourneyRequest:
    path: Path
    contact: Contact | None
    """Only this contact; None: everyone with a meeting or a message sent."""


Attempt = Callable[[JourneyRequest], str | None]
"""Writes the file; returns why it could not (shown under the path), or None."""


class JourneyForm(FormScreen[JourneyRequest]):
    """Dismisses with what was written (the caller's `attempt` wrote it)."""

    form_title = "Export journey (Markdown)"
    submit_on_enter = True

    def __init__(self, default: Path, contact: Contact | None, attempt: Attempt) -> None:
        super().__init__()
        self.default = default
        self.contact = contact
        self.attempt = attempt
        self._refused: tuple[dict[str, Any], str] | None = None

    def fields(self) -> ComposeResult:
        yield from self.field(
            "File",
            Input(str(self.default), id="file", placeholder="~/threety-journey.md"),
            "Per person: each piece of advice, what you did, what came of it, and the "
            "messages and replies, with dates. Read it before writing an update.",
        )
        choices = [("Everyone you met or wrote to", EVERYONE)]
        if self.contact is not None:
            choices.append((f"Only {visible(self.contact.name)}", CURRENT))
        yield from self.field(
            "Who", Select(choices, value=EVERYONE, allow_blank=False, id="who", compact=True)
        )

    def _text(self) -> str:
        return self.query_one("#file", Input).value.strip()

    def values(self) -> dict[str, Any]:
        return {"file": self._text(), "who": self.query_one("#who", Select).value}

    def problems(self) -> dict[str, str]:
        if not self._text():
            return {"file": "Enter where to write the file."}
        if self._refused is not None and self._refused[0] == self.values():
            return {"file": self._refused[1]}
        return {}

    def action_save(self) -> None:
        self._tried = True
        if self._show_problems():
            self.query_one("#file", Input).focus()
            return
        request = self.result()
        refused = self.attempt(request)
        if refused is None:
            self.dismiss(request)
            return
        self._refused = (self.values(), refused)
        self._show_problems()
        self.query_one("#file", Input).focus()

    def result(self) -> JourneyRequest:
        who = self.query_one("#who", Select).value
        path = Path(self._text()).expanduser().resolve()
        return JourneyRequest(path, self.contact if who == CURRENT else None)
