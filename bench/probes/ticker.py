"""The event loop's responsiveness: a task that asks to wake every millisecond."""

from __future__ import annotations

import asyncio
import time

TICK = 0.001


class Ticker:
    """Run `run()` as a task in the app's loop; each wake records how late it came.

    A wake late by N ms means nothing else on the loop (a key, a frame) could
    have run for N ms: the loop was stalled (a long callback, or another thread
    holding the interpreter lock).
    """

    def __init__(self) -> None:
        self.lags: list[tuple[float, float]] = []
        """(time.perf_counter() of the wake, ms late)."""
        self.running = True

    async def run(self) -> None:
        while self.running:
            start = time.perf_counter()
            await asyncio.sleep(TICK)
            now = time.perf_counter()
            self.lags.append((now, (now - start - TICK) * 1000))

    def between(self, start: float, end: float) -> list[float]:
        """How late each wake from `start` to `end` was, counted from `start` on.

        A stall under way at `start` (the work that paints the first frame, say)
        counts only for its part after `start`: a key pressed then waits that long.
        """
        return [min(lag, (at - start) * 1000) for at, lag in self.lags if start <= at <= end]

    def worst(self, start: float, end: float) -> float:
        return max(self.between(start, end), default=0.0)
