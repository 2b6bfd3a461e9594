"""The line splitter as issue 11 wrote it (one pass over the whole file): the oracle
that the windowed `layout.Splitter` (issue 14) is compared with."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from threety_tui.core.db.layout import _DOC_LINE, _TABLE_LINE, EAGER_TABLES
from threety_tui.core.db.lazy import LazyDocs


def old_split_lines(path: Path, raw: bytes) -> dict[str, Any] | None:
    if not raw.startswith(b"{\n") or not raw.endswith(b"\n}\n"):
        return None
    if not raw.isascii():
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
    lines = raw.split(b"\n")
    if lines[0] != b"{" or lines[-2:] != [b"}", b""]:
        return None
    starts = _DOC_LINE.findall(raw)
    end = len(lines) - 2
    data: dict[str, Any] = {}
    line, seen = 1, 0
    while line < end:
        match = _TABLE_LINE.fullmatch(lines[line])
        if match is None:
            return None
        name = match.group(1).decode("ascii")
        close = _closing_line(lines, line + 1, end)
        docs = lines[line + 1 : close]
        found = starts[seen : seen + len(docs)]
        seen += len(docs)
        if (
            name in data
            or len(found) != len(docs)
            or lines[close] != (b"}" if close == end - 1 else b"},")
        ):
            return None
        keys = [key.decode("ascii") for key, _ in found]
        if len(set(keys)) != len(keys):
            return None
        data[name] = _table(path, name, keys, docs, found)
        line = close + 1
    return data if line == end and seen == len(starts) else None


def _table(
    path: Path, name: str, keys: list[str], docs: list[bytes], found: list[tuple[bytes, bytes]]
) -> Any:
    if name in EAGER_TABLES:
        try:
            return json.loads(b"{" + b"\n".join(docs) + b"}")
        except (ValueError, RecursionError):
            pass
    contact_ids = {key: cid for key, (_, cid) in zip(keys, found, strict=True)}
    return LazyDocs(path, name, dict(zip(keys, docs, strict=True)), contact_ids)


def _closing_line(lines: list[bytes], start: int, end: int) -> int:
    found = end
    for closing in (b"},", b"}"):
        with contextlib.suppress(ValueError):
            found = min(found, lines.index(closing, start, end))
    return found
