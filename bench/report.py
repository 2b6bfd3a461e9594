"""The bench's rows, how figures are written, and the table (plain or for the README)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

PASS, FAIL, STATED, NOT_RUN = "PASS", "FAIL", "stated", "n/a"


@dataclass
class Row:
    figure: str
    value: str
    baseline: str
    ratio: str
    target: str
    result: str


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def millis(value: float) -> str:
    return f"{value:.1f} ms"


def megabytes(kb: float) -> str:
    return f"{kb / 1024:.0f} MB"


def verdict(ok: bool) -> str:
    return PASS if ok else FAIL


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest rank: the value below which `share` (0-1) of `values` lie."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def ratio_row(
    figure: str,
    value: float,
    base: float,
    limit: float,
    show: Callable[[float], str],
    ratio: float | None = None,
) -> Row:
    """A figure beside its baseline; `ratio` when it is not simply value / base."""
    if ratio is None:
        ratio = value / base if base > 0 else float("inf")
    return Row(
        figure, show(value), show(base), f"{ratio:.2f}x", f"≤ {limit:g}x", verdict(ratio <= limit)
    )


def unavailable(figure: str, target: str, why: str, notes: list[str]) -> Row:
    notes.append(f"{figure}: not available ({why})")
    return Row(figure, "not available", "—", "—", target, NOT_RUN)


HEAD = ("figure", "measured", "baseline (same run)", "ratio", "target", "result")


def table(rows: Sequence[Row]) -> list[str]:
    """A Markdown table, padded so it also reads as plain text."""
    cells = [HEAD, *((r.figure, r.value, r.baseline, r.ratio, r.target, r.result) for r in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEAD))]

    def line(values: tuple[str, ...]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + " |"

    return [line(HEAD), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, cells[1:])]


def markdown(header: Sequence[str], rows: Sequence[Row], notes: Sequence[str]) -> list[str]:
    """The README's block: what ran where (commit included), the table, how to read it."""
    passed = sum(r.result == PASS for r in rows)
    failed = sum(r.result == FAIL for r in rows)
    lines = [*(f"{line}  " for line in header[:-1]), header[-1], ""]
    lines += table(rows)
    lines += ["", f"{passed} PASS, {failed} FAIL.", ""]
    lines += [f"- {note}" for note in notes]
    return lines
