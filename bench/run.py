"""The threety benchmark: generate data, measure against baselines, print one table.

    python -m bench                      100, 2,000 and 10,000 contacts (several minutes)
    python -m bench --sizes 100          one size
    python -m bench --smoke              CI smoke check: smallest size, one run each

Every figure is measured next to a baseline taken in the same run, on the same
machine, so the ratio means something on a noisy computer. Start-up, `due`, the
import and memory run in fresh processes; keystrokes, saving and UI lag are
measured inside the app's own process (see bench/probes/). Exits 0 once the table
is printed (with --strict: 1 if a target is missed).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python bench/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate, machine

HERE = Path(__file__).resolve().parent
PROBES = HERE / "probes"
DEFAULT_OUT = HERE / "out"
DEFAULT_SIZES = (100, 2_000, 10_000)
TIMEOUT = 900
COMMAND = "python -m bench"
START_RUNS = 11
"""Start-up rounds at least (a round is ~2 s): fresh processes vary the most."""


@dataclass
class Row:
    figure: str
    value: str
    baseline: str
    ratio: str
    target: str
    result: str


class ProbeFailed(Exception):
    pass


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# -- running probes ---------------------------------------------------------------


def spawn(command: list[str], *, cwd: Path | None = None) -> tuple[float, float, str]:
    """Run a fresh process; (monotonic time at spawn, wall seconds, stdout)."""
    start = time.monotonic()
    done = subprocess.run(
        command,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    wall = time.monotonic() - start
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise ProbeFailed(f"{' '.join(command[1:3])} exited {done.returncode}: {tail}")
    return start, wall, done.stdout


def probe(name: str, *args: object) -> tuple[float, float, dict[str, Any]]:
    start, wall, out = spawn([sys.executable, str(PROBES / name), *map(str, args)])
    lines = out.strip().splitlines()
    if not lines:
        raise ProbeFailed(f"{name} printed nothing")
    return start, wall, json.loads(lines[-1])


def threety_command() -> list[str]:
    script = Path(sys.executable).with_name("threety")
    return [str(script)] if script.exists() else [sys.executable, "-m", "threety_tui"]


# -- formatting -------------------------------------------------------------------


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def millis(value: float) -> str:
    return f"{value:.1f} ms"


def megabytes(kb: float) -> str:
    return f"{kb / 1024:.0f} MB"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def ratio_row(
    figure: str,
    value: float,
    base: float,
    limit: float,
    show: Any,
    ratio: float | None = None,
) -> Row:
    """A figure beside its baseline; `ratio` when it is not simply value / base."""
    if ratio is None:
        ratio = value / base if base > 0 else float("inf")
    return Row(
        figure, show(value), show(base), f"{ratio:.2f}x", f"≤ {limit:g}x", verdict(ratio <= limit)
    )


def unavailable(figure: str, target: str, why: str, notes: list[str]) -> Row:
    notes.append(f"{figure}: not available ({why})")
    return Row(figure, "not available", "—", "—", target, "n/a")


def table(rows: list[Row]) -> list[str]:
    head = ("figure", "measured", "baseline (same run)", "ratio", "target", "result")
    cells = [head, *((r.figure, r.value, r.baseline, r.ratio, r.target, r.result) for r in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]

    def line(values: tuple[str, ...]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + " |"

    return [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, cells[1:])]


# -- the figures ------------------------------------------------------------------


def compile_bytecode(notes: list[str]) -> None:
    """Compile threety's modules, as an installed copy has them.

    pip compiles what it installs (Textual here), but an editable install
    compiles our own modules only on first use, and not at all where
    PYTHONDONTWRITEBYTECODE is set: each probe would then recompile ~270 KB
    of source (~0.1 s), a cost no user pays after their first start.
    """
    import threety_tui

    package = Path(threety_tui.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    notes.append(f"threety's modules compiled to bytecode first (`compileall {package.name}`)")


def startup_rows(
    dbs: dict[int, Path], runs: int, notes: list[str]
) -> tuple[list[Row], list[float]]:
    """Process start to the first painted screen, interleaved so noise hits all alike."""
    bare: list[float] = []
    app: dict[int, list[float]] = {size: [] for size in dbs}
    rss: list[float] = []
    largest = max(dbs)
    for run in range(runs):
        log(f"start-up, run {run + 1} of {runs}")
        start, _, out = probe("start.py", "bare")
        bare.append(out["ready"] - start)
        for size, db in dbs.items():
            start, _, out = probe("start.py", "threety", db)
            app[size].append(out["ready"] - start)
            if size == largest:
                rss.append(out["rss_kb"])
    base = statistics.median(bare)
    rows = []
    for size in dbs:
        limit = 2.5 if size > 2_000 else 1.5
        paired = [ours / bare_run for ours, bare_run in zip(app[size], bare, strict=True)]
        rows.append(
            ratio_row(
                f"start to populated main screen, {size:,} contacts",
                statistics.median(app[size]),
                base,
                limit,
                seconds,
                ratio=statistics.median(paired),
            )
        )
    notes.append(
        f"start-up: {runs} rounds of fresh processes (headless, 160x50), each round a bare app"
        " then each size; the ratio is the median of each round's ratio to its own bare run"
        " (a noisy neighbour then slows both sides of a ratio alike)"
    )
    return rows, rss


def keystroke_rows(db: Path, keys: int, size: int, notes: list[str]) -> list[Row]:
    log(f"keystrokes: {keys} in a bare TextArea, then in the 3TY editor")
    _, _, bare = probe("keystrokes.py", "bare", keys)
    _, _, ours = probe("keystrokes.py", "threety", db, keys)
    if not ours["typed_shown"] or not ours["latency_ms"]:
        raise ProbeFailed("the typed text never reached the preview")
    value, base = statistics.median(ours["cpu_ms"]), statistics.median(bare["cpu_ms"])
    latency = statistics.median(ours["latency_ms"])
    notes.append(
        f"keystrokes: median CPU of {keys} keys (process_time around each Pilot press, which"
        f" includes Pilot's own idle checks in both apps); 3TY max {max(ours['cpu_ms']):.1f} ms,"
        f" bare max {max(bare['cpu_ms']):.1f} ms"
    )
    notes.append(
        f"key to screen: wall time from the key event to the end of the first frame that shows"
        f" the changed preview, median of {len(ours['latency_ms'])} keys that changed it;"
        f" max {max(ours['latency_ms']):.1f} ms"
    )
    return [
        ratio_row(
            f"CPU per keystroke, 3TY editor + preview, {size:,} contacts",
            value,
            base,
            1.5,
            millis,
        ),
        Row(
            f"key press to preview on screen (median latency), {size:,} contacts",
            millis(latency),
            "—",
            "—",
            "≤ 10 ms",
            verdict(latency <= 10),
        ),
    ]


def save_rows(db: Path, runs: int, size: int, notes: list[str]) -> list[Row]:
    log("save after one edit")
    _, _, out = probe("save.py", db, runs)
    value, base = statistics.median(out["flush_ms"]), statistics.median(out["baseline_ms"])
    rows = [
        ratio_row(
            f"save after one edit, {size:,} contacts", value / 1000, base / 1000, 1.5, seconds
        )
    ]
    log("UI lag while the app saves")
    _, _, lag = probe("save_lag.py", db)
    rows.append(
        Row(
            f"UI thread blocked while saving (max event-loop lag), {size:,} contacts",
            millis(lag["save_lag_ms"]),
            millis(lag["idle_lag_ms"]) + " idle",
            "—",
            "≤ 16 ms",
            verdict(lag["save_lag_ms"] <= 16),
        )
    )
    notes.append(
        f"save: median of {runs} flushes; the edit itself (store.save_message) took"
        f" {statistics.median(out['edit_ms']):.1f} ms on the calling thread"
        f" ({lag['edit_ms']:.1f} ms in the app); in the app, edit to saved took"
        f" {lag['save_ms']:.0f} ms (the 250 ms debounce, then the worker thread)"
    )
    return rows


def due_row(db: Path, runs: int, size: int, notes: list[str]) -> Row:
    log("threety due")
    ours, base = [], []
    baseline = "import sys, json, tinydb, pendulum\njson.load(open(sys.argv[1], 'rb'))"
    for _ in range(runs):
        ours.append(spawn([*threety_command(), "due", "--db", str(db)])[1])
        base.append(spawn([sys.executable, "-c", baseline, str(db)])[1])
    return ratio_row(
        f"`threety due`, {size:,} contacts",
        statistics.median(ours),
        statistics.median(base),
        2,
        seconds,
    )


def import_rows(csv_path: Path, rows: int, out: Path, runs: int, notes: list[str]) -> list[Row]:
    figure = f"import of a {rows:,}-row LinkedIn CSV (one write)"
    target = "≤ 3 s, 1 write"
    log("threety import linkedin")
    walls, writes = [], []
    try:
        for run in range(runs):
            db = out / f"import-{run}.json"
            for stale in (db, db.with_name(db.name + ".lock")):
                stale.unlink(missing_ok=True)
            result = out / "import-result.json"
            _, wall, _ = probe_plain(
                "count_writes.py", result, "import", "linkedin", csv_path, "--db", db
            )
            walls.append(wall)
            writes.append(json.loads(result.read_text())["writes"])
            contacts = count_contacts(db)
            if contacts != rows:
                notes.append(f"import: {contacts:,} contacts in the database for {rows:,} rows")
    except Exception as error:  # the importer is missing or broken: say so, go on
        return [unavailable(figure, target, f"{type(error).__name__}: {error}", notes)]
    wall = statistics.median(walls)
    write_count = max(writes)
    notes.append(f"import: median of {runs} runs into a new database; writes per run {writes}")
    return [
        Row(
            figure,
            f"{seconds(wall)}, {write_count} write{'s' if write_count != 1 else ''}",
            "—",
            "—",
            target,
            verdict(wall <= 3 and write_count == 1),
        )
    ]


def probe_plain(name: str, *args: object) -> tuple[float, float, str]:
    return spawn([sys.executable, str(PROBES / name), *map(str, args)])


def count_contacts(db: Path) -> int:
    from threety_tui.core.store import Store

    with Store.open(db, readonly=True) as store:
        return len(store.contacts())


def memory_row(
    db: Path, first_frame_kb: list[float], runs: int, size: int, notes: list[str]
) -> Row:
    log("peak memory: the app with everything loaded, then bare app + json.load")
    count = max(1, min(runs, 3))
    ours = [probe("memory.py", "threety", db)[2]["peak_kb"] for _ in range(count)]
    base = [probe("memory.py", "bare-json", db)[2]["peak_kb"] for _ in range(count)]
    notes.append(
        f"memory: VmHWM once the app has read the whole file and built every model, median of"
        f" {count}; at the first frame (contacts only) it is {megabytes(statistics.median(first_frame_kb))}"
    )
    return ratio_row(
        f"peak RSS with {size:,} contacts open",
        statistics.median(ours),
        statistics.median(base),
        2,
        megabytes,
    )


# -- main -------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=COMMAND,
        description="Benchmark threety at 100, 2,000 and 10,000 contacts against baselines "
        "measured in the same run, and print a table (paste it into the README).",
        epilog=f"Run it from the repository root: `{COMMAND}` (full, several minutes) or "
        f"`{COMMAND} --smoke` (CI: smallest size, one run, well under a minute).",
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="comma-separated contact counts (default %(default)s); the largest gets every figure",
    )
    parser.add_argument("--runs", type=int, default=5, help="repeats for medians (default 5)")
    parser.add_argument("--keys", type=int, default=60, help="keystrokes typed (default 60)")
    parser.add_argument(
        "--csv-rows",
        type=int,
        default=None,
        help="rows in the LinkedIn CSV (default: largest size)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="folder for generated files (default bench/out)",
    )
    parser.add_argument(
        "--smoke", action="store_true", help="CI smoke check: smallest size, one run, 15 keys"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes takes numbers separated by commas, e.g. 100,2000")
    if not args.sizes or min(args.sizes) < 1:
        parser.error("--sizes needs at least one positive number")
    if args.smoke:
        args.sizes, args.runs, args.keys = args.sizes[:1], 1, 15
    args.runs = max(1, args.runs)
    args.keys = max(5, args.keys)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    header = machine.describe()
    today = date.today()
    largest = max(args.sizes)
    csv_rows = args.csv_rows or largest

    dbs: dict[int, Path] = {}
    for size in args.sizes:
        log(f"generating {size:,} contacts")
        dbs[size] = out / f"bench-{size}.json"
        counts = generate.write_database(dbs[size], size, today)
        log(
            f"  {counts['meetings']:,} meetings, {counts['messages']:,} messages, "
            f"{dbs[size].stat().st_size / 1e6:.1f} MB"
        )
    csv_path = out / "Connections.csv"
    generate.write_linkedin_csv(csv_path, csv_rows, today)
    work = out / f"work-{largest}.json"

    def fresh_copy() -> Path:
        work.with_name(work.name + ".lock").unlink(missing_ok=True)
        shutil.copyfile(dbs[largest], work)
        return work

    notes: list[str] = []
    rows: list[Row] = []
    compile_bytecode(notes)
    start_runs = args.runs if args.smoke else max(args.runs, START_RUNS)
    start_rows, rss = startup_rows(dbs, start_runs, notes)
    rows += start_rows
    rows += keystroke_rows(fresh_copy(), args.keys, largest, notes)
    rows += save_rows(fresh_copy(), max(args.runs, 2), largest, notes)
    rows.append(due_row(dbs[largest], args.runs, largest, notes))
    rows += import_rows(csv_path, csv_rows, out, min(args.runs, 3), notes)
    rows.append(memory_row(dbs[largest], rss, args.runs, largest, notes))

    command = " ".join([COMMAND, *(sys.argv[1:] if argv is None else argv)])
    print(f"threety benchmark, {today.isoformat()} (`{command}`)")
    for line in header:
        print(line)
    sizes = ", ".join(f"{s:,}" for s in args.sizes)
    print(f"Contacts: {sizes} (3 meetings each); LinkedIn CSV: {csv_rows:,} rows")
    print()
    for line in table(rows):
        print(line)
    print()
    for note in notes:
        print(f"- {note}")
    failed = [r for r in rows if r.result == "FAIL"]
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
