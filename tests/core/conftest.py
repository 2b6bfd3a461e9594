"""Fixtures for the core tests: a fixed today, a database path, a store, a demo file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from core_support import NOW, TODAY, run_threety

from threety_tui.core.store import Store


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "threety.json"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path, clock=lambda: NOW) as opened:
        yield opened


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database written by the real `threety demo --no-open`; read it, never write it."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.json"
    result = run_threety("demo", "--db", path, "--no-open", tmp=folder)
    assert result.returncode == 0, result.stderr
    return path
