"""The event loop from the first frame until everything is loaded, and keys typed meanwhile."""

from __future__ import annotations

from typing import Any

from bench.figures import Bench
from bench.procs import log, probe
from bench.report import STATED, Row, median, millis, percentile, verdict

STALL_LIMIT_MS = 50.0


def _stall(run: dict[str, Any]) -> tuple[float, float]:
    lags = run["lags_ms"]
    return max(lags, default=0.0), percentile(lags, 0.99)


def rows(bench: Bench) -> list[Row]:
    size = bench.largest
    runs = max(1, min(bench.runs, 3))
    ours: list[dict[str, Any]] = []
    bare: list[dict[str, Any]] = []
    typed: list[dict[str, Any]] = []
    typed_bare: list[dict[str, Any]] = []
    for run in range(runs):
        log(f"loading: round {run + 1} of {runs} (idle, then typing into the search box)")
        ours.append(probe("loading.py", "threety", bench.work_copy())[2])
        bare.append(probe("loading.py", "bare", ours[-1]["load_s"])[2])
        typed.append(probe("loading.py", "threety", bench.work_copy(), "--keys")[2])
        typed_bare.append(probe("loading.py", "bare", typed[-1]["load_s"], "--keys")[2])

    worst = [_stall(r) for r in ours]
    base = [_stall(r) for r in bare]
    value, p99 = median([w for w, _ in worst]), median([p for _, p in worst])
    base_value, base_p99 = median([w for w, _ in base]), median([p for _, p in base])
    load = median([r["load_s"] for r in ours])
    over = [sum(lag > STALL_LIMIT_MS for lag in r["lags_ms"]) for r in ours]
    stalled = [sum(lag for lag in r["lags_ms"] if lag > STALL_LIMIT_MS) for r in ours]
    loads = ", ".join(f"{r['load_s']:.2f}" for r in ours)
    bench.notes.append(
        f"loading stall: a task in the app's loop asks to wake every 1 ms, from the first frame"
        f" that shows contacts until the app has read everything and finished its warm-up (no"
        f" worker running, the store loaded, then 0.25 s of quiet CPU); medians of {runs} loads"
        f" of the {size:,}-contact database; per load, longest stall"
        f" {', '.join(f'{w:.0f}' for w, _ in worst)} ms, stalls over {STALL_LIMIT_MS:.0f} ms"
        f" {over} adding up to {', '.join(f'{s:.0f}' for s in stalled)} ms; loading took"
        f" {loads} s; the baseline is a bare app's loop"
        f" over as long"
    )

    keys = [k for r in typed for k in r["key_ms"]]
    shown = [k for k in keys if k is not None]
    bare_keys = [k for r in typed_bare for k in r["key_ms"] if k is not None]
    bench.notes.append(
        f"keys while loading: from 50 ms after the first frame a key every 100 ms, delivered"
        f" from a thread as a terminal's input thread does (`/`, then letters and backspaces in"
        f" the search box), until loading ends (61 keys, ~6 s, at most); latency from the press to"
        f" the end of the first"
        f" frame showing it; {len(shown)} keys over {runs} loads"
        + (f", {len(keys) - len(shown)} never shown" if len(shown) < len(keys) else "")
        + "; baseline: an `Input` in a bare app, same keys, as long"
    )

    def spread(values: list[float]) -> str:
        if not values:
            return "no key shown"
        return (
            f"median {median(values):.1f} ms, p90 {percentile(values, 0.9):.0f} ms,"
            f" max {max(values):.0f} ms"
        )

    return [
        Row(
            f"longest event-loop stall, first frame to all loaded, {size:,} contacts",
            f"{millis(value)} (p99 {millis(p99)}; loading {load:.2f} s)",
            f"{millis(base_value)} (p99 {millis(base_p99)}) bare",
            "—",
            f"≤ {STALL_LIMIT_MS:.0f} ms",
            verdict(value <= STALL_LIMIT_MS),
        ),
        Row(
            f"key to frame while loading (search box), {size:,} contacts",
            spread(shown),
            spread(bare_keys) + " bare",
            "—",
            "— (what a key waits)",
            STATED,
        ),
    ]
