"""`threety import linkedin|vcard|json FILE [--dry-run]` and `threety export json|csv FILE`.

(`import mail` is in replies.py.)

The input file is read and checked before the database is opened, so bad input
never creates or touches it. An import is one write; `--dry-run` opens the
database read-only and prints the same report.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from threety_tui.core.errors import DatabaseError
from threety_tui.core.io import backup
from threety_tui.core.io.merge import apply_import, plan_import, read_contacts, report_lines
from threety_tui.core.paths import resolve_db_path
from threety_tui.core.store import Store

DRY_RUN_NOTE = "Dry run: nothing was written."


def run_import(args: argparse.Namespace) -> int:
    if args.format == "json":
        return _restore(args)
    if args.format == "mail":
        from threety_tui.cli.replies import import_mail

        return import_mail(args)
    parsed = read_contacts(args.format, Path(args.file).expanduser())
    path = resolve_db_path(args.db)
    with Store.open(path, readonly=args.dry_run) as store:
        plan = plan_import(store, parsed)
        if not args.dry_run:
            apply_import(store, plan)
    for line in report_lines(plan):
        print(line)
    if args.dry_run:
        print(DRY_RUN_NOTE)
    elif not plan.has_changes:
        print(f"Nothing to change in {path}.")
    else:
        print(f"Saved to {path}.")
    return 0


def _restore(args: argparse.Namespace) -> int:
    source = Path(args.file).expanduser()
    restored = backup.read_backup(source)
    path = resolve_db_path(args.db)
    with Store.open(path, readonly=args.dry_run) as store:
        backup.check_empty(store)
        if not args.dry_run:
            backup.restore_backup(store, restored)
    counts = ", ".join(f"{n} {name}" for name, n in restored.counts.items())
    if args.dry_run:
        print(f"{source.name} is a valid backup ({counts}); it would be restored into {path}.")
        print(DRY_RUN_NOTE)
    else:
        print(f"Restored {counts} from {source.name} into {path}.")
    return 0


def _database_to_export(args: argparse.Namespace) -> Path:
    """The database path; a typo must not quietly export an empty backup."""
    path = resolve_db_path(args.db)
    if not path.exists():
        raise DatabaseError(path, "does not exist, so there is nothing to export")
    return path


def export_json(args: argparse.Namespace) -> int:
    target = Path(args.file).expanduser()
    with Store.open(_database_to_export(args), readonly=True) as store:
        written = backup.export_json(store, target)
    counts = ", ".join(f"{n} {name}" for name, n in written.counts.items())
    print(f"Backup of {counts} written to {target}.")
    return 0


def export_csv(args: argparse.Namespace) -> int:
    target = Path(args.file).expanduser()
    with Store.open(_database_to_export(args), readonly=True) as store:
        count = backup.export_csv(store, target)
    print(f"{count} contact{'s' if count != 1 else ''} written to {target}.")
    return 0
