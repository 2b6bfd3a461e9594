"""`threety` with no command: open the app on the database."""

from __future__ import annotations

import argparse
from pathlib import Path

from threety_tui.core.paths import resolve_db_path
from threety_tui.core.store import Store


def run(args: argparse.Namespace) -> int:
    return open_app(resolve_db_path(args.db))


def open_app(path: Path) -> int:
    # Open the store first so a bad file is reported before Textual starts. Only
    # contacts are read now; the app reads the rest right after its first frame
    # (a file damaged there stops the app with the same one-line error).
    store = Store.open(path, autoflush=False, defer=True)
    from threety_tui.app import ThreetyApp

    app = ThreetyApp(db_path=path, store=store)
    app.run()
    if app.fatal is not None:
        raise app.fatal
    return app.return_code or 0
