"""Fresh-process probe: memory of the app with everything loaded.

    python memory.py threety DB      ThreetyApp on DB, headless, once it has read
                                     the whole file and finished its warm-up
                                     (`settle.settled`)
    python memory.py bare-json DB    a bare Textual app after `json.load` of DB

Prints one JSON line: `peak_kb`, the process's peak resident memory (VmHWM),
and `rss_kb`, its resident memory after a full garbage collection (VmRSS): what
it keeps while the user works. Read from /proc/self/status: `ru_maxrss` also
counts the parent's memory at the fork that started this process (Linux keeps
it across exec), which for the bench, holding the data it generated, is more
than the app uses.
"""

from __future__ import annotations

import asyncio
import gc
import json
import sys

from frames import on_frames, shows_a_name  # the probes' folder is on sys.path
from proc import peak_kb, rss_kb
from settle import settled

SIZE = (160, 50)


async def threety(db: str) -> dict[str, int]:
    from threety_tui.app import ThreetyApp

    app = ThreetyApp(db_path=db)
    shown: list[bool] = []
    on_frames(app, lambda _done, text: shown.append(shows_a_name(text)))
    async with app.run_test(size=SIZE):
        await settled(app)
        if not any(shown):
            raise SystemExit("no frame showed a contact: the app did not load the database")
        peak = peak_kb()
        gc.collect()
        result = {"peak_kb": peak, "rss_kb": rss_kb()}
        app.exit()
    return result


async def bare_json(db: str) -> dict[str, int]:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    with open(db, "rb") as handle:
        data = json.load(handle)

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hello, world")

    app = Bare()
    async with app.run_test(size=SIZE):
        await settled(app)
        result = {"peak_kb": peak_kb(), "rss_kb": rss_kb()}
    del data
    return result


def main() -> None:
    mode, db = sys.argv[1], sys.argv[2]
    result = asyncio.run(threety(db) if mode == "threety" else bare_json(db))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
