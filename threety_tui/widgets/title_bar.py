"""The main screen's title bar: Textual's `Header`, drawn by one widget.

`Header` is four widgets (icon, title, clock space) with their own CSS, all
styled before the first frame; this draws the same line itself. Clicking the
icon opens the command palette, as it does in `Header`.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

from threety_tui.core.text import visible

ICON = " 3TY "


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._retitled, init=False)
        self.watch(self.app, "sub_title", self._retitled, init=False)

    def _retitled(self) -> None:
        self.refresh()

    def render(self) -> Content:
        """The icon at the left, the title centred (in cells: a path may hold wide ones)."""
        app = self.app
        text = f"{app.title} — {app.sub_title}" if app.sub_title else app.title
        room = max(0, self.size.width - 2 * len(ICON))
        title = Content(visible(text)).truncate(room, ellipsis=True)
        return Content.assemble(ICON, " " * ((room - title.cell_length) // 2), title)

    def on_click(self, event: events.Click) -> None:
        if event.x < len(ICON):
            self.app.action_command_palette()
