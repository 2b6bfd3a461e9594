"""One current contact (spec section 10): the contact list's highlight, the timeline
and the person the editor writes to are always the same, whatever picked them:
the search as you type, an agenda entry, the everyone-timeline, a draft opened,
a contact added or imported. Escape leaves the search box keeping the filter;
a second escape clears it."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from app_support import (
    WIDE,
    editor,
    main_screen,
    notifications,
    rendered_text,
    select_contact,
    send_burst,
    wait_for_screen,
    wait_until,
)
from textual.pilot import Pilot
from textual.widgets import Input

from threety_tui.app import ThreetyApp
from threety_tui.core.models import Contact
from threety_tui.core.timeline import EntryKind
from threety_tui.screens.agenda import AgendaList, AgendaScreen
from threety_tui.screens.contact_form import ContactForm
from threety_tui.screens.main import MainScreen
from threety_tui.widgets.contacts import SortOrder


def current(main: MainScreen) -> str:
    """The current contact's name, after checking that every pane shows the same person."""
    row = main.contacts_pane.list.current
    assert row is not None, "no contact highlighted"
    name = row.contact.name
    assert main.contact_id == row.contact.id
    title = rendered_text(main.query_one("#timeline-title"))
    if not main.everyone:
        assert title.strip().startswith(name), (name, title)
        people = {e.contact.name for e in main.timeline.rows if e.contact is not None}
        assert people <= {name}, people
    draft = main.editor.draft
    if draft is not None:
        assert draft.contact.name == name, (draft.contact.name, name)
        assert f"to {name}" in rendered_text(main.query_one("#editor-title"))
    return name


async def search(pilot: Pilot[Any], text: str) -> MainScreen:
    main = main_screen(pilot.app)
    await pilot.press("slash")
    field = main.query_one("#contact-filter", Input)
    await wait_until(pilot, lambda: field.has_focus, "the search box")
    await pilot.pause()  # its Focus handled (it selects what is there): typing comes after
    field.value = text  # the filter reacts to the value as it does to typing
    await pilot.pause()
    return main


async def test_the_search_makes_the_highlighted_match_current_as_you_type(
    demo_db: Path, today: date
) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        assert current(main) == "Ada Lovelace"
        await pilot.press("slash", "m", "a", "r", "g")
        await pilot.pause()
        assert [r.contact.name for r in main.contacts_pane.list.rows] == ["Margaret Hamilton"]
        assert current(main) == "Margaret Hamilton"
        assert main.timeline.rows, "her timeline, not an empty one"
        await pilot.press("enter")  # to the list, the filter kept
        await pilot.pause()
        assert app.focused is main.contacts_pane.list
        assert current(main) == "Margaret Hamilton"
        await pilot.press("t")  # acts on the person shown
        await wait_until(pilot, lambda: main.editor.draft is not None, "a draft")
        assert current(main) == "Margaret Hamilton"


async def test_escape_leaves_the_search_keeping_the_filter_then_clears_it(
    demo_db: Path, today: date
) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = await search(pilot, "ada")
        assert current(main) == "Ada Lovelace"
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is main.contacts_pane.list
        assert main.contacts_pane.filter_text == "ada"
        await pilot.press("E")  # a command again, not a letter in the search box
        await pilot.pause()
        assert main.everyone and main.contacts_pane.filter_text == "ada"
        await pilot.press("E", "f2", "escape")
        await pilot.pause()
        assert main.contacts_pane.filter_text == ""
        assert len(main.contacts_pane.list.rows) == len(app.store.contacts())
        assert current(main) == "Ada Lovelace", "clearing the filter keeps the person"


async def test_an_agenda_entry_becomes_current_in_all_three_panes(
    demo_db: Path, today: date
) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await select_contact(pilot, "Ada Lovelace")
        await pilot.press("g")
        agenda = await wait_for_screen(pilot, AgendaScreen)
        rows = agenda.query_one(AgendaList)
        assert rows.current is not None and rows.current.reminder is not None, "not a header"
        await pilot.press("down")
        step = rows.current.reminder if rows.current else None
        assert step is not None
        person = app.store.contact(step.contact_id)
        assert person is not None and person.name != "Ada Lovelace"
        await pilot.press("enter")
        await wait_until(pilot, lambda: main.editor.draft is not None, "the step's draft")
        await pilot.pause()
        assert current(main) == person.name
        await pilot.press("escape")  # out of the editor: the timeline is theirs
        await pilot.pause()
        assert app.focused is main.timeline
        assert current(main) == person.name


async def test_leaving_the_agenda_on_someone_makes_them_current(demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await pilot.press("g")
        agenda = await wait_for_screen(pilot, AgendaScreen)
        await pilot.press("escape")  # straight back: nothing picked, nothing changes
        await wait_for_screen(pilot, MainScreen)
        assert current(main) == "Ada Lovelace"
        await pilot.press("g")
        agenda = await wait_for_screen(pilot, AgendaScreen)
        await pilot.press("down", "down")
        row = agenda.query_one(AgendaList).current
        assert row is not None and row.contact is not None
        await pilot.press("escape")
        await wait_for_screen(pilot, MainScreen)
        assert current(main) == row.contact.name


async def test_an_entry_of_the_everyone_timeline_becomes_current(
    demo_db: Path, today: date
) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await select_contact(pilot, "Grace Hopper")
        await pilot.press("t")
        await wait_until(pilot, lambda: main.editor.draft is not None, "Grace's draft")
        await pilot.press("escape", "escape")
        await pilot.press("E")
        await wait_until(pilot, lambda: main.everyone, "the everyone-timeline")
        await pilot.pause()
        entry = main.timeline.current
        assert entry is not None and entry.contact is not None
        assert entry.contact.name == "Grace Hopper", "it starts on the current contact"
        timeline = main.timeline
        other = next(
            i
            for i, e in enumerate(timeline.rows)
            if e.contact is not None and e.contact.name == "Linus Pauling"
        )
        timeline.move_cursor(other)
        await pilot.pause()
        assert current(main) == "Linus Pauling"
        assert main.editor.draft is None, "Grace's draft left the editor with her"
        await pilot.press("enter")  # Linus's entry opens for Linus
        await pilot.pause()
        assert current(main) == "Linus Pauling"


async def test_moving_in_the_list_takes_the_editor_along(demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await select_contact(pilot, "Grace Hopper")
        await pilot.press("t")
        await wait_until(pilot, lambda: main.editor.draft is not None, "Grace's draft")
        main.editor.focus_part("highlight")
        await pilot.press("end", "X")  # typed, not saved yet
        draft_id = main.editor.draft.message.id if main.editor.draft else 0
        names = [row.contact.name for row in main.contacts_pane.list.rows]
        below = names[names.index("Grace Hopper") + 1]
        await pilot.press("f2", "down")
        await pilot.pause()
        assert current(main) == below
        assert main.editor.draft is None
        stored = app.store.message(draft_id)
        assert stored is not None and stored.parts.highlight.endswith("X"), "saved on leaving"


async def test_a_contact_added_becomes_current(demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await search(pilot, "grace")
        await pilot.press("escape", "a")
        form = await wait_for_screen(pilot, ContactForm)
        form.query_one("#name", Input).value = "Zora Neale"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        await pilot.pause()
        assert main.contacts_pane.filter_text == "", "the filter gave way"
        assert current(main) == "Zora Neale"
        assert any("Added Zora Neale" in n for n in notifications(app))


async def test_the_cursor_never_rests_on_a_section_header(demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await select_contact(pilot, "Grace Hopper")
        timeline = main.timeline
        await pilot.press("f3")
        await pilot.pause()
        assert timeline.rows[0].kind is EntryKind.SECTION
        assert timeline.current is not None and timeline.current.kind is not EntryKind.SECTION
        await pilot.press("home", "up")
        assert timeline.current.kind is not EntryKind.SECTION
        for _ in range(len(timeline.rows)):
            await pilot.press("down")
            assert timeline.current is not None
            assert timeline.current.kind is not EntryKind.SECTION
        insight = next(i for i, e in enumerate(timeline.rows) if e.kind is EntryKind.INSIGHT)
        timeline.move_cursor(insight)
        key = timeline.rows[insight].key
        for _ in range(3):  # h, h, h: the cursor stays on the insight every time
            await pilot.press("h")
            await pilot.pause()
            assert timeline.current is not None and timeline.current.key == key


async def test_a_key_that_cannot_act_where_the_cursor_is_says_why(
    demo_db: Path, today: date
) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await select_contact(pilot, "Grace Hopper")
        await pilot.press("f3")
        await pilot.pause()
        timeline = main.timeline
        message = next(
            i
            for i, e in enumerate(timeline.rows)
            if e.kind is EntryKind.MESSAGE and e.message and e.message.is_sent
        )  # a draft's delete discards it, after asking (QA 13.11)
        timeline.move_cursor(message)
        await pilot.pause()
        for key, why in (
            ("h", "put the timeline's cursor on"),
            ("b", "put the timeline's cursor on"),
            ("delete", "put the timeline's cursor on a meeting to delete it, or on a draft"),
        ):
            app.clear_notifications()  # a note replaces one of its kind: count afresh
            await pilot.press(key)
            await pilot.pause()
            said = notifications(app)
            assert said and why in said[-1].lower(), (key, said)
        await pilot.press("c")
        await pilot.pause()
        assert "No draft open" in notifications(app)[-1]
        nobody = app.store.add_contact(Contact("Nobody Yet"))
        main.reload_contacts(keep=nobody.id)
        await pilot.pause()
        await pilot.press("f2", "t")
        await pilot.pause()
        assert "No meeting with Nobody Yet yet" in notifications(app)[-1]
        assert editor(app).draft is None


async def test_up_and_down_in_the_search_box_move_through_the_matches(
    demo_db: Path, today: date
) -> None:
    """QA 6: Up and Down did nothing in the search box; the timeline follows them."""
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = await search(pilot, "ar")
        matches = [r.contact.name for r in main.contacts_pane.list.rows]
        assert len(matches) >= 3, matches
        assert current(main) == matches[0]
        await pilot.press("down", "down")
        await pilot.pause()
        assert current(main) == matches[2]
        assert app.focused is main.query_one("#contact-filter"), "still in the search box"
        await pilot.press("up")
        await pilot.pause()
        assert current(main) == matches[1]
        await pilot.press("e")  # typing goes on from there
        await wait_until(pilot, lambda: main.contacts_pane.filter_text != "ar", "the filter")
        assert main.contacts_pane.filter_text == "are"


async def test_the_footer_in_the_search_box_shows_its_keys_at_once(
    demo_db: Path, today: date
) -> None:
    """QA 7: the footer went blank in the search box until the highlight changed."""
    from textual.widgets import Input

    from threety_tui.widgets.key_bar import KeyBar

    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await pilot.press("slash")
        await pilot.pause()
        footer = main.query_one(KeyBar)
        await wait_until(pilot, lambda: "esc Back" in rendered_text(footer), "esc in the footer")
        assert "↑ ↓ Matches" in rendered_text(footer)
        main.query_one("#contact-filter", Input).value = "zzz"  # nothing matches
        await pilot.pause()
        assert "esc Back" in rendered_text(footer)


async def test_a_name_typed_in_the_search_then_enter_shows_that_person(
    demo_db: Path, today: date
) -> None:
    """QA: `/ Tim Enter` showed Frances Allen (her company, Optimizers, holds "tim")."""
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await pilot.press("slash", "T", "i", "m", "enter")
        await pilot.pause()
        names = [r.contact.name for r in main.contacts_pane.list.rows]
        assert "Frances Allen" in names, "the company match is still listed, after the name"
        assert current(main) == "Tim Berners-Lee"
        main.contacts_pane.set_order(SortOrder.DUE)  # the name still first in the due order
        await pilot.pause()
        assert main.contacts_pane.list.rows[0].contact.name == "Tim Berners-Lee"
        assert main.contacts_pane.order is SortOrder.DUE


async def test_typing_a_name_moves_off_a_contact_who_only_matches_elsewhere(
    demo_db: Path, today: date
) -> None:
    """On Frances Allen (company Optimizers), `/ Tim` goes to Tim, not stays on her."""
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await select_contact(pilot, "Frances Allen")
        assert current(main) == "Frances Allen"
        await pilot.press("slash", "T", "i", "m", "enter")
        await pilot.pause()
        assert current(main) == "Tim Berners-Lee"


async def test_keys_in_a_burst_in_the_list_settle_with_the_everyone_timeline(
    demo_db: Path, today: date
) -> None:
    """QA: two Downs arriving together in the list while the everyone-timeline was
    shown made the two panes push each other back to older highlights for ever (100%
    CPU, no key answered, not even SIGTERM). Now they settle on the last row reached."""

    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await pilot.press("E")
        await wait_until(pilot, lambda: main.everyone and bool(main.timeline.rows), "everyone")
        await pilot.press("f2")
        await pilot.pause()
        start = main.contacts_pane.list.cursor
        assert start is not None
        changes: list[int | None] = []
        watch = main.watch_contact_id

        def counted(old: int | None, new: int | None) -> None:
            changes.append(new)
            watch(old, new)

        main.watch_contact_id = counted  # type: ignore[method-assign]
        keys = ("down", "down", "down", "up", "down", "down")
        send_burst(app, *keys)

        async def settled() -> None:
            await pilot.pause(0.3)
            seen = set()
            for _ in range(10):
                await pilot.pause(0.02)
                seen.add((main.contacts_pane.list.cursor, main.contact_id))
            assert len(seen) == 1, f"the panes keep moving: {sorted(seen)}"

        await asyncio.wait_for(settled(), timeout=20)  # it never did: fail, do not hang
        assert len(changes) <= len(keys), f"the current contact changed {len(changes)} times"
        entry = main.timeline.current
        assert entry is not None and entry.contact is not None
        assert entry.contact.name == current(main), "the timeline follows the list"
        assert main.contacts_pane.list.cursor not in (None, start), "the keys moved the list"


@pytest.mark.parametrize(
    ("keys", "then"), [(("enter", "t"), "draft"), (("escape", "E"), "everyone")]
)
async def test_keys_typed_in_one_burst_after_a_search_go_where_the_focus_went(
    demo_db: Path, today: date, keys: tuple[str, ...], then: str
) -> None:
    """QA: `/tim` enter `t` in one burst typed "timt" into the search box (enter acted
    only once the key had bubbled up to the app); escape `E` typed an E."""

    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        send_burst(app, "slash", "t", "i", "m", *keys)
        if then == "draft":
            await wait_until(pilot, lambda: main.editor.draft is not None, "Tim's thank-you")
        else:
            await wait_until(pilot, lambda: main.everyone, "the everyone-timeline")
        await pilot.pause()
        assert main.contacts_pane.filter_text == "tim"
        assert current(main) == "Tim Berners-Lee"
