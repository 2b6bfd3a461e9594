"""Quitting at any moment: the real `threety` in a pseudo-terminal, `q` at set moments."""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from bench.figures import Bench
from bench.procs import PROBES, log, threety_command
from bench.report import Row, median, seconds, verdict
from bench.terminal import NAMES, Terminal

LIMIT_S = 0.3
GONE_WITHIN = 60.0
BARE_READY = re.compile(rb"Hello, world")
FORM = re.compile(rb"Add contact")
EDIT_NAME = "Zed Quitprobe"
TABLES = ("contacts", "meetings", "messages")


def quit_once(
    argv: list[str], ready: re.Pattern[bytes], moment: float, edit: str = ""
) -> dict[str, Any]:
    """Start `argv` in a terminal, wait for its first frame, optionally add a contact
    named `edit` through the keys (a, the name, ctrl+s, until its "Added" notice shows),
    then press q `moment` seconds after the first frame (or right after the edit, if
    that took longer). Returns when q was pressed (after the first frame), how long
    the process took to be gone after it, and its exit status.
    """
    with Terminal(argv) as term:
        first = term.wait_for(ready, timeout=GONE_WITHIN)
        if edit:
            since = term.offset
            term.send(b"a")
            term.wait_for(FORM, since=since)
            term.wait_quiet(0.1)  # the form has taken focus
            since = term.offset
            term.send(edit.encode())
            term.wait_for(re.compile(re.escape(edit.encode())), since=since)
            since = term.offset
            term.send(b"\x13")  # ctrl+s
            term.wait_for(re.compile(b"Added " + re.escape(edit.encode())), since=since)
        time.sleep(max(0.0, first + moment - time.monotonic()))
        pressed = term.send(b"q")
        gone = term.wait_gone(GONE_WITHIN)
        return {
            "first_s": first - term.started,
            "at_s": pressed - first,
            "quit_s": None if gone is None else gone - pressed,
            "status": term.status,
        }


def digests(path: Path, *, without: str = "") -> dict[str, str]:
    """A digest of each table's documents (contacts named `without` left out)."""
    data = json.loads(path.read_bytes())
    found = {}
    for table in TABLES:
        docs = {
            k: v for k, v in data.get(table, {}).items() if not without or v.get("name") != without
        }
        found[table] = hashlib.sha256(json.dumps(docs, sort_keys=True).encode()).hexdigest()
    found["edited"] = str(sum(v.get("name") == without for v in data.get("contacts", {}).values()))
    return found


def rows(bench: Bench) -> list[Row]:
    size = bench.largest
    db = bench.dbs[size]
    original = hashlib.sha256(db.read_bytes()).hexdigest()
    bare_argv = [sys.executable, str(PROBES / "bare_terminal.py")]
    rounds = max(1, min(bench.runs, 3))
    plain: dict[float, list[float | None]] = {m: [] for m in bench.moments}
    bare: dict[float, list[float | None]] = {m: [] for m in bench.moments}
    first, first_bare = [], []
    changed = 0
    for round_ in range(rounds):
        for moment in bench.moments:
            log(f"quit: round {round_ + 1} of {rounds}, q {moment:g} s after the first frame")
            run = quit_once(bare_argv, BARE_READY, moment)
            bare[moment].append(run["quit_s"])
            first_bare.append(run["first_s"])
            work = bench.work_copy(db, "quit")
            run = quit_once([*threety_command(), "--db", str(work)], NAMES, moment)
            plain[moment].append(run["quit_s"])
            first.append(run["first_s"])
            if hashlib.sha256(work.read_bytes()).hexdigest() != original:
                changed += 1

    expected = digests(db)
    edited: dict[float, dict[str, Any]] = {}
    lost = 0
    for moment in bench.moments:
        log(f"quit after an edit: q {moment:g} s after the first frame")
        work = bench.work_copy(db, "quit")
        run = quit_once([*threety_command(), "--db", str(work)], NAMES, moment, EDIT_NAME)
        after = digests(work, without=EDIT_NAME)
        run["kept"] = after["edited"] == "1" and all(after[t] == expected[t] for t in TABLES)
        lost += not run["kept"]
        edited[moment] = run

    def worst(runs: dict[float, list[float | None]]) -> tuple[float, float]:
        """(the slowest quit, its moment); a quit that never came counts as forever."""
        pairs = [(float("inf") if q is None else q, m) for m, qs in runs.items() for q in qs]
        return max(pairs)

    slow, slow_at = worst(plain)
    slow_bare, _ = worst(bare)
    slow_edit, slow_edit_at = worst({m: [r["quit_s"]] for m, r in edited.items()})

    def at(runs: dict[float, list[float | None]]) -> str:
        return ", ".join(
            f"{m:g} s: {median([q if q is not None else float('inf') for q in qs]):.2f} s"
            for m, qs in runs.items()
        )

    bench.notes.append(
        f"quit: the real `threety --db` (a copy of the {size:,}-contact database) in a 160x50"
        f" pseudo-terminal; the first frame is the first output showing a contact's name"
        f" (median {median(first):.2f} s after spawn; bare app {median(first_bare):.2f} s); `q`"
        f" is pressed that long after it, and the time runs to the process being gone (waitpid);"
        f" median per moment over {rounds} rounds: {at(plain)}; bare Textual app with a `q`"
        f" binding, same moments: {at(bare)}; the file's bytes were unchanged after"
        f" {rounds * len(bench.moments) - changed} of {rounds * len(bench.moments)} quits"
    )
    bench.notes.append(
        "quit after an edit: `a`, a name, ctrl+s (a contact added through the form, until its"
        " notice shows), then `q` at each moment (or right after the edit, if later: q at "
        + ", ".join(f"{r['at_s']:.2f} s" for r in edited.values())
        + "): "
        + ", ".join(
            f"{r['quit_s']:.2f} s" if r["quit_s"] is not None else "never" for r in edited.values()
        )
        + "; every table compared with the original afterwards: the new contact there once,"
        f" everything else unchanged in {len(edited) - lost} of {len(edited)}"
    )
    return [
        Row(
            f"quit (q) at any moment, nothing edited, {size:,} contacts",
            f"{seconds(slow)} worst (q {slow_at:g} s after first frame)",
            f"{seconds(slow_bare)} worst, bare",
            "—",
            f"≤ {LIMIT_S:g} s, file unchanged",
            verdict(slow <= LIMIT_S and changed == 0),
        ),
        Row(
            f"quit (q) right after an edit, {size:,} contacts",
            f"{seconds(slow_edit)} worst (q {edited[slow_edit_at]['at_s']:.2f} s after first frame)"
            + ("" if lost == 0 else f", EDIT LOST in {lost}"),
            "—",
            "—",
            f"≤ {LIMIT_S:g} s, nothing lost",
            verdict(slow_edit <= LIMIT_S and lost == 0),
        ),
    ]
