"""The email preview: plain text, redrawn line by line.

Updated on every keystroke, so it only repaints the lines whose text changed
(a `Static` would re-render all of them). Lines come already wrapped by the
composer at 72 columns and made safe with `visible_lines`; a longer line (a
long URL, say) is cropped with an ellipsis on screen, never in the email.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget


class EmailPreview(Widget):
    DEFAULT_CSS = """
    EmailPreview {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[str] = []

    @property
    def text(self) -> str:
        return "\n".join(self._lines)

    def show(self, text: str) -> None:
        lines = text.split("\n")
        if len(lines) != len(self._lines):
            self._lines = lines
            self.refresh(layout=True)
            return
        width = self.size.width
        changed = [
            y for y, (old, new) in enumerate(zip(self._lines, lines, strict=True)) if old != new
        ]
        self._lines = lines
        for y in changed:
            self.refresh(Region(0, y, width, 1))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.rich_style
        if y >= len(self._lines):
            return Strip.blank(width, style)
        line = self._lines[y]
        if cell_len(line) > width:
            line = set_cell_size(line, max(0, width - 1)) + "…"
        return Strip([Segment(line, style)]).extend_cell_length(width, style)
