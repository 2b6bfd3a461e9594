"""Snapshot tests (pytest-textual-snapshot) of the screens a user sees most.

Deterministic: a fixed today, no blinking cursors, and a fixed sub-title (the
header shows the database path, a random temporary path here). Update the
baselines with `pytest tests/snapshots --snapshot-update`, then look at them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from threety_tui.app import ThreetyApp
from threety_tui.core import compose
from threety_tui.core.store import Store

WIDE = (140, 45)
NARROW = (80, 24)
SUB_TITLE = "~/.local/share/threety/threety.json"

SnapCompare = Callable[..., bool]
Steps = Callable[[Pilot[Any]], Awaitable[None]]


def steady(steps: Steps | None = None) -> Steps:
    """A `run_before` that runs `steps`, then freezes what changes from run to run."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        app.sub_title = SUB_TITLE
        await pilot.pause()
        if steps is not None:
            await steps(pilot)
        await pilot.pause()
        for screen in app.screen_stack:
            for field in screen.query("Input, TextArea"):
                assert isinstance(field, Input | TextArea)
                field.cursor_blink = False
        await pilot.pause()

    return run_before


def press(*keys: str) -> Steps:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return steps


@pytest.fixture
def unfinished_draft_db(demo_db: Path, today: date) -> Path:
    """The demo, with Grace Hopper's thank-you draft missing its highlight and its question."""
    with Store.open(demo_db) as store:
        grace = next(c for c in store.contacts() if c.name == "Grace Hopper")
        (draft,) = [m for m in store.messages_of(grace.id) if not m.is_sent]
        parts = replace(draft.parts, highlight="", ask="Let me know if you ever need anything.")
        store.save_message(replace(draft, parts=parts, body=compose.render_body(parts)))
    return demo_db


def test_main_screen_wide(snap_compare: SnapCompare, demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    assert snap_compare(app, terminal_size=WIDE, run_before=steady())


def test_main_screen_narrow(snap_compare: SnapCompare, demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    assert snap_compare(app, terminal_size=NARROW, run_before=steady())


def test_editor_with_checklist_warnings(
    snap_compare: SnapCompare, unfinished_draft_db: Path, today: date
) -> None:
    app = ThreetyApp(db_path=unfinished_draft_db, today=today)
    # Grace Hopper is the 8th contact by name; t reopens her draft.
    keys = ["down"] * 7 + ["t"]
    assert snap_compare(app, terminal_size=WIDE, run_before=steady(press(*keys)))


def test_help(snap_compare: SnapCompare, demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    assert snap_compare(app, terminal_size=WIDE, run_before=steady(press("question_mark")))


def test_agenda(snap_compare: SnapCompare, demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    assert snap_compare(app, terminal_size=WIDE, run_before=steady(press("g")))
