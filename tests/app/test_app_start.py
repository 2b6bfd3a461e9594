"""The first frame comes early: the editor's hidden fields are built just after it.

The main screen is the app's first screen (not pushed over an empty one) and its
CSS is read with the app's. The 3TY editor composes only its "No draft open"
help; its fields, checklist and preview (hidden until a draft opens) are
mounted a moment after the first frame, or at once when a draft opens sooner.
A draft opened before they exist shows, and takes focus, as soon as they do.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from app_support import (
    NARROW,
    WIDE,
    editor,
    main_screen,
    settle,
    terminal_output,
    type_text,
    wait_until,
)
from textual.geometry import Region
from textual.widgets import TextArea

from threety_tui.app import ThreetyApp
from threety_tui.widgets import editor as editor_module
from threety_tui.widgets.editor import Draft


async def test_the_fields_are_built_shortly_after_start(demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        assert app.screen_stack == [main], "the main screen is the first screen"
        await wait_until(pilot, lambda: bool(main.query("#part-highlight")), "the fields")
        await pilot.pause()
        assert editor(app).draft is None
        widget = main.query_one("#editor-empty")  # its padding is inside its region
        hint = "\n".join(
            "".join(segment.text for segment in strip)
            for strip in widget.render_lines(Region(0, 0, *widget.outer_size))
        )
        lines = [line.strip() for line in hint.split("\n")]
        assert lines[1] == "No draft open.", "after the hint's top padding"
        # w needs no meeting (QA 13.13): the hint no longer says to pick one first.
        lead = "Pick a contact, or a meeting in the timeline, then press:"
        assert lead in " ".join(hint.split())
        keys = [line.split()[0] for line in lines if line[:2] in ("w ", "t ", "f ", "u ")]
        assert keys == ["w", "t", "f", "u"], "one line starts with each draft key"
        assert "A 3TY has three parts:" in lines
        assert not main.query_one("#editor-fields").display, "hidden until a draft opens"
        assert gc.get_threshold()[0] > 0, "the collector runs again after the first frame"


async def test_a_draft_opened_before_the_fields_exist(
    demo_db: Path, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(editor_module, "FIELDS_AFTER", 3600.0)  # only a draft builds them
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        assert not main.query("#part-highlight"), "no fields before a draft opens"
        store = app.store
        message = next(m for m in store.all_messages() if not m.is_sent and m.parts.highlight)
        contact = store.contact(message.contact_id)
        assert contact is not None
        meeting = store.meeting(message.meeting_id) if message.meeting_id else None

        area = editor(app)
        area.load(Draft(message, contact, meeting), today)
        assert area.current() == message, "nothing typed yet: the draft as stored"
        area.focus_part("ask")
        await wait_until(
            pilot,
            lambda: isinstance(app.focused, TextArea) and app.focused.id == "part-ask",
            "the asked-for field to take focus once built",
        )
        assert main.query_one("#part-highlight", TextArea).text == message.parts.highlight
        assert main.query_one("#editor-fields").display
        await type_text(pilot, " Soon?")
        current = area.current()
        assert current is not None and current.parts.ask == message.parts.ask + " Soon?"


async def test_keys_typed_before_the_app_is_ready_act_as_typed(demo_db: Path, today: date) -> None:
    """QA: `/Tim` + Enter typed right after launch lost the `/`, and `m` then opened
    "Log meeting with Ada Lovelace". Keys typed while the app starts arrive in one
    burst: the `/` moved focus only after the next keys had gone to the list."""
    from textual import events
    from textual.widgets import Input

    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        for key, char in (("slash", "/"), ("T", "T"), ("i", "i"), ("m", "m")):
            app.post_message(events.Key(key, char))  # queued together, as at launch
        await pilot.pause()
        await pilot.pause()
        assert app.screen is main, "no form opened"
        search = main.query_one("#contact-filter", Input)
        await wait_until(pilot, lambda: search.value == "Tim", "Tim in the search box")
        assert app.focused is search
        shown = [c.name for c in main.contacts_pane.list.rows]
        assert "Tim Berners-Lee" in shown and "Ada Lovelace" not in shown
        await pilot.press("enter")  # the first match becomes current
        await wait_until(pilot, lambda: app.focused is main.contacts_pane.list, "the list")
        assert main.contact is not None and main.contact.name == shown[0]


async def test_keys_typed_before_the_main_screen_exists_wait_for_it(
    demo_db: Path, today: date
) -> None:
    """Keys from the terminal can come before the main screen is mounted: `/` then
    searched a box not built yet (an error); now they wait for the screen, in order."""
    from textual import events
    from textual.screen import Screen

    app = ThreetyApp(db_path=demo_db, today=today)
    build = app.get_default_screen

    def typed_first() -> Screen[None]:
        for key, char in (("slash", "/"), ("T", "T"), ("i", "i"), ("m", "m")):
            app.post_message(events.Key(key, char))  # queued before the screen is built
        return build()

    app.get_default_screen = typed_first  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        search = main.contacts_pane.query_one("#contact-filter")
        await wait_until(pilot, lambda: app.focused is search, "the search box")
        await wait_until(pilot, lambda: getattr(search, "value", "") == "Tim", "Tim typed")
        assert app.screen is main, "no form opened"


async def test_enter_typed_before_the_terminal_is_set_up_leaves_the_search(
    demo_db: Path, today: date
) -> None:
    """QA: `/ada` + Enter sent right at launch left the search box open: typed before
    the terminal leaves line mode, Enter arrives as "\\n" (ctrl+j). Held keys read it as
    the Enter it was, so the `t` after it opens the match's thank-you."""
    from textual import events
    from textual.screen import Screen

    app = ThreetyApp(db_path=demo_db, today=today)
    build = app.get_default_screen

    def typed_first() -> Screen[None]:
        keys = (("slash", "/"), ("t", "t"), ("i", "i"), ("m", "m"), ("ctrl+j", "\n"), ("t", "t"))
        for key, char in keys:
            app.post_message(events.Key(key, char))  # queued before the screen is built
        return build()

    app.get_default_screen = typed_first  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: main.editor.draft is not None, "a thank-you opened")
        draft = main.editor.draft
        assert draft is not None and draft.contact.name == "Tim Berners-Lee"
        # The search is "tim", or cleared (and said) if the list was still being
        # rebuilt from the whole file when Tim became current: never "timt".
        assert main.contacts_pane.filter_text in ("tim", ""), main.contacts_pane.filter_text
        assert app.focused is not main.contacts_pane.query_one("#contact-filter")


async def test_quitting_while_a_draft_builds_the_fields_ends_cleanly(
    demo_db: Path, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by a test run: the app closing while the first `t` mounted the fields
    (a quit right after it) ended with "stopped by an unexpected error": Textual's
    `Select` looked up its overlay after the close had removed it. Closed at each
    moment of the mount in turn (one moment is a turn of the event loop); the
    error came at one of them."""
    import asyncio

    from textual import events

    monkeypatch.setattr(editor_module, "FIELDS_AFTER", 3600.0)  # only the draft builds them
    for turns in range(2, 12):
        app = ThreetyApp(db_path=demo_db, today=today)
        async with app.run_test(size=WIDE) as pilot:  # raises what ended the app
            await wait_until(pilot, lambda a=app: a.store.loaded, "the whole file")
            await pilot.pause()
            app.post_message(events.Key("t", "t"))
            for _ in range(turns):
                await asyncio.sleep(0)
        assert app.return_code in (0, None), turns


FIRST_FRAME = """
import sys
from threety_tui.app import ThreetyApp

LATER = sys.argv[2].split(",")

async def look(pilot):
    app = pilot.app
    while getattr(app.focused, "id", None) != "contact-list":
        await pilot.pause()  # a frame each: the first one shows the list focused
    print("list focused:", app.focused is not None and app.focused.id == "contact-list")
    print("imported:", ",".join(m for m in LATER if m in sys.modules))
    app.exit()

ThreetyApp(db_path=sys.argv[1]).run(headless=True, size=(160, 50), auto_pilot=look)
"""
DRAFT_ONLY = (
    "threety_tui.core.compose",
    "threety_tui.core.wordings",
    "threety_tui.core.advice",
    "threety_tui.core.news",
    "threety_tui.core.voice",
    "textual.widgets._text_area",
    "ctypes",
)
"""What only a draft (or a later memory trim) needs: imported after the first frame."""


def test_the_first_screen_imports_nothing_only_a_draft_needs(demo_db: Path) -> None:
    """A fresh process, as `threety` starts: when the first screen is up (the list has
    focus), the draft machinery is not imported yet; `_prepare` brings it in a step at
    a time after the first frame."""
    result = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(demo_db), ",".join(DRAFT_ONLY)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "list focused: True" in result.stdout, result.stdout
    assert "imported: \n" in result.stdout, result.stdout
    assert set(DRAFT_ONLY) <= set(editor_module.PREPARE) | {"ctypes"}, "each one prepared"


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
async def test_the_first_screen_is_styled_as_a_full_restyle_would(
    demo_db: Path, today: date, size: tuple[int, int]
) -> None:
    """The first `ScreenResume` does not restyle every widget (they were styled as they
    were composed, in the saved theme): what it paints is what a full restyle paints."""
    from dataclasses import replace

    from threety_tui.core.store import Store

    with Store.open(demo_db) as store:
        store.update_settings(replace(store.settings, theme="gruvbox"))
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=size) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await settle(pilot)
        assert app.theme == "gruvbox"
        first = terminal_output(app)
        main.update_node_styles(animate=False)
        for widget in main.walk_children(with_self=False):
            widget.refresh()
        await pilot.pause()
        assert terminal_output(app) == first
