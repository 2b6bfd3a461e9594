"""In-process probe: does memory grow while the app is used for a while?

    python soak.py DB SECONDS

ThreetyApp on DB (a copy: drafts get edited and saved), headless 160x50,
driven through Pilot like a person for SECONDS: move through contacts (arrows,
page down, home, end), search (`/`, a few letters, enter), open a draft (`t`)
and type into it, leave it (escape: it is saved), open the agenda (`g`) and
move in it, switch the timeline to everyone (`E`) and back, open help (`?`);
in a random order (seeded), over and over. Every so often it waits for the
app to settle (saves done), collects garbage and reads the resident memory.

Prints one JSON line: `samples` ([seconds since start, rss KB], the first taken
once everything is loaded, before any use), `warm_kb` (after the first round
of every action: every cache has been filled once), `end_kb`, `rounds`, `keys`.
"""

from __future__ import annotations

import asyncio
import gc
import json
import random
import sys
import time
from typing import Any

from proc import rss_kb  # the probes' folder is on sys.path: they run as scripts
from settle import settled

SIZE = (160, 50)
SAMPLES = 20
LETTERS = "aeilmnorst"


class User:
    def __init__(self, app: Any, pilot: Any, rng: random.Random) -> None:
        self.app, self.pilot, self.rng = app, pilot, rng
        self.keys = 0

    async def press(self, *keys: str) -> None:
        self.keys += len(keys)
        await self.pilot.press(*keys)

    async def home(self) -> None:
        """Back to the main screen with the contact list focused."""
        for _ in range(6):
            if len(self.app.screen_stack) > 1:
                await self.press("escape")
        await self.press("escape", "escape", "1")

    async def browse(self) -> None:
        for _ in range(self.rng.randint(3, 12)):
            await self.press(self.rng.choice(("down", "down", "down", "up", "pagedown")))
        if self.rng.random() < 0.2:
            await self.press(self.rng.choice(("home", "end")))

    async def search(self) -> None:
        await self.press("slash", *self.rng.sample(LETTERS, self.rng.randint(1, 3)), "enter")
        await self.browse()
        await self.press("slash", "backspace", "enter")

    async def draft(self) -> None:
        from textual.widgets import TextArea

        await self.press("t")
        focused = self.app.focused
        if isinstance(focused, TextArea) and not focused.read_only:
            text = self.rng.choice(("Thanks again ", "It worked, ", "more soon "))
            await self.press(*(("space" if c == " " else c) for c in text))
        await self.press("escape", "escape")

    async def agenda(self) -> None:
        await self.press("g", *["down"] * self.rng.randint(1, 6), "escape")

    async def everyone(self) -> None:
        await self.press("E", *["down"] * self.rng.randint(1, 6), "E")

    async def help(self) -> None:
        await self.press("question_mark", "escape")

    async def round(self) -> None:
        actions = [self.browse, self.search, self.draft, self.agenda, self.everyone, self.help]
        self.rng.shuffle(actions)
        for action in actions:
            await action()
            await self.home()


async def measure(db: str, seconds: float) -> dict[str, Any]:
    from threety_tui.app import ThreetyApp

    app = ThreetyApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app)
        start = time.perf_counter()

        async def sample() -> int:
            await settled(app, quiet=0.2)
            gc.collect()
            kb: int = rss_kb()
            samples.append((round(time.perf_counter() - start, 2), kb))
            return kb

        samples: list[tuple[float, int]] = []
        await sample()
        user = User(app, pilot, random.Random(14))
        await user.round()
        warm = await sample()
        rounds = 1
        every = seconds / SAMPLES
        next_sample = time.perf_counter() + every
        while time.perf_counter() - start < seconds:
            await user.round()
            rounds += 1
            if time.perf_counter() >= next_sample:
                await sample()
                next_sample = time.perf_counter() + every
        end = await sample()
        app.exit()
    return {"samples": samples, "warm_kb": warm, "end_kb": end, "rounds": rounds, "keys": user.keys}


def main() -> None:
    print(json.dumps(asyncio.run(measure(sys.argv[1], float(sys.argv[2])))))


if __name__ == "__main__":
    main()
