"""Fresh-process probe: peak memory of the app with everything loaded.

    python memory.py threety DB      ThreetyApp on DB, headless, once its start-up
                                     background work (the rest of the file, every
                                     meeting and message model) is done
    python memory.py bare-json DB    a bare Textual app after `json.load` of DB

Prints one JSON line: `peak_kb`, the process's peak resident memory. Read from
/proc/self/status (VmHWM): `ru_maxrss` also counts the parent's memory at the
fork that started this process (Linux keeps it across exec), which for the
bench, holding the data it just generated, is more than the app uses.
"""

from __future__ import annotations

import asyncio
import json
import sys

from peak import peak_kb  # the probes' folder is on sys.path: they run as scripts

SIZE = (160, 50)


async def threety(db: str) -> int:
    from threety_tui.app import ThreetyApp

    app = ThreetyApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not app.store.loaded or app.screen.query_one("#contact-list").rows == []:  # type: ignore[attr-defined]
            raise SystemExit("the app did not load the database")
        peak = peak_kb()
        app.exit()
    return peak


async def bare_json(db: str) -> int:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    with open(db, "rb") as handle:
        data = json.load(handle)

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hello, world")

    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        peak = peak_kb()
    del data
    return peak


def main() -> None:
    mode, db = sys.argv[1], sys.argv[2]
    peak = asyncio.run(threety(db) if mode == "threety" else bare_json(db))
    print(json.dumps({"peak_kb": peak}))


if __name__ == "__main__":
    main()
