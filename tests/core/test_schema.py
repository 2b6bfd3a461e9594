"""The schema: what a threety file is, migrating an older one, refusing a newer one."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threety_tui.core.db import schema
from threety_tui.core.db.lazy import LazyDocs
from threety_tui.core.errors import NewerSchema, NotADatabase
from threety_tui.core.models import Contact, Insight, Meeting, Message, MessageKind
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
    ],
)
def test_check_names_what_is_wrong(tmp_path: Path, data: Any, problem: str) -> None:
    with pytest.raises(NotADatabase) as caught:
        schema.check(tmp_path / "x.json", data)
    assert problem in str(caught.value)
    assert str(tmp_path / "x.json") in str(caught.value)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
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
def test_a_damaged_document_is_a_damaged_record_not_a_damaged_file(
    tmp_path: Path, data: Any, problem: str
) -> None:
    assert schema.check(tmp_path / "x.json", data) == 1
    [(table, docs)] = [(t, d) for t, d in data.items() if isinstance(d, LazyDocs)]
    [(key, sentence)] = docs.damaged.items()
    assert problem in sentence and sentence.startswith(f"is damaged: {table} document {key} ")
    with pytest.raises(NotADatabase, match=problem):
        docs[key]  # a reader is told, and skips it
    assert key in docs.raw()  # a writer keeps it


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


NOW = schema.SCHEMA_VERSION
"""The version this threety writes: the tests below pretend to be later ones."""


def test_an_older_schema_is_migrated_and_a_backup_kept(
    v1_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = v1_file.read_bytes()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", NOW + 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {NOW: add_tier, NOW + 1: add_rank})
    with Store.open(v1_file) as store:
        assert [c.name for c in store.contacts()] == ["Grace"]
    after = stored(v1_file)
    assert after["meta"]["1"]["schema"] == NOW + 2
    assert after["contacts"]["1"]["tier"] == "gold"
    assert after["contacts"]["1"]["rank"] == "gold!"
    backup = v1_file.with_name(f"{v1_file.name}.schema-{NOW}.bak")
    assert backup.read_bytes() == before
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    # Opening again: nothing more to migrate, no second backup.
    Store.open(v1_file).close()
    assert sorted(p.name for p in v1_file.parent.glob("*.bak")) == [backup.name]


def test_read_only_open_migrates_in_memory_only(
    v1_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = v1_file.read_bytes()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", NOW + 1)
    monkeypatch.setattr(schema, "MIGRATIONS", {NOW: add_tier})
    with Store.open(v1_file, readonly=True) as store:
        assert [c.name for c in store.contacts()] == ["Grace"]
    assert v1_file.read_bytes() == before
    assert list(v1_file.parent.glob("*.bak")) == []


def test_a_newer_schema_is_refused_and_left_alone(
    v1_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "SCHEMA_VERSION", NOW + 1)
    monkeypatch.setattr(schema, "MIGRATIONS", {NOW: add_tier})
    Store.open(v1_file).close()  # now one schema newer
    monkeypatch.undo()  # back to this threety
    before = v1_file.read_bytes()
    for readonly in (False, True):
        with pytest.raises(NewerSchema) as caught:
            Store.open(v1_file, readonly=readonly)
        assert "newer threety" in str(caught.value)
        assert f"schema {NOW + 1}" in str(caught.value)
    assert v1_file.read_bytes() == before


# -- the quick check of a whole table ------------------------------------------------

SOUND: dict[str, dict[str, Any]] = {
    "contacts": {"name": "Ada"},
    "meetings": {"contact_id": 1, "when": "2026-01-05", "insights": []},
    "messages": {"contact_id": 1, "meeting_id": 2},
}
NEAR_MISSES: dict[str, list[Any]] = {
    "name": ["Ada", "", None, 5, ["Ada"]],
    "contact_id": [1, 0, True, False, "1", 1.0, None, -3],
    "meeting_id": [2, None, True, "2", 2.5],
    "when": ["2026-01-05", "9000-12-31", "9001-01-01", "2026-13-01", "20260105", 20260105, None],
    "insights": [[], [1], {}, "x", None, ()],
}
GONE = object()  # the field left out


def tables(table: str) -> st.SearchStrategy[dict[str, Any]]:
    """Sound documents of the table, some with a field or two changed or gone."""
    change = st.sampled_from(sorted(SOUND[table])).flatmap(
        lambda name: st.tuples(st.just(name), st.sampled_from([*NEAR_MISSES[name], GONE]))
    )
    docs = st.lists(change, max_size=2).map(
        lambda changes: {
            name: value
            for name, value in {**SOUND[table], **dict(changes)}.items()
            if value is not GONE
        }
    )
    keys = st.one_of(
        st.integers(0, 10**4).map(str), st.sampled_from(["01", "00", "-1", " 1", "1_0", "", "x"])
    )
    return st.dictionaries(keys, st.one_of(docs, st.sampled_from([None, [], "doc"])), max_size=3)


@settings(max_examples=300)
@given(data=st.data(), table=st.sampled_from(sorted(SOUND)))
def test_the_quick_check_of_a_table_passes_nothing_the_one_by_one_check_refuses(
    data: st.DataObject, table: str
) -> None:
    docs = data.draw(tables(table))
    check = schema._CHECKS[table]
    fine = all(schema._doc_problem(k, v) is None and check(v) is None for k, v in docs.items())
    assert schema._all_fine(table, docs) <= fine


def test_the_quick_check_passes_sound_tables() -> None:
    meeting = Meeting(contact_id=1, when=date(2026, 1, 5), insights=(Insight("Read"),))
    sound = {
        "contacts": {"0": Contact("Ada").to_doc(), "12": Contact("Bo").to_doc()},
        "meetings": {"3": meeting.to_doc(), "4": {"contact_id": 2, "when": "9000-12-31"}},
        "messages": {
            "7": Message(1, 3, MessageKind.THANK_YOU).to_doc(),
            "8": Message(2, None, MessageKind.UPDATE).to_doc(),
        },
    }
    for table, docs in sound.items():
        assert schema._all_fine(table, docs)
        assert schema._all_fine(table, {})
    assert not schema._all_fine("contacts", {"01": Contact("Ada").to_doc()})
    assert not schema._all_fine("messages", {"1": {"contact_id": True}})


# -- the real migrations ---------------------------------------------------------------


def schema_1_file(path: Path) -> Path:
    """A database as threety wrote it before replies and kind sources (schema 1)."""
    contact = {"name": "Ada", "kind": "booster", "email": "ada@example.com", "tags": []}
    unknown = {"name": "Bo", "kind": "unknown", "tags": []}
    message = {
        "contact_id": 1,
        "meeting_id": None,
        "kind": "thank_you",
        "status": "sent",
        "sent": "2026-11-20",
        "next_due": "2026-12-20",
    }
    data = {
        "contacts": {"1": contact, "2": unknown},
        "meetings": {},
        "messages": {"1": message},
        "meta": {"1": {"app": "threety", "schema": 1, "settings": {}}},
    }
    path.write_text(json.dumps(data))
    path.chmod(0o600)
    return path


def test_schema_1_gains_replies_and_who_set_the_kind(db_path: Path) -> None:
    from threety_tui.core.models import KindSource

    before = schema_1_file(db_path).read_bytes()
    with Store.open(db_path) as store:
        ada, bo = store.contacts()
        assert (ada.kind_source, ada.kind_chosen) == (KindSource.USER, True)
        assert (bo.kind_source, bo.kind_chosen) == (KindSource.NONE, False)
        assert ada.kind_dismissed is None
        message = store.message(1)
        assert message is not None and message.replied is None
    after = stored(db_path)
    assert after["meta"]["1"]["schema"] == schema.SCHEMA_VERSION >= 2
    assert after["contacts"]["1"]["kind_source"] == "user"
    assert after["contacts"]["2"]["kind_source"] == ""
    assert after["contacts"]["1"]["kind_dismissed"] is None
    assert after["messages"]["1"]["replied"] is None
    assert after["messages"]["1"]["next_due"] == "2026-12-20"  # nothing else changed
    backup = db_path.with_name(f"{db_path.name}.schema-1.bak")
    assert backup.read_bytes() == before
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_schema_1_read_only_is_migrated_in_memory(db_path: Path) -> None:
    before = schema_1_file(db_path).read_bytes()
    with Store.open(db_path, readonly=True) as store:
        assert store.contacts()[0].kind_chosen
    assert db_path.read_bytes() == before
    assert list(db_path.parent.glob("*.bak")) == []


def test_migrating_a_file_with_a_damaged_record_skips_it_and_keeps_its_line(
    tmp_path: Path,
) -> None:
    """One rule for damage (issue 11) holds through a migration too."""
    path = tmp_path / "old.json"
    with Store.open(path) as store:
        store.add_contact(Contact("Ada Lovelace", kind=schema_kind("booster")))
        store.add_contact(Contact("Grace Hopper"))
    raw = path.read_bytes()
    raw = raw.replace(b'"schema": %d' % schema.SCHEMA_VERSION, b'"schema": 1', 1)
    raw = raw.replace(b'"name": "Grace Hopper"', b'"nom": "Grace Hopper"', 1)
    raw = raw.replace(b', "kind_source": ""', b"")  # as schema 1 wrote them
    path.write_bytes(raw)
    damaged_line = next(line for line in raw.splitlines() if b'"nom"' in line)
    with Store.open(path, readonly=True) as store:  # what `threety due` does
        assert [c.name for c in store.contacts()] == ["Ada Lovelace"]
        assert list(store.damaged) == ["contacts/2"]
    with Store.open(path) as store:  # a writer migrates and saves
        assert store.contacts()[0].kind_source.value == "user"
        store.add_contact(Contact("Linus Pauling"))
    after = path.read_bytes()
    assert damaged_line.rstrip(b",") in after
    assert json.loads(after)["meta"]["1"]["schema"] == schema.SCHEMA_VERSION


def schema_kind(value: str) -> Any:
    from threety_tui.core.models import Kind

    return Kind(value)


@given(st.lists(st.one_of(st.from_regex(r"\A(0|[1-9][0-9]{0,5})\Z"), st.text(max_size=4))))
def test_the_joined_check_of_ids_accepts_exactly_the_ids_the_one_by_one_check_does(
    keys: list[str],
) -> None:
    from threety_tui.core.db.schema import _ID, _all_ids

    assert _all_ids(keys) == all(_ID.fullmatch(key) for key in keys)


def test_schema_1_records_the_day_replies_began_to_be_recorded(db_path: Path) -> None:
    """QA 13.7: replies were never recorded before the upgrade; the stats must know from when."""
    from datetime import date

    schema_1_file(db_path)
    with Store.open(db_path) as store:
        assert store.settings.replies_since == date.today()
    assert stored(db_path)["meta"]["1"]["settings"]["replies_since"] == date.today().isoformat()
    with Store.open(db_path) as store:  # migrated once: the day stays
        assert store.settings.replies_since == date.today()
    fresh = db_path.with_name("fresh.json")
    with Store.open(fresh) as store:  # a new database records replies from the start
        assert store.settings.replies_since is None
