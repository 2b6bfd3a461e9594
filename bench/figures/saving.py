"""Saving after one edit: the store against json.dumps, and the UI while the app saves."""

from __future__ import annotations

from bench.figures import Bench
from bench.procs import log, probe
from bench.report import Row, median, millis, ratio_row, seconds, verdict

SAVE_RATIO, LAG_MS = 1.5, 16.0


def rows(bench: Bench) -> list[Row]:
    size = bench.largest
    runs = max(bench.runs, 2)
    log("save after one edit")
    out = probe("save.py", bench.work_copy(), runs)[2]
    value, base = median(out["flush_ms"]), median(out["baseline_ms"])
    lag_runs = max(1, min(bench.runs, 3))
    lags = []
    for run in range(lag_runs):
        log(f"UI lag while the app saves, run {run + 1} of {lag_runs}")
        lags.append(probe("save_lag.py", bench.work_copy())[2])
    lag = {key: median([r[key] for r in lags]) for key in lags[0]}
    worst = ", ".join(f"{r['save_lag_ms']:.1f}" for r in lags)
    idle = ", ".join(f"{r['idle_lag_ms']:.1f}" for r in lags)
    bench.notes.append(
        f"save: median of {runs} flushes after one edit through the store; baseline `json.dumps`"
        f" of the same data, one write and an fsync"
    )
    bench.notes.append(
        f"UI while saving: the app's loop, from escape (leaving a draft just typed in) having been"
        f" handled until the file is replaced; worst lag per run"
        f" {worst} ms (median shown), idle {idle} ms; escape to file replaced"
        f" {median([r['save_ms'] for r in lags]):.0f} ms, the app's deliberate 250 ms wait for"
        f" more changes included"
    )
    return [
        ratio_row(
            f"save after one edit, {size:,} contacts",
            value / 1000,
            base / 1000,
            SAVE_RATIO,
            seconds,
        ),
        Row(
            f"UI thread blocked while saving (max event-loop lag), {size:,} contacts",
            millis(lag["save_lag_ms"]),
            millis(lag["idle_lag_ms"]) + " idle",
            "—",
            f"≤ {LAG_MS:g} ms",
            verdict(lag["save_lag_ms"] <= LAG_MS),
        ),
    ]
