"""Fixtures for the import/export tests (the core fixtures come from tests/core/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from core_support import NOW, count_saves

from threety_tui.core.store import Store

DATA = Path(__file__).resolve().parents[2] / "data" / "import"


@pytest.fixture
def sample() -> Callable[[str], Path]:
    """`sample("apple_contacts.vcf")`: the path of a sample file under tests/data/import."""

    def find(name: str) -> Path:
        path = DATA / name
        assert path.is_file(), f"missing sample file {path}"
        return path

    return find


@pytest.fixture
def open_store(db_path: Path) -> Iterator[Callable[..., Store]]:
    """Open stores on `db_path` with the fixed clock; all are closed at the end."""
    opened: list[Store] = []

    def open_(readonly: bool = False) -> Store:
        store = Store.open(db_path, readonly=readonly, clock=lambda: NOW)
        opened.append(store)
        return store

    yield open_
    for store in opened:
        store.close()


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every save of a database file, by path."""
    return count_saves(monkeypatch)
