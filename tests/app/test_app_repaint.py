"""A key repaints what it changed, and the terminal still shows the whole screen.

The main screen paints partial updates with `LeanCompositor`: only the
widgets under what changed are rendered. What is checked is what a terminal
would show: every frame the app writes is applied, in turn, to a model of
the terminal's cells, which must equal a full repaint of the screen after
every frame, while typing, wrapping, cycling wordings, with a toast over the
field, searching, and after a resize. And a key in a field renders that field
and the preview, not the other fields, labels and panes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from app_support import WIDE, editor, main_screen, resize, select_contact, settle, wait_until
from rich.cells import cell_len
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Label, TextArea

from threety_tui.app import ThreetyApp
from threety_tui.screens.lean_compositor import LeanCompositor

Cell = tuple[str, Style | None]


def cells_of(strip: Strip) -> list[Cell]:
    """A line as a terminal holds it: one (character, style) per cell."""
    cells: list[Cell] = []
    for segment in strip:
        if segment.control:
            continue
        for char in segment.text:
            cells.append((char, segment.style))
            cells.extend([("", segment.style)] * (cell_len(char) - 1))
    return cells


def text_of(cells: list[Cell]) -> str:
    return "".join(char for char, _ in cells)


class Terminal:
    """What a terminal shows: the app's frames applied in turn.

    Textual internal: `App._display` is where a frame goes to the terminal; the
    frame is applied here as `ChopsUpdate.render_segments` writes it.
    """

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.lines = self.truth()
        self.partial = 0
        display = app._display

        def _display(screen: Screen[Any], renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None and not app._batch_count:
                self.apply(renderable)

        app._display = _display  # type: ignore[method-assign]

    def truth(self) -> list[list[Cell]]:
        """A full repaint of the screen on top."""
        return [cells_of(strip) for strip in self.app.screen._compositor.render_strips()]

    def apply(self, update: Any) -> None:
        if isinstance(update, LayoutUpdate):
            self.lines = [cells_of(Strip.join(line)) for line in update.strips]
            return
        assert isinstance(update, ChopsUpdate), update
        self.partial += 1
        for y, x1, x2 in update.spans:
            line = self.lines[y]
            for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items(), strict=False):
                if strip is None or x > x2 or end <= x1:
                    continue
                if not (x2 > x >= x1 and end <= x2):
                    strip = strip.crop(0, min(end, x2) - x)
                written = cells_of(strip)
                line[x : x + len(written)] = written

    def wrong(self) -> list[str]:
        """The rows that differ from a full repaint (with the app idle: nothing pending)."""
        return [
            f"row {y}: shows {text_of(shown)!r}, should {text_of(truth)!r}"
            for y, (shown, truth) in enumerate(zip(self.lines, self.truth(), strict=True))
            if shown != truth
        ]


async def press(pilot: Pilot[Any], terminal: Terminal, *keys: str) -> None:
    """Press each key; once the app has painted it, the terminal must show the screen."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
        assert terminal.wrong() == [], f"after {key!r}"


def highlight(app: ThreetyApp) -> TextArea:
    return editor(app).query_one("#part-highlight", TextArea)


async def open_draft(pilot: Pilot[Any]) -> None:
    """Grace Hopper's thank-you, the cursor at the end of its highlight."""
    app = pilot.app
    assert isinstance(app, ThreetyApp)
    await select_contact(pilot, "Grace Hopper")
    await pilot.press("t")
    await wait_until(pilot, lambda: editor(app)._fields_ready, "the editor's fields")
    await wait_until(pilot, lambda: app.focused is highlight(app), "the highlight to have focus")
    await pilot.press("ctrl+end")
    await settle(pilot)


async def test_after_every_key_the_terminal_shows_what_a_full_repaint_would(
    demo_db: Path, today: date
) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert isinstance(main_screen(app)._compositor, LeanCompositor)
        terminal = Terminal(app)
        await open_draft(pilot)
        assert terminal.wrong() == []
        # Words enough to wrap: the field and the preview each grow a line.
        await press(pilot, terminal, *" and I have already put two of those ideas to work")
        await press(pilot, terminal, *["backspace"] * 8)
        app.notify("A toast over the editor", timeout=30)
        await press(pilot, terminal, *" while a toast is up")
        await press(pilot, terminal, "ctrl+n", "ctrl+n")  # the whole part, as a wording
        await press(pilot, terminal, "tab", *"Also", "shift+tab")
        await press(pilot, terminal, "escape", "escape", "down", "down", "/", *"gr", "backspace")
        await resize(pilot, 100, 30)
        await settle(pilot)
        assert terminal.wrong() == []
        await pilot.press("escape", "escape")
        await open_draft(pilot)
        await press(pilot, terminal, *" more words")
        assert terminal.partial > 60  # the frames applied were partial updates


async def test_a_key_renders_the_field_and_the_preview_not_the_rest(
    demo_db: Path, today: date, monkeypatch: Any
) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await open_draft(pilot)
        main = main_screen(app)
        area = highlight(app)
        preview = main.query_one("#preview")
        terminal = Terminal(app)
        rendered: list[Widget] = []
        for widget in main.walk_children(with_self=True):

            def render_lines(crop: Region, widget: Widget = widget) -> list[Strip]:
                rendered.append(widget)
                return type(widget).render_lines(widget, crop)

            monkeypatch.setattr(widget, "render_lines", render_lines)
        sizes = (area.outer_size, preview.outer_size)
        await pilot.press("x")
        await pilot.pause()
        assert area.text.endswith("x") and preview.text.count("x") > 0
        assert (area.outer_size, preview.outer_size) == sizes  # nothing moved: no layout
        assert area in rendered and preview in rendered
        others = {w.id or type(w).__name__ for w in rendered} - {area.id, preview.id}
        assert others == set(), f"a key in the highlight re-rendered {sorted(others)}"
        assert terminal.partial >= 1 and terminal.wrong() == []


class Overlay(Screen[None]):
    """Labels around a field, and a label on a layer over part of the field."""

    CSS = """
    Overlay { layers: below above; }
    Vertical { layer: below; }
    #over { layer: above; offset: 10 3; width: 12; height: 1; background: red; }
    TextArea { height: 4; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._compositor = LeanCompositor()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("above the field")
            yield TextArea("one two three", soft_wrap=True, compact=True)
            yield Label("below the field")
            yield Label("and more")
        yield Label("OVER THE TOP", id="over")


class OverlayApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Overlay())


async def test_a_widget_on_top_stays_on_top_of_a_field_being_typed_in() -> None:
    app = OverlayApp()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        area.focus()
        await pilot.pause()
        terminal = Terminal(app)
        await press(pilot, terminal, *"four five six seven eight nine ten", *["left"] * 5)
        assert terminal.partial >= 30
        assert "OVER THE TOP" in text_of(terminal.lines[3])
