"""QA 14: the small things a user notices. A list scrolled down starts with a contact's
name, never the company line of the one above; the count under the list breaks at
its dot, not mid-phrase; field labels keep a space from the border; the Stats
report wraps under its values (a hanging indent)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label

from tests.app.app_support import main_screen, select_contact, settle, strips_text
from tests.conftest import TODAY
from threety_tui.app import ThreetyApp
from threety_tui.screens.stats import hanging
from threety_tui.widgets import wrapping
from threety_tui.widgets.contacts import CountLine


async def test_a_scrolled_list_starts_with_a_name_not_the_line_under_it(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(100, 24)) as pilot:
        main = main_screen(app)
        rows = main.contacts_pane.list
        names = {r.contact.name for r in rows.rows}
        rows.focus()
        for _ in range(len(rows.rows)):
            await pilot.press("down")
        await settle(pilot)
        assert rows.scroll_offset.y > 0, "the list scrolled"
        top = strips_text(rows)[0].strip()
        assert any(top.startswith(name) for name in names), top
        await pilot.press("slash", "g", "r", "escape", "escape")  # filter, then clear it
        await settle(pilot)
        top = strips_text(rows)[0].strip()
        assert any(top.startswith(name) for name in names), top


def test_the_count_under_the_list_breaks_at_its_dot() -> None:
    count = CountLine()
    count.show("17 contacts", "due first")
    assert count._lines(40) == [" 17 contacts · due first"]
    assert count._lines(20) == [" 17 contacts", " · due first"]


async def test_field_labels_keep_a_space_from_the_border(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(160, 45)) as pilot:
        await select_contact(pilot, "Grace Hopper")
        await pilot.press("t")
        await settle(pilot)
        labels = [label for label in app.screen.query(Label) if label.has_class("field-label")]
        shown = [strips_text(label)[0] for label in labels if label.display and label.size.width]
        assert any("Highlight" in text for text in shown), shown
        for text in shown:
            assert text.startswith(" "), f"{text!r} touches the border"


def test_a_wrapped_stats_line_goes_on_under_its_value() -> None:
    line = hanging("  Thank-yous within 24 h:  3 of 5 meetings, most of them in the first week")
    drawn = [c.plain for c in wrapping.render([line], 50)]
    assert len(drawn) >= 2
    value_at = drawn[0].index("3 of 5")
    assert drawn[1][:value_at].strip() == "" and drawn[1][value_at] != " ", drawn
