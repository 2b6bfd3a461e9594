"""The email preview: plain text, wrapped to the pane for display, redrawn line by line.

Updated on every keystroke, so it only repaints the lines whose text changed
(a `Static` would re-render all of them), and re-wraps only the paragraphs
whose text changed (the others come from the last wrap at this width). The
wrapping is the core's (`mail_text.wrap_line`), for display only: the email
itself keeps one line per paragraph. Lines come made safe by `visible_lines`.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from threety_tui.core.mail_text import wrap_line


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
        self._wraps: dict[str, list[str]] = {}
        """Each paragraph's lines at `_width`, from the last wrap."""

    @property
    def text(self) -> str:
        """The text shown, unwrapped (one line per paragraph)."""
        return "\n".join(self._text_lines)

    def _wrapped(self, width: int) -> list[str]:
        if width <= 0:  # not laid out yet
            return list(self._text_lines)
        last = self._wraps if width == self._width else {}
        wraps: dict[str, list[str]] = {}
        shown: list[str] = []
        for line in self._text_lines:
            pieces = wraps.get(line) or last.get(line)
            if pieces is None:
                pieces = wrap_line(line, width)
            wraps[line] = pieces
            shown.extend(pieces)
        self._wraps = wraps
        return shown

    def _rewrap(self, width: int) -> list[str] | None:
        """The lines wrapped at `width`, which becomes the width they are at; None if
        they are at it already. (`_wrapped` reuses the last wrap only at `_width`:
        it must run before `_width` changes.)"""
        if width == self._width:
            return None
        shown = self._wrapped(width)
        self._width = width
        return shown

    def show(self, text: str) -> None:
        self._text_lines = text.split("\n")
        self._redraw(self._wrapped(self._width))

    def _redraw(self, shown: list[str], *, whole: bool = False) -> None:
        """Repaint what changed: every line when the count changed, else the lines that did."""
        if len(shown) != len(self._shown):
            self._shown = shown
            self.refresh(layout=True)
            return
        changed = [
            y for y, (old, new) in enumerate(zip(self._shown, shown, strict=True)) if old != new
        ]
        self._shown = shown
        if whole:
            self.refresh()
            return
        for y in changed:
            self.refresh(Region(0, y, self.size.width, 1))

    def on_resize(self, event: events.Resize) -> None:
        # The text's width, not `event.size` (the whole widget, border and padding
        # included): wrapped at that, the text came out short by four columns, took
        # another layout and was wrapped again when drawn.
        shown = self._rewrap(self.size.width)
        if shown is not None:
            self._redraw(shown, whole=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        shown = self._rewrap(width)
        if shown is not None:
            self._shown = shown
        return len(self._shown)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        # Laid out at another width without a Resize (a scrollbar came or went while
        # a dialog was on top): wrap for the width drawn at.
        shown = self._rewrap(width) if width > 0 else None
        if shown is not None:
            count, self._shown = len(self._shown), shown
            if len(shown) != count:
                self.refresh(layout=True)
        style = self.rich_style
        if y >= len(self._shown):
            return Strip.blank(width, style)
        line = self._shown[y]
        if cell_len(line) > width:  # a line of one cell: nothing to break at
            line = set_cell_size(line, max(0, width - 1)) + "…"
        return Strip([Segment(line, style)]).extend_cell_length(width, style)
