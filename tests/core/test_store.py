"""The store: CRUD, trash, drafts, sending, reminders, batching, files and modes."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from core_support import NOW, TODAY, count_saves

from threety_tui.core.errors import DatabaseError, DatabaseLocked, ReadOnlyDatabase
from threety_tui.core.lock import lock_path
from threety_tui.core.models import (
    Contact,
    Homework,
    Insight,
    Kind,
    Meeting,
    Message,
    MessageKind,
    MessageStatus,
    Parts,
    Settings,
)
from threety_tui.core.rules import next_key, thank_you_key
from threety_tui.core.store import Store


def reopen(path: Path) -> Store:
    return Store.open(path, readonly=True)


def count_writes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every save of the database file."""
    return count_saves(monkeypatch)


def add_met(
    store: Store, name: str = "Grace Hopper", days_ago: int = 2, **contact: object
) -> tuple[Contact, Meeting]:
    """A contact and one meeting `days_ago` with one insight."""
    person = store.add_contact(Contact(name, **contact))  # type: ignore[arg-type]
    when = TODAY - timedelta(days=days_ago)
    meeting = store.add_meeting(Meeting(person.id, when, insights=(Insight("Read the press"),)))
    return person, meeting


# -- contacts -----------------------------------------------------------------------


def test_new_database_is_empty_with_default_settings(store: Store) -> None:
    assert store.contacts() == []
    assert store.all_meetings() == []
    assert store.all_messages() == []
    assert store.settings == Settings()


def test_add_get_update_contacts(store: Store, db_path: Path) -> None:
    added = store.add_contact(Contact("Grace Hopper", kind=Kind.BOOSTER, tags=("alumni",)))
    assert added.id > 0
    assert added.created == NOW
    assert store.contact(added.id) == added
    changed = store.update_contact(replace(added, email="g@example.com"))
    assert store.contact(added.id) == changed
    with reopen(db_path) as again:
        assert again.contacts() == [changed]


def test_add_contacts_keeps_order_and_gives_distinct_ids(store: Store) -> None:
    saved = store.add_contacts(Contact(f"P{i}") for i in range(5))
    assert [c.name for c in saved] == [f"P{i}" for i in range(5)]
    assert len({c.id for c in saved}) == 5
    assert store.contacts() == saved


def test_update_of_an_unknown_id_is_refused(store: Store) -> None:
    with pytest.raises(KeyError):
        store.update_contact(Contact("Ghost", id=999))
    with pytest.raises(KeyError):
        store.add_meeting(Meeting(999, TODAY))
    with pytest.raises(KeyError):
        store.save_message(Message(999, None, MessageKind.THANK_YOU))
    assert store.contact(999) is None and store.meeting(999) is None and store.message(9) is None


def test_contacts_go_to_the_trash_and_come_back(store: Store, db_path: Path) -> None:
    keep = store.add_contact(Contact("Keep"))
    gone = store.add_contact(Contact("Gone"))
    deleted = store.delete_contact(gone.id)
    assert deleted.deleted == NOW
    assert store.contacts() == [keep]
    assert store.contacts(deleted=True) == [deleted]
    with reopen(db_path) as again:
        assert [c.name for c in again.contacts(deleted=True)] == ["Gone"]
    restored = store.restore_contact(gone.id)
    assert restored.deleted is None
    assert [c.name for c in store.contacts()] == ["Keep", "Gone"]
    assert store.contacts(deleted=True) == []


# -- meetings -----------------------------------------------------------------------


def test_meetings_with_insights_newest_first(store: Store, db_path: Path) -> None:
    person = store.add_contact(Contact("Ada"))
    older = store.add_meeting(Meeting(person.id, date(2026, 10, 1), notes="first"))
    newer = store.add_meeting(
        Meeting(
            person.id,
            date(2026, 11, 1),
            "10:00",
            insights=(Insight("Pick a niche", favourite=True), Insight("Write publicly")),
        )
    )
    assert store.meetings_of(person.id) == [newer, older]
    assert store.meeting(newer.id) == newer
    with reopen(db_path) as again:
        assert again.meetings_of(person.id) == [newer, older]
        assert again.all_meetings() == [older, newer]


def test_update_insight_persists(store: Store, db_path: Path) -> None:
    _, meeting = add_met(store)
    insight = replace(meeting.insights[0], status=Homework.DONE, benefit="fluent", done=TODAY)
    updated = store.update_insight(meeting.id, insight)
    assert updated.insights == (insight,)
    with reopen(db_path) as again:
        assert again.meeting(meeting.id) == updated
    with pytest.raises(KeyError):
        store.update_insight(meeting.id, Insight("not there"))


def test_a_meeting_cannot_move_to_another_contact(store: Store) -> None:
    _, meeting = add_met(store)
    other = store.add_contact(Contact("Other"))
    with pytest.raises(ValueError):
        store.update_meeting(replace(meeting, contact_id=other.id))


def test_meetings_go_to_the_trash_and_come_back(store: Store, db_path: Path) -> None:
    person, meeting = add_met(store)
    store.delete_meeting(meeting.id)
    assert store.meetings_of(person.id) == []
    assert [m.id for m in store.meetings_of(person.id, deleted=True)] == [meeting.id]
    assert store.reminders(TODAY) == []  # a trashed meeting asks for nothing
    with reopen(db_path) as again:
        assert again.meetings_of(person.id) == []
    store.restore_meeting(meeting.id)
    assert [m.id for m in store.meetings_of(person.id)] == [meeting.id]
    assert [r.key for r in store.reminders(TODAY)] == [thank_you_key(meeting.id)]


# -- messages -----------------------------------------------------------------------


def draft(person: Contact, meeting: Meeting, kind: MessageKind = MessageKind.THANK_YOU) -> Message:
    return Message(person.id, meeting.id, kind, Parts(gratitude="Thanks"), "Subject", "Body\n")


def test_save_message_inserts_then_updates(store: Store, db_path: Path) -> None:
    person, meeting = add_met(store)
    saved = store.save_message(draft(person, meeting))
    assert saved.id > 0
    assert saved.created == saved.updated == NOW
    again = store.save_message(replace(saved, subject="Changed"))
    assert again.id == saved.id
    assert [m.subject for m in store.messages_of(person.id)] == ["Changed"]
    with reopen(db_path) as reopened:
        assert reopened.all_messages() == [again]


def test_find_draft_by_meeting_and_kind(store: Store) -> None:
    person, meeting = add_met(store)
    _, other_meeting = add_met(store, "Someone Else")
    thanks = store.save_message(draft(person, meeting))
    follow = store.save_message(draft(person, meeting, MessageKind.FOLLOW_UP))
    assert store.find_draft(meeting.id, MessageKind.THANK_YOU, person.id) == thanks
    assert store.find_draft(meeting.id, MessageKind.FOLLOW_UP, person.id) == follow
    assert store.find_draft(meeting.id, MessageKind.UPDATE, person.id) is None
    assert store.find_draft(other_meeting.id, MessageKind.THANK_YOU, person.id) is None
    store.mark_sent(thanks.id, TODAY)
    assert store.find_draft(meeting.id, MessageKind.THANK_YOU, person.id) is None


def test_delete_draft_but_never_a_sent_message(store: Store) -> None:
    person, meeting = add_met(store)
    first = store.save_message(draft(person, meeting))
    store.delete_draft(first.id)
    assert store.message(first.id) is None
    assert store.messages_of(person.id) == []
    second = store.save_message(draft(person, meeting))
    store.mark_sent(second.id, TODAY)
    with pytest.raises(ValueError):
        store.delete_draft(second.id)
    assert store.message(second.id) is not None


@pytest.mark.parametrize(
    ("kind", "contact_cadence", "expected_days"),
    [
        (Kind.BOOSTER, None, 14),
        (Kind.OBLIGATE, None, 45),
        (Kind.UNKNOWN, None, 60),
        (Kind.BOOSTER, 9, 9),
    ],
)
def test_mark_sent_schedules_the_next_touch_from_the_cadence(
    store: Store, kind: Kind, contact_cadence: int | None, expected_days: int
) -> None:
    store.update_settings(Settings(cadence_booster=14, cadence_obligate=45, cadence_unknown=60))
    person, meeting = add_met(store, kind=kind, cadence_days=contact_cadence)
    saved = store.save_message(draft(person, meeting))
    sent_on = TODAY - timedelta(days=1)
    sent = store.mark_sent(saved.id, sent_on)
    assert sent.status is MessageStatus.SENT
    assert sent.sent == sent_on
    assert sent.next_due == sent_on + timedelta(days=expected_days)
    (reminder,) = store.reminders(TODAY)
    assert reminder.key == next_key(sent.id)
    assert reminder.kind is MessageKind.FOLLOW_UP
    assert reminder.due == sent.next_due


def test_mark_sent_clears_an_earlier_snooze_and_close(store: Store) -> None:
    person, meeting = add_met(store)
    saved = store.save_message(
        replace(draft(person, meeting), snoozed_until=TODAY, snooze_reason="x", closed=TODAY)
    )
    sent = store.mark_sent(saved.id, TODAY)
    assert (sent.snoozed_until, sent.snooze_reason, sent.closed) == (None, "", None)


def test_snooze_and_close_a_thank_you(store: Store, db_path: Path) -> None:
    person, meeting = add_met(store)
    key = thank_you_key(meeting.id)
    (reminder,) = store.reminders(TODAY)
    assert reminder.key == key and reminder.due == meeting.when + timedelta(days=1)
    later = TODAY + timedelta(days=5)
    store.snooze(key, later, "after the write-up")
    (snoozed,) = store.reminders(TODAY)
    assert (snoozed.due, snoozed.snoozed, snoozed.snooze_reason) == (
        later,
        True,
        "after the write-up",
    )
    with reopen(db_path) as again:
        assert again.reminders(TODAY) == [snoozed]
    store.close_reminder(key, TODAY)
    assert store.reminders(TODAY) == []
    assert store.meeting(meeting.id).closed == TODAY  # type: ignore[union-attr]
    assert store.status_of(person.id, TODAY).level.value == "ok"


def test_snooze_and_close_a_follow_up(store: Store) -> None:
    person, meeting = add_met(store, days_ago=41)
    sent = store.mark_sent(
        store.save_message(draft(person, meeting)).id, TODAY - timedelta(days=40)
    )
    key = next_key(sent.id)
    (reminder,) = store.reminders(TODAY)
    assert reminder.key == key and reminder.state.value == "overdue"
    store.snooze(key, TODAY + timedelta(days=3))
    (snoozed,) = store.reminders(TODAY)
    assert snoozed.due == TODAY + timedelta(days=3) and snoozed.state.value == "soon"
    store.close_reminder(key, TODAY)
    assert store.reminders(TODAY) == []
    assert store.message(sent.id).closed == TODAY  # type: ignore[union-attr]


def test_bad_reminder_keys_are_refused(store: Store) -> None:
    for key in ("thanks:1", "next:x", ""):
        with pytest.raises(ValueError):
            store.snooze(key, TODAY)
    with pytest.raises(KeyError):
        store.close_reminder("thank_you:404", TODAY)


def test_settings_persist(store: Store, db_path: Path) -> None:
    settings = Settings(your_name="Sam", cadence_booster=21, theme="nord")
    store.update_settings(settings)
    assert store.settings == settings
    with reopen(db_path) as again:
        assert again.settings == settings


# -- one write per batch, persistence, files ------------------------------------------


def test_each_change_is_one_write_and_a_batch_is_one_write(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = count_writes(monkeypatch)
    store.add_contact(Contact("One"))
    assert len(writes) == 1
    with store.batch():
        people = [store.add_contact(Contact(f"P{i}")) for i in range(20)]
        for person in people:
            store.add_meeting(Meeting(person.id, TODAY, insights=(Insight("x"),)))
        store.update_settings(Settings(your_name="Sam"))
        assert len(writes) == 1  # nothing yet
    assert len(writes) == 2
    assert writes[-1] == store.path
    with store.batch():
        pass
    assert len(writes) == 2  # an empty batch writes nothing


def test_a_batch_that_fails_still_keeps_autoflush(store: Store) -> None:
    with pytest.raises(RuntimeError), store.batch():
        raise RuntimeError("boom")
    assert store.autoflush


def test_data_persists_across_close_and_reopen(db_path: Path) -> None:
    with Store.open(db_path) as first:
        person, meeting = add_met(first)
        message = first.save_message(draft(person, meeting))
    with Store.open(db_path) as second:
        assert second.contacts() == [person]
        assert second.all_meetings() == [meeting]
        assert second.all_messages() == [message]
        added = second.add_contact(Contact("Second session"))
    with Store.open(db_path, readonly=True) as third:
        assert third.contacts() == [person, added]


def test_file_is_0600_and_a_created_folder_is_0700(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "threety.json"
    old_umask = os.umask(0o022)
    try:
        with Store.open(path) as opened:
            opened.add_contact(Contact("A"))
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(lock_path(path).stat().st_mode) == 0o600


def test_an_existing_readable_file_becomes_0600_on_write(db_path: Path) -> None:
    db_path.touch(mode=0o644)
    db_path.chmod(0o644)
    with Store.open(db_path) as opened:
        opened.add_contact(Contact("A"))
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_an_empty_file_is_a_new_database(db_path: Path) -> None:
    db_path.touch()
    with Store.open(db_path) as opened:
        assert opened.contacts() == []
    data = json.loads(db_path.read_text())
    assert data["meta"]["1"]["app"] == "threety"


def test_without_autoflush_nothing_is_written_until_flush(db_path: Path) -> None:
    Store.open(db_path).close()
    before = db_path.read_bytes()
    with Store.open(db_path, autoflush=False) as opened:
        opened.add_contact(Contact("Pending"))
        assert opened.dirty
        assert db_path.read_bytes() == before
        assert opened.flush() is True
        assert not opened.dirty
        assert opened.flush() is False
        assert "Pending" in db_path.read_text()
        opened.add_contact(Contact("On close"))
    with reopen(db_path) as again:  # close() flushed the rest
        assert [c.name for c in again.contacts()] == ["Pending", "On close"]


def test_read_only_store_refuses_writes_and_takes_no_lock(db_path: Path) -> None:
    with Store.open(db_path) as writer:
        person, meeting = add_met(writer)
        message = writer.save_message(draft(person, meeting))
    lock_path(db_path).unlink()
    before = db_path.read_bytes()
    with Store.open(db_path, readonly=True) as reader:
        assert reader.readonly
        attempts = [
            lambda: reader.add_contact(Contact("X")),
            lambda: reader.update_contact(person),
            lambda: reader.delete_contact(person.id),
            lambda: reader.add_meeting(Meeting(person.id, TODAY)),
            lambda: reader.save_message(message),
            lambda: reader.mark_sent(message.id, TODAY),
            lambda: reader.delete_draft(message.id),
            lambda: reader.snooze(thank_you_key(meeting.id), TODAY),
            lambda: reader.update_settings(Settings()),
        ]
        for attempt in attempts:
            with pytest.raises(ReadOnlyDatabase, match="read-only"):
                attempt()
        assert not lock_path(db_path).exists()
        with Store.open(db_path) as writer:  # a writer can still open it meanwhile
            writer.add_contact(Contact("Meanwhile"))
        assert reader.flush() is False
    assert db_path.read_bytes() != before
    assert "Meanwhile" in db_path.read_text()


def test_read_only_open_of_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "not" / "here.json"
    with Store.open(path, readonly=True) as reader:
        assert reader.contacts() == []
        assert reader.reminders(TODAY) == []
    assert not (tmp_path / "not").exists()


def test_messages_of_are_newest_first(store: Store) -> None:
    person, meeting = add_met(store)
    thanks = store.mark_sent(
        store.save_message(draft(person, meeting)).id, TODAY - timedelta(days=30)
    )
    follow = store.mark_sent(
        store.save_message(draft(person, meeting, MessageKind.FOLLOW_UP)).id, TODAY
    )
    assert [m.id for m in store.messages_of(person.id)] == [follow.id, thanks.id]


def test_a_symlinked_database_is_written_through_the_link(tmp_path: Path) -> None:
    """A user may link the file into a synced folder: the link must stay a link."""
    real = tmp_path / "synced" / "threety.json"
    Store.open(real).close()
    link = tmp_path / "threety.json"
    link.symlink_to(real)
    with Store.open(link) as store:
        store.add_contact(Contact("Through the link"))
        with pytest.raises(DatabaseLocked):  # one lock, however the file is reached
            Store.open(real)
    assert link.is_symlink()
    with reopen(real) as again:
        assert [c.name for c in again.contacts()] == ["Through the link"]


def test_a_path_below_a_file_is_a_clear_error(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("keep me")
    for readonly in (False, True):
        with pytest.raises(DatabaseError) as caught:
            Store.open(afile / "threety.json", readonly=readonly)
        assert "Not a directory" in str(caught.value)
    assert afile.read_text() == "keep me"
