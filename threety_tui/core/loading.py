"""Reading the rest of the file and warming up, on a thread that can be stopped at once.

The app shows its first screen from the head of the file (`Store.open(defer=True)`)
and then calls `Store.start_background_load`: a daemon thread of its own reads
the rest a window at a time (`reading.Pending.read`), then builds what the
badges, the agenda and the stats read (`Store.warm`). Not a worker on
asyncio's default executor: the interpreter joins those at exit, so a quit
would wait for work it throws away. `Loading.cancel()` makes the thread stop at
its next check (a window of the file or a batch of documents: milliseconds),
leaving the store as it was before that step; nobody needs to wait for it.

A save meanwhile, the one at quit included, does not need the rest: it copies
it byte for byte from the file (see `db.storage`).

The collector is paused while the thread builds (a full pass over 75,000 new
objects would stall every thread), and what was built is frozen out of its way
before it comes back (`gc.freeze`): it lives as long as the store.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from threety_tui.core.db.collector import gc_paused_then_frozen
from threety_tui.core.errors import Cancelled

if TYPE_CHECKING:
    from threety_tui.core.store import Store

PAUSE = 0.0005
"""Seconds the thread sleeps between batches of the warm-up: the UI thread's turn."""


def _pause() -> None:
    time.sleep(PAUSE)


class Loading:
    """The background load of one store; see `Store.start_background_load`."""

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] | None,
        on_loaded: Callable[[], object] | None,
        on_warm: Callable[[], object] | None,
        on_error: Callable[[Exception], object] | None,
        pause: Callable[[], object] | None = _pause,
    ) -> None:
        self._store = store
        self._today = today
        self._on_loaded = on_loaded
        self._on_warm = on_warm
        self._on_error = on_error
        self._pause = pause
        self._stop = threading.Event()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="threety-load", daemon=True)

    def start(self) -> Loading:
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Stop at the next check; returns at once (the thread ends on its own)."""
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    @property
    def done(self) -> bool:
        """Finished, failed, or stopped after `cancel`."""
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until `done` (tests and scripts; the app never needs to); True if it is."""
        return self._done.wait(timeout)

    def _run(self) -> None:
        store, stop = self._store, self._stop.is_set
        try:
            if not store.loaded:
                with gc_paused_then_frozen():
                    store.load_rest(stop)
                self._tell(self._on_loaded)
            with gc_paused_then_frozen():  # stopped half way too: what was built stays
                store.warm(
                    self._today() if self._today is not None else None,
                    stop=stop,
                    pause=self._pause,
                )
            self._tell(self._on_warm)
        except Cancelled:
            pass
        except Exception as error:  # a damaged rest (DatabaseError), or a bug: told, not printed
            if self._on_error is not None and not self.cancelled:
                self._on_error(error)
        finally:
            self._done.set()

    def _tell(self, callback: Callable[[], object] | None) -> None:
        if callback is not None and not self.cancelled:
            callback()
