"""Data is shown as data: markup-looking text stays literal, ESC never reaches the terminal."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from app_support import (
    WIDE,
    editor,
    enter_text,
    main_screen,
    notifications,
    rendered_text,
    select_contact,
    settle,
    strips_text,
    terminal_output,
    wait_for_screen,
    wait_until,
)

from threety_tui.app import ThreetyApp
from threety_tui.core.models import Contact, Insight, Meeting
from threety_tui.core.store import Store
from threety_tui.screens.confirm import Confirm
from threety_tui.screens.contact_form import ContactForm
from threety_tui.screens.main import MainScreen

EVE = "[bold red]Eve[/]"
ADVICE = "[red]Ship[/red] it"
ESC_NAME = "Mallory\x1b[31mRed"
"""ESC then "[31m": on a terminal, the rest of the screen would turn red."""
ESC_SHOWN = "Mallory␛[31mRed"


@pytest.fixture
def markup_db(empty_db: Path, today: date) -> Path:
    with Store.open(empty_db) as store:
        eve = store.add_contact(Contact(EVE, company="[i]Acme[/i]"))
        store.add_meeting(
            Meeting(
                eve.id,
                today - timedelta(days=1),
                notes="[b]bold?[/b]",
                insights=(Insight(ADVICE, favourite=True),),
            )
        )
    return empty_db


@pytest.fixture
def esc_db(empty_db: Path, today: date) -> Path:
    with Store.open(empty_db) as store:
        mallory = store.add_contact(
            Contact(
                ESC_NAME,
                email="m@example.com",
                company="Evil\x1b]0;owned\x07Corp",
                notes="\x1b[2Jcleared",
            )
        )
        store.add_meeting(
            Meeting(
                mallory.id,
                today - timedelta(days=1),
                notes="notes\x1b[5mblink",
                insights=(Insight("advice\x1b[7mreverse", favourite=True),),
            )
        )
        store.add_contact(Contact("Nomeeting\x1b[32mGreen"))
    return empty_db


async def test_markup_in_a_name_shows_literally(markup_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=markup_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await settle(pilot)
        assert EVE in rendered_text(main.contacts_pane.list)
        assert "[i]Acme[/i]" in rendered_text(main.contacts_pane.list)
        assert EVE in rendered_text(main.query_one("#timeline-title"))
        timeline = rendered_text(main.timeline)
        assert "[b]bold?[/b]" in timeline and "[red]Ship[/red]" in timeline

        await pilot.press("t")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the draft")
        await pilot.pause()
        assert f"Thank-you to {EVE}" in rendered_text(editor(app).query_one("#editor-title"))
        # the preview wraps at its width: the markup, shown literally, is what matters
        assert "[red]Ship[/red]" in rendered_text(editor(app).query_one("#preview"))


async def test_markup_in_an_insight_shows_literally_in_the_insight_picker(
    markup_db: Path, today: date
) -> None:
    app = ThreetyApp(db_path=markup_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("t")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the draft")
        await pilot.pause()
        shown = editor(app).query_one("#insight-pick SelectCurrent #label")
        assert f"★ {ADVICE}" in rendered_text(shown)


async def test_notifications_with_names_are_not_markup(empty_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=empty_db, today=today)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("a")
        await wait_for_screen(pilot, ContactForm)
        await enter_text(pilot, EVE)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        await wait_until(pilot, lambda: app.screen.query("Toast"), "the notification")
        await pilot.pause()
        assert [c.name for c in app.store.contacts()] == [EVE]
        assert any(EVE in message for message in notifications(app))
        (toast,) = app.screen.query("Toast")
        assert f"Added {EVE}." in rendered_text(toast)


async def test_control_characters_in_data_never_reach_the_terminal(
    esc_db: Path, today: date
) -> None:
    app = ThreetyApp(db_path=esc_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await select_contact(pilot, ESC_NAME)
        await pilot.press("t")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the draft")
        await pilot.pause()

        widgets = {
            "contact list": main.contacts_pane.list,
            "timeline heading": main.query_one("#timeline-title"),
            "timeline": main.timeline,
            "editor title": editor(app).query_one("#editor-title"),
            "insight picker": editor(app).query_one("#insight-pick SelectCurrent #label"),
        }
        for where, widget in widgets.items():
            lines = strips_text(widget)
            assert not any("\x1b" in line or "\x07" in line for line in lines), where
        assert ESC_SHOWN in rendered_text(main.contacts_pane.list)
        assert ESC_SHOWN in rendered_text(main.query_one("#timeline-title"))
        assert ESC_SHOWN in rendered_text(editor(app).query_one("#editor-title"))
        timeline = rendered_text(main.timeline)
        assert "notes␛[5mblink" in timeline and "advice␛[7m" in timeline
        assert "advice␛[7mreverse" in rendered_text(widgets["insight picker"])

        output = terminal_output(app)
        for sequence in ("\x1b[31mRed", "\x1b]0;owned", "\x1b[5mblink", "\x1b[7mreverse"):
            assert sequence not in output


async def test_control_characters_in_a_notification_never_reach_the_terminal(
    esc_db: Path, today: date
) -> None:
    app = ThreetyApp(db_path=esc_db, today=today)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await select_contact(pilot, "Nomeeting\x1b[32mGreen")
        await pilot.press("t")  # no meeting yet: a warning that names the contact
        await wait_until(pilot, lambda: app.screen.query("Toast"), "the notification")
        await pilot.pause()
        assert any("Nomeeting" in message for message in notifications(app))
        output = terminal_output(app)
        assert "Nomeeting" in output
        assert "\x1b[32mGreen" not in output


async def test_control_characters_in_a_question_never_reach_the_terminal(
    esc_db: Path, today: date
) -> None:
    app = ThreetyApp(db_path=esc_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await select_contact(pilot, "Nomeeting\x1b[32mGreen")
        await pilot.press("delete")  # "Move <name> and their meetings to the trash?"
        await wait_for_screen(pilot, Confirm)
        output = terminal_output(app)
        assert "Nomeeting" in output
        assert "\x1b[32mGreen" not in output
        await pilot.press("n")
        await wait_for_screen(pilot, MainScreen)
        assert len(app.store.contacts()) == 2
