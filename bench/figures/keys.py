"""Keys typed into the 3TY editor once the app is idle, against a bare TextArea of the field's size."""

from __future__ import annotations

import json
from typing import Any

from bench.figures import Bench
from bench.procs import ProbeFailed, log, probe
from bench.report import Row, median, millis, percentile, ratio_row, verdict

MEDIAN_MS, P90_MS, CPU_RATIO = 10.0, 16.0, 1.5


def rows(bench: Bench) -> list[Row]:
    size = bench.largest
    runs = max(1, min(bench.runs, 3))
    field_file = bench.out / "editor-field.json"
    ours: list[dict[str, Any]] = []
    bare: list[dict[str, Any]] = []
    for run in range(runs):
        log(
            f"keystrokes: round {run + 1} of {runs}, {bench.keys} keys in the 3TY editor, then bare"
        )
        result = probe("keystrokes.py", "threety", bench.work_copy(), bench.keys)[2]
        if not result["typed"]:
            raise ProbeFailed("the typed text never reached the editor's field")
        field_file.write_text(json.dumps(result["field"]))
        ours.append(result)
        bare.append(probe("keystrokes.py", "bare", bench.keys, field_file)[2])

    def shown(results: list[dict[str, Any]]) -> list[float]:
        return [k for r in results for k in r["latency_ms"] if k is not None]

    keys, base = shown(ours), shown(bare)
    if not keys:
        raise ProbeFailed("no key was shown on screen")
    mid, p90 = median(keys), percentile(keys, 0.9)
    field = ours[-1]["field"]
    preview = all(r["preview"] for r in ours)
    bench.notes.append(
        f"key to frame (editor): once the app has loaded everything and finished its warm-up,"
        f" `t` opens a draft and {bench.keys} keys are pressed into its highlight field, one every"
        f" 100 ms from a thread as a terminal's input thread delivers them; latency from the press"
        f" to the end of the first frame that shows the key in the field and, when the key changed"
        f" it, in the live preview ({sum(r['preview_keys'] for r in ours)} of {len(keys)} keys);"
        f" {runs} runs, max {max(keys):.1f} ms"
        + ("" if preview else "; THE PREVIEW WAS NOT FOUND: measured to the field only")
        + f"; baseline: a bare `TextArea` of the field's size ({field['width']}x{field['height']},"
        f" the same text and options), same keys"
    )
    cpu = median([r["cpu_per_key_ms"] for r in ours])
    cpu_base = median([r["cpu_per_key_ms"] for r in bare])
    bench.notes.append(
        "CPU per key: the process's CPU time over the typing (first press to 100 ms after the"
        " last) less its CPU idle over as long just before (timers), per key; medians of"
        f" {runs} runs each side; idle CPU {median([r['idle_cpu_ms'] for r in ours]):.0f} ms"
        f" (3TY) and {median([r['idle_cpu_ms'] for r in bare]):.0f} ms (bare) per"
        f" {(bench.keys + 1) / 10:.1f} s"
    )
    return [
        Row(
            f"key to frame, 3TY editor, idle, {size:,} contacts",
            f"median {millis(mid)}, p90 {millis(p90)}",
            f"median {millis(median(base))}, p90 {millis(percentile(base, 0.9))} bare",
            "—",
            f"median ≤ {MEDIAN_MS:g} ms, p90 ≤ {P90_MS:g} ms",
            verdict(mid <= MEDIAN_MS and p90 <= P90_MS),
        ),
        ratio_row(
            f"CPU per key, 3TY editor vs a TextArea of the field's size, {size:,} contacts",
            cpu,
            cpu_base,
            CPU_RATIO,
            millis,
        ),
    ]
