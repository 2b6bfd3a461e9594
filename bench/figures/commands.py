"""The scripting commands (`due`, `stats`) and the LinkedIn import, in fresh processes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.figures import Bench
from bench.procs import log, probe_plain, spawn, threety_command
from bench.report import Row, median, ratio_row, seconds, unavailable, verdict

COMMAND_RATIO = 1.5
BASELINE = "import sys, json, tinydb\njson.load(open(sys.argv[1], 'rb'))"
"""Python, TinyDB and reading the whole file: the least a command reading it can do."""


def command_rows(bench: Bench) -> list[Row]:
    size = bench.largest
    db = bench.dbs[size]
    commands = ("due", "stats")
    ours: dict[str, list[float]] = {c: [] for c in commands}
    base: list[float] = []
    log(f"threety {' and '.join(commands)}, interleaved with the json.load baseline")
    for _ in range(bench.runs):
        base.append(spawn([sys.executable, "-c", BASELINE, str(db)])[1])
        for command in commands:
            ours[command].append(spawn([*threety_command(), command, "--db", str(db)])[1])
    bench.notes.append(
        f"`due`, `stats`: the installed command, a fresh process, wall time, median of"
        f" {bench.runs}; baseline `python -c 'import json, tinydb; json.load(open(FILE, \"rb\"))'`"
        f" (interleaved); `due` never imports pendulum, so neither does the baseline"
    )
    return [
        ratio_row(
            f"`threety {command}`, {size:,} contacts",
            median(ours[command]),
            median(base),
            COMMAND_RATIO,
            seconds,
        )
        for command in commands
    ]


def import_linkedin(csv_path: Path, db: Path, result: Path) -> tuple[float, int]:
    """`threety import linkedin CSV --db DB --yes` into a new database; (wall s, writes).

    `--yes`: an import of more than 10,000 contacts asks first (issue 11).
    """
    for stale in (db, db.with_name(db.name + ".lock")):
        stale.unlink(missing_ok=True)
    _, wall, _ = probe_plain(
        "count_writes.py", result, "import", "linkedin", csv_path, "--db", db, "--yes"
    )
    return wall, int(json.loads(result.read_text())["writes"])


def count_contacts(db: Path) -> int:
    """Contacts in a database file, read as the TinyDB JSON it is."""
    return len(json.loads(db.read_bytes()).get("contacts", {}))


def import_rows(bench: Bench) -> list[Row]:
    rows = bench.csv_rows
    figure = f"import of a {rows:,}-row LinkedIn CSV (one write)"
    target = "≤ 3 s, 1 write"
    runs = max(1, min(bench.runs, 3))
    log("threety import linkedin")
    walls, writes = [], []
    try:
        for run in range(runs):
            db = bench.out / f"import-{run}.json"
            wall, wrote = import_linkedin(bench.csv_path, db, bench.out / "import-result.json")
            walls.append(wall)
            writes.append(wrote)
            contacts = count_contacts(db)
            if contacts != rows:
                bench.notes.append(
                    f"import: {contacts:,} contacts in the database for {rows:,} rows"
                )
    except Exception as error:  # the importer is missing or broken: say so, go on
        return [unavailable(figure, target, f"{type(error).__name__}: {error}", bench.notes)]
    wall = median(walls)
    count = max(writes)
    bench.notes.append(
        f"import: median of {runs} runs into a new database; writes per run {writes}"
    )
    return [
        Row(
            figure,
            f"{seconds(wall)}, {count} write{'s' if count != 1 else ''}",
            "—",
            "—",
            target,
            verdict(wall <= 3 and count == 1),
        )
    ]
