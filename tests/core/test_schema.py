"""The schema: what a threety file is, migrating an older one, refusing a newer one."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from threety_tui.core import schema
from threety_tui.core.errors import NewerSchema, NotADatabase
from threety_tui.core.models import Contact
from threety_tui.core.store import Store


def test_a_new_database_passes_its_own_check(tmp_path: Path) -> None:
    data = schema.new_database()
    assert set(data) == set(schema.TABLES)
    assert schema.check(tmp_path / "x.json", data) == schema.SCHEMA_VERSION


def test_check_fills_in_missing_tables(tmp_path: Path) -> None:
    data: dict[str, Any] = {"meta": {"1": {"app": "threety", "schema": 1}}}
    assert schema.check(tmp_path / "x.json", data) == 1
    assert data["contacts"] == data["meetings"] == data["messages"] == {}


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([], "a list at the top"),
        ("text", "a string at the top"),
        ({"_default": {}}, "no threety meta table"),
        ({"meta": {"1": {"app": "other", "schema": 1}}}, "no threety meta table"),
        ({"meta": {"1": {"app": "threety", "schema": "1"}}}, "schema version"),
        ({"meta": {"1": {"app": "threety", "schema": True}}}, "schema version"),
        ({"meta": {"1": {"app": "threety", "schema": 0}}}, "schema version"),
        ({"meta": {"1": {"app": "threety", "schema": 1}}, "contacts": []}, "contacts table"),
        ({"meta": {"1": {"app": "threety", "schema": 1}}, "contacts": {"x": {}}}, "not a number"),
        ({"meta": {"1": {"app": "threety", "schema": 1}}, "contacts": {"1": []}}, "not an object"),
        ({"meta": {"1": {"app": "threety", "schema": 1}}, "contacts": {"1": {}}}, "has no name"),
        (
            {
                "meta": {"1": {"app": "threety", "schema": 1}},
                "meetings": {"1": {"when": "2026-01-01"}},
            },
            "has no contact",
        ),
        (
            {
                "meta": {"1": {"app": "threety", "schema": 1}},
                "meetings": {"1": {"contact_id": 1, "when": "9999-12-31"}},
            },
            "no valid date",
        ),
        (
            {
                "meta": {"1": {"app": "threety", "schema": 1}},
                "messages": {"1": {"contact_id": "1"}},
            },
            "has no contact",
        ),
    ],
)
def test_check_names_what_is_wrong(tmp_path: Path, data: Any, problem: str) -> None:
    with pytest.raises(NotADatabase) as caught:
        schema.check(tmp_path / "x.json", data)
    assert problem in str(caught.value)
    assert str(tmp_path / "x.json") in str(caught.value)


def add_tier(data: dict[str, Any]) -> None:
    for doc in data["contacts"].values():
        doc["tier"] = "gold"


def add_rank(data: dict[str, Any]) -> None:
    for doc in data["contacts"].values():
        doc["rank"] = doc["tier"] + "!"  # proves migrations run in order


@pytest.fixture
def v1_file(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        store.add_contact(Contact("Grace"))
    return db_path


def stored(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def test_an_older_schema_is_migrated_and_a_backup_kept(
    v1_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = v1_file.read_bytes()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: add_tier, 2: add_rank})
    with Store.open(v1_file) as store:
        assert [c.name for c in store.contacts()] == ["Grace"]
    after = stored(v1_file)
    assert after["meta"]["1"]["schema"] == 3
    assert after["contacts"]["1"]["tier"] == "gold"
    assert after["contacts"]["1"]["rank"] == "gold!"
    backup = v1_file.with_name(f"{v1_file.name}.schema-1.bak")
    assert backup.read_bytes() == before
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    # Opening again: nothing more to migrate, no second backup.
    Store.open(v1_file).close()
    assert sorted(p.name for p in v1_file.parent.glob("*.bak")) == [backup.name]


def test_read_only_open_migrates_in_memory_only(
    v1_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = v1_file.read_bytes()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: add_tier})
    with Store.open(v1_file, readonly=True) as store:
        assert [c.name for c in store.contacts()] == ["Grace"]
    assert v1_file.read_bytes() == before
    assert list(v1_file.parent.glob("*.bak")) == []


def test_a_newer_schema_is_refused_and_left_alone(
    v1_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: add_tier})
    Store.open(v1_file).close()  # now schema 2
    monkeypatch.undo()  # back to this threety, which reads up to schema 1
    before = v1_file.read_bytes()
    for readonly in (False, True):
        with pytest.raises(NewerSchema) as caught:
            Store.open(v1_file, readonly=readonly)
        assert "newer threety" in str(caught.value)
        assert "schema 2" in str(caught.value)
    assert v1_file.read_bytes() == before
