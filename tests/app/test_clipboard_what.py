"""The clipboard module says what it copied (`what=`), by every route, and stays compatible."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pyperclip

from threety_tui.clipboard import FALLBACK_NAME, copy_text
from threety_tui.core.mail_text import copy_body
from threety_tui.core.models import Message, MessageKind, Parts

if TYPE_CHECKING:
    from conftest import FakeClipboard
    from textual.app import App


class TerminalOnly:
    """The one thing `copy_text` asks of the app: OSC 52."""

    def __init__(self) -> None:
        self.clipboard = ""

    def copy_to_clipboard(self, text: str) -> None:
        self.clipboard = text


def app() -> App[object]:
    return cast("App[object]", TerminalOnly())


MESSAGE = Message(
    1,
    1,
    MessageKind.THANK_YOU,
    Parts("Hi Grace,", "Thanks for the coffee.", "", "", "May I ask more later?", "Best,\nSam"),
    subject="Thank you for the coffee on Tuesday",
)


def test_the_notification_names_what_was_copied(
    tmp_path: Path, fake_clipboard: FakeClipboard
) -> None:
    clip = copy_body(MESSAGE)
    result = copy_text(app(), clip.text, tmp_path, what=clip.what)
    assert (
        fake_clipboard.text
        == "Hi Grace,\n\nThanks for the coffee.\n\nMay I ask more later?\n\nBest,\nSam"
    )
    assert result.system
    assert result.message == (
        "Copied the body of \u201cThank you for the coffee on Tuesday\u201d: "
        "paste it into your mail."
    )


def test_the_fallback_names_it_too(tmp_path: Path, fake_clipboard: FakeClipboard) -> None:
    fake_clipboard.error = pyperclip.PyperclipException("no copy/paste mechanism")
    terminal: Any = TerminalOnly()
    clip = copy_body(MESSAGE)
    result = copy_text(terminal, clip.text, tmp_path, what=clip.what)
    assert terminal.clipboard == clip.text
    assert (tmp_path / FALLBACK_NAME).read_text(encoding="utf-8") == clip.text
    assert "Sent the body of \u201cThank you for the coffee on Tuesday\u201d to the terminal" in (
        result.message
    )
    assert str(tmp_path / FALLBACK_NAME) in result.message


def test_without_what_the_old_wording_stays(tmp_path: Path) -> None:
    assert copy_text(app(), "x", tmp_path).message == (
        "Copied to the clipboard: paste it into your mail."
    )
