"""QA 8: under a dialog the footer showed the main screen's keys ("h Homework b Benefit
F2 F3 F4 ..."), none of which work there. Each dialog shows its own keys on the
bottom line, over the main screen's footer."""

from __future__ import annotations

from pathlib import Path

from tests.app.app_support import (
    main_screen,
    rendered_text,
    run_from_palette,
    select_contact,
    wait_for_screen,
    wait_until,
)
from tests.conftest import TODAY
from threety_tui.app import ThreetyApp
from threety_tui.core.timeline import EntryKind
from threety_tui.screens.confirm import Confirm
from threety_tui.screens.help import HelpScreen
from threety_tui.screens.snooze_form import BenefitForm
from threety_tui.screens.stats import StatsScreen
from threety_tui.widgets.key_bar import KeyBar

MAIN_KEYS = ("Homework", "Benefit", "Panes", "Thank-you", "Agenda")


def bottom_line(app: ThreetyApp) -> str:
    """The keys on the terminal's last row: the top screen's footer, which covers it."""
    bar = app.screen.query_one(KeyBar)
    assert bar.region.y == app.size.height - 1 and bar.region.width == app.size.width
    return rendered_text(bar)


async def test_each_dialog_shows_its_own_keys(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await select_contact(pilot, "Grace Hopper")
        await pilot.press("f3")
        timeline = main.timeline
        timeline.move_cursor(
            next(i for i, e in enumerate(timeline.rows) if e.kind is EntryKind.INSIGHT)
        )
        await pilot.pause()
        assert "Homework" in rendered_text(main.query_one(KeyBar))
        checks = (
            ("b", BenefitForm, ("Save", "Cancel")),
            ("delete", Confirm, ("Yes", "No")),
            ("question_mark", HelpScreen, ("Close",)),
        )
        for key, kind, wanted in checks:
            if key == "delete":  # on the meeting above the insight
                timeline.move_cursor(timeline.cursor - 1)  # type: ignore[operator]
                await pilot.pause()
            await pilot.press(key)
            dialog = await wait_for_screen(pilot, kind)
            await pilot.pause()
            keys = bottom_line(app)
            assert all(w in keys for w in wanted), (kind.__name__, keys)
            assert not any(k in keys for k in MAIN_KEYS), (kind.__name__, keys)
            await pilot.press("escape")
            await wait_until(pilot, lambda d=dialog: app.screen is not d, "the dialog closed")
        await run_from_palette(pilot, "Stats")
        await wait_for_screen(pilot, StatsScreen)
        assert "Close" in bottom_line(app)
