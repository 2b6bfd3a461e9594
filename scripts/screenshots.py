"""Regenerate screenshots/*.svg from the real app on the demo database.

    python scripts/screenshots.py            # all shots, into screenshots/
    python scripts/screenshots.py --png      # also a PNG of each (needs rsvg-convert)

The demo is written for a fixed day so the pictures only change when the UI does.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual.widgets import Input, TextArea

from threety_tui.app import ThreetyApp
from threety_tui.core import demo
from threety_tui.core.store import Store

DAY = date(2026, 11, 25)
OUT = Path(__file__).resolve().parent.parent / "screenshots"


@dataclass(frozen=True)
class Shot:
    name: str
    size: tuple[int, int]
    keys: Sequence[str]
    """Keys pressed before the picture; "wait" pauses a little longer."""


def down_to(name: str) -> tuple[str, ...]:
    """The keys that move the contact list's cursor from the first contact (by name) to `name`."""
    names = sorted((c.name for c in demo.CONTACTS), key=str.casefold)
    return ("j",) * names.index(name)


GRACE = down_to("Grace Hopper")
"""Met on Sunday, her thank-you still a draft."""
TIM = down_to("Tim Berners-Lee")
"""Met for coffee on Monday; his advice said "your own company"."""
SHOTS = (
    Shot("main", (160, 45), (*GRACE, "f3", "j", "j", "t")),
    Shot("main-120", (120, 30), (*GRACE, "t")),
    # Margaret Hamilton's follow-up, with the benefit she helped with.
    Shot("follow-up", (160, 45), (*down_to("Margaret Hamilton"), "f3", "f")),
    # The palette's copy actions over Tim Berners-Lee's thank-you ("my own company").
    Shot("copy", (160, 45), (*TIM, "t", "ctrl+p", "c", "o", "p", "y")),
    Shot("agenda", (120, 36), ("g",)),
    # The cursor on Hedy Lamarr's "No reply" nudge, John von Neumann's "Follow up once" above.
    Shot("agenda-nudges", (120, 30), ("g", *("j",) * 7)),
    Shot("meeting-form", (120, 40), ("m", "y", "e", "s", "t", "e", "r", "d", "a", "y")),
    Shot("narrow", (80, 24), (*GRACE, "t")),
    Shot("help", (120, 45), ("question_mark",)),
)


async def take(db: Path, shot: Shot) -> Path:
    app = ThreetyApp(db_path=db, today=DAY)
    async with app.run_test(size=shot.size) as pilot:
        app.sub_title = "demo.json"
        await pilot.pause()
        for key in shot.keys:
            await pilot.press(key)
            await pilot.pause()
        for widget in app.screen.query("Input, TextArea"):
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = False
        await pilot.pause(0.3)
        return Path(app.save_screenshot(filename=f"{shot.name}.svg", path=str(OUT)))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--png", action="store_true", help="also convert each SVG to PNG")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "demo.json"
        with Store.open(source) as store:
            demo.populate(store, DAY)
        for shot in SHOTS:
            db = Path(tmp) / f"{shot.name}.json"
            shutil.copy(source, db)
            svg = asyncio.run(take(db, shot))
            print(svg)
            if args.png:
                subprocess.run(
                    ["rsvg-convert", str(svg), "-o", str(svg.with_suffix(".png"))], check=True
                )


if __name__ == "__main__":
    main()
