"""A save before the rest of a file opened in two steps is read (issue 14).

The rest cannot have changed in memory (only meta and contacts are there), so
the save writes those tables and copies the rest byte for byte from the file
the head came from, still open: a quit right after an edit does not wait for
85 MB to be read and parsed. Everything issue 11 promised still holds: the
compare-and-swap, nothing lost when the file changed meanwhile, in place or
replaced, and the checksum for a file changed moments before.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from core_support import NOW, TODAY

from threety_tui.core.db import reading
from threety_tui.core.errors import DatabaseChanged, DatabaseError
from threety_tui.core.models import Contact, Insight, Meeting, Message, MessageKind
from threety_tui.core.store import Store


def build(path: Path, people: int = 6) -> None:
    with Store.open(path, clock=lambda: NOW) as store, store.batch():
        for contact in store.add_contacts(Contact(f"Person {i}") for i in range(people)):
            meeting = store.add_meeting(
                Meeting(contact.id, TODAY, notes="coffee é", insights=(Insight("Read"),))
            )
            store.save_message(Message(contact.id, meeting.id, MessageKind.THANK_YOU, subject="Hi"))


def long_ago(path: Path) -> None:
    """Make the file's time old: its state is not in doubt (no checksum needed)."""
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))


def rest_of(raw: bytes) -> bytes:
    return raw[raw.index(b'\n"meetings": {') + 1 :]


def edit(store: Store, email: str = "p0@example.com") -> Contact:
    return store.update_contact(replace(store.contacts()[0], email=email))


@pytest.mark.parametrize("in_doubt", [False, True])
def test_the_rest_is_copied_byte_for_byte_without_being_read(
    tmp_path: Path, in_doubt: bool
) -> None:
    path = tmp_path / "db.json"
    build(path)
    if not in_doubt:
        long_ago(path)
    before = path.read_bytes()
    store = Store.open(path, defer=True, autoflush=False)
    changed = edit(store)
    assert store.flush()
    assert not store.loaded, "the save did not read the rest"
    after = path.read_bytes()
    assert rest_of(after) == rest_of(before)
    store.update_contact(replace(changed, role="Writer"))  # a second save, still unread
    assert store.flush() and not store.loaded
    store.close()
    with Store.open(path, readonly=True) as again:
        assert again.contact(changed.id).role == "Writer"  # type: ignore[union-attr]
        assert again.contact(changed.id).email == "p0@example.com"  # type: ignore[union-attr]
        assert len(again.all_meetings()) == len(again.all_messages()) == 6
    assert json.loads(path.read_bytes())["meetings"] == json.loads(before)["meetings"]


def test_reading_the_rest_after_such_a_save_then_saving_again_loses_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.json"
    build(path)
    with Store.open(path, defer=True, autoflush=False) as store:
        edit(store)
        assert store.flush()
        store.load_rest()  # from the file read at open, swapped out by the save
        meeting = store.meetings_of(1)[0]
        store.update_meeting(replace(meeting, notes="later"))
        assert store.flush(), "the state of our own save is kept: no false conflict"
    with Store.open(path, readonly=True) as again:
        assert again.meetings_of(1)[0].notes == "later"
        assert again.contact(1).email == "p0@example.com"  # type: ignore[union-attr]


def test_a_file_replaced_meanwhile_is_not_overwritten_and_our_edit_is_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.json"
    build(path)
    before = path.read_bytes()
    store = Store.open(path, defer=True, autoflush=False)
    edit(store)
    other = tmp_path / "other.json"
    build(other, people=2)
    theirs = other.read_bytes()
    os.replace(other, path)
    with pytest.raises(DatabaseChanged) as caught:
        store.flush()
    store.close()
    assert path.read_bytes() == theirs
    rescue = store.rescue_path
    assert rescue is not None and str(rescue) in str(caught.value)
    with Store.open(rescue, readonly=True) as kept:
        assert kept.contact(1).email == "p0@example.com"  # type: ignore[union-attr]
        assert len(kept.all_meetings()) == 6, "the rest we had came along"
    assert rest_of(rescue.read_bytes()) == rest_of(before)


def test_a_head_changed_in_place_keeping_size_and_time_is_caught_by_the_checksum(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.json"
    build(path)  # just written: in doubt
    store = Store.open(path, defer=True, autoflush=False)
    edit(store)
    st = os.stat(path)
    raw = path.read_bytes()
    at = raw.index(b"Person 3")
    with path.open("r+b") as handle:  # another program's edit, same size, same time
        handle.seek(at)
        handle.write(b"Persox 3")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    theirs = path.read_bytes()
    with pytest.raises(DatabaseChanged):
        store.flush()
    store.close()
    assert path.read_bytes() == theirs
    assert store.rescue_path is not None


def test_a_file_grown_in_place_is_not_copied_into_the_database(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    store = Store.open(path, defer=True, autoflush=False)
    edit(store)
    with path.open("ab") as handle:
        handle.write(b" ")
    theirs = path.read_bytes()
    with pytest.raises(DatabaseChanged):
        store.flush()
    store.close()
    assert path.read_bytes() == theirs
    assert store.rescue_path is not None
    with Store.open(store.rescue_path, readonly=True) as kept:
        assert kept.contact(1).email == "p0@example.com"  # type: ignore[union-attr]


def test_a_rest_that_cannot_be_read_is_never_copied_once_that_is_known(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    raw = path.read_bytes()
    damaged = raw.replace(b'\n"messages": {\n', b'\n"messages": [\n', 1)
    path.write_bytes(damaged)
    store = Store.open(path, defer=True, autoflush=False)
    edit(store)
    with pytest.raises(DatabaseError):
        store.load_rest()
    with pytest.raises(DatabaseError):
        store.flush()
    with pytest.raises(DatabaseError):
        store.close()
    assert path.read_bytes() == damaged


def test_saves_while_the_rest_is_read_on_another_thread_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path, people=60)
    reading.WINDOW, saved = 256, reading.WINDOW  # many windows: the save lands among them
    try:
        with Store.open(path, defer=True, autoflush=False) as store:
            loader = threading.Thread(target=store.load_rest)
            loader.start()
            for n in range(5):
                edit(store, f"p{n}@example.com")
                store.flush()
            loader.join()
            assert store.loaded
            store.update_meeting(replace(store.meetings_of(2)[0], notes="after"))
            store.flush()
    finally:
        reading.WINDOW = saved
    with Store.open(path, readonly=True) as again:
        assert again.contact(1).email == "p4@example.com"  # type: ignore[union-attr]
        assert again.meetings_of(2)[0].notes == "after"
        assert len(again.all_meetings()) == len(again.all_messages()) == 60


def test_quitting_on_a_full_disk_before_the_rest_is_read_keeps_it_all_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from threety_tui.core.db import storage

    path = tmp_path / "db.json"
    build(path)
    store = Store.open(path, defer=True, autoflush=False)
    edit(store)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "write_temp", full)
    folder = tmp_path / "fallback"
    monkeypatch.setattr("threety_tui.core.db.recovery.fallback_folders", lambda: [folder])
    said = store.save_before_exit()
    assert said and "kept in" in said[0]
    assert not store.loaded
    [kept] = folder.glob("*.json")
    with Store.open(kept, readonly=True) as elsewhere:
        assert elsewhere.contact(1).email == "p0@example.com"  # type: ignore[union-attr]
        assert len(elsewhere.all_messages()) == 6
    store.close()  # nothing left to save: the changes count as kept


def test_once_read_the_rest_is_copied_until_a_document_in_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    long_ago(path)
    before = path.read_bytes()
    with Store.open(path, defer=True, autoflush=False) as store:
        store.load_rest()
        assert store.meetings_of(1) and store.messages_of(2)  # documents parsed, not changed
        store.warm(TODAY)
        edit(store)
        assert store.flush()
        assert rest_of(path.read_bytes()) == rest_of(before), "copied as it was read"
        meeting = store.meetings_of(3)[0]
        store.update_meeting(replace(meeting, notes="changed"))
        assert store.flush()
        assert rest_of(path.read_bytes()) != rest_of(before)
        edit(store, "again@example.com")
        assert store.flush()
    with Store.open(path, readonly=True) as again:
        assert again.meetings_of(3)[0].notes == "changed"
        assert again.contact(1).email == "again@example.com"  # type: ignore[union-attr]
        assert len(again.all_meetings()) == len(again.all_messages()) == 6


def test_a_failed_action_on_the_rest_stops_the_copying_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    with Store.open(path, defer=True, autoflush=False) as store:
        meeting = store.meetings_of(1)[0]
        with pytest.raises(RuntimeError), store.action():
            store.update_meeting(replace(meeting, notes="half"))
            raise RuntimeError("the action fails half way")
        edit(store)
        assert store.flush()
    with Store.open(path, readonly=True) as again:
        assert again.meetings_of(1)[0].notes == "coffee é"
        assert again.contact(1).email == "p0@example.com"  # type: ignore[union-attr]


def test_a_rest_in_another_layout_is_rewritten_in_the_layout_by_the_next_save(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.json"
    build(path)
    raw = path.read_bytes()
    at = raw.index(b'\n"meetings": {') + 1
    rest = json.loads(b"{" + raw[at:])
    pretty = json.dumps(rest, indent=1, ensure_ascii=False).encode()[1:].lstrip(b"\n")
    path.write_bytes(raw[:at] + pretty + b"\n")
    with Store.open(path, defer=True, autoflush=False) as store:
        store.load_rest()
        edit(store)
        assert store.flush()
    head = reading.read_head(path)
    assert head is not None and head[1] is not None
    pending = head[1]
    try:
        assert pending.read()["meetings"], "split a window at a time: in the layout again"
    finally:
        pending.close()
