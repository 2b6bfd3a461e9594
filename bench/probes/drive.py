"""Driving threety as a user does, through Pilot and keys only."""

from __future__ import annotations

from typing import Any

from settle import settled  # the probes' folder is on sys.path: they run as scripts

TRIES = 12


async def open_draft(app: Any, pilot: Any) -> Any:
    """Press `t` (draft the thank-you) on contacts until a draft opens to type in.

    Returns the focused text field (a `TextArea`). `t` on a contact whose
    thank-you already went out shows it read-only; then back out, move down
    a contact and try again. Waits for the app to settle each time (a new
    draft is saved in the background).
    """
    from textual.widgets import TextArea

    for _ in range(TRIES):
        await pilot.press("t")
        await settled(app, quiet=0.15)
        await pilot.pause()
        focused = app.focused
        if isinstance(focused, TextArea) and not focused.read_only:
            return focused
        await pilot.press("escape", "escape", "escape", "down")
        await settled(app, quiet=0.1)
    raise SystemExit(f"`t` opened no draft to type in on {TRIES} contacts")


def preview_text(app: Any) -> str | None:
    """The live preview's text, or None when there is no such widget.

    App internal (the editor's `#preview` and its `text`): the one place a
    probe looks inside threety. Without it the key-to-frame figure falls back
    to the field typed in, and says so.
    """
    try:
        preview = app.screen.query_one("#preview")
    except Exception:
        return None
    text = getattr(preview, "text", None)
    return text if isinstance(text, str) else None
