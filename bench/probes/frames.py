"""Frames as a terminal gets them, and what they show.

Everything here that reaches into Textual's internals is in `on_frames`, so
that the probes themselves use only public behaviour (`ThreetyApp(db_path=...)`,
Pilot, keys) and keep working while the app's screens change.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(1, str(Path(__file__).resolve().parents[2]))  # the repository: `bench.pools`

from bench import pools

_FIRST, _LAST = "|".join(pools.FIRST_NAMES), "|".join(pools.LAST_NAMES)
NAMES = re.compile(rf"\b(?:{_FIRST}) (?:{_LAST})\b")
"""A generated contact's name: every database and CSV the bench makes uses these."""

Frame = Callable[[float, str], None]
"""Called after each frame: (time.perf_counter() when it was done, its terminal output)."""


def on_frames(app: Any, callback: Frame) -> None:
    """Call `callback` after every frame `app` paints.

    Textual internal: `App._display` is where a frame goes to the terminal (it
    returns at once for a headless app). Headless, this also turns the frame
    into the bytes a terminal would be sent (`render_segments`, the work the
    real driver does), so a frame costs here what it costs in a terminal and
    its text can be searched (`shows_a_name`). Wrapped on the instance only.
    """
    from textual._compositor import CompositorUpdate

    display = app._display

    def _display(screen: object, renderable: object) -> None:
        display(screen, renderable)
        if renderable is None or app._batch_count:
            return  # nothing was drawn
        text = ""
        if app.is_headless and isinstance(renderable, CompositorUpdate):
            text = renderable.render_segments(app.console)
        callback(time.perf_counter(), text)

    app._display = _display


def shows_a_name(text: str) -> bool:
    """Does this frame's output show a contact (a generated name)?"""
    return NAMES.search(text) is not None
