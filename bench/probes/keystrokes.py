"""In-process probe: CPU time per keystroke, typed through Pilot.

    python keystrokes.py bare N            a bare TextArea app
    python keystrokes.py threety DB N      the 3TY editor (live preview) on a draft in DB

Pilot's `press` waits for the app to go idle (a ~62 ms wall-time floor), so wall
time says nothing; `time.process_time()` around each press counts only the CPU
the process spent handling the key: the event, the widget, the preview, the
repaint (and Pilot's own idle checks, in both apps). For the 3TY editor it also
times what the user sees: from the key event reaching the app's driver to the
end of the first frame written that shows the changed preview (`latency_ms`).
Prints one JSON line with the per-key figures in milliseconds.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable
from typing import Any

SIZE = (160, 50)
WARM_UP = "I "
TEXT = (
    "Your advice to read the trade press every week has already changed how I talk about "
    "the field in interviews, and two recruiters noticed"
)


def text_for(keys: int) -> str:
    return (TEXT * (1 + keys // len(TEXT)))[:keys]


async def type_text(app: object, pilot: object, keys: int) -> list[float]:
    samples = []
    text = text_for(keys)
    for char in WARM_UP:
        await pilot.press(char)  # type: ignore[attr-defined]
    for char in text:
        start = time.process_time()
        await pilot.press(char)  # type: ignore[attr-defined]
        samples.append((time.process_time() - start) * 1000)
    return samples


def time_key_to_screen(app: object, shown: Callable[[], str]) -> dict[str, list[float]]:
    """Per key: wall and CPU time from its event to the first frame that shows its effect.

    `shown()` is the text the key changes (the preview; a bare TextArea's text):
    a frame written after it changed ends the key's measurement. Pilot's idle
    checks come after that frame, so they are not in these figures.
    """
    from textual import events

    found: dict[str, list[float]] = {"latency_ms": [], "frame_cpu_ms": []}
    pending: dict[str, Any] = {}
    driver = app._driver  # type: ignore[attr-defined]
    send = driver.send_message

    def send_message(message: object) -> None:
        if isinstance(message, events.Key):
            pending.update(wall=time.perf_counter(), cpu=time.process_time(), text=shown())
        send(message)

    driver.send_message = send_message
    display = type(app)._display  # type: ignore[attr-defined]

    def _display(self: object, screen: object, renderable: object) -> None:
        display(self, screen, renderable)
        if renderable is not None and pending and shown() != pending["text"]:
            found["latency_ms"].append((time.perf_counter() - pending["wall"]) * 1000)
            found["frame_cpu_ms"].append((time.process_time() - pending["cpu"]) * 1000)
            pending.clear()

    type(app)._display = _display  # type: ignore[attr-defined]
    return found


async def bare(keys: int) -> tuple[list[float], bool, dict[str, list[float]]]:
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea(id="area")

    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        area = app.query_one("#area", TextArea)
        area.focus()
        await pilot.pause()
        timed = time_key_to_screen(app, lambda: area.text)
        samples = await type_text(app, pilot, keys)
        return samples, (WARM_UP + text_for(keys)) in area.text, timed


async def threety(db: str, keys: int) -> tuple[list[float], bool, dict[str, list[float]]]:
    from threety_tui.app import ThreetyApp
    from threety_tui.widgets.editor import ThreetyEditor

    app = ThreetyApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the one-off warm-up: typing is measured after
        store = app.store
        draft = next(
            m
            for c in store.contacts()
            for m in store.messages_of(c.id)
            if not m.is_sent and m.meeting_id is not None
        )
        screen = app.screen
        screen.open_message(draft)  # type: ignore[attr-defined]
        await pilot.pause()
        area = screen.query_one("#part-highlight")
        area.focus()
        area.move_cursor(area.document.end)  # type: ignore[attr-defined]
        await pilot.pause()
        preview = screen.query_one(ThreetyEditor).query_one("#preview")
        before = preview.text  # type: ignore[attr-defined]
        timed = time_key_to_screen(app, lambda: preview.text)  # type: ignore[attr-defined]
        samples = await type_text(app, pilot, keys)
        typed = (WARM_UP + text_for(keys)) in area.text  # type: ignore[attr-defined]
        shown = typed and preview.text != before  # type: ignore[attr-defined]
        app.exit()
        return samples, shown, timed


def main() -> None:
    mode = sys.argv[1]
    if mode == "bare":
        samples, shown, timed = asyncio.run(bare(int(sys.argv[2])))
    else:
        samples, shown, timed = asyncio.run(threety(sys.argv[2], int(sys.argv[3])))
    print(json.dumps({"cpu_ms": samples, "typed_shown": shown, **timed}))


if __name__ == "__main__":
    main()
