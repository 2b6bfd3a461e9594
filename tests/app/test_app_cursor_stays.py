"""QA 1: after an action removes the row under the cursor, the cursor stays where the
user looks: on the entry that took its place (or the one above at the end), and
the view does not scroll back to the top, so the next key acts on what is seen."""

from __future__ import annotations

from pathlib import Path

from tests.app.app_support import (
    main_screen,
    select_contact,
    settle,
    wait_for_screen,
    wait_until,
)
from tests.conftest import TODAY
from threety_tui.app import ThreetyApp
from threety_tui.core.models import Homework
from threety_tui.core.timeline import EntryKind
from threety_tui.screens.agenda import AgendaList, AgendaScreen
from threety_tui.screens.confirm import Confirm


async def test_homework_done_in_the_agenda_leaves_the_cursor_on_the_next_entry(
    demo_db: Path,
) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("g")
        agenda = await wait_for_screen(pilot, AgendaScreen)
        rows = agenda.query_one(AgendaList)
        doing = [
            i
            for i, r in enumerate(rows.rows)
            if r.insight is not None and r.insight.status is Homework.DOING
        ]
        index = doing[-1]  # far down the list: the view is scrolled
        rows.move_cursor(index)
        await pilot.pause()
        scrolled = rows.scroll_offset.y
        assert scrolled > 0
        below = rows.rows[index + 1]
        await pilot.press("h")  # doing -> done: it leaves Open homework
        await settle(pilot)
        assert rows.cursor == index
        current = rows.current
        assert current is not None and current.key == below.key, "the next entry took its place"
        assert rows.scroll_offset.y == scrolled, "the view stayed where it was"
        await pilot.press("h")  # acts on the entry now under the cursor
        await settle(pilot)
        assert below.meeting is not None and below.insight is not None
        meeting = app.store.meeting(below.meeting.id)
        moved = meeting.insight(below.insight.id) if meeting else None
        assert moved is not None and moved.status is not below.insight.status

        last = max(i for i, r in enumerate(rows.rows) if r.insight is not None)
        rows.move_cursor(last)
        await pilot.pause()
        above = rows.rows[last - 1]
        while rows.current is not None and rows.current.key == rows.rows[last].key:
            await pilot.press("h")  # round to done: the last entry goes
            await settle(pilot)
            if rows.cursor != last:
                break
        current = rows.current
        assert current is not None and current.key == above.key, "at the end: the one above"


async def test_a_step_closed_in_the_agenda_leaves_the_cursor_on_the_next_step(
    demo_db: Path,
) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("g")
        agenda = await wait_for_screen(pilot, AgendaScreen)
        rows = agenda.query_one(AgendaList)
        index = next(i for i, r in enumerate(rows.rows) if r.reminder is not None) + 1
        rows.move_cursor(index)
        await pilot.pause()
        below = rows.rows[index + 1]
        assert below.reminder is not None
        await pilot.press("x")
        await wait_for_screen(pilot, Confirm)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is agenda, "back in the agenda")
        await settle(pilot)
        current = rows.current
        assert current is not None and current.key == below.key


async def test_deleting_the_last_meeting_keeps_the_cursor_at_the_end(
    demo_db: Path,
) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await select_contact(pilot, "Grace Hopper")  # two meetings
        await pilot.press("f3")
        timeline = main.timeline
        last = max(i for i, e in enumerate(timeline.rows) if e.kind is EntryKind.MEETING)
        timeline.move_cursor(last)
        await pilot.pause()
        await pilot.press("delete")
        await wait_for_screen(pilot, Confirm)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is main, "back on the main screen")
        await settle(pilot)
        # The meeting went with its insights and messages: the cursor is on the
        # entry now at the end, where the meeting was, not back at the top.
        assert timeline.cursor == len(timeline.rows) - 1
        current = timeline.current
        assert current is not None and current.kind is not EntryKind.SECTION
        first = next(i for i, e in enumerate(timeline.rows) if e.kind is not EntryKind.SECTION)
        assert timeline.cursor != first
