"""A draft's fields show every word of their text after a switch from another draft.

Seen at 140x45: Tim's follow-up open (its editor scrolls, the fields one column
narrower), then Edsger's thank-you from the agenda: the Highlight read "...problems
out" / "stuck with me.", the word "loud" wrapped away at the old width and never
drawn at the new one."""

from __future__ import annotations

from pathlib import Path

from tests.app.app_support import (
    main_screen,
    select_contact,
    strips_text,
    wait_for_screen,
    wait_until,
)
from tests.conftest import TODAY
from threety_tui.app import ThreetyApp
from threety_tui.screens.agenda import AgendaList, AgendaScreen
from threety_tui.widgets.fields import PartArea


async def test_every_word_of_a_field_is_drawn_after_switching_drafts(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await select_contact(pilot, "Tim Berners-Lee")
        await pilot.press("f")
        await pilot.pause(0.3)
        await pilot.press("escape", "g")
        agenda = await wait_for_screen(pilot, AgendaScreen)
        second = agenda.query_one(AgendaList).rows[2]  # after the header and Linus
        assert second.contact is not None and second.contact.name == "Edsger Dijkstra"
        await pilot.press("down", "enter")
        await pilot.pause(0.5)
        assert main.editor.draft is not None
        for area in app.screen.query(PartArea):
            if not area.size.width:
                continue
            drawn = " ".join(strips_text(area)).split()
            assert drawn == area.text.split(), (area.id, drawn)
