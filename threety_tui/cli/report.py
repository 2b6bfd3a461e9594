"""`threety stats`: the follow-through score, counts, reply rates, the meetings not thanked
and who never answered."""

from __future__ import annotations

import argparse
import json

from threety_tui.cli.database import left_to_the_exit, open_store
from threety_tui.core import stats
from threety_tui.core.dates import today
from threety_tui.core.db.collector import gc_paused
from threety_tui.core.text import json_text, visible_lines


def run(args: argparse.Namespace) -> int:
    # As `due`: the whole database as objects free of cycles, then the process
    # ends; the collector would only walk them over and over, and freeing them
    # one by one would only delay the exit.
    with gc_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    now = today()
    with open_store(args, readonly=True, must_exist=True) as store:
        summary = stats.from_store(store, now)
    left_to_the_exit(store, args)
    if args.json:
        print(json_text(json.dumps(summary.to_doc(), indent=2, ensure_ascii=False)))
    else:
        print(visible_lines("\n".join(stats.report_lines(summary))))
    return 0
