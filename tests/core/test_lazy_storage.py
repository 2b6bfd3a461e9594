"""Lazy loading: meetings and messages stay as their line of JSON until first read.

A writer store parses contacts and meta at open and keeps every other document
as the bytes it was read from; a document never read is written back exactly as
it was, a damaged one is reported (never repaired or lost) when it is read, and
any other layout of the file is simply parsed in full.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from core_support import NOW, TODAY, count_saves, run_threety

from threety_tui.core.models import Contact, Insight, Meeting, Message, MessageKind
from threety_tui.core.storage import LazyDocs, encode, read_file
from threety_tui.core.store import Store


def build(path: Path, people: int = 4) -> None:
    """A small database written by the store: contacts, meetings and drafts."""
    with Store.open(path, clock=lambda: NOW) as store, store.batch():
        for contact in store.add_contacts(
            Contact(f"Person {i}", company="Acme") for i in range(people)
        ):
            meeting = store.add_meeting(
                Meeting(contact.id, TODAY, notes="coffee\nand a walk", insights=(Insight("Read"),))
            )
            store.save_message(Message(contact.id, meeting.id, MessageKind.THANK_YOU, subject="Hi"))


def lines_of(path: Path, table_key: str) -> dict[str, bytes]:
    """The document lines of the file, by their `"id": {` start, for one table."""
    text = path.read_bytes().split(b"\n")
    start = text.index(f'"{table_key}": {{'.encode())
    docs = {}
    for line in text[start + 1 :]:
        if line in (b"}", b"},"):
            break
        docs[line.split(b'"')[1].decode()] = line
    return docs


def replace_line(path: Path, old: bytes, new: bytes) -> None:
    raw = path.read_bytes()
    assert raw.count(old) == 1
    path.write_bytes(raw.replace(old, new))


def test_a_lazy_read_equals_a_full_parse_and_writes_back_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    lazy, _ = read_file(path, lazy=True)
    full, _ = read_file(path)
    assert isinstance(lazy["meetings"], LazyDocs)
    assert isinstance(lazy["messages"], LazyDocs)
    assert not isinstance(lazy["contacts"], LazyDocs)
    again, _ = read_file(path, lazy=True)
    assert b"".join(encode(again.items())) == path.read_bytes()  # nothing read: same bytes
    assert {name: dict(docs.items()) for name, docs in lazy.items()} == full


def test_a_save_writes_unread_documents_unchanged_and_the_edit_anew(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    before = {table: lines_of(path, table) for table in ("meetings", "messages")}
    with Store.open(path, autoflush=False, clock=lambda: NOW) as store:
        meeting = store.meeting(2)
        assert meeting is not None
        store.update_meeting(replace(meeting, notes="tea instead"))
        assert store.flush()
    after = {table: lines_of(path, table) for table in ("meetings", "messages")}
    assert after["messages"] == before["messages"]
    changed = {
        key for key in before["meetings"] if after["meetings"][key] != before["meetings"][key]
    }
    assert changed == {"2"}
    with Store.open(path, readonly=True) as reread:
        assert reread.meeting(2).notes == "tea instead"  # type: ignore[union-attr]
        assert reread.meeting(1).notes == "coffee\nand a walk"  # type: ignore[union-attr]


def test_a_file_in_another_layout_is_parsed_in_full(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    full, _ = read_file(path)
    path.write_text(json.dumps(full))  # TinyDB's own JSONStorage writes one line
    data, _ = read_file(path, lazy=True)
    assert not any(isinstance(docs, LazyDocs) for docs in data.values())
    with Store.open(path, clock=lambda: NOW) as store:
        assert [c.name for c in store.contacts()] == [f"Person {i}" for i in range(4)]
        assert len(store.messages_of(1)) == 1


def test_a_damaged_line_is_skipped_recorded_and_never_written_over(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    line = lines_of(path, "messages")["3"]
    damaged = line.replace(b'"subject": "Hi"', b'"subject": "Hi')
    replace_line(path, line, damaged)
    with Store.open(path, autoflush=False, clock=lambda: NOW) as store:
        assert len(store.contacts()) == 4  # opens: the line is not read yet
        assert store.message(3) is None  # skipped, not a crash in the middle of the app
        assert store.damaged["messages/3"].startswith("is damaged: messages document 3 is not")
        assert 3 not in {m.id for m in store.all_messages()}
        store.add_contact(Contact("Later"))
    assert lines_of(path, "messages")["3"] == damaged  # kept as it was, not lost
    result = run_threety("due", "--db", path, tmp=tmp_path)
    assert result.returncode == 0, result.stderr  # one damaged record does not stop cron
    assert "Person 0" in result.stdout
    [line] = result.stderr.strip().splitlines()  # named once
    assert "messages document 3 is not valid JSON" in line and "skipped" in line


def test_a_document_not_opening_with_its_contact_is_checked_at_open(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    line = lines_of(path, "meetings")["1"]
    doc = json.loads(line.split(b": ", 1)[1].rstrip(b","))
    reordered = {"when": doc.pop("when"), **doc}
    replace_line(
        path, line, b'"1": ' + json.dumps(reordered).encode() + line[-1:] * line.endswith(b",")
    )
    with Store.open(path, clock=lambda: NOW) as store:
        assert [m.id for m in store.meetings_of(1)] == [1]
    del reordered["contact_id"]
    now = lines_of(path, "meetings")["1"]
    replace_line(
        path, now, b'"1": ' + json.dumps(reordered).encode() + now[-1:] * now.endswith(b",")
    )
    with Store.open(path, clock=lambda: NOW) as store:  # a damaged record, not a damaged file
        assert store.damaged == {"meetings/1": "is damaged: meetings document 1 has no contact"}
        assert store.meeting(1) is None and store.meetings_of(1) == []
        assert [m.id for m in store.meetings_of(2)] == [2]
        store.add_contact(Contact("Later"))
    assert lines_of(path, "meetings")["1"] == b'"1": ' + json.dumps(reordered).encode() + b","


def test_updates_keep_fields_they_do_not_name_and_ids_are_not_reused(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    line = lines_of(path, "contacts")["1"]
    replace_line(path, line, line.replace(b'{"name": ', b'{"x-future": 7, "name": '))
    with Store.open(path, clock=lambda: NOW) as store:
        contact = store.contact(1)
        assert contact is not None
        store.update_contact(replace(contact, company="Initech"))
        first = store.save_message(Message(1, 1, MessageKind.FOLLOW_UP))
        store.delete_draft(first.id)
        second = store.save_message(Message(1, 1, MessageKind.FOLLOW_UP))
        assert (first.id, second.id) == (5, 6)  # as TinyDB: no id handed out twice
    data = json.loads(path.read_bytes())
    assert data["contacts"]["1"]["x-future"] == 7
    assert data["contacts"]["1"]["company"] == "Initech"


def test_a_new_database_and_its_first_batch_are_one_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "new.json"
    renames = count_saves(monkeypatch)
    with Store.open(path, clock=lambda: NOW) as store:
        assert path.exists() and path.stat().st_size == 0  # an empty file is a new database
        with store.batch():
            store.add_contacts(Contact(f"P{i}") for i in range(100))
    assert renames == [path]
    assert len(json.loads(path.read_bytes())["contacts"]) == 100


def test_a_parse_never_overwrites_a_newer_document(tmp_path: Path) -> None:
    """A reader thread parsed the old line; the UI thread wrote meanwhile: newer wins."""
    path = tmp_path / "db.json"
    build(path)
    data, _ = read_file(path, lazy=True)
    meetings = data["meetings"]
    assert isinstance(meetings, LazyDocs)
    old_line = meetings.unread("1")
    assert old_line is not None
    parsed_by_reader = json.loads(old_line.split(b": ", 1)[1].rstrip(b","))
    meetings["1"] = {**parsed_by_reader, "notes": "written by the UI thread"}
    kept = meetings._keep("1", old_line, parsed_by_reader)
    assert kept["notes"] == "written by the UI thread"
    assert meetings["1"]["notes"] == "written by the UI thread"


def test_warm_builds_every_model_and_keeps_what_the_store_changed_first(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    with Store.open(path, autoflush=False, clock=lambda: NOW) as store:
        meeting = store.meeting(2)
        assert meeting is not None
        changed = store.update_meeting(replace(meeting, notes="edited"))
        built = store.warm(models=True)
        assert built == 4 + 4 - 1  # every meeting and message but the one already built
        assert store.meeting(2) is changed
        assert [m.notes for m in store.all_meetings()].count("edited") == 1


def test_cached_next_steps_follow_every_change(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    with Store.open(path, autoflush=False, clock=lambda: NOW) as store:
        store.warm(TODAY)
        [step] = store.reminders_of(1, TODAY)
        assert step.key == "thank_you:1"
        store.snooze(step.key, TODAY + timedelta(days=5), "away")
        [moved] = store.reminders_of(1, TODAY)
        assert moved.due == TODAY + timedelta(days=5) and moved.snooze_reason == "away"
        draft = store.messages_of(1)[0]
        store.mark_sent(draft.id, TODAY)
        [follow_up] = store.reminders_of(1, TODAY)
        assert follow_up.due == TODAY + timedelta(days=30)
        store.update_settings(replace(store.settings, cadence_unknown=10))
        store.mark_sent(store.save_message(replace(draft, id=0, status=draft.status)).id, TODAY)
        assert {r.due for r in store.reminders_of(1, TODAY)} == {TODAY + timedelta(days=10)}
        later = store.reminders_of(1, TODAY + timedelta(days=5))  # a new day: worked out again
        assert later[0].state.value == "soon"


def test_a_contact_s_damaged_documents_are_left_out_of_its_lists(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    message = lines_of(path, "messages")["3"]
    replace_line(path, message, message.replace(b'"subject": "Hi"', b'"subject": "Hi'))
    meeting = lines_of(path, "meetings")["2"]
    replace_line(path, meeting, meeting.replace(b'"when": "', b'"when": 1, "x": "'))
    with Store.open(path, autoflush=False, clock=lambda: NOW) as store:
        assert store.messages_of(3) == [] and store.messages_of(3) == []
        assert store.meetings_of(2) == []
        assert set(store.damaged) == {"messages/3", "meetings/2"}
        assert [m.id for m in store.messages_of(2)] == [2]
        assert [m.id for m in store.meetings_of(3)] == [3]
        assert [r.key for r in store.reminders(TODAY)] == [f"thank_you:{i}" for i in (1, 3, 4)]


def test_an_import_names_a_damaged_line_once_and_keeps_it_byte_for_byte(tmp_path: Path) -> None:
    """The issue: `import linkedin` rewrote the file without a word about the damage."""
    path = tmp_path / "db.json"
    build(path)
    line = lines_of(path, "meetings")["2"]
    damaged = line.replace(b'"when": "', b'"when": 1' + b"0" * 4400 + b', "x": "')
    replace_line(path, line, damaged)
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nKim,Lee,,,,,\n"
    )
    result = run_threety("import", "linkedin", csv, "--db", path, tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    [said] = result.stderr.splitlines()
    assert said.startswith(f"threety: {path}: is damaged: meetings document 2 is not valid JSON")
    assert "a number of 4,401 digits, more than the 4,300" in said and said.endswith(
        "skipped (kept in the file as it is)"
    )
    assert lines_of(path, "meetings")["2"] == damaged
    with Store.open(path, readonly=True) as store:
        assert "Kim Lee" in [c.name for c in store.contacts()]
