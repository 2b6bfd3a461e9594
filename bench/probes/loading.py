"""In-process probe: how the event loop fares from the first frame until everything is loaded.

    python loading.py threety DB [--keys]      ThreetyApp on DB, headless 160x50
    python loading.py bare SECONDS [--keys]    a bare app with an Input, for as long

A task in the app's loop asks to wake every millisecond (`ticker.Ticker`); the
time between the first frame that shows contacts and the moment the app has
read everything and finished its warm-up (`settle.settled`: nothing it reports
as busy, then a quarter second of quiet CPU) is the loading; stalls are looked
for until the end of that quiet spell. Every wake late by N ms is a stall of
N ms: no key and no frame could be handled meanwhile.

With --keys a person types meanwhile: from 50 ms after the first frame, a key
every 100 ms from a thread, as a terminal's input thread delivers them (`/`
to search, then `m`, `a`, `r` and three backspaces, over and over), until
loading ends (61 keys at most); each key's latency runs from when it was pressed to the end of
the first frame that shows its effect (the focused field and its value).

Prints one JSON line: `load_s`, how late each wake was (`lags_ms`), and with
--keys `key_ms` (None for a key never shown).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any

from frames import on_frames, shows_a_name  # the probes' folder is on sys.path
from keys import Key, Typist, key_of, latencies
from settle import settled
from ticker import Ticker

SIZE = (160, 50)
EVERY = 0.1
FIRST_KEY_AFTER = 0.05
TYPED = 61
"""Keys typed at most in one load: `/`, then ten rounds of three letters and three backspaces."""
SEARCH: list[Key] = [key_of("/")] + [
    key for _ in range(200) for key in (*map(key_of, "mar"), *[("backspace", None)] * 3)
]


def focus_state(app: Any) -> tuple[str, object]:
    """What a key in a search box changes: which field has focus, and its value."""
    focused = app.focused
    return (type(focused).__name__, getattr(focused, "value", None))


async def measure(app: Any, shown: Any, typing: bool, seconds: float | None) -> dict[str, Any]:
    first: list[float] = []
    frames: list[tuple[float, object]] = []

    def frame(done: float, text: str) -> None:
        if not first and shown(text):
            first.append(done)
        if first:
            frames.append((done, focus_state(app)))

    on_frames(app, frame)
    ticker = Ticker()
    ticking = asyncio.create_task(ticker.run())
    async with app.run_test(size=SIZE):
        while not first:
            await asyncio.sleep(0.001)
        start = first[0]
        typist = None
        if typing:
            # At most TYPED keys (~6 s): loading takes ~1-2 s at 10,000 contacts, and the
            # keys' own work must not keep the app from ever looking settled on a busy machine.
            keys = SEARCH[:TYPED] if seconds is None else SEARCH[: int(seconds / EVERY) + 1]
            typist = Typist(app, keys, start=start + FIRST_KEY_AFTER, every=EVERY)
            before = focus_state(app)
            typist.start()
        if seconds is None:
            end = await settled(app)
        else:
            await asyncio.sleep(max(0.0, start + seconds - time.perf_counter()))
            end = time.perf_counter()
        quiet_end = time.perf_counter()  # the quiet spell that ended loading is watched too
        if typist is not None:
            typist.stop.set()
            typist.join()
            await asyncio.sleep(0.3)  # the frames of the last keys
        ticker.running = False
        await ticking
        app.exit()
    lags = ticker.between(start, quiet_end)
    result: dict[str, Any] = {
        "load_s": end - start,
        "ticks": len(lags),
        "lags_ms": [round(lag, 2) for lag in lags],
    }
    if typist is not None:
        pressed = [at for at in typist.pressed if at <= end]
        result["key_ms"] = latencies(pressed, frames, before)
    return result


def main() -> None:
    mode, arg = sys.argv[1], sys.argv[2]
    typing = "--keys" in sys.argv[3:]
    if mode == "threety":
        from threety_tui.app import ThreetyApp

        app: Any = ThreetyApp(db_path=arg)
        result = asyncio.run(measure(app, shows_a_name, typing, None))
    elif mode == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Input, Static

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Input(id="field")
                yield Static("Hello, world")

        result = asyncio.run(
            measure(Bare(), lambda text: "Hello, world" in text, typing, float(arg))
        )
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
