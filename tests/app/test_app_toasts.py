"""QA 19: four h presses stacked four toasts over the panes. A note replaces the one
before it of the same kind (title and severity); notes of other kinds, and
errors, still show side by side; an action's note goes after a few seconds."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._toast import Toast

from tests.app.app_support import main_screen, select_contact, settle, wait_until
from tests.conftest import TODAY
from threety_tui.app import ThreetyApp
from threety_tui.core.timeline import EntryKind


async def test_repeated_notes_replace_each_other_instead_of_piling_up(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await select_contact(pilot, "Grace Hopper")
        await pilot.press("f3")
        timeline = main.timeline
        timeline.move_cursor(
            next(i for i, e in enumerate(timeline.rows) if e.kind is EntryKind.INSIGHT)
        )
        await settle(pilot)
        for _ in range(4):
            await pilot.press("h")
            await settle(pilot)
        said = [n.message for n in app._notifications]
        assert len(said) == 1 and said[0].startswith("Homework marked"), said
        await wait_until(pilot, lambda: app.screen.query(Toast), "the toast on screen")
        assert len(app.screen.query(Toast)) == 1
        [note] = list(app._notifications)
        assert note.timeout <= 4, "an action's note goes soon"
        timeline.move_cursor(0)  # a section header is never the cursor: the first entry
        await pilot.press("f2", "b")  # a warning: it shows beside the note
        await settle(pilot)
        kinds = sorted(n.severity for n in app._notifications)
        assert kinds == ["information", "warning"], kinds
        app.say("Disk full", title="Not saved", severity="error")
        app.say("Disk still full", title="Not saved", severity="error")
        await settle(pilot)
        assert sum(n.severity == "error" for n in app._notifications) == 2, "errors stack"


async def test_a_drafts_note_names_whose_draft_it_is(demo_db: Path) -> None:
    """A note about a draft ("No benefit is recorded for this advice yet") stays a few
    seconds: opened from the agenda right after, another person's draft showed under
    it. The note's title names whose draft it is about."""
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await select_contact(pilot, "Ada Lovelace")
        await pilot.press("f")
        await settle(pilot)
        notes = [n for n in app._notifications if "benefit" in n.message]
        assert notes and all(n.title == "Ada Lovelace" for n in notes), notes
