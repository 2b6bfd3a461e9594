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
from threety_tui.core.demo import CONTACTS
from threety_tui.core.models import Contact
from threety_tui.core.store import Store

WIDE = (140, 45)
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
                # TextArea caches its lines with the cursor left out of the key when
                # blinking stops: a line cached while the blink hid the cursor (a slow,
                # loaded run) would be drawn without it. Start from fresh lines.
                field.notify_style_update()
                field.refresh()
        await pilot.pause()

    return run_before


def press(*keys: str) -> Steps:
    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return steps


def press_to_dialog(*keys: str) -> Steps:
    """Press `keys`, the last of which opens a dialog (its worker waits for the answer)."""

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press(*keys)
        await pilot.pause(0.2)

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


def down_to(name: str) -> list[str]:
    """The keys from the first contact by name to `name`."""
    return ["down"] * sorted((c.name for c in CONTACTS), key=str.casefold).index(name)


GRACE = down_to("Grace Hopper")
"""From the first contact by name to Grace Hopper, met on Sunday, her thank-you a draft."""

SIZES = [(80, 24), (100, 30), (120, 30), (132, 40), (160, 45), (220, 60)]
"""Spec section 10's range, with the sizes where the layout changes (tabs below
100 columns, the editor's 60 columns beside two panes) and common terminals."""


@pytest.mark.parametrize("draft", [False, True], ids=["no-draft", "draft"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_main_screen(
    snap_compare: SnapCompare, demo_db: Path, today: date, size: tuple[int, int], draft: bool
) -> None:
    """The main screen at each size; with a draft, Grace Hopper's thank-you is open."""
    app = ThreetyApp(db_path=demo_db, today=today)
    keys = [*GRACE, "t"] if draft else []  # t reopens her thank-you draft
    assert snap_compare(app, terminal_size=size, run_before=steady(press(*keys)))


def test_editor_with_checklist_warnings(
    snap_compare: SnapCompare, unfinished_draft_db: Path, today: date
) -> None:
    app = ThreetyApp(db_path=unfinished_draft_db, today=today)
    keys = [*GRACE, "t"]
    assert snap_compare(app, terminal_size=WIDE, run_before=steady(press(*keys)))


def test_mark_sent_with_amber_items_asks_first(
    snap_compare: SnapCompare, unfinished_draft_db: Path, today: date
) -> None:
    app = ThreetyApp(db_path=unfinished_draft_db, today=today)
    steps = press_to_dialog(*GRACE, "t", "ctrl+r")
    assert snap_compare(app, terminal_size=WIDE, run_before=steady(steps))


@pytest.fixture
def unsigned_db(demo_db: Path) -> Path:
    """The demo as a new user has it: no sender name, never asked."""
    with Store.open(demo_db) as store:
        store.update_settings(replace(store.settings, your_name="", name_asked=False))
    return demo_db


def test_first_draft_asks_who_signs(
    snap_compare: SnapCompare, unsigned_db: Path, today: date
) -> None:
    app = ThreetyApp(db_path=unsigned_db, today=today)
    steps = press_to_dialog(*down_to("Tim Berners-Lee"), "t")
    assert snap_compare(app, terminal_size=WIDE, run_before=steady(steps))


def test_help(snap_compare: SnapCompare, demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    assert snap_compare(app, terminal_size=WIDE, run_before=steady(press("question_mark")))


def test_agenda(snap_compare: SnapCompare, demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    assert snap_compare(app, terminal_size=WIDE, run_before=steady(press("g")))


@pytest.fixture
def joan_db(demo_db: Path) -> Path:
    """The demo and Joan Clarke, someone to ask for a meeting."""
    with Store.open(demo_db) as store:
        store.add_contact(
            Contact(
                "Joan Clarke",
                "joan@bletchley.example",
                "Bletchley Analytics",
                "Cryptanalyst",
                how_met="Introduced by Alan Turing",
            )
        )
    return demo_db


def test_meeting_request(snap_compare: SnapCompare, joan_db: Path, today: date) -> None:
    """w on a contact with no meeting yet: the request's own fields and checklist."""
    app = ThreetyApp(db_path=joan_db, today=today)
    names = sorted([*(c.name for c in CONTACTS), "Joan Clarke"], key=str.casefold)
    keys = ["down"] * names.index("Joan Clarke") + ["w"]
    assert snap_compare(app, terminal_size=(160, 45), run_before=steady(press(*keys)))
