"""Wait until an app has loaded everything and is idle: 'after loading and warm-up'."""

from __future__ import annotations

import asyncio
import time
from typing import Any

POLL = 0.01


def busy(app: Any) -> bool:
    """The app says it is still at work: the store has not read everything, or a
    worker (Textual's public `app.workers`: the warm-up, a save) is pending or running.
    """
    store = getattr(app, "store", None)
    if store is not None and not getattr(store, "loaded", True):
        return True
    return any(not worker.is_finished for worker in app.workers)


async def settled(
    app: Any, *, quiet: float = 0.25, cpu_share: float = 0.25, timeout: float = 600
) -> float:
    """Return when (perf_counter) the app became idle: no work it reports (`busy`),
    and then less than `cpu_share` of one core used for `quiet` seconds (work it
    does not report, say a warm-up in another form, shows as CPU). The time
    returned is the start of that quiet spell: when loading ended.
    """
    deadline = time.perf_counter() + timeout
    since, cpu = time.perf_counter(), time.process_time()
    while True:
        await asyncio.sleep(POLL)
        now = time.perf_counter()
        if now > deadline:
            raise TimeoutError(f"the app was still busy after {timeout:.0f} s")
        if busy(app):
            since, cpu = now, time.process_time()
            continue
        if now - since >= quiet:
            used = time.process_time() - cpu
            if used < cpu_share * (now - since):
                return since
            since, cpu = now, time.process_time()
