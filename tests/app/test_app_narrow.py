"""At 80x24 the three panes become tabs: one shows at a time, F2/F3/F4 switch.

The whole flow at 80x24 runs in test_app_flow.py (parametrized by size).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app_support import (
    NARROW,
    WIDE,
    editor,
    main_screen,
    rendered_text,
    resize,
    select_contact,
    wait_for_screen,
    wait_until,
)
from textual.geometry import Region
from textual.widgets import TextArea

from threety_tui.app import ThreetyApp
from threety_tui.screens.agenda import AgendaScreen
from threety_tui.screens.help import HelpScreen
from threety_tui.screens.main import MainScreen
from threety_tui.screens.meeting_form import MeetingForm
from threety_tui.widgets.key_bar import KeyBar

PANES = ("contacts-pane", "timeline-pane", "editor-pane")


def shown(main: MainScreen) -> list[str]:
    """The panes that take room on the screen."""
    return [pane for pane in PANES if main.query_one(f"#{pane}").region.area > 0]


async def test_panes_become_tabs_switched_with_f2_f3_f4(demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=NARROW) as pilot:
        main = main_screen(app)
        await pilot.pause()
        assert main.has_class("-narrow")
        assert shown(main) == ["contacts-pane"]
        tabs = rendered_text(main.query_one("#pane-tabs"))
        assert "F2 Contacts" in tabs and "F3 Timeline" in tabs and "F4 3TY editor" in tabs
        assert main.query_one("#contacts-pane").region.width == 80  # the tab gets the width
        assert "F2 F3 F4 Panes" in rendered_text(main.query_one(KeyBar))

        for key, pane in (("f3", "timeline-pane"), ("f4", "editor-pane"), ("f2", "contacts-pane")):
            await pilot.press(key)
            await pilot.pause()
            assert shown(main) == [pane], key
            assert app.focused is not None
            assert any(node.id == pane for node in app.focused.ancestors_with_self), key


async def test_pane_keys_never_type_into_a_field(demo_db: Path, today: date) -> None:
    """F2, F3 and F4 switch panes from inside a text field, and type nothing into it."""
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=NARROW) as pilot:
        main = main_screen(app)
        await select_contact(pilot, "Grace Hopper")
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.focused, TextArea), "a field to type in")
        area = app.focused
        assert isinstance(area, TextArea)
        before = area.text
        await pilot.press("f3")
        await pilot.pause()
        assert shown(main) == ["timeline-pane"]
        await pilot.press("f4")
        await pilot.pause()
        assert shown(main) == ["editor-pane"]
        assert app.focused is area  # back in the field it left
        await pilot.press("f2")
        await pilot.pause()
        assert shown(main) == ["contacts-pane"]
        assert area.text == before
        draft = editor(app).draft
        assert draft is not None and draft.message.parts.highlight == before


async def test_opening_a_draft_shows_the_editor(demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=NARROW) as pilot:
        main = main_screen(app)
        await select_contact(pilot, "Grace Hopper")
        await pilot.press("t")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the draft")
        await pilot.pause()
        assert shown(main) == ["editor-pane"]
        # As on a wide screen, the cursor waits in the highlight, ready to add to it.
        assert isinstance(app.focused, TextArea) and app.focused.id == "part-highlight"
        assert app.focused.region.area > 0
        assert "Thank-you to Grace Hopper" in rendered_text(main.query_one("#editor-title"))

        await pilot.press("escape")  # leave the editor: back to the timeline
        await pilot.pause()
        assert shown(main) == ["timeline-pane"]
        await pilot.press("escape")
        await pilot.pause()
        assert shown(main) == ["contacts-pane"]


async def test_narrow_screens_and_resizing_do_not_crash(demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=NARROW) as pilot:
        main = main_screen(app)
        for key, screen in (("g", AgendaScreen), ("question_mark", HelpScreen), ("m", MeetingForm)):
            await pilot.press(key)
            await wait_for_screen(pilot, screen)
            await pilot.press("escape")
            await wait_for_screen(pilot, MainScreen)

        await resize(pilot, *WIDE)
        assert shown(main) == list(PANES)
        await resize(pilot, *NARROW)
        assert len(shown(main)) == 1


async def test_a_long_name_in_the_tab_bar_ends_in_an_ellipsis(demo_db: Path, today: date) -> None:
    """QA 20: the tab bar cut a long name with no sign that it goes on."""
    from threety_tui.core.models import Contact

    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=NARROW) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        name = "Maximiliana Konstantinopoulou-Vandenberghe"
        long = app.store.add_contact(Contact(name))
        main.reload_contacts(keep=long.id)
        await pilot.pause()
        bar = main.query_one("#pane-tabs")
        [line] = bar.render_lines(Region(0, 0, bar.region.width, 1))  # padding included
        tabs = "".join(segment.text for segment in line).rstrip()
        assert "Maximiliana" in tabs and name not in tabs, tabs
        assert tabs.endswith("…"), tabs
