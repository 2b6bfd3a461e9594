"""`threety import mail PATH [--dry-run]`: replies from a Maildir folder or an mbox file.

The mailbox is read (From and Date only) before the database is opened, so a
path that is neither never touches it. The import is one write; `--dry-run`
opens the database read-only and prints the same report.
"""

from __future__ import annotations

import argparse

from threety_tui.cli.database import DRY_RUN_NOTE
from threety_tui.core.dates import today
from threety_tui.core.io import mail
from threety_tui.core.paths import resolve_db_path
from threety_tui.core.store import Store


def import_mail(args: argparse.Namespace) -> int:
    scan = mail.read_mail(args.file)
    path = resolve_db_path(args.db)
    with Store.open(path, readonly=args.dry_run) as store:
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
