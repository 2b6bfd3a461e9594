"""A virtual list: renders only the rows on screen, so 10,000 contacts cost nothing.

Textual's `OptionList` measures every option up front (~0.4 s for 10,000) and
`ListView` builds a widget per item (~30 s). Here each row declares its height
and draws its own lines on demand (Line API), so setting 10,000 rows is a list
assignment and a prefix sum; a list whose rows all have the same height
(`row_lines`) needs no prefix sum at all (a row's place is arithmetic), and
asks nothing of a row that is not drawn: its rows may be built on demand by
the sequence it is given. A list whose rows wrap (`wraps`) gets the width
to measure them with, and measures again when its width changes. Rows that are
not `selectable` (section headers) are never where the cursor rests.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Sequence
from itertools import accumulate
from typing import Any, ClassVar, Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle

from threety_tui.widgets.wrapping import breaks

RowT = TypeVar("RowT")


class RowList(ScrollView, Generic[RowT], can_focus=True):
    """A keyboard- and mouse-driven list of rows of fixed, per-row heights."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor", "row-list--empty"}

    DEFAULT_CSS = """
    RowList {
        height: 1fr;
        overflow-x: hidden;
        background: $surface;
        & > .row-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus > .row-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .row-list--empty {
            color: $text-muted;
            text-style: italic;
        }
    }
    """

    class Highlighted(Message):
        """The cursor moved to a row (or the list became empty: `row` is None)."""

        def __init__(self, row_list: RowList[Any], row: Any, index: int | None) -> None:
            super().__init__()
            self.row_list = row_list
            self.row = row
            self.index = index

        @property
        def control(self) -> RowList[Any]:
            return self.row_list

    class Selected(Message):
        """Enter (or a click) on a row."""

        def __init__(self, row_list: RowList[Any], row: Any, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.row = row
            self.index = index

        @property
        def control(self) -> RowList[Any]:
            return self.row_list

    empty_text = "Nothing here yet."

    wraps = False
    """Row heights depend on the width: measured again when it changes."""

    row_lines: ClassVar[int | None] = None
    """Every row takes this many lines (`row_height` is then not asked)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: Sequence[RowT] = ()
        self._starts: list[int] = [0]
        self._cursor: int | None = None
        self._paint: tuple[int, int] | None = None
        """Content width and scroll offset, while a paint is under way."""
        self._blank_style: Style | None = None
        self._measured_width = 0
        """The width the row heights were measured at (lists that wrap)."""
        self._keep_view = False
        """`set_rows(near=True)` under way: the view scrolls only to keep the cursor in it."""

    # -- subclass hooks -----------------------------------------------------

    def row_height(self, row: RowT, width: int) -> int:
        """Lines the row takes at `width` (only lists that wrap look at it)."""
        return 1

    def selectable(self, row: RowT) -> bool:
        """Whether the cursor may rest on the row (not on a section header)."""
        return True

    def row_key(self, row: RowT) -> Hashable:
        return id(row)

    def find_key(self, rows: Sequence[RowT], key: Hashable) -> int | None:
        """The index of the row with key `key` in `rows` (a list may know a faster way)."""
        return next((i for i, r in enumerate(rows) if self.row_key(r) == key), None)

    def render_row_line(self, row: RowT, line: int, width: int) -> Content:
        return Content(str(row))

    # -- data ---------------------------------------------------------------

    @property
    def rows(self) -> Sequence[RowT]:
        return self._rows

    @property
    def cursor(self) -> int | None:
        return self._cursor

    @property
    def current(self) -> RowT | None:
        return self._rows[self._cursor] if self._cursor is not None else None

    def set_rows(
        self,
        rows: Sequence[RowT],
        *,
        keep: Hashable | None = None,
        near: bool = False,
        heights: Sequence[int] | None = None,
    ) -> None:
        """Replace the rows; the cursor goes to the row with key `keep` if present.

        Without `keep`, the cursor stays on the row it was on (by key), else the
        first row. With `near` (after an action on the row, which may have
        removed it), else the row that took its place, or the one above at the
        end; the view stays where it was, so the next key acts where one looks.
        `heights`: the rows' heights, measured already (off the UI thread, for a
        list that does not wrap).
        """
        old = self._cursor
        if keep is None and self.current is not None:
            keep = self.row_key(self.current)
        self._rows = rows
        self._measure(heights)
        index: int | None = None
        fallback = old if near and old is not None else 0
        if rows:
            index = fallback
            if keep is not None:
                found = self.find_key(rows, keep)
                index = found if found is not None else fallback
        self._cursor = None
        self._keep_view = near
        try:
            self.move_cursor(index, force=True)
        finally:
            self._keep_view = False
        self.refresh()

    def _measure(self, heights: Sequence[int] | None = None) -> None:
        """The prefix sum of row heights, at the current width for lists that wrap.

        A list that wraps and has no width yet (before its first layout, or
        hidden) counts a line a row: it is measured when it gets a width.
        """
        width = self._content_width() if self.wraps else 0
        self._measured_width = width
        if self.row_lines is not None:
            pass
        elif heights is not None and not self.wraps and len(heights) == len(self._rows):
            self._starts = [0, *accumulate(heights)]
        elif self.wraps and width <= 0:
            self._starts = list(range(len(self._rows) + 1))
        else:
            self._starts = [0, *accumulate(self.row_height(r, width) for r in self._rows)]
        self.virtual_size = Size(self.size.width, self._scroll_height())

    def _total_lines(self) -> int:
        return len(self._rows) * self.row_lines if self.row_lines else self._starts[-1]

    def _scroll_height(self) -> int:
        """The rows' height, and the blank lines that let the last screenful start with
        a row's first line (a view of 17 lines over two-line rows: one blank line)."""
        total, view = self._total_lines(), self.size.height if self.is_mounted else 0
        if view <= 0 or total <= view:
            return total
        return self._row_start_from(total - view) + view

    def _row_start_from(self, line: int) -> int:
        """The first line at or below `line` where a row starts."""
        if self.row_lines:
            return -(-line // self.row_lines) * self.row_lines
        return self._starts[bisect_left(self._starts, line)]

    def _span(self, index: int) -> tuple[int, int]:
        """(first line, lines) of the row at `index`."""
        if self.row_lines:
            return index * self.row_lines, self.row_lines
        top = self._starts[index]
        return top, self._starts[index + 1] - top

    def _row_at(self, line: int) -> tuple[int, int]:
        """(index, line within it) of the row drawn at `line` (below the last: past the end)."""
        if self.row_lines:
            return divmod(line, self.row_lines)
        index = bisect_right(self._starts, line) - 1
        return index, line - self._starts[index]

    def _content_width(self) -> int:
        """The width rows are drawn at (0 before the list has a size)."""
        return self.scrollable_content_region.width if self.is_mounted else 0

    def index_of(self, key: Hashable) -> int | None:
        """The index of the row with key `key`, if it is there."""
        return self.find_key(self._rows, key)

    def _nearest_selectable(self, index: int, step: int) -> int | None:
        """`index` if the cursor may rest there, else the next one in `step`'s direction.

        When there is none that way, the nearest one the other way.
        """
        rows = self._rows
        for direction in (step, -step):
            probe = index
            while 0 <= probe < len(rows):
                if self.selectable(rows[probe]):
                    return probe
                probe += direction
        return None

    def move_cursor(self, index: int | None, *, force: bool = False, step: int = 1) -> None:
        """Put the cursor on `index` (or the nearest selectable row, searching by `step`)."""
        if index is not None:
            index = max(0, min(index, len(self._rows) - 1)) if self._rows else None
        if index is not None:
            index = self._nearest_selectable(index, step)
        if index == self._cursor and not force:
            return
        old = self._cursor
        self._cursor = index
        for changed in (old, index):
            if changed is not None and changed < len(self._rows):
                self._refresh_row(changed)
        self.scroll_to_cursor()
        self._post(self.Highlighted(self, self.current, index))

    def _post(self, message: Message) -> None:
        """Post a message as sent by this list, whoever called the method.

        Textual takes a message's sender from the handler running when it is
        made, and stops its bubbling below the sender's parent. A cursor moved
        by the contacts pane's filter (in the pane's `Input.Changed` handler)
        would so never reach the screen: the search would filter the list while
        the timeline stayed on the person shown before.
        """
        message._sender = self
        self.post_message(message)

    def scroll_to_cursor(self) -> None:
        """Bring the cursor's row into view; the top of the list when it is on the
        first screen, so the section header above it shows too.

        Scrolling down stops where a row starts at the top: never the tail of a
        two-line row there (a contact's company with no name above it).
        """
        if self._cursor is None or not self.is_mounted or not self.size.height:
            return  # not laid out (a hidden tab): done again on the next resize
        top, height = self._span(self._cursor)
        bottom, view = top + height, self.size.height
        if bottom <= view and not self._keep_view:
            y = 0
        else:
            y = int(self.scroll_offset.y)
            if top < y or height >= view:
                y = top
            elif bottom > y + view:
                y = min(top, self._row_start_from(bottom - view))
        if y != int(self.scroll_offset.y):
            self.scroll_to(y=y, animate=False, force=True, immediate=True)

    def _refresh_row(self, index: int) -> None:
        top, height = self._span(index)
        self.refresh(Region(0, top - int(self.scroll_offset.y), self.size.width, height))

    def refresh_rows(self) -> None:
        """Redraw every visible row (their data changed, not their number)."""
        self.refresh()

    # -- rendering ----------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self.wraps and self._content_width() != self._measured_width:
            self._measure()
            self.refresh()
        else:
            self.virtual_size = Size(event.size.width, self._scroll_height())
        self.scroll_to_cursor()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Looked up once per paint, not once per line: each one walks the DOM.
        self._paint = (self.scrollable_content_region.width, int(self.scroll_offset.y))
        self._blank_style = None
        try:
            return super().render_lines(crop)
        finally:
            self._paint = None

    def _blank(self, width: int) -> Strip:
        if self._blank_style is None:
            self._blank_style = self.rich_style
        return Strip.blank(width, self._blank_style)

    def render_line(self, y: int) -> Strip:
        if self._paint is None:  # called on its own, outside a paint
            self._blank_style = None
            width, top = self.scrollable_content_region.width, int(self.scroll_offset.y)
        else:
            width, top = self._paint
        line_no = top + y
        if not self._rows:
            spans, _ = breaks(self.empty_text, max(1, width - 1), limit=line_no + 1)
            if line_no < len(spans):  # the hint wraps rather than being cut
                start, end = spans[line_no]
                style = self.get_visual_style("row-list--empty")
                content = Content(" " + self.empty_text[start:end]).truncate(width, pad=True)
                return Strip(self._segments(content, style), width)
            return self._blank(width)
        if line_no >= self._total_lines():
            return self._blank(width)
        index, offset = self._row_at(line_no)
        row = self._rows[index]
        if index == self._cursor:
            style = self.get_visual_style("row-list--cursor")
        else:
            style = self.get_visual_style()
        content = self.render_row_line(row, offset, width)
        content = content.truncate(width, ellipsis=True, pad=True)
        return Strip(self._segments(content, style), width).apply_meta({"row": index})

    def _segments(self, content: Content, base: VisualStyle) -> list[Segment]:
        """Segments with theme variables ($accent…) resolved and alpha blended."""
        return [
            Segment(text, (base + style).rich_style)
            for text, style in content.render(base, end="", parse_style=self._get_style)
        ]

    # -- actions ------------------------------------------------------------

    def _page(self) -> int:
        """Rows in about one screenful, from the cursor's row height."""
        height = self.scrollable_content_region.height
        if self._cursor is None:
            return 1
        row_height = self._span(self._cursor)[1]
        return max(1, height // max(1, row_height) - 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(0 if self._cursor is None else self._cursor - 1, step=-1)

    def action_cursor_down(self) -> None:
        self.move_cursor(0 if self._cursor is None else self._cursor + 1)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._rows) - 1, step=-1)

    def action_page_up(self) -> None:
        self.move_cursor((self._cursor or 0) - self._page(), step=-1)

    def action_page_down(self) -> None:
        self.move_cursor((self._cursor or 0) + self._page())

    def action_select(self) -> None:
        if self._cursor is not None and self._rows:
            self._post(self.Selected(self, self._rows[self._cursor], self._cursor))

    async def _on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("row")
        if index is None:
            return
        if not self.selectable(self._rows[index]):
            return  # a section header: the cursor stays where it is
        if index == self._cursor and event.chain >= 2:
            self.action_select()
        else:
            self.move_cursor(index)
