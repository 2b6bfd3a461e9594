"""The editor's text fields: they tell the editor about an edit directly.

Imported when the editor builds its fields, a moment after the first frame:
`TextArea` is the costliest widget module to import (~15 ms).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.css.query import NoMatches
from textual.geometry import Region
from textual.message import Message as TextualMessage
from textual.strip import Strip
from textual.widgets import Input, Select, TextArea


class _Direct:
    """Tell the editor about an edit by a direct call, not a bubbling `Changed`.

    A `Changed` message reaches the editor three containers up, after the
    keystroke's frame is painted, so the preview cost a second frame on every
    key. Called directly, the preview is redrawn in the same frame. Messages
    prevented with `prevent()` (the editor loading a draft) stay silent.
    """

    edited: Callable[[], None] | None = None
    _changed_type: ClassVar[type[TextualMessage]]

    def post_message(self, message: TextualMessage) -> bool:
        if type(message) is self._changed_type and self.edited is not None:
            if not self._is_prevented(self._changed_type):  # type: ignore[attr-defined]
                self.edited()
            return True
        return super().post_message(message)  # type: ignore[misc,no-any-return]


class PartInput(_Direct, Input):
    """A one-line field of the draft (subject, greeting)."""

    _changed_type = Input.Changed


class PartArea(_Direct, TextArea):
    """A compact, soft-wrapping text field that grows with its text."""

    _changed_type = TextArea.Changed

    _theme_applied = False

    def post_message(self, message: TextualMessage) -> bool:
        if type(message) is TextArea.SelectionChanged:
            return True  # sent on every keystroke and nobody listens: not queued at all
        return super().post_message(message)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._theme_applied = False

    def _on_resize(self) -> None:
        """Rewrap to the new width, then repaint every line.

        Lines painted at the new size before the rewrap stay on screen
        otherwise, cut at the old wrapping: words hidden until a key repaints
        the line (the cursor's line) or forever (the other fields).
        """
        super()._on_resize()
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Re-apply the theme's CSS only when the styles changed.

        `TextArea` re-applies it on every call, and every frame calls this for
        each of the five fields, the one typed in or not.
        """
        if self._theme_applied:
            return super(TextArea, self).render_lines(crop)
        self._theme_applied = True
        return super().render_lines(crop)

    def on_resize(self) -> None:
        """Repaint once rewrapped at the new width (`TextArea` rewraps on resize, after a
        frame drawn with the old wrap, and repaints only when its height changes: a word
        wrapped away at the old width stayed hidden, "...problems out" without "loud")."""
        self.refresh()

    DEFAULT_CSS = """
    PartArea {
        height: auto;
        min-height: 1;
        max-height: 8;
        padding: 0;
    }
    """

    def __init__(self, name: str, placeholder: str) -> None:
        super().__init__(
            id=f"part-{name}",
            soft_wrap=True,
            compact=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder=placeholder,
        )


class InsightPick(Select[str]):
    """The insight a draft is about: Textual's `Select`, safe to close while mounting.

    `Select` looks its overlay up when it is mounted. If the app closes while
    the editor's fields are being mounted (`q` right after the first `t`), the
    overlay is already gone by then and that look-up raised `NoMatches`, which
    ended the app with an error. Textual guards the same look-up elsewhere
    (`_watch_expanded`); here the mount handler is skipped when nothing is left
    to set up.
    """

    def _on_mount(self, event: events.Mount) -> None:
        try:
            self.query_one("SelectOverlay")  # by name: the class is private to Textual
        except NoMatches:
            event.prevent_default()  # Select's own handler would raise
