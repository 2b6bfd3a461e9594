"""A screen's title bar: Textual's `Header`, drawn by one widget.

`Header` is four widgets (icon, title, clock space) with their own CSS, all
styled before the first frame; this draws the same line itself: the screen's
title when it has one, else the app's, then the app's sub-title. Clicking the
icon opens the command palette, as it does in `Header`.

`Header` also watches the app's title from every screen it is on, and Textual
drops a watcher only when the app closes: each agenda opened kept its header
(four widgets) for good. Only the main screen's bar, which lives as long as
the app, follows the app's title here (`follow_app`); a screen opened for a
while reads it when it draws.
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

    def __init__(self, *, follow_app: bool = True) -> None:
        super().__init__()
        self._follow_app = follow_app

    def on_mount(self) -> None:
        if self._follow_app:
            self.watch(self.app, "title", self._retitled, init=False)
            self.watch(self.app, "sub_title", self._retitled, init=False)
        self.watch(self.screen, "title", self._retitled, init=False)

    def _retitled(self) -> None:
        self.refresh()

    def render(self) -> Content:
        """The icon at the left, the title centred (in cells: a path may hold wide ones)."""
        app = self.app
        name = self.screen.title if self.screen.title is not None else app.title
        text = f"{name} — {app.sub_title}" if app.sub_title else name
        room = max(0, self.size.width - 2 * len(ICON))
        title = Content(visible(text)).truncate(room, ellipsis=True)
        return Content.assemble(ICON, " " * ((room - title.cell_length) // 2), title)

    def on_click(self, event: events.Click) -> None:
        if event.x < len(ICON):
            self.app.action_command_palette()
