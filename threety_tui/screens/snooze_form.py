"""Small forms for next steps: snooze (until when, and why) and the benefit of advice."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Static, TextArea

from threety_tui.core.dates import parse_date, relative, short
from threety_tui.core.errors import InputError
from threety_tui.core.models import Insight
from threety_tui.core.rules import Reminder, step_words
from threety_tui.core.text import plain, visible
from threety_tui.screens.form import FormScreen


class SnoozeForm(FormScreen[tuple[date, str]]):
    """Move a next step to later: 1 day, 1 week, or a date; with an optional reason."""

    submit_on_enter = True

    def __init__(self, reminder: Reminder, name: str, today: date) -> None:
        super().__init__()
        self.reminder = reminder
        self.today = today
        self.base = max(today, reminder.due)
        """Snoozing counts from today, or from the due date if that is later."""
        self.form_title = f"Snooze {step_words(reminder, visible(name))}"

    def fields(self) -> ComposeResult:
        yield from self.field(
            "Until",
            Input(
                self._from_base(1),
                id="until",
                placeholder="tomorrow, friday, next week, 2026-12-01",
            ),
        )
        with Horizontal(id="snooze-quick"):
            yield Button("1 day", id="snooze-day", compact=True)
            yield Button("1 week", id="snooze-week", compact=True)
        yield from self.field(
            "Reason (optional)",
            Input(id="reason", placeholder="waiting for their reply"),
            "Shown in the timeline next to the step.",
        )

    def _from_base(self, days: int) -> str:
        if self.base == self.today:
            return "tomorrow" if days == 1 else f"in {days} days"
        return (self.base + timedelta(days=days)).isoformat()

    @on(Button.Pressed, "#snooze-day")
    def _day(self) -> None:
        self.query_one("#until", Input).value = self._from_base(1)
        self.query_one("#reason", Input).focus()

    @on(Button.Pressed, "#snooze-week")
    def _week(self) -> None:
        self.query_one("#until", Input).value = self._from_base(7)
        self.query_one("#reason", Input).focus()

    def _until(self) -> date:
        return parse_date(self.query_one("#until", Input).value, self.today, future=True)

    def values(self) -> dict[str, Any]:
        return {f: self.query_one(f"#{f}", Input).value for f in ("until", "reason")}

    def problems(self) -> dict[str, str]:
        try:
            until = self._until()
        except InputError as error:
            return {"until": str(error)}
        if until <= self.base:
            if self.base == self.today:
                return {"until": "Snooze to a day after today."}
            return {"until": f"It is due {short(self.base, self.today)}: snooze to a later day."}
        return {}

    def _show_problems(self) -> dict[str, str]:
        found = super()._show_problems()
        if "until" not in found:
            until = self._until()
            self.query_one("#error-until", Static).update(
                Content.styled(
                    f"→ {short(until, self.today)} ({relative(until, self.today)})",
                    "$foreground-muted",
                )
            )
        return found

    def on_mount(self) -> None:
        super().on_mount()
        self._show_problems()

    def result(self) -> tuple[date, str]:
        return self._until(), self.query_one("#reason", Input).value.strip()


class BenefitForm(FormScreen[str]):
    """What came of acting on a piece of advice: it feeds the follow-up."""

    def __init__(self, insight: Insight) -> None:
        super().__init__()
        self.insight = insight
        self.form_title = "What came of acting on this advice?"

    def fields(self) -> ComposeResult:
        yield Static(
            Content.assemble("Advice: ", Content(visible(self.insight.text)).stylize("italic"))
        )
        yield from self.field(
            "Benefit",
            TextArea(plain(self.insight.benefit), id="benefit", compact=True),
            "e.g. Reading the trade press has made me far more fluent in the field's vocabulary.",
        )

    def values(self) -> dict[str, Any]:
        return {"benefit": self.query_one("#benefit", TextArea).text}

    def result(self) -> str:
        return " ".join(self.query_one("#benefit", TextArea).text.split())
