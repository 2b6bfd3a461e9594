"""A compositor that repaints only the widgets under what changed.

Textual's compositor paints a partial update (a key typed, a cursor blink)
by asking every widget whose *container* overlaps the changed area to render
itself: every widget at the top of the screen (title bar, key bar, panes)
and every widget in the changed widget's container. A key typed in the 3TY
editor's highlight field re-rendered ~28 widgets (every other field and
label, the checklist, the hint, the containers), ~2 ms a key, while only the
field and a line of the preview changed. This one renders only the widgets
that paint a cell of the update: front to back, a widget whose visible part
overlaps a changed line where no widget in front has painted yet (a
container wholly behind its fields is skipped), and of it only the rows
from the first to the last such line. The frame written to the terminal is
the same, for a fraction of the work.

It replaces two methods of `textual._compositor.Compositor`, a private class:
pyproject pins Textual's minor version, and tests/app/test_app_repaint.py
compares every partial update with a full repaint, so a change in Textual
that breaks it fails there.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip


class LeanCompositor(Compositor):
    """`Compositor`, with a partial update rendering only the widgets and rows it changes."""

    def __init__(self) -> None:
        super().__init__()
        self._changed: tuple[Region, ...] | None = None
        """The regions of the partial update being rendered (None outside one)."""

    def render_partial_update(self) -> ChopsUpdate | None:
        self._changed = tuple(self._dirty_regions)
        try:
            return super().render_partial_update()
        finally:
            self._changed = None

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        changed = self._changed
        if not changed or crop is None:
            yield from super()._get_renders(crop)  # a full repaint, a screenshot
            return
        # Per changed line, the cuts (where a widget starts or ends) that the update
        # writes to the terminal and no widget has painted yet: `ChopsUpdate` writes
        # each cut that touches a changed span, and the frontmost widget's wins.
        cuts = self.cuts
        spans: dict[int, list[tuple[int, int]]] = {}
        for y, x1, x2 in self._regions_to_spans(changed):
            if 0 <= y < len(cuts):
                spans.setdefault(y, []).append((x1, x2))
        unpainted = {
            y: {
                cut
                for cut, end in pairwise(cuts[y])
                if any(cut < x2 and end > x1 for x1, x2 in line_spans)
            }
            for y, line_spans in spans.items()
        }
        for widget, (region, clip) in self.visible_widgets.items():  # front to back
            shown = region.intersection(clip)
            left, right = shown.x, shown.right
            lines = [
                y
                for y in range(max(shown.y, 0), shown.bottom)
                if y in unpainted and any(left <= cut < right for cut in unpainted[y])
            ]
            if not lines:
                continue  # covered, or nothing of it changed: what is on screen stays
            # The widget's rows from the first to the last line it paints, across its
            # visible width; given as the clip, so the caller places them from the top.
            top = lines[0]
            rows = Region(left, top, shown.width, lines[-1] + 1 - top)
            strips = widget.render_lines(rows.translate(-region.offset))
            for y in lines:
                # Painted from here on: the cuts its line reaches (a short line leaves
                # the rest to the widgets behind it, as in `_render_chops`).
                reach = left + strips[y - top].cell_length
                line_cuts = cuts[y]
                unpainted[y] -= {
                    cut
                    for cut, end in pairwise(line_cuts)
                    if left <= cut and end <= min(right, reach)
                }
            yield region, rows, strips
