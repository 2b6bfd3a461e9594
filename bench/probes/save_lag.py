"""In-process probe: does saving a large database block the UI thread?

    python save_lag.py DB

ThreetyApp on DB (a copy: it gets written), headless 160x50. Once everything
is loaded and warmed up, `t` opens a draft (`drive.open_draft`); a task waking
every millisecond (`ticker.Ticker`) records how late it wakes, first for 0.6 s
with nothing to do (the idle lag), then, once a few letters typed have been
left with escape and that key has been handled (the app saves the draft, then
the file, a moment later), until the file on disk has been replaced, plus 50 ms. Only keys and the file
itself are watched: no app internals.

Prints one JSON line: the worst lag while saving, the worst lag idle, and
how long from escape to the file replaced (`save_ms`, including the app's
deliberate wait for more changes before it writes).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time

from drive import open_draft  # the probes' folder is on sys.path: they run as scripts
from settle import settled
from ticker import Ticker

SIZE = (160, 50)
TIMEOUT = 60.0


def stamp(path: str) -> tuple[int, int, int]:
    st = os.stat(path)
    return (st.st_ino, st.st_mtime_ns, st.st_size)


async def measure(db: str) -> dict[str, float]:
    from threety_tui.app import ThreetyApp

    app = ThreetyApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app)
        await open_draft(app, pilot)
        await pilot.press(*"abc")
        await settled(app, quiet=1.0)  # past the draft's own autosave, if it came
        ticker = Ticker()
        task = asyncio.create_task(ticker.run())
        idle_start = time.perf_counter()
        await asyncio.sleep(0.6)
        idle_end = time.perf_counter()
        await pilot.press("d", "e")
        before = stamp(db)
        left = time.perf_counter()
        await pilot.press("escape")
        # The window opens once leaving the editor has been handled (that is UI
        # work, not saving), unless the file was written meanwhile.
        save_start = time.perf_counter() if stamp(db) == before else left
        while stamp(db) == before:
            if time.perf_counter() - save_start > TIMEOUT:
                raise SystemExit(f"the edit was not written within {TIMEOUT:.0f} s")
            await asyncio.sleep(0.005)
        save_end = time.perf_counter()
        await asyncio.sleep(0.05)
        ticker.running = False
        await task
        app.exit()
    return {
        "save_lag_ms": ticker.worst(save_start, save_end + 0.05),
        "idle_lag_ms": ticker.worst(idle_start, idle_end),
        "save_ms": (save_end - left) * 1000,
    }


def main() -> None:
    print(json.dumps(asyncio.run(measure(sys.argv[1]))))


if __name__ == "__main__":
    main()
