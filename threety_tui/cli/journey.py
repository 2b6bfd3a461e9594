"""`threety export journey FILE [--contact NAME]`: the journey as Markdown."""

from __future__ import annotations

import argparse
from pathlib import Path

from threety_tui.core import journey
from threety_tui.core.dates import today
from threety_tui.core.errors import DatabaseError
from threety_tui.core.paths import resolve_db_path
from threety_tui.core.store import Store
from threety_tui.core.text import plain


def export_journey(args: argparse.Namespace) -> int:
    path = resolve_db_path(args.db)
    if not path.exists():
        raise DatabaseError(path, "does not exist, so there is nothing to export")
    target = Path(args.file).expanduser()
    with Store.open(path, readonly=True) as store:
        count = journey.export_journey(store, target, today(), contact=args.contact)
    people = "contact" if count == 1 else "contacts"
    print(f"Journey of {count} {people} written to {plain(str(target))}.")
    return 0
