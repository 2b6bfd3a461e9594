"""The email preview: plain text, wrapped to the pane for display, redrawn line by line.

Updated on every keystroke, so it only repaints the lines whose text changed
(a `Static` would re-render all of them). Lines come made safe by
`visible_lines`. For display only (the email itself is never changed): a line
the composer broke at 72 columns is joined to the next, then each paragraph is
wrapped at a space to the preview's width, and a word longer than the whole
width is cropped with an ellipsis.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

MAIL_WIDTH = 72
"""Where the composer breaks lines (`core.compose.WRAP`)."""


def unwrap(lines: list[str], width: int = MAIL_WIDTH) -> list[str]:
    """Join the lines a `width`-column wrap broke: the next word would not have fit.

    A line break the writer meant (a sign-off's "Best wishes," then the name)
    leaves room for the next word, so it stays.
    """
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line:
            first = line.split(" ", 1)[0]
            if len(out[-1]) + 1 + len(first) > width:
                out[-1] = f"{out[-1]} {line}"
                continue
        out.append(line)
    return out


def wrap_line(line: str, width: int) -> list[str]:
    """One line of the email as it shows in `width` cells: wrapped at spaces."""
    if width <= 0 or cell_len(line) <= width:
        return [line]
    out: list[str] = []
    rest = line
    while cell_len(rest) > width:
        cut = rest.rfind(" ", 0, width + 1)
        if cut <= 0:  # one word wider than the preview: cropped on screen
            out.append(set_cell_size(rest, max(0, width - 1)) + "…")
            rest = ""
            break
        out.append(rest[:cut])
        rest = rest[cut + 1 :]
    if rest or not out:
        out.append(rest)
    return out


class EmailPreview(Widget):
    DEFAULT_CSS = """
    EmailPreview {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text_lines: list[str] = []
        self._shown: list[str] = []
        """The lines as drawn: `_text_lines` wrapped to `_width`."""
        self._width = 0

    @property
    def text(self) -> str:
        return "\n".join(self._text_lines)

    def _wrapped(self, width: int) -> list[str]:
        lines = unwrap(self._text_lines)
        return [part for line in lines for part in wrap_line(line, width)]

    def show(self, text: str) -> None:
        self._text_lines = text.split("\n")
        shown = self._wrapped(self._width)
        if len(shown) != len(self._shown):
            self._shown = shown
            self.refresh(layout=True)
            return
        changed = [
            y for y, (old, new) in enumerate(zip(self._shown, shown, strict=True)) if old != new
        ]
        self._shown = shown
        for y in changed:
            self.refresh(Region(0, y, self.size.width, 1))

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            shown = self._wrapped(self._width)
            if len(shown) != len(self._shown):
                self._shown = shown
                self.refresh(layout=True)
            else:
                self._shown = shown
                self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if width != self._width:
            self._width = width
            self._shown = self._wrapped(width)
        return len(self._shown)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.rich_style
        if y >= len(self._shown):
            return Strip.blank(width, style)
        line = self._shown[y]
        if cell_len(line) > width:
            line = set_cell_size(line, max(0, width - 1)) + "…"
        return Strip([Segment(line, style)]).extend_cell_length(width, style)
