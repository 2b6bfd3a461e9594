"""Fresh-process probe: start an app headless, report when its first screen is painted.

    python start.py bare                 a bare Textual app with one Static
    python start.py threety DB           ThreetyApp on DB, until a frame shows contacts

Prints one JSON line: `ready` (time.monotonic() when the first frame holding the
content was done, turned into terminal output as a real terminal's driver does:
see `frames.on_frames`; the parent subtracts its own monotonic time at spawn,
the clock is system-wide) and `rss_kb` (peak resident memory then, VmHWM).
"Shows contacts" is read from the frame's own output: a generated contact's
name is in it. Only Textual and threety (and the bench's name lists) are imported.
"""

from __future__ import annotations

import json
import sys
import time

from frames import on_frames, shows_a_name  # the probes' folder is on sys.path
from proc import peak_kb

SIZE = (160, 50)


def main() -> None:
    mode = sys.argv[1]
    if mode == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("Hello, world")

        app: App[None] = Bare()

        def shown(text: str) -> bool:
            return "Hello, world" in text

    elif mode == "threety":
        from threety_tui.app import ThreetyApp

        app = ThreetyApp(db_path=sys.argv[2])
        shown = shows_a_name
    else:
        raise SystemExit(f"unknown mode {mode!r}")

    result: dict[str, float] = {}

    def frame(done: float, text: str) -> None:
        if not result and shown(text):
            result["ready"] = time.monotonic()
            result["rss_kb"] = peak_kb()
            app.exit()

    on_frames(app, frame)
    app.run(headless=True, size=SIZE)
    if not result:
        raise SystemExit("the app exited before a frame showed its content")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
