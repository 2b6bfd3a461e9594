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
