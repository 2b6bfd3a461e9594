"""`threety` with no command: open the app on the database.

After the app exits, anything that is not in the database is said on the
terminal, with exit code 3: a last save that failed (the changes are in a
fallback file, which the next start offers to restore), or changes diverted
to `<db>.unsaved-…` because the file changed on disk. When the user chose to
restore kept changes at start, the app closes the database, they are put
back (`core.db.recovery.restore`) and the app opens again.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from threety_tui.core.db import recovery
from threety_tui.core.paths import resolve_db_path
from threety_tui.core.store import Store
from threety_tui.core.text import visible

EXIT_UNSAVED = 3
EXIT_LOST = 4


def run(args: argparse.Namespace) -> int:
    return open_app(resolve_db_path(args.db))


def open_app(path: Path) -> int:
    while True:
        # Open the store first so a bad file is reported before Textual starts. Only
        # contacts are read now; the app reads the rest right after its first frame
        # (a file damaged there stops the app with the same one-line error).
        store = Store.open(path, autoflush=False, defer=True)
        from threety_tui.app import ThreetyApp

        app = ThreetyApp(db_path=path, store=store)
        app.run()
        app.finish()  # the last save, written while Textual closed
        if app.fatal is not None:
            raise app.fatal
        code = tell_after_exit(app.unsaved, lost=app.store.changes_lost)
        if app.restore_request is None or code:
            return code or app.return_code or 0
        recovery.restore(app.restore_request)
        print(f"threety: restored the changes kept in {visible(str(app.restore_request.file))}.")


def tell_after_exit(unsaved: list[str], *, lost: bool = False) -> int:
    """Say on the terminal what is not in the database; the exit code to end with:
    `EXIT_UNSAVED` (kept in another file), `EXIT_LOST` (kept nowhere)."""
    for sentence in unsaved:
        print(f"threety: {visible(sentence)}", file=sys.stderr)
    if lost:
        return EXIT_LOST
    return EXIT_UNSAVED if unsaved else 0
