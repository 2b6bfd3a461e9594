"""The app as it is, on a database with meeting requests and nudges (spec section 8).

The existing panes show requests, replies and nudges, and the snooze and close
keys work on a nudge; the keys of section 8 (w, r, Enter on a nudge) are
tested in test_app_loop.py and test_app_replies.py.
"""

from __future__ import annotations

from pathlib import Path

from app_support import (
    WIDE,
    editor,
    main_screen,
    rendered_text,
    select_contact,
    settle,
    wait_for_screen,
    wait_until,
)

from tests.conftest import TODAY
from threety_tui.app import ThreetyApp
from threety_tui.core.models import MessageKind
from threety_tui.core.rules import Nudge
from threety_tui.core.timeline import EntryKind
from threety_tui.screens.agenda import AgendaList, AgendaScreen
from threety_tui.screens.confirm import Confirm
from threety_tui.screens.snooze_form import SnoozeForm


async def test_requests_and_nudges_show_and_can_be_closed(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await select_contact(pilot, "Hedy Lamarr")
        await settle(pilot)
        badge = rendered_text(main.contacts_pane.list)
        assert "no reply" in badge and "follow up once" in badge
        rows = main.timeline.rows
        step = next(e.reminder for e in rows if e.kind is EntryKind.REMINDER)
        assert step is not None and step.nudge is Nudge.SECOND_CONTACT
        assert "No reply" in rendered_text(main.timeline)

        # The request itself opens in the editor, read only.
        index = next(i for i, e in enumerate(rows) if e.kind is EntryKind.MESSAGE)
        main.timeline.move_cursor(index)
        main.timeline.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the request in the editor")
        draft = editor(app).draft
        assert draft is not None and draft.message.kind is MessageKind.OUTREACH
        assert draft.meeting is None
        await settle(pilot)
        title = rendered_text(editor(app).query_one("#editor-title"))
        assert "Meeting request to Hedy Lamarr" in title

        # z and x act on the nudge like on any next step.
        main.timeline.move_cursor(next(i for i, e in enumerate(rows) if e.reminder is not None))
        main.timeline.focus()
        await pilot.press("z")
        await wait_for_screen(pilot, SnoozeForm)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is main, "the snooze form to close")
        await pilot.press("x")
        await wait_for_screen(pilot, Confirm)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is main, "the question to close")
        await settle(pilot)
        contact = main.contact
        assert contact is not None
        (after,) = app.store.reminders_of(contact.id, TODAY)
        assert after.key == step.key and after.nudge is Nudge.FOLLOW_UP_ONCE  # the next stage


async def test_the_agenda_lists_the_nudges(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        agenda = await wait_for_screen(pilot, AgendaScreen)
        rows = agenda.query_one(AgendaList)
        nudges = [r.reminder for r in rows.rows if r.reminder and r.reminder.nudge]
        assert {r.nudge for r in nudges} == {Nudge.SECOND_CONTACT, Nudge.FOLLOW_UP_ONCE}
        text = rendered_text(rows)
        assert "No reply" in text and "Follow up once" in text
        first = next(i for i, r in enumerate(rows.rows) if r.reminder in nudges)
        nudge = rows.rows[first].reminder
        assert nudge is not None and nudge.nudge is Nudge.FOLLOW_UP_ONCE  # John's, the oldest
        rows.move_cursor(first)
        await pilot.press("enter")  # no meeting, yet Enter acts: the follow-up-once note
        await wait_until(pilot, lambda: editor(app).draft is not None, "the note to open")
        draft = editor(app).draft
        assert draft is not None and draft.message.kind is MessageKind.OUTREACH
        assert draft.contact.id == nudge.contact_id
