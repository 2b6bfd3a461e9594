"""Helpers for the Pilot tests: drive the app like a user, and read what it shows."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from time import monotonic
from typing import Any, TypeVar

from textual.command import CommandInput, CommandList, CommandPalette
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

from threety_tui.app import ThreetyApp
from threety_tui.core.models import Message
from threety_tui.screens.main import MainScreen
from threety_tui.widgets.editor import ThreetyEditor

S = TypeVar("S", bound=Screen[Any])

WIDE = (140, 45)
NARROW = (80, 24)


def main_screen(app: ThreetyApp) -> MainScreen:
    """The main screen, wherever it is in the stack."""
    screens = [s for s in app.screen_stack if isinstance(s, MainScreen)]
    assert screens, f"no main screen in {app.screen_stack}"
    return screens[0]


def editor(app: ThreetyApp) -> ThreetyEditor:
    return main_screen(app).editor


def draft_message(app: ThreetyApp) -> Message:
    """The message open in the editor (the test fails if none is)."""
    draft = editor(app).draft
    assert draft is not None, "no draft open in the editor"
    return draft.message


def copied_body(message: Message) -> str:
    """What `c` Copy draft puts on the clipboard: the body alone, greeting to sign-off.

    Checked here so every test that uses it checks it: the greeting comes first,
    the subject is not in it, and no paragraph is broken across lines.
    """
    body = message.body.rstrip("\n")
    assert body.startswith(message.parts.greeting.strip()), body
    assert not body.startswith(message.subject), body
    paragraphs = body.split("\n\n")
    assert all("\n" not in p for p in paragraphs[:-1]), body  # only the sign-off has lines
    return body


async def wait_until(
    pilot: Pilot[Any], predicate: Callable[[], object], what: str, timeout: float = 5.0
) -> None:
    """Let the app run until `predicate()` holds; fail with `what` if it never does."""
    deadline = monotonic() + timeout
    while not predicate():
        if monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {what}")
        await pilot.pause(0.02)


async def wait_for_screen(pilot: Pilot[Any], kind: type[S]) -> S:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, kind), f"a {kind.__name__}")
    screen = app.screen
    assert isinstance(screen, kind)
    await pilot.pause()
    return screen


async def settle(pilot: Pilot[Any]) -> None:
    """Let pending messages, timers that are due and workers finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def resize(pilot: Pilot[Any], width: int, height: int) -> None:
    """Resize the terminal, as a user drags the window, and wait until it is laid out.

    Textual hands a resize to the screen from a timer (1/120 s, to merge a
    drag's many sizes); the screen then lays out and each widget whose size
    changed gets a `Resize`, whose handler can set a class that asks for
    another layout. Waits for the first (the layout is at the new size: a
    Textual internal, the screen's compositor), then until two pauses in a row
    change no widget's region or classes: no waiting on the clock.
    """
    app = pilot.app
    size = (width, height)
    await pilot.resize_terminal(width, height)
    await wait_until(pilot, lambda: tuple(app.screen._compositor.size) == size, f"{size}")

    def layout() -> list[tuple[Widget, Region, frozenset[str]]]:
        return [(w, w.region, frozenset(w.classes)) for w in app.screen.walk_children(Widget)]

    before, still = layout(), 0
    for _ in range(30):
        await pilot.pause()
        after = layout()
        still = still + 1 if after == before else 0
        if still == 2:
            return
        before = after
    raise AssertionError(f"the layout at {width}x{height} never settled")


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type `text` key by key into whatever has focus (where typing is what is tested)."""
    await pilot.press(*text)


async def enter_text(pilot: Pilot[Any], text: str) -> None:
    """Put `text` into the focused field at its cursor, as typing it would, in one go.

    The field posts its `Changed` as for a keystroke; ~30 ms a key saved where
    the keys themselves are not what a test is about.
    """
    from textual.widgets import Input, TextArea

    field = pilot.app.focused
    if isinstance(field, Input):
        field.insert_text_at_cursor(text)
    elif isinstance(field, TextArea) and not field.selection.is_empty:
        field.replace(text, *field.selection, maintain_selection_offset=False)  # as a key does
    elif isinstance(field, TextArea):
        field.insert(text)
    else:
        raise AssertionError(f"no text field has focus ({field!r})")
    await pilot.pause()


def send_burst(app: ThreetyApp, *keys: str) -> None:
    """Keys arriving together, as in one read from the terminal: each handed to the
    app's driver before the app has acted on the one before (Pilot's `press` waits).

    Textual internal: `App._driver.send_message` is the terminal driver's entry.
    """
    from textual import events

    for key in keys:
        app._driver.send_message(events.Key(key, key if len(key) == 1 else None))


def palette_titles(palette: CommandPalette) -> list[str]:
    commands = palette.query_one(CommandList)
    return [
        str(commands.get_option_at_index(i).prompt).split("\n", 1)[0]
        for i in range(commands.option_count)
    ]


async def run_from_palette(pilot: Pilot[Any], title: str) -> None:
    """ctrl+p, the exact title in the search box, enter."""
    app = pilot.app
    await pilot.press("ctrl+p")
    palette = await wait_for_screen(pilot, CommandPalette)
    palette.query_one(CommandInput).value = title
    await wait_until(
        pilot,
        lambda: palette_titles(palette)[:1] == [title],
        f"the palette to offer {title!r} first (it shows {palette_titles(palette)})",
    )
    await pilot.press("enter")
    await wait_until(
        pilot, lambda: not isinstance(app.screen, CommandPalette), "the palette to close"
    )
    await pilot.pause()


def strips_text(widget: Widget) -> list[str]:
    """The text of every line the widget renders now (segments joined)."""
    width, height = widget.size
    return [
        "".join(segment.text for segment in strip)
        for strip in widget.render_lines(Region(0, 0, width, height))
    ]


def rendered_text(widget: Widget) -> str:
    return "\n".join(strips_text(widget))


def terminal_output(app: ThreetyApp) -> str:
    """What the app would write to a real terminal for a full repaint of the screen."""
    screen = app.screen
    update = screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert update is not None
    return update.render_segments(app.console)


def notifications(app: ThreetyApp) -> list[str]:
    return [n.message for n in app._notifications]


def read_db(path: Path) -> dict[str, Any]:
    """The database file as JSON: what a user would find on disk."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


async def select_contact(pilot: Pilot[Any], name: str) -> None:
    """Put the contacts list's cursor on `name` (as arrow keys would)."""
    main = main_screen(pilot.app)
    contact_list = main.contacts_pane.list
    index = next((i for i, row in enumerate(contact_list.rows) if row.contact.name == name), None)
    assert index is not None, f"{name!r} is not in the contacts list"
    contact_list.move_cursor(index)
    await wait_until(
        pilot,
        lambda: main.contact is not None and main.contact.name == name,
        f"{name} to be the selected contact",
    )
    await pilot.pause()
