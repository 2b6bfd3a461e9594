"""Fixtures shared by every test: a fake system clipboard, a fixed today, databases.

No test may touch the real clipboard, so pyperclip is replaced for the whole
process by an in-memory fake (as harlequin's test suite does). Core-only
fixtures live in tests/core/conftest.py. Nothing is ever kept in the user's
own state folder either (`private_state_folder`).

Test modules are cached compiled even where PYTHONDONTWRITEBYTECODE is set:
pytest rewrites every test module's asserts on import and, with the variable
set, redoes it in every worker on every run (~3 s of CPU a worker here, for
~200 modules). Only the rewritten tests and what they import land in
`__pycache__` (ignored by git).
"""

from __future__ import annotations

import gc
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyperclip
import pytest

from threety_tui.core.demo import populate
from threety_tui.core.store import Store

sys.dont_write_bytecode = False  # see the module's docstring

TODAY = date(2026, 11, 25)
"""A Wednesday: the day every app test and snapshot runs on (passed as `today=`)."""


@dataclass
class FakeClipboard:
    """pyperclip's `copy`/`paste`, in memory, with the ways a real clipboard fails.

    `error`: raised by both calls (no clipboard program, no display).
    `keeps`: False makes `copy` a silent no-op, like xclip with a broken X
    connection, so `paste` returns what was there before.
    """

    text: str = ""
    copies: list[str] = field(default_factory=list)
    error: Exception | None = None
    keeps: bool = True

    def copy(self, text: str) -> None:
        if self.error is not None:
            raise self.error
        self.copies.append(text)
        if self.keeps:
            self.text = text

    def paste(self) -> str:
        if self.error is not None:
            raise self.error
        return self.text


@pytest.fixture(autouse=True)
def fake_clipboard(monkeypatch: pytest.MonkeyPatch) -> FakeClipboard:
    """Every test gets a fresh fake clipboard; the real one is never touched.

    `threety_tui.clipboard` calls `pyperclip.copy`/`pyperclip.paste` through the
    module, so patching the module patches it (without importing Textual here).
    """
    fake = FakeClipboard()
    monkeypatch.setattr(pyperclip, "copy", fake.copy)
    monkeypatch.setattr(pyperclip, "paste", fake.paste)
    return fake


@pytest.fixture(autouse=True)
def private_state_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Kept changes and dismissed notices go under the test's own folder, never the user's."""
    from threety_tui.core.db import recovery

    state = tmp_path / "state"
    monkeypatch.setattr(recovery, "state_folder", lambda: state)
    monkeypatch.setattr(
        recovery, "fallback_folders", lambda: [state / "unsaved", tmp_path / "temp-fallback"]
    )
    return state


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    """Where a new database goes; the file (and its folder) do not exist yet."""
    return tmp_path / "data" / "threety.json"


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database written once per test process (`demo_db` copies it)."""
    path = tmp_path_factory.mktemp("demo") / "data" / "threety.json"
    with Store.open(path) as store:
        populate(store, TODAY)
    return path


@pytest.fixture
def demo_db(tmp_path: Path, demo_file: Path) -> Path:
    """The demo database, written with `today=TODAY`: a fresh copy for each test.

    The copy is byte for byte what `Store.open` + `populate` write, in a private
    folder and a private file as the store makes them (~30 ms saved a test).
    """
    path = tmp_path / "data" / "threety.json"
    path.parent.mkdir()
    path.parent.chmod(demo_file.parent.stat().st_mode & 0o777)
    shutil.copy2(demo_file, path)
    return path


LONGEST = (
    "tests/bench/test_bench_smoke.py",
    "tests/core/test_crash.py",
    "tests/app/test_app_repaint.py",
)
"""The tests that take longest (a bench run, 60 kills, keys checked one by one), in that order."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the longest tests first, so that under xdist the others fill in
    around them instead of one of them starting last and running alone."""

    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::")[0]
        return LONGEST.index(path) if path in LONGEST else len(LONGEST)

    items.sort(key=rank)  # stable: every other test keeps its order


IDLE_SLICE = 0.005
"""How long Pilot's "wait until the app is idle" sleeps at a time (Textual: 20 ms)."""


def pytest_configure(config: pytest.Config) -> None:
    """Pilot's waits for an idle app in 5 ms slices instead of Textual's 20 ms.

    `pilot.pause()`, and each key `pilot.press` sends (twice), sleep in slices
    until a slice passes with almost no CPU used: at least one slice each,
    where the app has long been idle. That was two thirds of the Pilot tests'
    time (119 s asleep to 60 s of CPU, one worker). No test may depend on it:
    a test waits for what it needs (`wait_until`, `resize`, `settle`), and the
    whole suite passes with 1 ms slices. A Textual internal (`textual._wait`;
    pyproject pins Textual below 8.3), checked before it is changed.
    """
    import textual._wait as idle

    assert idle.SLEEP_GRANULARITY == 1 / 50, "Textual changed how Pilot waits: look again"
    idle.SLEEP_GRANULARITY = IDLE_SLICE
    idle.SLEEP_IDLE = IDLE_SLICE / 20  # as Textual's: 1/20 of a slice
    if not hasattr(config, "workerinput") and config.getoption("numprocesses", None):
        compile_ahead(config)


def compile_ahead(config: pytest.Config) -> None:
    """Compile the tests and the app once, before the workers start.

    On a first run (a fresh clone) every worker rewrote the asserts of every
    test module and compiled them and the app itself (~2.5 s of CPU a worker,
    ~5 s longer in all on 2 cores); done here once, the workers read the cached
    files. Once cached, this only compares times (~50 ms). pytest internals
    (`_pytest.assertion.rewrite`, pinned below 9 by syrupy): if they are not
    there any more, the workers do it themselves as before.
    """
    import compileall

    try:
        from _pytest.assertion import rewrite

        state = config.stash[rewrite.assertstate_key]
    except (ImportError, AttributeError, KeyError):
        return
    tests = Path(__file__).parent
    rewritten = re.compile(r"/(test_[^/]*|conftest)\.py$")  # compiled below, asserts rewritten
    for folder in (tests.parent / "threety_tui", tests.parent / "bench", tests):
        compileall.compile_dir(folder, quiet=2, rx=rewritten)  # the modules imported as they are
    for source in tests.rglob("*.py"):
        if not rewritten.search(source.as_posix()):
            continue
        pyc = source.parent / "__pycache__" / (source.stem + rewrite.PYC_TAIL)
        if rewrite._read_pyc(source, pyc) is None:
            stat, code = rewrite._rewrite_test(source, config)
            rewrite._write_pyc(state, code, stat, pyc)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Keep the collector out of the way of the tests (measured: ~10% less CPU).

    Each worker holds every collected test, fixture and imported module: left
    in place, each full collection walks them all again, and the default
    threshold (700 allocations) runs one every few Pilot frames. Frozen, they
    are never walked; a higher threshold collects less often. Tests that need
    a collection (memory, weak references) call `gc.collect()` themselves.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
