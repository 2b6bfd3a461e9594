"""`threety demo`: write the demo database, then open it."""

from __future__ import annotations

import argparse
import stat
import tempfile
from pathlib import Path

from threety_tui.core import demo
from threety_tui.core.dates import today
from threety_tui.core.errors import DatabaseError
from threety_tui.core.store import Store


def run(args: argparse.Namespace) -> int:
    db = getattr(args, "db", None)
    if db:
        path = Path(db).expanduser()
        if _has_content(path):
            raise DatabaseError(path, "is not empty; the demo only writes a new or empty file")
    else:
        path = Path(tempfile.mkdtemp(prefix="threety-demo-")) / "threety.json"
    with Store.open(path) as store:
        if store.contacts() or store.all_meetings():
            raise DatabaseError(path, "is not empty; the demo only writes a new or empty file")
        demo.populate(store, today())
    print(f"Demo database written to {path}")
    if args.no_open:
        return 0
    from threety_tui.cli.app import open_app

    return open_app(path)


def _has_content(path: Path) -> bool:
    """A non-empty regular file; anything unreadable is left for `Store.open` to report."""
    try:
        st = path.stat()
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size > 0
