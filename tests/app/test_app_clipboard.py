"""Copy draft without a system clipboard: OSC 52, a private file, and a notification with its path."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyperclip
import pytest
from app_support import (
    WIDE,
    copied_body,
    draft_message,
    editor,
    notifications,
    select_contact,
    settle,
    wait_until,
)
from textual.pilot import Pilot

from threety_tui.app import ThreetyApp
from threety_tui.clipboard import FALLBACK_NAME

if TYPE_CHECKING:
    from conftest import FakeClipboard


def body_alone(pilot: Pilot[Any]) -> str:
    """What `c` copies of the draft in the editor: its body, greeting to sign-off."""
    body = copied_body(draft_message(pilot.app))
    assert body.startswith("Hi Grace,")
    return body


async def copy_graces_draft(pilot: Pilot[Any]) -> str:
    """Open Grace Hopper's thank-you draft, press c; return what should be copied."""
    await select_contact(pilot, "Grace Hopper")
    await pilot.press("t")
    await wait_until(pilot, lambda: editor(pilot.app).draft is not None, "the draft")
    await pilot.press("escape", "c")
    await settle(pilot)
    return body_alone(pilot)


def breaks_clipboard(fake: FakeClipboard, how: str) -> None:
    if how == "no clipboard":
        fake.error = pyperclip.PyperclipException("could not find a copy/paste mechanism")
    else:  # "copy" returns, but the clipboard never got the text
        fake.keeps = False
        fake.text = "what was on the clipboard before"


@pytest.mark.parametrize("how", ["no clipboard", "clipboard did not keep it"])
async def test_without_a_system_clipboard_the_text_still_gets_out(
    demo_db: Path, today: date, fake_clipboard: FakeClipboard, how: str
) -> None:
    breaks_clipboard(fake_clipboard, how)
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        expected = await copy_graces_draft(pilot)
        assert "Grace" in expected

        # OSC 52: the terminal's clipboard.
        assert app.clipboard == expected

        # A private file in the database folder.
        saved = demo_db.parent / FALLBACK_NAME
        assert saved.read_text(encoding="utf-8") == expected
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600

        # The notification says where.
        (said,) = [n for n in notifications(app) if str(saved) in n]
        assert "clipboard" in said

    assert fake_clipboard.text != expected  # the system clipboard really did not get it


async def test_with_a_system_clipboard_no_file_is_written(
    demo_db: Path, today: date, fake_clipboard: FakeClipboard
) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        expected = await copy_graces_draft(pilot)
        assert fake_clipboard.text == expected
        assert app.clipboard == expected
        assert not (demo_db.parent / FALLBACK_NAME).exists()
        assert (
            "Copied the body of \u201cThank you for the call on Sunday\u201d: "
            "paste it into your mail." in notifications(app)
        )


async def test_a_second_fallback_copy_replaces_the_file(
    demo_db: Path, today: date, fake_clipboard: FakeClipboard
) -> None:
    breaks_clipboard(fake_clipboard, "no clipboard")
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        first = await copy_graces_draft(pilot)
        await pilot.press("f4")  # back into the editor, add to the highlight, copy again
        await pilot.pause()
        await pilot.press("end", "exclamation_mark", "ctrl+g")
        await settle(pilot)
        second = body_alone(pilot)
        assert second != first
        assert (demo_db.parent / FALLBACK_NAME).read_text(encoding="utf-8") == second
        assert app.clipboard == second
