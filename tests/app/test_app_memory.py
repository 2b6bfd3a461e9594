"""Screens opened and left leave nothing behind: hours of use do not grow the app."""

from __future__ import annotations

import gc
from collections import Counter
from pathlib import Path

from textual.dom import DOMNode

from tests.app.app_support import WIDE, editor, main_screen, wait_for_screen, wait_until
from tests.conftest import TODAY
from threety_tui.app import ThreetyApp
from threety_tui.screens.agenda import AgendaScreen


def live_nodes() -> Counter[str]:
    gc.collect()
    return Counter(type(o).__qualname__ for o in gc.get_objects() if isinstance(o, DOMNode))


async def test_the_agenda_opened_and_left_again_and_again_keeps_no_widget(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        home = main_screen(app)
        # The editor builds its fields a step at a time after the first frame: not a leak.
        await wait_until(pilot, lambda: editor(app)._fields_ready, "the editor's fields")

        async def agenda_and_back() -> None:
            await pilot.press("g")
            await wait_for_screen(pilot, AgendaScreen)
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is home, "the main screen again")
            await pilot.pause()

        await agenda_and_back()  # every cache filled once
        before = live_nodes()
        for _ in range(3):
            await agenda_and_back()
        grown = live_nodes() - before
        assert not grown, f"widgets kept after leaving the agenda 3 times: {dict(grown)}"
