"""In-process probe: one edit then `store.flush()`, against json.dumps + write + fsync.

    python save.py DB RUNS

Each run changes one draft's subject through the store (as the editor does) and
times the flush that writes the whole file atomically. The baseline writes the
same data with one `json.dumps`, one write and an fsync to a file beside it.
Prints one JSON line: flush and baseline times (ms) and the edit's own time.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path


def main() -> None:
    from threety_tui.core.store import Store

    path, runs = Path(sys.argv[1]), int(sys.argv[2])
    flush_ms: list[float] = []
    edit_ms: list[float] = []
    with Store.open(path, autoflush=False) as store:
        draft = next(m for c in store.contacts() for m in store.messages_of(c.id) if not m.is_sent)
        for run in range(runs):
            start = time.perf_counter()
            store.save_message(replace(draft, subject=f"Thank you (edit {run})"))
            middle = time.perf_counter()
            wrote = store.flush()
            end = time.perf_counter()
            assert wrote, "the edit was not written"
            edit_ms.append((middle - start) * 1000)
            flush_ms.append((end - middle) * 1000)
    data = json.loads(path.read_bytes())
    target = path.with_name(path.name + ".baseline")
    baseline_ms: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        text = json.dumps(data)
        with open(target, "w", encoding="ascii") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        baseline_ms.append((time.perf_counter() - start) * 1000)
    target.unlink()
    print(json.dumps({"flush_ms": flush_ms, "baseline_ms": baseline_ms, "edit_ms": edit_ms}))


if __name__ == "__main__":
    main()
