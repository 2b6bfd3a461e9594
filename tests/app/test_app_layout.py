"""Spec section 10: every pane whole at any size from 80x24 to 250x70.

Side by side from 100 columns, the editor at least 60 wide when a draft is
open and narrow when not (the timeline gets what it frees); tabs below. What
is checked is what a terminal shows: each pane's border is drawn on every row,
the footer's last key is whole, and texts that used to be cut fit.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from app_support import main_screen, rendered_text, resize, select_contact, wait_until
from rich.cells import cell_len
from textual.widgets import TextArea

from threety_tui.actions import rank
from threety_tui.app import ThreetyApp
from threety_tui.core.models import MessageKind
from threety_tui.screens.help import HelpScreen
from threety_tui.screens.main import PANES, MainScreen
from threety_tui.widgets.key_bar import KeyBar
from threety_tui.widgets.key_list import KeyList

SIZES = [(80, 24), (100, 30), (110, 30), (120, 30), (132, 40), (160, 45), (220, 60), (250, 70)]


def screen_lines(app: ThreetyApp) -> list[list[str]]:
    """Every row of the screen as the terminal shows it: one string per cell
    (a wide character fills two cells, the second one "")."""
    rows = []
    for strip in app.screen._compositor.render_strips():
        cells: list[str] = []
        for segment in strip:
            for char in segment.text:
                cells.append(char)
                cells.extend([""] * (cell_len(char) - 1))
        rows.append(cells)
    return rows


def text(cells: list[str]) -> str:
    return "".join(cells)


def check_whole(app: ThreetyApp, main: MainScreen) -> None:
    width, height = app.size
    lines = screen_lines(app)
    shown = [main.query_one(f"#{p}") for p in PANES if main.query_one(f"#{p}").region.area]
    assert shown, "no pane on screen"
    for pane in shown:
        region = pane.region
        assert region.right <= width and region.bottom <= height - 1, (pane.id, region)
        for y in range(region.y + 1, region.bottom - 1):
            left, right = lines[y][region.x], lines[y][region.right - 1]
            assert left == "│" and right == "│", f"{pane.id}: row {y} is cut: {text(lines[y])!r}"
        assert lines[region.y][region.right - 1] == "╮", pane.id
        assert lines[region.bottom - 1][region.right - 1] == "╯", pane.id
    footer = main.query_one(KeyBar)
    keys = text(lines[footer.region.y]).rstrip()
    shown = footer._fitting(width)
    assert keys.endswith(f"{shown[-1].display} {shown[-1].description}"), f"footer cut: {keys!r}"
    ranks = [rank(key.action) for key in shown]
    assert ranks == sorted(ranks), f"footer not by importance: {keys!r}"
    if not isinstance(app.focused, TextArea):
        assert keys.startswith(" ? Help"), "what does not fit is on ?"


async def test_every_pane_is_whole(demo_db: Path, today: date) -> None:
    """One app, the terminal resized to each size in turn (as a user drags the
    window), with no draft open and then with one; starting at each size is in the
    snapshots."""
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=SIZES[0]) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        for size in SIZES:
            await resize(pilot, *size)
            await select_contact(pilot, "Ada Lovelace")  # no draft: Grace's left with her
            await pilot.pause()
            assert main.editor.draft is None, size
            width = size[0]
            wide = width >= 100
            assert main.has_class("-narrow") is not wide, size
            check_whole(app, main)
            panes = [main.query_one(f"#{p}").region.width for p in PANES]
            if wide:
                assert sum(panes) == width, (size, panes)
                assert panes[2] <= 42, f"{size}: the editor is narrow with nothing open"

            await select_contact(pilot, "Grace Hopper")
            await pilot.press("t")
            await wait_until(pilot, lambda: isinstance(app.focused, TextArea), "the draft's fields")
            await pilot.pause()
            check_whole(app, main)
            panes = [main.query_one(f"#{p}").region.width for p in PANES]
            if wide:
                assert sum(panes) == width, (size, panes)
                assert panes[2] >= 60, f"{size}: the editor has room for a draft"
                assert panes[1] >= 38, f"{size}: and the timeline stays readable"
                assert panes[0] == 0 or panes[0] >= 26, f"{size}: the list whole or out of the way"
            title = main.query_one("#editor-title")
            assert title.region.height == 2 and title.region.width > 0, size
            assert "Thank-you to Grace Hopper" in text(screen_lines(app)[title.region.y]), size
            await pilot.press("escape")  # leave the field: the next size picks from the list


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
async def test_the_benefit_placeholder_and_the_hints_fit(
    demo_db: Path, today: date, size: tuple[int, int]
) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=size) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: bool(main.query("#part-benefit")), "the fields")
        if size[0] < 100:
            await pilot.press("f4")
            await pilot.pause()
        hint = [row for row in map(text, screen_lines(app)) if "t  thank-you" in row]
        assert hint, "the hint shows"
        await select_contact(pilot, "Alan Turing")  # thanked, no benefit recorded yet
        await pilot.press("f")
        await wait_until(pilot, lambda: main.editor.draft is not None, "the follow-up")
        await pilot.pause()
        draft = main.editor.draft
        assert draft is not None and draft.message.kind is MessageKind.FOLLOW_UP
        for area in main.query(TextArea):
            if area.display and area.placeholder:
                assert len(str(area.placeholder)) <= area.content_region.width, area.id


async def test_help_wraps_descriptions_under_themselves(demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        await pilot.pause()
        lists = list(app.screen.query(KeyList))
        wrapped = 0
        for keys in lists:
            width = keys.content_region.width
            rows = rendered_text(keys).split("\n")
            for row in rows:
                assert len(row.rstrip()) <= width
                if row.strip() and row[: keys.key_width].strip() == "":
                    wrapped += 1  # a continuation: it starts under the text, not at the edge
            starts = [row for row in rows if row.strip() and row[: keys.key_width].strip()]
            assert len(starts) == len(keys.rows), "one first line per key"
        assert wrapped > 5, "at 80 columns long descriptions wrap"


COMPACT = [100, 104, 110, 116, 120, 124, 125, 132, 140]


async def test_a_draft_below_125_columns_leaves_the_timeline_readable(
    demo_db: Path, today: date
) -> None:
    """QA 2: at 100-110 columns with a draft the timeline was 16 columns wide ("Grace
    Hopper …", "John von…"). Below 125 the list gives way to the timeline (F2 brings
    it back in the same place); from 125 all three panes fit.

    One app, the terminal resized to each width in turn with the draft open (as a
    user drags the window); starting at each size is in the snapshots.
    """
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=(COMPACT[0], 30)) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await select_contact(pilot, "Grace Hopper")
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.focused, TextArea), "the draft's fields")
        for width in COMPACT:
            await resize(pilot, width, 30)
            check_whole(app, main)
            contacts, timeline, editor = (main.query_one(f"#{p}").region.width for p in PANES)
            compact = width < 125  # main.ROOMY
            widths = (width, contacts, timeline, editor)
            assert main.has_class("-compact") is compact, widths
            assert (contacts == 0) is compact, widths
            assert editor >= 60 and timeline >= 38, widths
            rows = rendered_text(main.timeline).split("\n")
            assert any("▲ Thank-you 2 days overdue" in row for row in rows), (width, rows)
            tabs = rendered_text(main.query_one("#pane-tabs"))
            if compact:  # the tab bar names the person and the keys
                assert "F2 Contacts" in tabs and "Grace Hopper" in tabs, (width, tabs)
                await pilot.press("f2")
                await pilot.pause()
                contacts, timeline, editor = (main.query_one(f"#{p}").region.width for p in PANES)
                assert contacts >= 38 and timeline == 0 and editor >= 60, widths
                assert main.contacts_pane.list.current.contact.name == "Grace Hopper"
                check_whole(app, main)
            await pilot.press("f3")
            await pilot.pause()
            await pilot.press("E")  # the everyone-timeline: every name whole
            await pilot.pause()
            rows = rendered_text(main.timeline).split("\n")
            assert any(row.strip() == "Grace Hopper" for row in rows), (width, rows)
            assert not any("…" in row for row in rows if row.startswith(" ") and "·" not in row)
            await pilot.press("E")  # back to Grace's own timeline for the next width
            await pilot.pause()
            assert not main.everyone, width
            await pilot.press("f4")  # and the draft in front, as after `t`
            await pilot.pause()
