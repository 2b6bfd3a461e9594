"""The draft's checklist: one item per check, wrapped between items, never inside "✓ Signed"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

# The checklist's items come with a draft: compose is imported after the first frame.
if TYPE_CHECKING:
    from threety_tui.core import compose

GAP = "  "


def pieces(items: tuple[compose.CheckItem, ...]) -> list[Content]:
    """Green ticks for what is there, amber with a hint for what is missing."""
    found: list[Content] = []
    for item in items:
        if item.ok:
            found.append(Content.styled(f"✓ {item.name}", "$success"))
        else:
            found.append(
                Content.assemble(
                    Content.styled(f"! {item.name}:", "$warning bold"), " ", item.detail
                )
            )
    return found


def packed(items: tuple[compose.CheckItem, ...], width: int) -> Content:
    """The items on as few lines as fit `width`; an item starts a line rather than split.

    A long amber hint wider than `width` still wraps inside itself.
    """
    lines: list[Content] = []
    line: Content | None = None
    for piece in pieces(items):
        if line is None:
            line = piece
        elif width and line.cell_length + len(GAP) + piece.cell_length > width:
            lines.append(line)
            line = piece
        else:
            line = Content.assemble(line, GAP, piece)
    if line is not None:
        lines.append(line)
    return Content("\n").join(lines)


class Checklist(Widget):
    """Shows `compose.CheckItem`s; re-packs them when its width changes."""

    DEFAULT_CSS = "Checklist { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: tuple[compose.CheckItem, ...] = ()

    def show(self, items: tuple[compose.CheckItem, ...]) -> None:
        self._items = items
        self.clear_cached_dimensions()
        self.refresh(layout=True)

    def render(self) -> Content:
        return packed(self._items, self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not width or not self._items:
            return 0
        return len(packed(self._items, width).wrap(width))
