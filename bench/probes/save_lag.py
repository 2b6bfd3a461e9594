"""In-process probe: does saving a large database block the UI thread?

    python save_lag.py DB

Runs ThreetyApp headless on DB, edits a draft through the store, asks the app
to save (`save_soon`: a worker thread calls `store.flush()`) once the start-up's
background work is done, and meanwhile
samples the event loop's lag: a task sleeps 1 ms over and over and records how
late it wakes. Prints one JSON line: the worst lag while the save ran, the
worst lag over the same time with nothing to save, and how long the save took.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from dataclasses import replace

SIZE = (160, 50)
TICK = 0.001


class Sampler:
    def __init__(self) -> None:
        self.lags: list[tuple[float, float]] = []
        self.running = True

    async def run(self) -> None:
        while self.running:
            start = time.perf_counter()
            await asyncio.sleep(TICK)
            now = time.perf_counter()
            self.lags.append((now, (now - start - TICK) * 1000))

    def worst(self, start: float, end: float) -> float:
        return max((lag for at, lag in self.lags if start <= at <= end), default=0.0)


async def measure(db: str) -> dict[str, float]:
    from threety_tui.app import ThreetyApp

    app = ThreetyApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # The save is what is measured: let the start-up's background work (reading
        # the rest of the file, building the models) finish first.
        await app.workers.wait_for_complete()
        await pilot.pause()
        store = app.store
        draft = next(m for c in store.contacts() for m in store.messages_of(c.id) if not m.is_sent)
        sampler = Sampler()
        task = asyncio.create_task(sampler.run())
        idle_start = time.perf_counter()
        await asyncio.sleep(0.6)
        idle_end = time.perf_counter()
        edit_start = time.perf_counter()
        store.save_message(replace(draft, subject="Thank you (edited)"))
        edit_ms = (time.perf_counter() - edit_start) * 1000
        app.save_soon()
        while not store.dirty:
            await asyncio.sleep(0)
        save_start = time.perf_counter()
        while store.dirty:
            await asyncio.sleep(TICK)
        save_end = time.perf_counter()
        await asyncio.sleep(0.05)
        sampler.running = False
        await task
        app.exit()
    return {
        "save_lag_ms": sampler.worst(save_start, save_end + 0.05),
        "idle_lag_ms": sampler.worst(idle_start, idle_end),
        "save_ms": (save_end - save_start) * 1000,
        "edit_ms": edit_ms,
    }


def main() -> None:
    print(json.dumps(asyncio.run(measure(sys.argv[1]))))


if __name__ == "__main__":
    main()
