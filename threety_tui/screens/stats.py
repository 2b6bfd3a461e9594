"""Stats: the follow-through score, counts by kind, and who has heard nothing."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from threety_tui.core.stats import Summary, report_lines
from threety_tui.core.text import visible_lines
from threety_tui.widgets.key_bar import KeyBar


class StatsScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    StatsScreen {
        align: center middle;
        & > VerticalScroll {
            width: 84; max-width: 100%; height: auto; max-height: 90%;
            border: thick $primary 70%; background: $surface; padding: 1 2;
        }
        & #score { text-style: bold; margin-bottom: 1; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "dismiss", "Close")]

    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        overall = self.summary.score.overall
        score = "no meetings to score yet" if overall is None else f"{overall:.0%}"
        with VerticalScroll():
            yield Static(
                Content.assemble("Follow-through score: ", Content.styled(score, "$accent bold")),
                id="score",
            )
            yield Static(Content(visible_lines("\n".join(report_lines(self.summary)))))
        yield KeyBar()  # the dialog's keys, not the main screen's under it

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).border_title = "Stats · esc to close"
