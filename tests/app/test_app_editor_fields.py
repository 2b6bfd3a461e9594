"""The editor's fields driven like a user: QA's findings on drafts (issue 12).

Picking another insight words the highlight for this draft (a late thank-you
promises nothing), never silently loses words the user wrote (ctrl+z and
ctrl+n bring them back), and the dropdown offers the meeting's insights
without a "No insights logged" choice when there are some. After a resize
every field shows all its words, rewrapped, without a key being pressed.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app_support import (
    WIDE,
    draft_message,
    editor,
    enter_text,
    notifications,
    resize,
    select_contact,
    settle,
    strips_text,
    wait_until,
)
from textual.pilot import Pilot
from textual.widgets import Select, TextArea

from threety_tui.app import ThreetyApp
from threety_tui.core.models import Channel, Contact, Insight, Meeting, Settings
from threety_tui.core.store import Store

TODAY = date(2026, 11, 25)
FIRST = "Ask for a shadow day with the product team at your own company"
SECOND = "Read the trade press every week"


def met(path: Path, days_ago: int) -> None:
    with Store.open(path) as store:
        store.update_settings(Settings(your_name="Sam Rivera"))
        grace = store.add_contact(Contact("Grace Hopper", "grace@navy.example"))
        store.add_meeting(
            Meeting(
                grace.id,
                TODAY - timedelta(days=days_ago),
                channel=Channel.COFFEE,
                insights=(Insight(FIRST, favourite=True), Insight(SECOND)),
            )
        )


async def open_thank_you(pilot: Pilot[Any]) -> None:
    await select_contact(pilot, "Grace Hopper")
    await pilot.press("t")
    await wait_until(pilot, lambda: editor(pilot.app).draft is not None, "the thank-you")
    await wait_until(
        pilot, lambda: editor(pilot.app)._fields_ready, "the editor's fields to be built"
    )
    await settle(pilot)


async def pick_second_insight(pilot: Pilot[Any]) -> None:
    """Tab to the dropdown, open it, go down one, take it: what a user does."""
    pick = editor(pilot.app).query_one("#insight-pick", Select)
    pick.focus()
    await pilot.press("enter", "down", "enter")
    await settle(pilot)


def highlight(app: ThreetyApp) -> TextArea:
    return editor(app).query_one("#part-highlight", TextArea)


async def test_a_late_thank_you_keeps_its_late_wording_when_the_insight_changes(
    empty_db: Path,
) -> None:
    met(empty_db, days_ago=10)
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await open_thank_you(pilot)
        pick = editor(app).query_one("#insight-pick", Select)
        prompts = [str(prompt) for prompt, _ in pick._options]
        assert prompts == [f"★ {FIRST}", SECOND]  # no "No insights logged" to choose
        assert pick.value == draft_message(app).insight_id != ""
        assert "this week" not in highlight(app).text
        await pick_second_insight(pilot)
        assert highlight(app).text == (
            "What stayed with me most was your advice to read the trade press every week."
        )  # late: no "I am going to act on it this week."
        assert draft_message(app).parts.highlight == highlight(app).text
        highlight(app).focus()
        await pilot.press("ctrl+n")  # the late wording is a wording, not words of the user's own
        await settle(pilot)
        assert highlight(app).text == (
            "I keep thinking about your suggestion to read the trade press every week."
        )


async def test_words_of_your_own_survive_picking_another_insight(empty_db: Path) -> None:
    met(empty_db, days_ago=1)
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await open_thank_you(pilot)
        own = "The shadow day idea is brilliant and I have already asked my manager."
        highlight(app).focus()
        await pilot.press("f7")
        await enter_text(pilot, own)  # their words, put in as typing would (keys not tested)
        await settle(pilot)
        assert highlight(app).text == own
        await pick_second_insight(pilot)
        assert highlight(app).text.startswith(
            "What stayed with me most was your advice to read the trade press every week."
        )
        assert any("ctrl+z" in said for said in notifications(app))
        highlight(app).focus()
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert highlight(app).text == own  # undone: their words are back
        await pilot.press("ctrl+y")
        await settle(pilot)
        options = 3  # the highlight's wordings for the trade press; then their words again
        for _ in range(options):
            await pilot.press("ctrl+n")
        await settle(pilot)
        assert highlight(app).text == own
        assert draft_message(app).parts.highlight == own


def shown_lines(area: TextArea) -> list[str]:
    """The lines the field paints now, as a terminal would show them (no cursor, no padding)."""
    return [line.rstrip() for line in strips_text(area)]


async def test_after_a_resize_every_field_shows_all_its_words_without_a_key(
    empty_db: Path,
) -> None:
    """QA: after a resize the focused field hid words until a key was pressed."""
    met(empty_db, days_ago=1)
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_thank_you(pilot)
        area = highlight(app)
        assert app.focused is area
        for size in ((100, 30), (80, 24), (160, 45), (120, 30)):
            await resize(pilot, *size)
            await settle(pilot)
            for name in ("gratitude", "highlight", "ask"):
                field = editor(app).query_one(f"#part-{name}", TextArea)
                shown = " ".join(" ".join(shown_lines(field)).split())
                assert shown == " ".join(field.text.split()), (size, name, shown_lines(field))
