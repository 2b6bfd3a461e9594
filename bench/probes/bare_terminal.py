"""A bare Textual app for a real terminal: one Static, `q` quits.

    python bare_terminal.py

The quit baseline (`bench/quitting.py` runs it in a pseudo-terminal): how long
Textual itself takes from a key to a process that is gone.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("Hello, world")


if __name__ == "__main__":
    Bare().run()
