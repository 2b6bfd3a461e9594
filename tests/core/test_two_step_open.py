"""Opening in two steps (`Store.open(defer=True)`, what the app does).

The file is written meta and contacts first, so the app reads only those before
its first frame and the rest a moment later. Whatever happens in between, the
store answers the same as a full open, and a write never leaves a table out.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from core_support import NOW, TODAY

from threety_tui.core.errors import DatabaseChanged, DatabaseError, NotADatabase
from threety_tui.core.models import Contact, Insight, Meeting, Message, MessageKind
from threety_tui.core.storage import HEAD_TABLES, read_head
from threety_tui.core.store import Store


def build(path: Path, people: int = 5) -> None:
    with Store.open(path, clock=lambda: NOW) as store, store.batch():
        for contact in store.add_contacts(Contact(f"Person {i}") for i in range(people)):
            meeting = store.add_meeting(
                Meeting(contact.id, TODAY, notes="coffee", insights=(Insight("Read"),))
            )
            store.save_message(Message(contact.id, meeting.id, MessageKind.THANK_YOU, subject="Hi"))


def everything(store: Store) -> tuple[object, ...]:
    contacts = store.contacts()
    return (
        contacts,
        [store.meetings_of(c.id) for c in contacts],
        [store.messages_of(c.id) for c in contacts],
        store.reminders(TODAY),
        store.settings,
    )


def test_the_file_starts_with_meta_and_contacts(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    assert list(json.loads(path.read_bytes()))[:2] == list(HEAD_TABLES)
    assert path.read_bytes().startswith(b'{\n"meta": {\n')


def test_a_deferred_open_reads_contacts_first_and_answers_like_a_full_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.json"
    build(path)
    with Store.open(path, readonly=True) as full:
        expected = everything(full)
    with Store.open(path, defer=True) as store:
        assert not store.loaded
        assert [c.name for c in store.contacts()] == [f"Person {i}" for i in range(5)]
        assert not store.loaded, "contacts alone do not read the rest"
        assert store.meetings_of(store.contacts()[0].id), "meetings are read when needed"
        assert store.loaded
        assert everything(store) == expected


def test_load_rest_from_two_threads_reads_once(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path, people=40)
    with Store.open(path, defer=True) as store:
        threads = [threading.Thread(target=store.load_rest) for _ in range(4)]
        for thread in threads:
            thread.start()
        messages = store.messages_of(store.contacts()[-1].id)
        for thread in threads:
            thread.join()
        assert store.loaded and len(messages) == 1
        assert sum(len(store.meetings_of(c.id)) for c in store.contacts()) == 40


def test_a_save_before_the_rest_is_read_reads_it_first_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    store = Store.open(path, defer=True, autoflush=False)
    first = store.contacts()[0]
    store.update_contact(_with_email(first))
    assert store.flush()
    store.close()
    with Store.open(path, readonly=True) as again:
        assert again.contact(first.id) is not None
        assert again.contact(first.id).email == "p0@example.com"  # type: ignore[union-attr]
        assert sum(len(again.meetings_of(c.id)) for c in again.contacts()) == 5
        assert sum(len(again.messages_of(c.id)) for c in again.contacts()) == 5


def _with_email(contact: Contact) -> Contact:
    return replace(contact, email="p0@example.com")


def test_a_file_in_the_old_order_is_read_in_full_and_reordered_by_the_next_save(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.json"
    build(path)
    data = json.loads(path.read_bytes())
    old_order = {name: data[name] for name in ("contacts", "meetings", "messages", "meta")}
    path.write_text(json.dumps(old_order))
    assert read_head(path) is None
    store = Store.open(path, defer=True, autoflush=False)
    assert store.loaded, "nothing left for later"
    store.update_contact(_with_email(store.contacts()[0]))
    store.close()
    assert read_head(path) is not None


def test_a_file_cut_short_is_refused_at_open(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) - 40])
    before = path.read_bytes()
    with pytest.raises(NotADatabase, match=r"not valid JSON|truncated"):
        Store.open(path, defer=True)
    assert path.read_bytes() == before


def test_damage_after_the_contacts_stops_the_store_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.json"
    build(path)
    raw = path.read_bytes()
    damaged = raw.replace(b'\n"messages": {\n', b'\n"messages": [\n', 1)
    path.write_bytes(damaged)
    store = Store.open(path, defer=True, autoflush=False)
    try:
        assert store.contacts()[0].name == "Person 0"
        with pytest.raises(NotADatabase) as caught:
            store.load_rest()
        line = damaged[: damaged.index(b'"messages": [')].count(b"\n") + 1
        assert f"at line {line + 1}," in str(caught.value), "the file's own line, not the rest's"
        with pytest.raises(NotADatabase):
            store.load_rest()  # the same answer every time
        store.update_contact(_with_email(store.contacts()[0]))
        with pytest.raises(DatabaseError):
            store.flush()
    finally:
        with pytest.raises(DatabaseError):
            store.close()
    assert path.read_bytes() == damaged
    assert not list(tmp_path.glob("*.tmp")), "no temp file left behind either"


def test_the_rest_comes_from_the_file_the_contacts_came_from(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    with Store.open(path, defer=True, autoflush=False) as store:
        # Another program replaces the file meanwhile (a new inode, like our own saves).
        other = tmp_path / "other.json"
        build(other, people=2)
        os.replace(other, path)
        assert sum(len(store.meetings_of(c.id)) for c in store.contacts()) == 5
        store.update_contact(_with_email(store.contacts()[0]))
        with pytest.raises(DatabaseChanged):
            store.flush()  # and the other program's file is not overwritten


def test_a_file_changed_in_place_before_the_rest_is_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    with Store.open(path, defer=True, autoflush=False) as store:
        with path.open("ab") as handle:
            handle.write(b" ")
        with pytest.raises(DatabaseChanged):
            store.load_rest()
