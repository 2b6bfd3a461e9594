"""`threety stats`: the follow-through score, counts, and who has heard nothing."""

from __future__ import annotations

import argparse
import json
import re

from threety_tui.core import stats
from threety_tui.core.dates import today
from threety_tui.core.paths import resolve_db_path
from threety_tui.core.store import Store

_C1 = re.compile("[\x7f-\x9f]")


def run(args: argparse.Namespace) -> int:
    now = today()
    with Store.open(resolve_db_path(args.db), readonly=True) as store:
        summary = stats.from_store(store, now)
    if args.json:
        text = json.dumps(summary.to_doc(), indent=2, ensure_ascii=False)
        # JSON escapes C0 controls itself; escape C1 too so none reaches a terminal.
        print(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
    else:
        print("\n".join(stats.report_lines(summary)))
    return 0
