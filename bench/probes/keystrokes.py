"""In-process probe: keys typed into the 3TY editor once the app is idle, against a bare TextArea.

    python keystrokes.py threety DB KEYS           ThreetyApp on DB, headless 160x50
    python keystrokes.py bare KEYS FIELD.json      a bare TextArea of the field's size and text

threety: once everything is loaded and warmed up (`settle.settled`), `t` on a
contact opens a draft (`drive.open_draft`), the cursor goes to the end of the
highlight field, and the app settles again. Then KEYS keys are pressed, one
every 100 ms from a thread as a terminal's input thread delivers them (a
brisk typist; no waiting for the app to be idle in between, as Pilot's `press`
would). FIELD.json (written by the threety run) gives the bare run the
field's size, text and TextArea options, so both type the same text into the
same box.

Per key: the latency from its press to the end of the first frame that shows
it, in the field and (threety) in the live preview, when the key changed the
preview before the next key; frames are turned into terminal output as a
terminal's driver does (`frames.on_frames`). CPU per key: the process's CPU
over the typing (first press to 100 ms after the last) less what the app uses
idle over as long (its timers: cursor blink, autosave check), divided by KEYS.

Prints one JSON line: `latency_ms`, `cpu_per_key_ms`, `idle_cpu_ms`, `typed`
(the text arrived in the field), `preview` (the preview was found and changed)
and, for threety, `field` (the FIELD.json contents).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

from drive import open_draft, preview_text  # the probes' folder is on sys.path
from frames import on_frames
from keys import Typist, key_of, latencies
from settle import settled

SIZE = (160, 50)
EVERY = 0.1
TEXT = (
    "Your advice to read the trade press every week has already changed how I talk about "
    "the field in interviews, and two recruiters noticed"
)


def text_for(keys: int) -> str:
    return (TEXT * (1 + keys // len(TEXT)))[:keys]


async def type_into(app: Any, area: Any, keys: int, preview: bool) -> dict[str, Any]:
    """Type `keys` characters into the focused `area`; figures as the module says."""
    frames: list[tuple[float, tuple[str, str | None]]] = []

    def state() -> tuple[str, str | None]:
        return (area.text, preview_text(app) if preview else None)

    on_frames(app, lambda done, _text: frames.append((done, state())))
    text = text_for(keys)
    window = (keys + 1) * EVERY
    cpu = time.process_time()
    await asyncio.sleep(window)
    idle_cpu = time.process_time() - cpu
    before = state()
    start = time.perf_counter() + EVERY
    typist = Typist(app, [key_of(c) for c in text], start=start, every=EVERY)
    cpu = time.process_time()
    typist.start()
    await asyncio.sleep(max(0.0, start + window - time.perf_counter()))
    typing_cpu = time.process_time() - cpu
    typist.join()
    await asyncio.sleep(0.3)
    fields = latencies(typist.pressed, [(d, s[0]) for d, s in frames], before[0])
    shown = latencies(typist.pressed, [(d, s[1]) for d, s in frames], before[1], by_next=True)
    combined = [
        None if f is None else (f if p is None else max(f, p))
        for f, p in zip(fields, shown, strict=True)
    ]
    return {
        "latency_ms": combined,
        "preview_keys": sum(p is not None for p in shown),
        "cpu_per_key_ms": (typing_cpu - idle_cpu) * 1000 / keys,
        "idle_cpu_ms": idle_cpu * 1000,
        "typed": area.text.endswith(text),
        "preview": bool(preview and before[1] is not None and state()[1] != before[1]),
    }


async def threety(db: str, keys: int) -> dict[str, Any]:
    from threety_tui.app import ThreetyApp

    app = ThreetyApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app)
        area = await open_draft(app, pilot)
        area.move_cursor(area.document.end)
        await pilot.pause()
        await settled(app, quiet=0.3)
        start = {"width": area.outer_size.width, "text": area.text}
        result = await type_into(app, area, keys, preview=True)
        result["field"] = {
            **start,
            "height": area.outer_size.height,
            "soft_wrap": area.soft_wrap,
            "compact": area.compact,
            "show_line_numbers": area.show_line_numbers,
            "highlight_cursor_line": area.highlight_cursor_line,
            "type": type(area).__name__,
        }
        app.exit()
    return result


async def bare(keys: int, field: dict[str, Any]) -> dict[str, Any]:
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class Bare(App[None]):
        CSS = f"TextArea {{ width: {field['width']}; height: {field['height']}; }}"

        def compose(self) -> ComposeResult:
            yield TextArea(
                field["text"],
                soft_wrap=field["soft_wrap"],
                compact=field["compact"],
                show_line_numbers=field["show_line_numbers"],
                highlight_cursor_line=field["highlight_cursor_line"],
            )

    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        area = app.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.pause()
        await settled(app, quiet=0.3)
        result = await type_into(app, area, keys, preview=False)
        app.exit()
    return result


def main() -> None:
    mode = sys.argv[1]
    if mode == "threety":
        result = asyncio.run(threety(sys.argv[2], int(sys.argv[3])))
    elif mode == "bare":
        field = json.loads(Path(sys.argv[3]).read_text())
        result = asyncio.run(bare(int(sys.argv[2]), field))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
