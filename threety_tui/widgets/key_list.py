"""A list of keys (or terms) and what they do, with hanging indents.

Each description wraps to the widget's width and its continuation lines line
up under its first word, never back at the left edge, whatever the width.
Used by the help screen and the editor's "No draft open" hint.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

Row = tuple[str, Content | str]
"""(key or term, what it does)."""


def hanging(rows: Sequence[Row], width: int, key_width: int, key_style: str) -> Content:
    """The rows laid out at `width`: keys in a column, descriptions wrapped beside them."""
    room = max(8, width - key_width)
    lines: list[Content] = []
    for key, text in rows:
        body = text if isinstance(text, Content) else Content(text)
        wrapped = body.wrap(room) if width > 0 else [body]
        label = Content.styled(key.ljust(key_width - 1)[: key_width - 1] + " ", key_style)
        if len(key) >= key_width:  # a long key: on a line of its own
            lines.append(Content.styled(key, key_style))
            label = Content(" " * key_width)
        lines.append(label + (wrapped[0] if wrapped else Content("")))
        lines.extend(Content(" " * key_width) + line for line in wrapped[1:])
    return Content("\n").join(lines)


class LaidOutText(Widget):
    """Text laid out for the widget's width by `_lay_out`, once per width: Textual
    measures the height and then draws at the same width, so each is laid out once."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._laid: tuple[int, Content] | None = None

    def _lay_out(self, width: int) -> Content:
        raise NotImplementedError

    def _laid_out(self, width: int) -> Content:
        if self._laid is None or self._laid[0] != width:
            self._laid = (width, self._lay_out(width))
        return self._laid[1]

    def render(self) -> Content:
        return self._laid_out(self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._laid_out(width).split("\n"))


class KeyList(LaidOutText):
    DEFAULT_CSS = """
    KeyList {
        height: auto;
    }
    """

    def __init__(
        self,
        rows: Sequence[Row],
        *,
        key_width: int = 10,
        key_style: str = "bold $accent",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.rows = list(rows)
        self.key_width = key_width
        self.key_style = key_style

    def _lay_out(self, width: int) -> Content:
        return hanging(self.rows, width, self.key_width, self.key_style)
