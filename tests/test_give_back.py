"""Memory freed by a large build goes back to the system (glibc's `malloc_trim`)."""

from __future__ import annotations

import sys
import threading

import pytest

from threety_tui import give_back as module


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_the_heap_is_trimmed_on_a_thread_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, str]] = []
    done = threading.Event()

    def trim(pad: int) -> int:
        calls.append((pad, threading.current_thread().name))
        done.set()
        return 1

    assert module._malloc_trim() is not None, "this machine's C library has malloc_trim"
    monkeypatch.setattr(module, "_malloc_trim", lambda: trim)
    assert module.give_back() is True
    assert done.wait(5)
    assert calls == [(0, "threety-trim")]


def test_without_malloc_trim_nothing_happens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "_malloc_trim", lambda: None)
    before = threading.active_count()
    assert module.give_back() is False
    assert threading.active_count() == before
