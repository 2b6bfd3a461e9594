"""`threety export ics FILE`: the follow-ups, updates and nudges as an iCalendar file."""

from __future__ import annotations

import argparse

from threety_tui.cli.database import open_store
from threety_tui.core.dates import today
from threety_tui.core.io import ics
from threety_tui.core.text import visible


def export_ics(args: argparse.Namespace) -> int:
    with open_store(args, readonly=True, must_exist=True) as store:
        written = ics.write_calendar(store, args.file, today())
    items = [item for item in written if not item.cancelled]
    ended = len(written) - len(items)
    count = len(items)
    where = visible(str(args.file))
    if count:
        what = "reminder" if count == 1 else "reminders"
        kinds = "follow-ups and updates"
        if any(item.nudge is not None for item in items):
            kinds = "follow-ups, updates and nudges about meeting requests"
        print(f"Wrote {count} {what} ({kinds}) to {where}.")
    else:
        print(f"Wrote {where} with no reminders: no follow-up or update is scheduled yet.")
    if ended:
        were, them = ("reminder that", "it") if ended == 1 else ("reminders that", "them")
        print(
            f"Also {ended} {were} ended lately, marked cancelled: a calendar that imports "
            f"the file again removes {them}."
        )
    return 0
