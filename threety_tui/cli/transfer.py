"""`threety import linkedin|vcard|json FILE [--dry-run] [--yes]` and `threety export json|csv FILE`.

(`import mail` is in replies.py.)

The input file is read and checked before the database is opened, so bad input
never creates or touches it. An import is one write; `--dry-run` opens the
database read-only and prints the same report. An import that would add more
than `rows.CONFIRM_ABOVE` contacts asks first; without a terminal to ask on,
it needs `--yes`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from threety_tui.cli.database import DRY_RUN_NOTE, open_store
from threety_tui.core.errors import InputError
from threety_tui.core.io import backup
from threety_tui.core.io.merge import apply_import, plan_import, read_contacts, report_lines
from threety_tui.core.io.rows import CONFIRM_ABOVE
from threety_tui.core.paths import resolve_db_path
from threety_tui.core.store import Store
from threety_tui.core.text import visible


def run_import(args: argparse.Namespace) -> int:
    if args.format == "json":
        return _restore(args)
    if args.format == "mail":
        from threety_tui.cli.replies import import_mail

        return import_mail(args)
    parsed = read_contacts(args.format, Path(args.file).expanduser())
    path = resolve_db_path(args.db)
    if _must_ask(args, len(parsed.rows)):  # before anything is created or locked
        with Store.open(path, readonly=True) as preview:
            count = len(plan_import(preview, parsed).added)
        _confirm(args, count, f"add {count:,} contacts to {path}")
        args.yes = True  # asked: the import itself goes ahead
    with open_store(args, readonly=args.dry_run, scan=not args.dry_run) as store:
        plan = plan_import(store, parsed)
        if not args.dry_run:
            _confirm(args, len(plan.added), f"add {len(plan.added):,} contacts to {path}")
            apply_import(store, plan)
    for line in report_lines(plan):
        print(visible(line))
    if args.dry_run:
        print(DRY_RUN_NOTE)
    elif not plan.has_changes:
        print(f"Nothing to change in {visible(str(path))}.")
    else:
        print(f"Saved to {visible(str(path))}.")
    return 0


def _restore(args: argparse.Namespace) -> int:
    source = Path(args.file).expanduser()
    restored = backup.read_backup(source)
    path = resolve_db_path(args.db)
    count = len(restored.contacts)
    if _must_ask(args, count):  # before anything is created or locked
        with Store.open(path, readonly=True) as preview:
            backup.check_empty(preview)
        _confirm(args, count, f"restore {count:,} contacts into {path}")
        args.yes = True
    with open_store(args, readonly=args.dry_run) as store:
        backup.check_empty(store)
        if not args.dry_run:
            count = len(restored.contacts)
            _confirm(args, count, f"restore {count:,} contacts into {path}")
            backup.restore_backup(store, restored)
    counts = ", ".join(f"{n} {name}" for name, n in restored.counts.items())
    name, where = visible(source.name), visible(str(path))
    if args.dry_run:
        print(f"{name} is a valid backup ({counts}); it would be restored into {where}.")
        print(DRY_RUN_NOTE)
    else:
        print(f"Restored {counts} from {name} into {where}.")
    return 0


def _must_ask(args: argparse.Namespace, most: int) -> bool:
    """An import of up to `most` contacts may need confirming (see `_confirm`).

    Asked before the database is opened for writing: a refused import must
    not leave a new empty database (and its lock file) behind.
    """
    return not args.dry_run and most > CONFIRM_ABOVE and not getattr(args, "yes", False)


def _confirm(args: argparse.Namespace, count: int, what: str) -> None:
    """Ask before a large import; `InputError` (nothing written) when not confirmed."""
    if count <= CONFIRM_ABOVE or getattr(args, "yes", False):
        return
    refusal = (
        f"Not done: this would {visible(what)} (more than {CONFIRM_ABOVE:,});"
        " run it again with --yes if that is what you want"
    )
    if not sys.stdin.isatty():
        raise InputError(refusal)
    try:
        answer = input(f"This would {visible(what)}. Go ahead? [y/N] ")
    except EOFError:
        answer = ""
    if answer.strip().lower() not in ("y", "yes"):
        raise InputError(refusal)


def export_json(args: argparse.Namespace) -> int:
    target = Path(args.file).expanduser()
    with open_store(args, readonly=True, must_exist=True) as store:
        written = backup.export_json(store, target)
    counts = ", ".join(f"{n} {name}" for name, n in written.counts.items())
    print(f"Backup of {counts} written to {visible(str(target))}.")
    return 0


def export_csv(args: argparse.Namespace) -> int:
    target = Path(args.file).expanduser()
    with open_store(args, readonly=True, must_exist=True) as store:
        count = backup.export_csv(store, target)
    print(f"{count} contact{'s' if count != 1 else ''} written to {visible(str(target))}.")
    return 0
