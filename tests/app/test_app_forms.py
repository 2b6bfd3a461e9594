"""Forms: inline validation, dates as people type them, ctrl+s, and escape that asks first."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from app_support import (
    WIDE,
    enter_text,
    notifications,
    rendered_text,
    wait_for_screen,
    wait_until,
)
from textual.pilot import Pilot
from textual.widgets import Input, Static

from threety_tui.app import ThreetyApp
from threety_tui.core.models import Contact
from threety_tui.core.store import Store
from threety_tui.screens.confirm import Confirm
from threety_tui.screens.contact_form import ContactForm
from threety_tui.screens.form import FormScreen
from threety_tui.screens.main import MainScreen
from threety_tui.screens.meeting_form import MeetingForm


def error_line(form: FormScreen[object], field: str) -> tuple[str, bool]:
    """The text under a field, and whether it is shown as a problem."""
    line = form.query_one(f"#error-{field}", Static)
    return str(line.render()), line.has_class("-problem")


@pytest.fixture
def one_contact(empty_db: Path) -> Path:
    with Store.open(empty_db) as store:
        store.add_contact(Contact("Grace Hopper", email="grace@example.com"))
    return empty_db


async def test_name_is_required(empty_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=empty_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        form = await wait_for_screen(pilot, ContactForm)
        assert error_line(form, "name") == ("", False)  # nothing to complain about yet
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # save refused, the form stays
        assert error_line(form, "name") == ("A name is required.", True)
        assert app.focused is form.query_one("#name")
        assert app.store.contacts() == []

        await enter_text(pilot, "Ada")
        assert error_line(form, "name") == ("", False)  # the message goes as you type
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        assert [c.name for c in app.store.contacts()] == ["Ada"]


async def test_email_must_look_like_an_email(empty_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=empty_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        form = await wait_for_screen(pilot, ContactForm)
        await enter_text(pilot, "Ada")
        await pilot.press("tab")
        await enter_text(pilot, "ada@")
        message, problem = error_line(form, "email")
        assert problem and "does not look like an email address" in message
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert app.focused is form.query_one("#email")
        assert app.store.contacts() == []

        await enter_text(pilot, "x.io")
        assert error_line(form, "email") == ("", False)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        assert [(c.name, c.email) for c in app.store.contacts()] == [("Ada", "ada@x.io")]


async def set_when(pilot: Pilot[Any], form: MeetingForm, text: str) -> None:
    """Replace the date field's text (as selecting all and typing over it would)."""
    field = form.query_one("#when", Input)
    assert form.app.focused is field
    field.value = text
    await pilot.pause()


@pytest.mark.parametrize("typed", ["2027-01-10", "tomorrow"])
async def test_a_meeting_date_in_the_future_is_refused(
    one_contact: Path, today: date, typed: str
) -> None:
    """QA: "tomorrow" was taken, and its thank-you said "today"."""
    app = ThreetyApp(db_path=one_contact, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("m")
        form = await wait_for_screen(pilot, MeetingForm)
        await set_when(pilot, form, typed)
        message, problem = error_line(form, "when")
        assert problem and "log a meeting once it has happened" in message
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert app.store.all_meetings() == []
        assert any("log a meeting once it has happened" in n for n in notifications(app))


@pytest.mark.parametrize(
    ("typed", "days_back"),
    [("yesterday", 1), ("3 days ago", 3), ("tuesday", 1), ("2026-11-20", 5), ("today", 0)],
)
async def test_meeting_dates_as_people_type_them(
    one_contact: Path, today: date, typed: str, days_back: int
) -> None:
    assert today.weekday() == 2  # a Wednesday: "tuesday" is yesterday
    app = ThreetyApp(db_path=one_contact, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("m")
        form = await wait_for_screen(pilot, MeetingForm)
        if typed != "today":  # today is the default
            await set_when(pilot, form, typed)
        expected = today - timedelta(days=days_back)
        message, problem = error_line(form, "when")
        assert not problem
        # The hint reads the date back as the app writes days everywhere ("Mon 23 Nov").
        assert f"→ {expected:%a} {expected.day} {expected:%b} (" in message
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        (meeting,) = app.store.all_meetings()
        assert meeting.when == expected


async def test_escape_asks_before_throwing_typed_text_away(empty_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=empty_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        form = await wait_for_screen(pilot, ContactForm)
        await enter_text(pilot, "Ada")

        await pilot.press("escape")
        question = await wait_for_screen(pilot, Confirm)
        assert "Discard what you typed?" in rendered_text(question.query_one(Static))
        await pilot.press("n")  # keep editing
        await wait_until(pilot, lambda: app.screen is form, "back to the form")
        assert form.query_one("#name", Input).value == "Ada"

        await pilot.press("escape")
        await wait_for_screen(pilot, Confirm)
        await pilot.press("y")  # discard
        await wait_for_screen(pilot, MainScreen)
        assert app.store.contacts() == []
        assert not app.store.dirty


async def test_escape_on_an_untouched_form_closes_at_once(one_contact: Path, today: date) -> None:
    app = ThreetyApp(db_path=one_contact, today=today)
    async with app.run_test(size=WIDE) as pilot:
        for key, form_type in (("a", ContactForm), ("e", ContactForm), ("m", MeetingForm)):
            await pilot.press(key)
            await wait_for_screen(pilot, form_type)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen), key
        assert [c.name for c in app.store.contacts()] == ["Grace Hopper"]
        assert app.store.all_meetings() == []


async def test_ctrl_s_saves_an_edited_contact(one_contact: Path, today: date) -> None:
    app = ThreetyApp(db_path=one_contact, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("e")
        form = await wait_for_screen(pilot, ContactForm)
        assert form.query_one("#name", Input).value == "Grace Hopper"
        await pilot.press("end")
        await enter_text(pilot, " B")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        (contact,) = app.store.contacts()
        assert (contact.name, contact.email) == ("Grace Hopper B", "grace@example.com")
        assert "Grace Hopper B" in rendered_text(app.screen.query_one("#timeline-title"))


async def test_the_favourite_star_is_on_screen_and_clickable(
    one_contact: Path, today: date
) -> None:
    """Each insight has a visible star (and remove) button inside the form."""
    app = ThreetyApp(db_path=one_contact, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("m")
        form = await wait_for_screen(pilot, MeetingForm)
        await pilot.press("ctrl+n")
        await pilot.pause()
        fields = form._insight_fields()
        assert len(fields) == 2
        for field in fields:
            for button in field.query(".favourite, .remove"):
                assert field.region.contains_region(button.region), (
                    f"{button} at {button.region} is outside its insight row {field.region}"
                )
        star = fields[1].query_one(".favourite")
        assert await pilot.click(star)
        assert [f.favourite for f in form._insight_fields()] == [False, True]


async def test_ctrl_q_in_a_half_filled_form_asks_before_losing_it(
    one_contact: Path, today: date
) -> None:
    """QA: ctrl+q quit at once from a half-typed meeting, and the notes were gone."""
    from threety_tui.screens.confirm import QuitQuestion

    app = ThreetyApp(db_path=one_contact, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await pilot.press("m")
        form = await wait_for_screen(pilot, MeetingForm)
        await pilot.press("tab", "tab", "tab")
        await enter_text(pilot, "Talked about compilers")
        await pilot.press("ctrl+q")
        question = await wait_for_screen(pilot, QuitQuestion)
        assert "Quit without saving what you typed in" in str(question.query_one(Static).render())
        assert app.is_running
        await pilot.press("n")  # keep editing: the text is still there
        await wait_until(pilot, lambda: app.screen is form, "back in the form")
        assert form.typed() and app.is_running
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, QuitQuestion)
        await pilot.press("y")
        await wait_until(pilot, lambda: not app.is_running, "the app quits")


async def test_ctrl_q_twice_quits_and_an_untouched_form_quits_at_once(
    one_contact: Path, today: date
) -> None:
    from threety_tui.screens.confirm import QuitQuestion

    app = ThreetyApp(db_path=one_contact, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        await wait_for_screen(pilot, ContactForm)
        await enter_text(pilot, "Ada")
        await pilot.press("ctrl+q")
        await wait_for_screen(pilot, QuitQuestion)
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running, "the second ctrl+q quits")

    app = ThreetyApp(db_path=one_contact, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a")
        await wait_for_screen(pilot, ContactForm)
        await pilot.press("ctrl+q")  # nothing typed: nothing to lose
        await wait_until(pilot, lambda: not app.is_running, "ctrl+q quits")
