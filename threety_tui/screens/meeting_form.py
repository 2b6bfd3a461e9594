"""Log or edit a meeting: when, channel, notes, and the insights (one favourite)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Select, Static, TextArea

from threety_tui.core.dates import parse_date, relative, short
from threety_tui.core.errors import InputError
from threety_tui.core.models import Channel, Contact, Insight, Meeting
from threety_tui.core.text import one_line, plain, visible
from threety_tui.screens.form import FormScreen

TIME = re.compile(r"^([01]?\d|2[0-3])(?::([0-5]\d))?$")
FUTURE_DAYS = 0
"""Meetings are logged after they happen: one dated tomorrow would get a thank-you "today"."""


class InsightField(Horizontal):
    """One insight: a favourite star, the text, and a remove button."""

    def __init__(self, insight: Insight) -> None:
        super().__init__(classes="insight-field")
        self.insight = insight
        self.favourite = insight.favourite

    def compose(self) -> ComposeResult:
        yield Input(
            one_line(self.insight.text),
            placeholder="A piece of advice they gave (enter adds another)",
            classes="insight-text",
            compact=True,
        )
        yield Button(
            self._star(),
            classes="favourite",
            compact=True,
            tooltip="Mark as the favourite (ctrl+f)",
        )
        yield Button("✕", classes="remove", compact=True, tooltip="Remove this insight")

    def _star(self) -> str:
        return "★" if self.favourite else "☆"

    def set_favourite(self, on: bool) -> None:
        self.favourite = on
        self.query_one(".favourite", Button).label = self._star()
        self.set_class(on, "-favourite")

    def on_mount(self) -> None:
        self.set_class(self.favourite, "-favourite")

    @property
    def text(self) -> str:
        return self.query_one(".insight-text", Input).value.strip()

    def value(self) -> Insight:
        return replace(self.insight, text=self.text, favourite=self.favourite)


class MeetingForm(FormScreen[Meeting]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "add_insight", "Add insight", priority=True),
        Binding("ctrl+f", "favourite", "Favourite", priority=True),
    ]

    def __init__(self, contact: Contact, today: date, meeting: Meeting | None = None) -> None:
        super().__init__()
        self.today = today
        self.meeting = meeting or Meeting(contact_id=contact.id, when=today)
        self.form_title = (
            f"Edit meeting with {visible(contact.name)}"
            if meeting
            else f"Log meeting with {visible(contact.name)}"
        )

    def fields(self) -> ComposeResult:
        m = self.meeting
        when = m.when.isoformat() if m.id else "today"
        yield from self.field(
            "When *",
            Input(when, id="when", placeholder="today, yesterday, tuesday, 3 days ago, 2026-11-20"),
        )
        yield from self.field(
            "Time", Input(m.time, id="time", placeholder="optional, 14:30"), "Optional."
        )
        yield from self.field(
            "Channel",
            Select(
                [(c.value.capitalize(), c.value) for c in Channel],
                value=m.channel.value,
                allow_blank=False,
                id="channel",
            ),
        )
        yield from self.field("Notes", TextArea(plain(m.notes), id="notes", compact=True))
        with Vertical(id="insights"):
            yield Static(
                Content.assemble(
                    Content.styled("Insights", "bold"),
                    Content.styled(
                        "  the advice you got; ★ the one you found most interesting",
                        "$foreground-muted",
                    ),
                ),
                classes="form-label",
            )
            insights = m.insights or (Insight(""),)
            if not any(i.favourite for i in insights):
                insights = (replace(insights[0], favourite=True), *insights[1:])
            for insight in insights:
                yield InsightField(insight)
            yield Button("+ Add insight (ctrl+n)", id="add-insight", compact=True)
            yield Static(id="error-insights", classes="form-error")

    # -- insights -------------------------------------------------------------

    def _insight_fields(self) -> list[InsightField]:
        return list(self.query(InsightField))

    @on(Button.Pressed, "#add-insight")
    async def action_add_insight(self) -> None:
        field = InsightField(Insight("", favourite=not self._insight_fields()))
        await self.query_one("#insights").mount(field, before="#add-insight")
        field.query_one(Input).focus()

    @on(Input.Submitted, ".insight-text")
    async def _next_insight(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()  # the form's own Enter handling must not run too
        fields = self._insight_fields()
        if event.input.value.strip() and event.input.parent is fields[-1]:
            await self.action_add_insight()
        else:
            self.focus_next()

    @on(Button.Pressed, ".favourite")
    def _favourite(self, event: Button.Pressed) -> None:
        event.stop()
        self._make_favourite(event.button.parent)

    def action_favourite(self) -> None:
        """ctrl+f: the insight being typed becomes the favourite."""
        focused = self.focused
        chosen = focused.parent if focused is not None else None
        if isinstance(chosen, InsightField):
            self._make_favourite(chosen)

    def _make_favourite(self, chosen: object) -> None:
        for field in self._insight_fields():
            field.set_favourite(field is chosen)
        self._edited_insights()

    @on(Button.Pressed, ".remove")
    async def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        field = event.button.parent
        assert isinstance(field, InsightField)
        was_favourite = field.favourite
        await field.remove()
        remaining = self._insight_fields()
        if was_favourite and remaining:
            remaining[0].set_favourite(True)
        self._edited_insights()

    def _edited_insights(self) -> None:
        self._touched.add("insights")
        self._show_problems()

    # -- form -----------------------------------------------------------------

    def _when(self) -> date:
        return parse_date(self.query_one("#when", Input).value, self.today)

    def values(self) -> dict[str, Any]:
        return {
            "when": self.query_one("#when", Input).value.strip(),
            "time": self.query_one("#time", Input).value.strip(),
            "channel": self.query_one("#channel", Select).value,
            "notes": self.query_one("#notes", TextArea).text,
            "insights": [(f.text, f.favourite) for f in self._insight_fields()],
        }

    def problems(self) -> dict[str, str]:
        found = {}
        try:
            when = self._when()
        except InputError as error:
            found["when"] = str(error)
        else:
            if when > self.today + timedelta(days=FUTURE_DAYS):
                found["when"] = (
                    f"{short(when, self.today)} is {relative(when, self.today)}: log a meeting once it has happened."
                )
        if (time := self.query_one("#time", Input).value.strip()) and not TIME.match(time):
            found["time"] = "Use 24-hour time like 09:30 or 14:00, or leave it blank."
        texts = [f.text for f in self._insight_fields()]
        if len(set(t.casefold() for t in texts if t)) < len([t for t in texts if t]):
            found["insights"] = "Two insights say the same thing."
        return found

    def _show_problems(self) -> dict[str, str]:
        found = super()._show_problems()
        if "when" not in found:
            hint = self.query_one("#error-when", Static)
            when = self._when()
            hint.update(
                Content.styled(
                    f"→ {short(when, self.today)} ({relative(when, self.today)})",
                    "$foreground-muted",
                )
            )
        return found

    def on_mount(self) -> None:
        super().on_mount()
        self._show_problems()

    def result(self) -> Meeting:
        time = self.query_one("#time", Input).value.strip()
        if match := TIME.match(time):
            time = f"{int(match.group(1)):02d}:{match.group(2) or '00'}"
        insights = [f.value() for f in self._insight_fields() if f.text]
        if insights and not any(i.favourite for i in insights):
            insights[0] = replace(insights[0], favourite=True)
        channel = self.query_one("#channel", Select).value
        return replace(
            self.meeting,
            when=self._when(),
            time=time,
            channel=Channel(channel) if isinstance(channel, str) else Channel.OTHER,
            notes=self.query_one("#notes", TextArea).text.strip(),
            insights=tuple(insights),
        )
