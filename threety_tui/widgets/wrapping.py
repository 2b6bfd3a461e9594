"""Rows that wrap, measured cheaply: plain text decides the breaks, styles come later.

A list of 150,000 timeline entries must know every row's height, but only the
rows on screen are ever drawn. So a row is described as plain `Line`s (a head
such as " ▲ ", then a body of styled pieces); its height is computed from the
plain text alone, and the styled `Content` is built, and cut at the very same
offsets, only for rows being drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len
from textual.content import Content

Piece = tuple[str, str]
"""(text, style): a run of text and the style it is drawn in ("" for none)."""


class Line(NamedTuple):
    """One logical line of a row: `head` then `body`, the body wrapped under itself."""

    head: Sequence[Piece]
    body: Sequence[Piece]
    limit: int = 4
    """At most this many screen lines; the last one kept ends with an ellipsis."""


def _cells(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def breaks(text: str, room: int, limit: int) -> tuple[list[tuple[int, int]], bool]:
    """Where `text` breaks into lines of at most `room` cells, at spaces when it can.

    Returns the (start, end) of each line, at most `limit` of them, and whether
    text was left over (the last line then gets an ellipsis).
    """
    if not text.isascii():
        return _breaks_in_cells(text, room, limit)
    spans: list[tuple[int, int]] = []
    start, size = 0, len(text)
    while start < size and len(spans) < limit:
        if size - start <= room:
            spans.append((start, size))
            return spans, False
        cut = text.rfind(" ", start, start + room + 1)
        if cut > start:  # break at the last space that fits, which is dropped
            spans.append((start, cut))
            start = cut + 1
        else:  # one word wider than the room: folded
            spans.append((start, start + max(1, room)))
            start += max(1, room)
        while start < size and text[start] == " ":
            start += 1
    return spans, start < size


def _breaks_in_cells(text: str, room: int, limit: int) -> tuple[list[tuple[int, int]], bool]:
    """`breaks` for text with wide characters: measured character by character."""
    spans: list[tuple[int, int]] = []
    start, size = 0, len(text)
    while start < size and len(spans) < limit:
        end, width, cut = start, 0, -1
        while end < size:
            grow = cell_len(text[end])
            if width + grow > room:
                break
            if text[end] == " ":
                cut = end
            width += grow
            end += 1
        if end >= size:
            spans.append((start, size))
            return spans, False
        if cut > start:
            spans.append((start, cut))
            start = cut + 1
        else:
            spans.append((start, max(end, start + 1)))
            start = max(end, start + 1)
        while start < size and text[start] == " ":
            start += 1
    return spans, start < size


def plain(pieces: Sequence[Piece]) -> str:
    return "".join(text for text, _ in pieces)


def height(lines: Sequence[Line], width: int) -> int:
    """How many screen lines `lines` take at `width` (one each before layout)."""
    if width <= 0:
        return len(lines)
    total = 0
    for head, body, limit in lines:
        text = body[0][0] if len(body) == 1 else plain(body)
        head_text = plain(head)
        room = width - _cells(head_text)
        if len(text) <= room and _cells(text) <= room:
            total += 1
        elif room < 8:
            total += max(1, len(breaks(head_text + text, width, limit)[0]))
        else:
            total += max(1, len(breaks(text, room, limit)[0]))
    return total


def _content(pieces: Sequence[Piece]) -> Content:
    return Content.assemble(*((text, style) if style else text for text, style in pieces))


def render(lines: Sequence[Line], width: int, *, wrap: bool = True) -> list[Content]:
    """The screen lines of `lines` at `width`: as many as `height` says.

    Without `wrap`, one screen line per `Line`, shortened with an ellipsis.
    """
    out: list[Content] = []
    for head, body, limit in lines:
        head_text, text = plain(head), plain(body)
        room = width - _cells(head_text)
        if width <= 0 or _cells(text) <= room or not wrap:
            out.append(_content(head) + _content(body))
            continue
        if room < 8:  # too narrow to indent: wrap under the head instead
            whole = _content(head) + _content(body)
            room, text, indent = width, head_text + text, Content("")
        else:
            whole, indent = _content(body), Content(" " * _cells(head_text))
        spans, more = breaks(text, room, limit)
        pieces = [whole[start:end] for start, end in spans]
        if more:
            pieces[-1] = pieces[-1].rstrip().truncate(max(1, room - 1)) + "…"
        if indent.cell_length:  # the head goes before the first piece
            pieces[0] = _content(head) + pieces[0]
        out.append(pieces[0])
        out.extend(indent + piece for piece in pieces[1:])
    return out
