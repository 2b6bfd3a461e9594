"""Stats: the follow-through score, counts by kind, reply rates, the meetings not thanked
and who never answered."""

from __future__ import annotations

import re
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from threety_tui.core.stats import Summary, report_lines
from threety_tui.core.text import visible_lines
from threety_tui.widgets import wrapping
from threety_tui.widgets.key_bar import KeyBar
from threety_tui.widgets.wrapping import Line

HANG = re.compile(r"^(\s*[^:]{1,40}:\s+)(\S.*)$")
"""A line "  Thank-yous within 24 h:  3 of 5": wrapped, it goes on under the value."""


def hanging(line: str) -> Line:
    """A report line whose wrapped part starts under its value (or its own text)."""
    found = HANG.match(line)
    if found is not None:
        head, body = found.group(1), found.group(2)
    else:
        body = line.lstrip(" ")
        head = line[: len(line) - len(body)]
    return Line(((head, ""),), ((body, ""),), limit=8)


class Report(Widget):
    """The report, each line wrapped under itself (a hanging indent), not at the edge."""

    DEFAULT_CSS = """
    Report {
        height: auto;
    }
    """

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self._lines = [hanging(line) for line in lines]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return wrapping.height(self._lines, width)

    def render(self) -> Content:
        return Content("\n").join(wrapping.render(self._lines, self.size.width))


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
            yield Report(visible_lines("\n".join(report_lines(self.summary))).split("\n"))
        yield KeyBar()  # the dialog's keys, not the main screen's under it

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).border_title = "Stats · esc to close"
