"""QA 3: Textual's own palette commands. "Keys" docked a help panel over the panes
(laid out for the whole width, the editor went off-screen) and "Maximize" hid
two of the three panes: both are left out. "Theme" and "Screenshot" stay, and work."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandInput, CommandPalette
from textual.widgets import TextArea

from tests.app.app_support import (
    main_screen,
    notifications,
    palette_titles,
    run_from_palette,
    select_contact,
    wait_for_screen,
    wait_until,
)
from tests.conftest import TODAY
from threety_tui.app import ThreetyApp


async def test_the_palette_offers_no_keys_panel_nor_maximize(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await select_contact(pilot, "Grace Hopper")
        await pilot.press("t")  # a text field has focus: Textual would offer Maximize
        await wait_until(pilot, lambda: isinstance(app.focused, TextArea), "the draft's fields")
        assert app.focused is not None and app.focused.allow_maximize
        offered = [c.title for c in app.get_system_commands(app.screen)]
        assert "Keys" not in offered and "Maximize" not in offered
        assert "Theme" in offered and "Screenshot" in offered
        await pilot.press("ctrl+p")
        palette = await wait_for_screen(pilot, CommandPalette)
        for word in ("Keys", "Maximize"):
            palette.query_one(CommandInput).value = word
            await pilot.pause(0.3)
            assert word not in palette_titles(palette), palette_titles(palette)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is main_screen(app), "the palette closed")
        editor = main_screen(app).query_one("#editor-pane")
        assert editor.region.right <= app.size.width


async def test_screenshot_from_the_palette_saves_an_svg_and_says_where(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import textual.app

    shots = tmp_path / "downloads"
    shots.mkdir()
    monkeypatch.setattr(textual.app, "user_downloads_path", lambda: shots)
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await run_from_palette(pilot, "Screenshot")
        await wait_until(pilot, lambda: list(shots.glob("*.svg")), "the screenshot file")
        [svg] = shots.glob("*.svg")
        await wait_until(
            pilot, lambda: any("Saved screenshot" in n for n in notifications(app)), "a note"
        )
        assert "<svg" in svg.read_text(encoding="utf-8")
