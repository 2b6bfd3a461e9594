"""Drafts save as you type (debounced), and quitting right after typing loses nothing."""

from __future__ import annotations

import inspect
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from app_support import (
    WIDE,
    editor,
    main_screen,
    read_db,
    select_contact,
    type_text,
    wait_until,
)
from textual.pilot import Pilot
from textual.widgets import TextArea

from threety_tui.app import ThreetyApp
from threety_tui.screens.main import MainScreen

ADDED = " Extra words"


async def type_into_graces_draft(pilot: Pilot[Any]) -> int:
    """Open Grace Hopper's thank-you draft and add to its highlight; return its id."""
    app = pilot.app
    await select_contact(pilot, "Grace Hopper")
    await pilot.press("t")
    await wait_until(pilot, lambda: editor(app).draft is not None, "the draft")
    await pilot.pause()
    assert isinstance(app.focused, TextArea) and app.focused.id == "part-highlight"
    await type_text(pilot, ADDED)
    draft = editor(app).draft
    assert draft is not None and draft.message.id is not None
    return draft.message.id


def highlight_on_disk(path: Path, message_id: int) -> str:
    highlight: str = read_db(path)["messages"][str(message_id)]["parts"]["highlight"]
    return highlight


async def test_typing_saves_to_the_store_and_then_the_file(demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        message_id = await type_into_graces_draft(pilot)

        def stored() -> str:
            message = app.store.message(message_id)
            assert message is not None
            return message.parts.highlight

        await wait_until(pilot, lambda: stored().endswith(ADDED), "the draft in the store")
        assert ADDED in (app.store.message(message_id) or pytest.fail()).body.replace("\n", " ")
        await wait_until(
            pilot,
            lambda: highlight_on_disk(demo_db, message_id).endswith(ADDED),
            "the draft in the file",
        )
        assert isinstance(app.focused, TextArea)  # saving did not disturb the typing


@pytest.mark.parametrize("quit_by", ["q", "ctrl+q"])
async def test_quitting_right_after_typing_keeps_the_text(
    demo_db: Path, today: date, monkeypatch: pytest.MonkeyPatch, quit_by: str
) -> None:
    # The debounced save never fires here: only quitting can save the text.
    debounce = inspect.getmodule(MainScreen.save_draft)
    monkeypatch.setattr(debounce, "SAVE_DRAFT_AFTER", 600)
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        message_id = await type_into_graces_draft(pilot)
        stored = app.store.message(message_id)
        assert stored is not None and not stored.parts.highlight.endswith(ADDED)
        # Click the contacts list (leaving the text field without escape, which saves too).
        assert await pilot.click(main_screen(app).contacts_pane.list)
        await pilot.pause()
        assert not isinstance(app.focused, TextArea)
        await pilot.press(quit_by)
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    app.finish()  # the last save, as `threety` waits for it after run()

    assert highlight_on_disk(demo_db, message_id).endswith(ADDED)
