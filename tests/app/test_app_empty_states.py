"""What the panes say when they have little to show, and what the forms suggest.

QA 12: a search matching nobody said "No contacts. Press a to add one." above
"0 of 17 contacts"; an empty database's timeline said "Select a contact in the
list"; its everyone-timeline said "press w" (w needs a contact). QA 15: the
everyone-timeline's title said "newest first" above next steps. QA 16: moving
in it dropped the search, silently. QA 17: the add-contact form's placeholders
looked filled in with a demo contact. QA 18: a new contact wore "all good".
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.app.app_support import (
    main_screen,
    notifications,
    rendered_text,
    settle,
    wait_for_screen,
    wait_until,
)
from tests.conftest import TODAY
from threety_tui.app import ThreetyApp
from threety_tui.core.timeline import EntryKind
from threety_tui.screens.contact_form import ContactForm
from threety_tui.screens.main import MainScreen


def flat(text: str) -> str:
    return " ".join(text.split())


async def test_a_search_matching_nobody_says_so(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await pilot.press("slash")
        main.query_one("#contact-filter", Input).value = "zzzz"
        await settle(pilot)
        listed = flat(rendered_text(main.contacts_pane.list))
        assert "No contact matches “zzzz”" in listed and "Press a" not in listed, listed
        assert "0 of 15 contacts" in rendered_text(main.query_one("#contact-count"))
        shown = flat(rendered_text(main.timeline))
        assert "No contact matches the search" in shown, shown


async def test_an_empty_database_points_to_a_everywhere(empty_db: Path) -> None:
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        main = main_screen(app)
        await settle(pilot)
        for everyone in (False, True):
            if everyone:
                await pilot.press("E")
                await settle(pilot)
                assert main.everyone
            shown = flat(rendered_text(main.timeline))
            assert "No contacts yet: press a to add the first one." in shown, shown
            assert "press w" not in shown and "Select a contact" not in shown
        listed = flat(rendered_text(main.contacts_pane.list))
        assert listed.startswith("No contacts yet: press a"), listed


async def test_the_everyone_timeline_names_its_order_and_says_when_the_search_goes(
    demo_db: Path,
) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(140, 40)) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await pilot.press("slash")
        main.query_one("#contact-filter", Input).value = "grace"
        await settle(pilot)
        await pilot.press("escape", "E")
        await settle(pilot)
        title = flat(rendered_text(main.query_one("#timeline-title")))
        assert title == "Everyone: next steps first, then newest first", title
        timeline = main.timeline
        assert timeline.rows[0].kind is EntryKind.SECTION and "Next steps" in timeline.rows[0].title
        graces = [
            i for i, e in enumerate(timeline.rows) if e.contact and e.contact.name == "Grace Hopper"
        ]
        timeline.move_cursor(graces[-1])  # Grace is in the filtered list: the search stays
        await settle(pilot)
        assert main.contacts_pane.filter_text == "grace"
        app.clear_notifications()
        linus = next(
            i
            for i, e in enumerate(timeline.rows)
            if e.contact and e.contact.name == "Linus Pauling"
        )
        timeline.move_cursor(linus)
        await settle(pilot)
        assert main.contacts_pane.filter_text == ""
        assert notifications(app) == ["Search “grace” cleared: Linus Pauling did not match it."]


async def test_a_new_contact_has_neutral_placeholders_and_no_all_good(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await pilot.press("a")
        form = await wait_for_screen(pilot, ContactForm)
        hints = [str(field.placeholder) for field in form.query(Input)]
        assert "First and last name" in hints and "name@example.com" in hints, hints
        for contact in app.store.contacts():  # nothing that reads as a real person's data
            first = contact.name.split()[0]
            assert not any(first in hint for hint in hints), (first, hints)
        form.query_one("#name", Input).value = "Zora Neale"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        row = main.contacts_pane.list.cursor
        assert row is not None
        lines = rendered_text(main.contacts_pane.list).split("\n")
        badge = next(lines[i + 1] for i, line in enumerate(lines) if "Zora Neale" in line)
        assert "no meeting yet" in badge and "all good" not in badge, badge
