"""Making text from data safe to print on a terminal.

Data can hold anything an import or a hand-edited file put there: escape
sequences, line breaks that would forge a line of output, bidirectional
controls (U+202E turns the rest of a line around), lone surrogates (which no
encoder accepts). `visible` and `visible_lines` show each of them as a visible
symbol; `cut` keeps one field from stretching a table; `json_text` makes JSON
output safe the same way.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """Drop ESC and other control characters (tabs and newlines stay)."""
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """Control characters dropped and all whitespace runs folded to one space."""
    return " ".join(plain(text).split())


BIDI_CONTROLS = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
"""Marks and embeddings/overrides/isolates that reorder the text around them."""
LINE_SEPARATORS = (0x2028, 0x2029)

_PICTURES: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_PICTURES.update({code: f"<U+{code:04X}>" for code in (*BIDI_CONTROLS, *LINE_SEPARATORS)})
_PICTURES.update({code: f"<U+{code:04X}>" for code in range(0xD800, 0xE000)})  # lone surrogates


def visible(text: str) -> str:
    """Control characters shown as their Unicode pictures (ESC -> "␛"); newlines too.

    For one-line displays of data: nothing from data ever reaches the terminal
    as a control sequence, a line break or a reordering of the line, and the
    user can still see that something was there. Bidirectional controls, line
    and paragraph separators and lone surrogates show as `<U+202E>`.
    """
    return text.translate(_PICTURES)


_KEEP_LINES = {code: picture for code, picture in _PICTURES.items() if code != 0x0A}


def visible_lines(text: str) -> str:
    """Like `visible`, but newlines keep their meaning and tabs become spaces."""
    return text.replace("\r\n", "\n").replace("\t", "    ").translate(_KEEP_LINES)


_KEEP_BREAKS = {
    code: picture
    for code, picture in _PICTURES.items()
    if code not in (0x09, 0x0A, 0x0D) and not 0xD800 <= code < 0xE000
}


def marked(text: str) -> str:
    """For files other programs show (a spreadsheet, a calendar): tabs and line breaks
    stay data, every other control character and bidirectional control is shown as
    its symbol (`visible`), as it is on the terminal. (A lone surrogate is left to
    the file's encoder: `scrub`, or `errors="replace"`.)"""
    if text.isascii() and text.isprintable():
        return text
    return text.translate(_KEEP_BREAKS)


def width(text: str) -> int:
    """Terminal cells the text takes (East Asian wide characters count two)."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def cut(text: str, cells: int) -> str:
    """`text` cut to at most `cells` terminal cells, "…" marking a cut."""
    if width(text) <= cells:
        return text
    out, used = [], 0
    for char in text:
        size = width(char)
        if used + size > cells - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + "…"


def pad(text: str, cells: int) -> str:
    """`text` padded with spaces to `cells` terminal cells (for aligned columns)."""
    return text + " " * max(cells - width(text), 0)


_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


def json_text(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) safe for a terminal.

    JSON escapes C0 controls itself; this escapes C1 controls, bidirectional
    controls, line separators and lone surrogates as `\\uXXXX` too, which any
    JSON reader turns back into the same string.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def scrub(text: str) -> str:
    """Lone surrogates (text no encoder accepts) replaced by U+FFFD, for files."""
    if text.isascii():
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
