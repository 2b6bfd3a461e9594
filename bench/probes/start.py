"""Fresh-process probe: start an app headless, report when its first screen is painted.

    python start.py bare                 a bare Textual app with one Static
    python start.py threety DB           ThreetyApp on DB, until the main screen shows contacts

Prints one JSON line: `ready` (time.monotonic() when the first frame holding the
content was composed; the parent subtracts its own monotonic time at spawn, the
clock is system-wide) and `rss_kb` (peak resident memory at that moment, VmHWM).
Only Textual and threety are imported, so the probe adds nothing to the figure.
"""

from __future__ import annotations

import json
import sys
import time

from peak import peak_kb  # the probes' folder is on sys.path: they run as scripts

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

        def shown(screen: object) -> bool:
            return bool(app.screen.query(Static))

    elif mode == "threety":
        from threety_tui.app import ThreetyApp

        app = ThreetyApp(db_path=sys.argv[2])

        def shown(screen: object) -> bool:
            if type(screen).__name__ != "MainScreen":
                return False
            rows = app.screen.query_one("#contact-list").rows  # type: ignore[attr-defined]
            return len(rows) > 0 or not app.store.contacts()

    else:
        raise SystemExit(f"unknown mode {mode!r}")

    result: dict[str, float] = {}
    display = type(app)._display

    def _display(self: App[None], screen: object, renderable: object) -> None:
        display(self, screen, renderable)  # type: ignore[arg-type]
        if renderable is not None and not result and shown(screen):
            result["ready"] = time.monotonic()
            result["rss_kb"] = peak_kb()
            self.exit()

    type(app)._display = _display  # type: ignore[method-assign]
    app.run(headless=True, size=SIZE)
    if not result:
        raise SystemExit("the app exited before its first screen was painted")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
