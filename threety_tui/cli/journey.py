"""`threety export journey FILE [--contact NAME]`: the journey as Markdown."""

from __future__ import annotations

import argparse
from pathlib import Path

from threety_tui.cli.database import open_store
from threety_tui.core import journey
from threety_tui.core.dates import today
from threety_tui.core.text import plain


def export_journey(args: argparse.Namespace) -> int:
    """Like every reader: damaged records are skipped and named, kept files said (`open_store`)."""
    target = Path(args.file).expanduser()
    with open_store(args, readonly=True, must_exist=True) as store:
        count = journey.export_journey(store, target, today(), contact=args.contact)
    people = "contact" if count == 1 else "contacts"
    print(f"Journey of {count} {people} written to {plain(str(target))}.")
    return 0
