"""Spec section 10: a key that cannot act where the cursor is says why.

QA 4: in the contacts list z, h, x and b did nothing, silently. QA 5: h on a
meeting row moved the favourite insight's homework on, and the footer offered
h and b there.
"""

from __future__ import annotations

from pathlib import Path

from tests.app.app_support import (
    main_screen,
    notifications,
    rendered_text,
    select_contact,
    settle,
    wait_for_screen,
    wait_until,
)
from tests.conftest import TODAY
from threety_tui.app import ThreetyApp
from threety_tui.core.timeline import EntryKind
from threety_tui.screens.snooze_form import SnoozeForm
from threety_tui.widgets.key_bar import KeyBar


def homework(app: ThreetyApp) -> list[tuple[str, str]]:
    return [(i.id, i.status.value) for m in app.store.all_meetings() for i in m.insights]


async def test_timeline_keys_in_the_contacts_list_act_or_say_why(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await select_contact(pilot, "Grace Hopper")
        assert app.focused is main.contacts_pane.list
        before = homework(app)
        for key in ("h", "b"):
            app.clear_notifications()
            await pilot.press(key)
            await settle(pilot)
            said = notifications(app)
            assert said and "press F3" in said[-1] and "insight" in said[-1], (key, said)
        assert homework(app) == before, "nothing changed behind the user's back"
        await pilot.press("z")  # Grace's next step, named in the dialog
        form = await wait_for_screen(pilot, SnoozeForm)
        assert "Grace Hopper" in rendered_text(form.query_one("#form"))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is main, "the dialog closed")
        await select_contact(pilot, "Annie Easley")  # answered: no open step
        app.clear_notifications()
        await pilot.press("x")
        await settle(pilot)
        assert notifications(app) == ["Nothing to close: Annie Easley has no open next step."]


async def test_h_on_a_meeting_row_says_to_pick_an_insight(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await select_contact(pilot, "Grace Hopper")
        await pilot.press("f3")
        timeline = main.timeline
        meeting_row = next(i for i, e in enumerate(timeline.rows) if e.kind is EntryKind.MEETING)
        timeline.move_cursor(meeting_row)
        await settle(pilot)
        footer = rendered_text(main.query_one(KeyBar))
        assert "Homework" not in footer and "Benefit" not in footer, footer
        before = homework(app)
        app.clear_notifications()
        await pilot.press("h")
        await settle(pilot)
        assert homework(app) == before
        said = notifications(app)
        assert said and "put the cursor on one of this meeting's insights" in said[-1], said
        timeline.move_cursor(meeting_row + 1)  # its first insight
        await settle(pilot)
        footer = rendered_text(main.query_one(KeyBar))
        assert "h Homework" in footer and "b Benefit" in footer, footer
        await pilot.press("h")
        await settle(pilot)
        assert homework(app) != before


async def test_main_screen_keys_in_the_agenda_act_or_say_why(demo_db: Path) -> None:
    """QA: in the agenda m, t, a, c, e, w, f, u did nothing and said nothing."""
    from threety_tui.core.models import MessageKind
    from threety_tui.screens.agenda import AgendaList, AgendaScreen
    from threety_tui.screens.main import MainScreen

    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await pilot.press("g")
        agenda = await wait_for_screen(pilot, AgendaScreen)
        rows = agenda.query_one(AgendaList)
        await wait_until(pilot, lambda: rows.current is not None, "the agenda's rows")
        for key in ("m", "a", "c", "e", "w", "slash", "f2"):
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is agenda, key
            said = notifications(app)
            assert len(said) == 1 and "In the agenda: enter opens" in said[0], (key, said)
            assert "escape goes back to the main screen" in said[0]
        # t on a step that is no thank-you says what it is; on a thank-you it opens it.
        other = next(
            i
            for i, r in enumerate(rows.rows)
            if r.reminder is not None and r.reminder.kind is not MessageKind.THANK_YOU
        )
        rows.move_cursor(other)
        await pilot.pause()
        app.clear_notifications()
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is agenda
        assert "not a thank-you" in notifications(app)[0]
        thank_you = next(
            i
            for i, r in enumerate(rows.rows)
            if r.reminder is not None
            and r.reminder.kind is MessageKind.THANK_YOU
            and r.reminder.nudge is None
        )
        rows.move_cursor(thank_you)
        await pilot.pause()
        step = rows.current.reminder if rows.current else None
        assert step is not None
        await pilot.press("t")
        await wait_for_screen(pilot, MainScreen)
        await wait_until(pilot, lambda: main.editor.draft is not None, "the step's draft")
        draft = main.editor.draft
        assert draft is not None and draft.contact.id == step.contact_id
        assert draft.message.kind is MessageKind.THANK_YOU
