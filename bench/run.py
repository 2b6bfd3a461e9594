"""The threety benchmark: generate data, measure against baselines, print one table.

    python -m bench                      the full run (2,000 and 10,000 contacts with history,
                                         LinkedIn-only 1,000 and 50,000; ~15 minutes, 10 of
                                         them the memory-over-use session)
    python -m bench --smoke              CI smoke check: small sizes, one run each, ~40 s
    python -m bench --markdown           the same, printed as the README's block
    python -m bench --only keys,quit     some figures only

Every figure is measured next to a baseline taken in the same run, on the same
machine and interleaved with it, so the ratio means something on a noisy
computer. The probes (bench/probes/) run in fresh processes and use the app
through its public behaviour: `ThreetyApp(db_path=...)`, Pilot and keys, the
real `threety` command in a pseudo-terminal. Exits 0 once the table is printed
(with --strict: 1 if a target is missed).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # `python bench/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import generate, machine
from bench.figures import Bench, commands, keys, loading, memory, quitting, saving, start
from bench.procs import log
from bench.report import FAIL, Row, markdown, table

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "out"
COMMAND = "python -m bench"
DEFAULT_SIZES = (2_000, 10_000)
DEFAULT_LINKEDIN = (1_000, 50_000)
DEFAULT_MOMENTS = (0.2, 0.5, 1.0, 2.0)
SMOKE_SIZES, SMOKE_LINKEDIN, SMOKE_MOMENTS = (100,), (50, 300), (0.2, 1.0)
FIGURES = ("start", "loading", "keys", "quit", "commands", "memory", "soak", "save", "import")


def numbers(text: str, kind: type[int] | type[float] = int) -> list[float]:
    return sorted({kind(s.replace("_", "")) for s in text.split(",") if s.strip()})


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=COMMAND,
        description="Benchmark threety against baselines measured in the same run, and print "
        "one table (issue 14's targets).",
        epilog=f"Run it from the repository root: `{COMMAND}` (full, ~15 minutes) or "
        f"`{COMMAND} --smoke` (CI: small sizes, one run, ~40 s). See bench/README.md.",
    )
    parser.add_argument(
        "--sizes",
        default=None,
        help="contact counts with history, comma-separated (default 2000,10000); "
        "the largest gets every figure",
    )
    parser.add_argument(
        "--linkedin",
        default=None,
        help="two LinkedIn-only sizes, small and large (default 1000,50000): first frame "
        "at the large one, memory per contact between them",
    )
    parser.add_argument("--runs", type=int, default=5, help="repeats for medians (default 5)")
    parser.add_argument("--keys", type=int, default=60, help="keys typed per run (default 60)")
    parser.add_argument(
        "--soak",
        type=float,
        default=600.0,
        help="seconds of driven use for the memory-growth figure (default 600)",
    )
    parser.add_argument(
        "--moments",
        default=None,
        help="seconds after the first frame to press q (default 0.2,0.5,1,2)",
    )
    parser.add_argument(
        "--csv-rows",
        type=int,
        default=None,
        help="rows in the import's CSV (default: largest size)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="folder for generated files (default bench/out)",
    )
    parser.add_argument(
        "--only",
        default=",".join(FIGURES),
        help=f"figures to measure, comma-separated, of: {', '.join(FIGURES)} (default all)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="CI smoke check: 100 contacts, LinkedIn 50 and 300, one run, 15 keys (or fewer with"
        " --keys), 3 s of use",
    )
    parser.add_argument(
        "--markdown", action="store_true", help="print the README's block (Markdown) instead"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    try:
        sizes = (
            numbers(args.sizes)
            if args.sizes
            else list(SMOKE_SIZES if args.smoke else DEFAULT_SIZES)
        )
        linkedin = (
            numbers(args.linkedin)
            if args.linkedin
            else list(SMOKE_LINKEDIN if args.smoke else DEFAULT_LINKEDIN)
        )
        moments = (
            numbers(args.moments, float)
            if args.moments
            else list(SMOKE_MOMENTS if args.smoke else DEFAULT_MOMENTS)
        )
    except ValueError:
        parser.error(
            "--sizes, --linkedin and --moments take numbers separated by commas, e.g. 100,2000"
        )
    if not sizes or min(sizes) < 1:
        parser.error("--sizes needs at least one positive number")
    if len(linkedin) != 2 or min(linkedin) < 1:
        parser.error("--linkedin takes two positive sizes, e.g. 1000,50000")
    if not moments or min(moments) < 0:
        parser.error("--moments needs at least one number of seconds, 0 or more")
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    if not only or only - set(FIGURES):
        parser.error(f"--only takes some of: {', '.join(FIGURES)}")
    args.sizes, args.linkedin, args.moments, args.only = (
        [int(s) for s in sizes],
        [int(s) for s in linkedin],
        moments,
        only,
    )
    if args.smoke:
        args.runs, args.keys, args.soak = 1, min(args.keys, 15), min(args.soak, 3.0)
    args.runs = max(1, args.runs)
    args.keys = max(5, args.keys)
    args.soak = max(1.0, args.soak)
    return args


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


def generate_data(args: argparse.Namespace, out: Path, today: date) -> Bench:
    dbs: dict[int, Path] = {}
    for size in args.sizes:
        log(f"generating {size:,} contacts with history")
        dbs[size] = out / f"bench-{size}.json"
        counts = generate.write_database(dbs[size], size, today)
        log(
            f"  {counts['meetings']:,} meetings, {counts['messages']:,} messages, "
            f"{dbs[size].stat().st_size / 1e6:.1f} MB"
        )
    linkedin: dict[int, Path] = {}
    for size in args.linkedin:
        log(
            f"generating a {size:,}-row Connections.csv and importing it (`threety import linkedin`)"
        )
        csv_path = out / f"linkedin-{size}.csv"
        generate.write_linkedin_csv(csv_path, size, today)
        linkedin[size] = out / f"linkedin-{size}.json"
        wall, _ = commands.import_linkedin(csv_path, linkedin[size], out / "import-result.json")
        log(f"  {linkedin[size].stat().st_size / 1e6:.1f} MB in {wall:.1f} s")
    csv_rows = args.csv_rows or max(args.sizes)
    csv_path = out / "Connections.csv"
    generate.write_linkedin_csv(csv_path, csv_rows, today)
    return Bench(
        out=out,
        dbs=dbs,
        linkedin=linkedin,
        csv_path=csv_path,
        csv_rows=csv_rows,
        runs=args.runs,
        keys=args.keys,
        soak_seconds=args.soak,
        moments=tuple(args.moments),
        smoke=args.smoke,
    )


def measure(bench: Bench, only: set[str]) -> list[Row]:
    rows: list[Row] = []
    first_frame_kb = 0.0
    if "start" in only:
        found, first_frame_kb = start.rows(bench)
        rows += found
    if "loading" in only:
        rows += loading.rows(bench)
    if "keys" in only:
        rows += keys.rows(bench)
    if "quit" in only:
        rows += quitting.rows(bench)
    if "commands" in only:
        rows += commands.command_rows(bench)
    if "memory" in only:
        rows += memory.peak_rows(bench, first_frame_kb)
        rows += memory.per_contact_rows(bench)
    if "soak" in only:
        rows += memory.growth_rows(bench)
    if "save" in only:
        rows += saving.rows(bench)
    if "import" in only:
        rows += commands.import_rows(bench)
    return rows


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    header = machine.describe()
    today = date.today()
    bench = generate_data(args, out, today)
    compile_bytecode(bench.notes)
    rows = measure(bench, args.only)

    command = " ".join([COMMAND, *(sys.argv[1:] if argv is None else argv)])
    sizes = ", ".join(f"{s:,}" for s in bench.dbs)
    small, large = sorted(bench.linkedin)
    header = [
        f"threety benchmark, {today.isoformat()} (`{command}`)",
        *header,
        f"Load average (1, 5, 15 min) at the end: {machine.load()}; the run took"
        f" {(time.monotonic() - began) / 60:.1f} min",
        f"Contacts with history: {sizes} (3 meetings each; {bench.dbs[bench.largest].stat().st_size / 1e6:.0f}"
        f" MB at {bench.largest:,}); LinkedIn-only: {small:,} and {large:,}; import CSV:"
        f" {bench.csv_rows:,} rows",
    ]
    block = markdown(header, rows, bench.notes)
    (out / "table.md").write_text("\n".join(block) + "\n", encoding="utf-8")
    if args.markdown:
        print("\n".join(block))
    else:
        print("\n".join([*header, "", *table(rows), ""]))
        for note in bench.notes:
            print(f"- {note}")
    failed = [r for r in rows if r.result == FAIL]
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
