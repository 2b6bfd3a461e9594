"""`threety import mail PATH [--dry-run]`: replies from a Maildir folder or an mbox file.

The mailbox is read (From and Date only) before the database is opened, so a
path that is neither never touches it. The database must exist, as for `due`
and `stats` (exit 2 otherwise): replies recorded into a new, empty database
would answer nothing, and a mistyped --db must not pass for "nothing to record".
The import is one write; `--dry-run` opens the database read-only and prints the
same report.
"""

from __future__ import annotations

import argparse

from threety_tui.cli.database import DRY_RUN_NOTE, open_store
from threety_tui.core.dates import today
from threety_tui.core.io import mail


def import_mail(args: argparse.Namespace) -> int:
    scan = mail.read_mail(args.file)
    with open_store(args, readonly=args.dry_run, must_exist=True) as store:
        path = store.path
        plan = mail.plan_replies(store, scan, today())
        if not args.dry_run:
            mail.apply_replies(store, plan)
    for line in mail.report_lines(plan):
        print(line)
    if args.dry_run:
        print(DRY_RUN_NOTE)
    elif not plan.has_changes:
        print(f"Nothing to change in {path}.")
    else:
        print(f"Saved to {path}.")
    return 0
