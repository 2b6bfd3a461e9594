"""A large database: the everyone-timeline and the agenda are built off the UI thread.

From `BACKGROUND_FROM` contacts (10,000 take one to two seconds of work) the
app builds them on a thread of its own, shows "Reading…" meanwhile (the UI
stays live), and keeps what it built until the data changes. Lowered to 0 here
so the demo database takes that path; the builds are held back on an event to
see the screen while they run. No timing is asserted.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from app_support import (
    WIDE,
    main_screen,
    rendered_text,
    select_contact,
    wait_for_screen,
    wait_until,
)

from threety_tui import app as app_module
from threety_tui.app import ThreetyApp
from threety_tui.screens import agenda, everyone_timeline
from threety_tui.screens.agenda import AgendaList, AgendaScreen
from threety_tui.screens.snooze_form import SnoozeForm

T = TypeVar("T")


class Held:
    """Wraps a build so that it waits for `go` and counts its runs."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.runs = 0
        self.threads: set[str] = set()

    def wrap(self, build: Callable[..., T]) -> Callable[..., T]:
        def held(*args: Any) -> T:
            self.runs += 1
            self.threads.add(threading.current_thread().name)
            assert self.go.wait(10), "the test never let the build go on"
            return build(*args)

        return held


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "BACKGROUND_FROM", 0)


async def test_everyone_is_read_in_the_background_then_kept(
    demo_db: Path, today: date, large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = Held()
    monkeypatch.setattr(everyone_timeline, "build", held.wrap(everyone_timeline.build))
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await select_contact(pilot, "Grace Hopper")
        await pilot.press("E")
        await wait_until(pilot, lambda: held.runs == 1, "the build to start")
        await pilot.pause()
        assert main.everyone and not main.timeline.rows
        assert "Reading everyone's meetings and messages" in rendered_text(main.timeline)
        await pilot.press("down")  # the UI is live meanwhile: the list takes the key
        await pilot.pause()
        assert held.threads == {"threety-everyone"}, "built on a thread of its own"
        held.go.set()
        await wait_until(pilot, lambda: len(main.timeline.rows) > 20, "everyone's entries")
        entry = main.timeline.current
        assert entry is not None and entry.contact is not None
        assert main.contact is not None and entry.contact.name == main.contact.name
        await pilot.press("E", "E")  # off and on: kept, not built again
        await pilot.pause()
        assert main.everyone and len(main.timeline.rows) > 20 and held.runs == 1


async def test_a_change_builds_everyone_again_showing_the_old_meanwhile(
    demo_db: Path, today: date, large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = Held()
    held.go.set()
    monkeypatch.setattr(everyone_timeline, "build", held.wrap(everyone_timeline.build))
    trims: list[str] = []
    monkeypatch.setattr(app_module, "give_back", lambda: bool(trims.append("trim")))
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await pilot.press("E")
        await wait_until(pilot, lambda: len(main.timeline.rows) > 20, "everyone's entries")
        assert trims == [], "a first build frees nothing"
        before = list(main.timeline.rows)
        held.go.clear()
        grace = next(c for c in app.store.contacts() if c.name == "Grace Hopper")
        from dataclasses import replace

        app.store.update_contact(replace(grace, name="Grace B. Hopper"))
        main.changed()
        await wait_until(pilot, lambda: held.runs == 2, "a second build")
        assert list(main.timeline.rows) == before, "the old entries stay meanwhile"
        held.go.set()
        await wait_until(
            pilot,
            lambda: any(
                e.contact and e.contact.name == "Grace B. Hopper" for e in main.timeline.rows
            ),
            "the entries as the data is now",
        )
        assert trims == ["trim"], "the old build's memory is handed back once it is replaced"


async def test_the_agenda_is_read_in_the_background_and_follows_a_snooze(
    demo_db: Path, today: date, large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = Held()
    monkeypatch.setattr(agenda, "agenda_rows", held.wrap(agenda.agenda_rows))
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("g")
        screen = await wait_for_screen(pilot, AgendaScreen)
        view = screen.query_one(AgendaList)
        await wait_until(pilot, lambda: held.runs == 1, "the build to start")
        await pilot.pause()
        assert not view.rows and "Reading every next step" in rendered_text(view)
        assert "Reading every next step" in rendered_text(screen.query_one("#agenda-summary"))
        assert held.threads == {"threety-agenda"}
        held.go.set()
        await wait_until(pilot, lambda: len(view.rows) > 3, "the agenda's rows")
        first = next(i for i, r in enumerate(view.rows) if r.reminder is not None)
        view.move_cursor(first)
        await pilot.pause()
        step = view.rows[first].reminder
        assert step is not None
        await pilot.press("z")
        await wait_for_screen(pilot, SnoozeForm)
        await pilot.click("#snooze-week")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen, "back in the agenda")
        await wait_until(pilot, lambda: held.runs == 2, "the agenda built again")

        def moved() -> bool:
            return all(r.reminder is None or r.reminder.key != step.key for r in view.rows) or any(
                r.reminder is not None
                and r.reminder.key == step.key
                and r.reminder.due == today + timedelta(days=7)
                for r in view.rows
            )

        await wait_until(pilot, moved, "the snoozed step moved")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is main_screen(app), "the main screen")
        await pilot.press("g")  # nothing changed since: shown at once
        again = await wait_for_screen(pilot, AgendaScreen)
        await pilot.pause()
        assert len(again.query_one(AgendaList).rows) > 3 and held.runs == 2
