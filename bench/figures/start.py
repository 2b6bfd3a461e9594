"""Process start to the first frame that shows contacts, against a bare Textual app."""

from __future__ import annotations

import statistics
from pathlib import Path

from bench.figures import Bench
from bench.procs import log, probe
from bench.report import Row, ratio_row, seconds

START_RUNS = 11
"""Rounds at least (a round is a few seconds): fresh processes vary the most."""


def limit_for(contacts: int) -> float:
    """Issue 14: ≤ 1.5x at 2,000 contacts, ≤ 2.0x at 10,000, ≤ 2.5x at 50,000."""
    if contacts <= 2_000:
        return 1.5
    return 2.0 if contacts <= 10_000 else 2.5


def rows(bench: Bench) -> tuple[list[Row], float]:
    """The rows, and the peak RSS at the first frame of the largest history database."""
    runs = bench.runs if bench.smoke else max(bench.runs, START_RUNS)
    cases: dict[str, tuple[int, Path]] = {
        f"{size:,} contacts": (size, db) for size, db in sorted(bench.dbs.items())
    }
    large = max(bench.linkedin)
    cases[f"{large:,} LinkedIn contacts"] = (large, bench.linkedin[large])
    bare: list[float] = []
    app: dict[str, list[float]] = {name: [] for name in cases}
    rss: list[float] = []
    for run in range(runs):
        log(f"start-up, round {run + 1} of {runs}")
        start, _, out = probe("start.py", "bare")
        bare.append(out["ready"] - start)
        for name, (_, db) in cases.items():
            start, _, out = probe("start.py", "threety", db)
            app[name].append(out["ready"] - start)
            if db == bench.dbs[bench.largest]:
                rss.append(out["rss_kb"])
    base = statistics.median(bare)
    found = []
    for name, (size, _) in cases.items():
        paired = [ours / bare_run for ours, bare_run in zip(app[name], bare, strict=True)]
        found.append(
            ratio_row(
                f"first frame, {name}",
                statistics.median(app[name]),
                base,
                limit_for(size),
                seconds,
                ratio=statistics.median(paired),
            )
        )
    bench.notes.append(
        f"first frame: {runs} rounds of fresh processes (headless, 160x50), each a bare app (one"
        " `Static`) then each database; from spawn to the end of the first frame whose output shows"
        " a contact's name (frames are turned into terminal output as a terminal's driver does);"
        " the ratio is the median of each round's ratio to its own bare run"
    )
    return found, statistics.median(rss)
