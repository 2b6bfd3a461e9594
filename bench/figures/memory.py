"""Memory: peak with everything loaded, what each contact keeps, and growth over a session."""

from __future__ import annotations

from bench.figures import Bench
from bench.procs import log, probe
from bench.report import STATED, Row, median, megabytes, ratio_row, verdict

PEAK_RATIO = 0.8
GROWTH_SHARE = 0.02
"""'No growth': at most 2% more than after the first round of use (saves and caches settle)."""


def peak_rows(bench: Bench, first_frame_kb: float) -> list[Row]:
    size = bench.largest
    db = bench.dbs[size]
    runs = max(1, min(bench.runs, 3))
    log("peak memory: the app with everything loaded, then a bare app + json.load")
    ours, base = [], []
    for _ in range(runs):
        ours.append(probe("memory.py", "threety", db)[2]["peak_kb"])
        base.append(probe("memory.py", "bare-json", db)[2]["peak_kb"])
    bench.notes.append(
        f"peak RSS: VmHWM once the app has read the whole file and finished its warm-up, median"
        f" of {runs} (interleaved with the baseline, a bare Textual app after `json.load` of the"
        f" file); at the first frame it is {megabytes(first_frame_kb)}"
    )
    return [
        ratio_row(
            f"peak RSS, {size:,} contacts, everything loaded",
            median(ours),
            median(base),
            PEAK_RATIO,
            megabytes,
        )
    ]


def per_contact_rows(bench: Bench) -> list[Row]:
    small, large = min(bench.linkedin), max(bench.linkedin)
    runs = max(1, min(bench.runs, 3))
    log(f"steady memory per contact: LinkedIn-only, {small:,} and {large:,} contacts")
    kept: dict[int, list[int]] = {small: [], large: []}
    for _ in range(runs):
        for size in (small, large):
            kept[size].append(probe("memory.py", "threety", bench.linkedin[size])[2]["rss_kb"])
    low, high = median(kept[small]), median(kept[large])
    per = (high - low) * 1024 / (large - small)
    bench.notes.append(
        f"RSS per contact: resident memory after a full collection once everything is loaded"
        f" (VmRSS), LinkedIn-only databases imported through `threety import linkedin`:"
        f" {megabytes(low)} at {small:,}, {megabytes(high)} at {large:,} contacts (median of"
        f" {runs}); per contact: the difference divided by the {large - small:,} contacts"
        f" between them"
    )
    return [
        Row(
            "steady RSS per contact, LinkedIn-only",
            f"{per / 1024:.1f} KB ({megabytes(high)} at {large:,})",
            f"{megabytes(low)} at {small:,}",
            "—",
            "stated",
            STATED,
        )
    ]


def growth_rows(bench: Bench) -> list[Row]:
    size = bench.largest
    seconds = bench.soak_seconds  # a smoke run's few seconds read as seconds, not "0.0 min"
    span = f"{seconds / 60:.1f} min" if seconds >= 60 else f"{seconds:g} s"
    log(f"memory over {bench.soak_seconds:g} s of use ({size:,} contacts)")
    out = probe("soak.py", bench.work_copy(), bench.soak_seconds)[2]
    samples = out["samples"]
    start_kb, warm, end = samples[0][1], out["warm_kb"], out["end_kb"]
    after = [(t, kb) for t, kb in samples[1:]]
    slope = _slope(after) * 60  # KB a minute
    growth = end - warm
    bench.notes.append(
        f"memory over use: Pilot drives the app on a copy of the {size:,}-contact database for"
        f" {bench.soak_seconds:g} s ({out['rounds']} rounds, {out['keys']} keys: moving through"
        f" contacts, search, drafts typed into and left, agenda, everyone-timeline, help);"
        f" resident memory after a full collection with the app settled:"
        f" {megabytes(start_kb)} before use, {megabytes(warm)} after the first round,"
        f" {megabytes(end)} at the end; slope after the first round {slope / 1024:+.1f} MB/min;"
        f" samples (s, MB): " + ", ".join(f"{t:.0f}: {kb / 1024:.0f}" for t, kb in samples)
    )
    return [
        Row(
            f"RSS growth over {span} of use, {size:,} contacts",
            f"{growth / 1024:+.1f} MB ({megabytes(end)} at the end)",
            f"{megabytes(warm)} after the first round",
            f"{end / warm:.2f}x",
            f"no growth (≤ {GROWTH_SHARE:.0%})",
            verdict(growth <= GROWTH_SHARE * warm),
        )
    ]


def _slope(points: list[tuple[float, int]]) -> float:
    """Least-squares slope (KB per second) of (seconds, KB) points; 0 with fewer than 2."""
    if len(points) < 2:
        return 0.0
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0
