"""Making text from data safe to print on a terminal."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """Drop ESC and other control characters (tabs and newlines stay)."""
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """Control characters dropped and all whitespace runs folded to one space."""
    return " ".join(plain(text).split())


_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})


def visible(text: str) -> str:
    """Control characters shown as their Unicode pictures (ESC -> "␛"); newlines too.

    For one-line displays of data: nothing from data ever reaches the terminal
    as a control sequence, and the user can still see that something was there.
    """
    return text.translate(_PICTURES)


_KEEP_LINES = {code: picture for code, picture in _PICTURES.items() if code != 0x0A}


def visible_lines(text: str) -> str:
    """Like `visible`, but newlines keep their meaning and tabs become spaces."""
    return text.replace("\r\n", "\n").replace("\t", "    ").translate(_KEEP_LINES)
