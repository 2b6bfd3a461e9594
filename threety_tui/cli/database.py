"""Opening the database for a command, and telling the user what was found in it.

One rule for damage, in every command: a damaged record is skipped, named once
on stderr (one line each, at most `MAX_NAMED`), and left in the file byte for
byte; only a file that cannot be read as a whole stops the command (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from threety_tui.core.paths import resolve_db_path
from threety_tui.core.store import Store
from threety_tui.core.text import visible

MAX_NAMED = 20


@contextmanager
def open_store(
    args: argparse.Namespace, *, readonly: bool, must_exist: bool = False, scan: bool = False
) -> Iterator[Store]:
    """The database of `--db`; damage found while the command ran is named at the end.

    `must_exist`: a missing file is an error (a reader with a mistyped path
    must not report "nothing due"). `scan`: look at every record before the
    command goes on (a command that writes the file names what it keeps).
    """
    path = resolve_db_path(args.db)
    with Store.open(path, readonly=readonly, must_exist=must_exist) as store:
        for kept in store.kept:
            say(f"{store.path}: a save was interrupted; what it was saving is kept in {kept}")
        if scan:
            store.scan()
        try:
            yield store
        finally:
            report_damage(store)


def left_to_the_exit(store: Store, args: argparse.Namespace) -> None:
    """Let the process's exit free what a command read, not the interpreter.

    A command that read the whole file (85 MB as ~1.5 million objects at
    10,000 contacts) spent ~60 ms freeing them one by one on its way out, and
    the exit frees the memory at once anyway. When the process ends next (run
    as the command, not called with arguments by a test or a script), the
    closed store is put in a cycle the collector never looks at (`gc.freeze`),
    so nothing frees it.
    """
    import gc

    if not getattr(args, "process_ends", False):
        return
    holder: list[object] = [store]
    holder.append(holder)
    gc.freeze()


def report_damage(store: Store) -> None:
    """Each damaged record found, once, on stderr."""
    damaged = store.damaged
    for problem in list(damaged.values())[:MAX_NAMED]:
        say(f"{store.path}: {problem}; skipped (kept in the file as it is)")
    if len(damaged) > MAX_NAMED:
        say(f"{store.path}: {len(damaged) - MAX_NAMED} more damaged records skipped")


def say(line: str) -> None:
    print(f"threety: {visible(line)}", file=sys.stderr)


DRY_RUN_NOTE = "Dry run: nothing was written."
"""What an import with --dry-run says last (contacts, backups and replies alike)."""
