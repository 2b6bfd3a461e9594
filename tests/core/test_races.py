"""Threads meeting in the data layer: one write per action, no change counted as saved
before it is, no deleted document brought back.

Each race is forced at an exact point (a hook on `os.fsync`, a dict that acts when
read): no sleeps, the same interleaving every run.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from core_support import NOW, TODAY, count_saves

from threety_tui.core.errors import DatabaseChanged, DatabaseError
from threety_tui.core.models import Contact, Insight, Meeting, Message, MessageKind
from threety_tui.core.storage import LazyDocs, read_file
from threety_tui.core.store import Store


def a_follow_up(path: Path) -> tuple[int, int, str]:
    """A contact, a meeting with an insight without benefit, a follow-up draft naming it."""
    with Store.open(path, clock=lambda: NOW) as store:
        grace = store.add_contact(Contact("Grace Hopper"))
        insight = Insight("Read the press")
        meeting = store.add_meeting(
            Meeting(grace.id, TODAY - timedelta(days=40), insights=(insight,))
        )
        store.save_message(Message(grace.id, meeting.id, MessageKind.THANK_YOU))
        store.mark_sent(store.messages_of(grace.id)[0].id, TODAY - timedelta(days=39))
        draft = store.save_message(
            Message(
                grace.id,
                meeting.id,
                MessageKind.FOLLOW_UP,
                insight_id=insight.id,
            )
        )
        draft = store.save_message(
            replace(draft, parts=replace(draft.parts, benefit="Got the job"))
        )
    return draft.id, meeting.id, insight.id


def on_disk(path: Path, message_id: int, meeting_id: int) -> tuple[str, str]:
    data = json.loads(path.read_bytes())
    status = data["messages"][str(message_id)]["status"]
    benefit = data["meetings"][str(meeting_id)]["insights"][0]["benefit"]
    return status, benefit


def test_a_save_from_another_thread_never_writes_half_an_action(tmp_path: Path) -> None:
    """Mark sent and its benefit copy: a background save in between writes both or neither."""
    path = tmp_path / "threety.json"
    message_id, meeting_id, insight_id = a_follow_up(path)
    store = Store.open(path, autoflush=False, clock=lambda: NOW)  # as the app: saves in a thread
    saver = threading.Thread(target=store.flush)
    with store.batch():
        sent = store.mark_sent(message_id, TODAY)
        saver.start()  # the app's save worker fires right between the two changes
        saver.join(timeout=0.5)  # it has to wait for the action (or it already wrote half)
        meeting = store.meeting(meeting_id)
        assert meeting is not None
        insight = meeting.insight(insight_id)
        assert insight is not None
        store.update_insight(meeting_id, replace(insight, benefit=sent.parts.benefit))
    saver.join()
    assert on_disk(path, message_id, meeting_id) in (("draft", ""), ("sent", "Got the job"))
    store.flush()
    assert on_disk(path, message_id, meeting_id) == ("sent", "Got the job")
    store.close()


def test_mark_sent_records_the_benefit_in_the_same_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "threety.json"
    message_id, meeting_id, _ = a_follow_up(path)
    with Store.open(path, clock=lambda: NOW) as store:
        saves = count_saves(monkeypatch)
        store.mark_sent(message_id, TODAY, record_benefit=True)
        assert saves == [path]  # one action, one write
    assert on_disk(path, message_id, meeting_id) == ("sent", "Got the job")


def test_an_action_that_fails_half_way_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "threety.json"
    with Store.open(path, clock=lambda: NOW) as store:
        store.add_contact(Contact("Before"))
    before = path.read_bytes()
    with Store.open(path, clock=lambda: NOW) as store:
        with pytest.raises(KeyError), store.batch():
            store.add_contact(Contact("Half"))
            store.update_contact(Contact("Nobody", id=99))  # fails: no such contact
        assert [c.name for c in store.contacts()] == ["Before"]
        assert not store.flush() or path.read_bytes() == before
    assert [doc["name"] for doc in json.loads(path.read_bytes())["contacts"].values()] == ["Before"]


def test_a_change_made_while_the_rescue_copy_is_written_is_not_counted_as_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file changed on disk, our data goes to `.unsaved-…`; an edit made meanwhile
    must still be dirty afterwards, so the next save writes it."""
    path = tmp_path / "threety.json"
    with Store.open(path) as first:
        first.add_contact(Contact("Before"))
    store = Store.open(path, autoflush=False)
    other = tmp_path / "other.json"
    with Store.open(other) as theirs:
        theirs.add_contact(Contact("Theirs"))
    os.replace(other, path)
    store.add_contact(Contact("Ours"))
    real = os.fsync
    edited: list[str] = []

    def fsync(fd: int) -> None:
        real(fd)
        if not edited:  # the first fsync is the rescue copy's temp file
            edited.append("x")
            store.add_contact(Contact("Typed meanwhile"))

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(DatabaseChanged):
        store.flush()
    monkeypatch.setattr(os, "fsync", real)
    assert edited
    assert store.dirty, "the edit made during the rescue write was counted as saved"
    with pytest.raises(DatabaseChanged):
        store.flush()
    rescue = store.rescue_path
    assert rescue is not None
    data, _ = read_file(rescue)
    assert [d["name"] for d in data["contacts"].values()] == ["Before", "Ours", "Typed meanwhile"]
    store.close()


class _DeletesOnRead(dict[str, Any]):
    """A table whose `get` lets another thread delete the document at that very moment."""

    key = ""
    deleter: threading.Thread | None = None

    def get(self, key: str, default: Any = None) -> Any:
        value = super().get(key, default)
        if key == self.key and self.deleter is None:
            self.deleter = threading.Thread(target=self.delete)
            self.deleter.start()
            self.deleter.join(timeout=0.2)  # done at once, or waiting for the table's lock
        return value

    docs: LazyDocs | None = None

    def delete(self) -> None:
        assert self.docs is not None
        del self.docs[self.key]


def test_a_document_deleted_while_a_reader_parses_it_stays_deleted(tmp_path: Path) -> None:
    """The warm-up thread parses a line as the UI thread deletes that draft."""
    lines = _DeletesOnRead({"1": b'"1": {"contact_id": 1, "subject": "draft"}'})
    lines.key = "1"
    docs = LazyDocs(tmp_path / "db.json", "messages", lines, {})
    lines.docs = docs
    docs["1"]  # parse and keep: the delete lands inside `_keep`
    assert lines.deleter is not None
    lines.deleter.join()
    assert "1" not in docs, "a deleted document was brought back"


def test_the_storage_never_writes_a_file_it_has_not_read_in_full(tmp_path: Path) -> None:
    """No call back up into the store: a storage holding only the head refuses to save."""
    from threety_tui.core.db.reading import read_head
    from threety_tui.core.db.storage import AtomicJSONStorage

    path = tmp_path / "threety.json"
    with Store.open(path) as store, store.batch():
        for contact in store.add_contacts(Contact(f"P{i}") for i in range(3)):
            store.add_meeting(Meeting(contact.id, TODAY))
    before = path.read_bytes()
    head = read_head(path)
    assert head is not None
    data, pending, state = head
    assert pending is not None
    storage = AtomicJSONStorage(path, data, state, complete=False)
    assert not hasattr(storage, "before_write")
    with pytest.raises(DatabaseError, match="not read in full"):
        storage.write(data)  # autoflush
    pending.close()
    assert path.read_bytes() == before
