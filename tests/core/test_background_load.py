"""The background load (issue 14): the rest of the file and the warm-up, stoppable at once.

`Store.start_background_load` reads the rest of a file opened in two steps and
warms up on a daemon thread; `cancel()` stops it at its next check and leaves
the store consistent: what was loaded is whole, what was not is still to be
loaded, and the answers are those of a store that read everything at once.
No test here measures time: "at once" is "at the next check", counted.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from core_support import NOW, TODAY

from threety_tui.core import rules
from threety_tui.core.db import reading
from threety_tui.core.errors import Cancelled, DatabaseError, NotADatabase
from threety_tui.core.models import Contact, Insight, Meeting, Message, MessageKind
from threety_tui.core.store import Store


def build(path: Path, people: int = 30) -> None:
    with Store.open(path, clock=lambda: NOW) as store, store.batch():
        for i, contact in enumerate(
            store.add_contacts(
                Contact(f"Person {i}", company=f"Firm {i % 4}") for i in range(people)
            )
        ):
            meeting = store.add_meeting(
                Meeting(contact.id, TODAY, notes="coffee", insights=(Insight("Read"),))
            )
            message = store.save_message(
                Message(contact.id, meeting.id, MessageKind.THANK_YOU, subject="Hi")
            )
            if i % 3 == 0:
                store.mark_sent(message.id, TODAY)
            if i % 5 == 0:
                request = store.save_message(Message(contact.id, None, MessageKind.OUTREACH))
                store.mark_sent(request.id, TODAY)


def answers(store: Store) -> tuple[object, ...]:
    contacts = store.contacts()
    return (
        contacts,
        [store.meetings_of(c.id) for c in contacts],
        [store.messages_of(c.id) for c in contacts],
        store.reminders(TODAY),
        [store.status_of(c.id, TODAY) for c in contacts],
        store.damaged,
    )


def expected(path: Path) -> tuple[object, ...]:
    with Store.open(path, readonly=True) as whole:
        return answers(whole)


def test_the_background_load_reads_everything_then_warms_up(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    want = expected(path)
    told: list[str] = []
    with Store.open(path, defer=True, autoflush=False) as store:
        loading = store.start_background_load(
            today=lambda: TODAY,
            on_loaded=lambda: told.append("loaded"),
            on_warm=lambda: told.append("warm"),
            on_error=lambda error: told.append(f"error {error}"),
        )
        assert loading.wait(60)
        assert told == ["loaded", "warm"]
        assert store.loaded
        assert store.warm() == 0, "every document's facts are built already"
        assert answers(store) == want
        assert threading.current_thread() is threading.main_thread()


def test_cancelled_before_it_starts_nothing_is_read_nor_told(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    told: list[str] = []
    with Store.open(path, defer=True, autoflush=False) as store:
        from threety_tui.core.loading import Loading

        loading = Loading(
            store,
            today=None,
            on_loaded=lambda: told.append("loaded"),
            on_warm=lambda: told.append("warm"),
            on_error=lambda error: told.append("error"),
        )
        loading.cancel()
        loading.start()
        assert loading.wait(60) and loading.cancelled
        assert told == [] and not store.loaded
        assert answers(store) == expected(path), "read on demand, as before"


@pytest.mark.parametrize("after", [0, 1, 3, 7])
def test_stopping_the_read_half_way_leaves_the_store_to_be_loaded(
    tmp_path: Path, after: int
) -> None:
    path = tmp_path / "db.json"
    build(path)
    want = expected(path)
    asked = 0

    def stop() -> bool:
        nonlocal asked
        asked += 1
        return asked > after

    reading.WINDOW, saved = 200, reading.WINDOW
    try:
        with Store.open(path, defer=True, autoflush=False) as store:
            with pytest.raises(Cancelled):
                store.load_rest(stop)
            assert asked == after + 1, "it stopped at the first check that said so"
            assert not store.loaded
            store.update_contact(replace(store.contacts()[0], email="a@example.com"))
            assert store.flush(), "a save meanwhile copies the rest"
            store.load_rest()
            assert store.loaded
            assert answers(store)[1:] == want[1:]
    finally:
        reading.WINDOW = saved


@pytest.mark.parametrize("after", [1, 2, 5])
def test_stopping_the_warm_up_keeps_what_it_built_and_builds_nothing_wrong(
    tmp_path: Path, after: int
) -> None:
    path = tmp_path / "db.json"
    build(path)
    want = expected(path)
    asked = 0

    def stop() -> bool:
        nonlocal asked
        asked += 1
        return asked > after

    with Store.open(path, defer=True, autoflush=False) as store:
        store.load_rest()
        with pytest.raises(Cancelled):
            store.warm(TODAY, stop=stop, every=7)
        assert asked == after + 1
        rest = store.warm(TODAY)
        assert 0 < rest < 30 + 30 + 6, "it went on where it stopped"
        assert answers(store) == want


def test_a_rest_that_cannot_be_read_is_told_once_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    raw = path.read_bytes()
    damaged = raw.replace(b'\n"messages": {\n', b'\n"messages": [\n', 1)
    path.write_bytes(damaged)
    errors: list[Exception] = []
    store = Store.open(path, defer=True, autoflush=False)
    loading = store.start_background_load(on_error=errors.append)
    assert loading.wait(60)
    assert len(errors) == 1 and isinstance(errors[0], NotADatabase)
    store.update_contact(replace(store.contacts()[0], email="a@example.com"))
    with pytest.raises(DatabaseError):
        store.flush()
    with pytest.raises(DatabaseError):
        store.close()
    assert path.read_bytes() == damaged


def test_changes_made_while_it_runs_win_over_what_it_builds(tmp_path: Path) -> None:
    """The UI thread edits while the thread reads and warms up: the edits are never undone."""
    path = tmp_path / "db.json"
    build(path, people=80)
    reading.WINDOW, saved = 512, reading.WINDOW
    try:
        with Store.open(path, defer=True, autoflush=False, clock=lambda: NOW) as store:
            loading = store.start_background_load(today=lambda: TODAY)
            for contact in store.contacts()[:40]:
                store.update_contact(replace(contact, role="Edited"))
                meeting = store.meetings_of(contact.id)[0]  # waits for the rest, if need be
                store.update_meeting(replace(meeting, closed=TODAY))  # its thank-you: done
                for draft in store.messages_of(contact.id):
                    if not draft.is_sent:
                        store.delete_draft(draft.id)
            assert loading.wait(60)
            store.flush()
            mine = answers(store)
        assert mine == expected(path)
        for contact in mine[0][:40]:  # type: ignore[index]
            assert contact.role == "Edited"
            assert not any(r.kind is MessageKind.THANK_YOU for r in rules_of(mine, contact.id))
    finally:
        reading.WINDOW = saved


def rules_of(answer: tuple[object, ...], contact_id: int) -> list[rules.Reminder]:
    reminders: list[rules.Reminder] = answer[3]  # type: ignore[assignment]
    return [r for r in reminders if r.contact_id == contact_id]


def test_an_unexpected_failure_is_told_not_printed(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    errors: list[Exception] = []
    with Store.open(path, defer=True, autoflush=False) as store:

        def broken(*args: object, **kwargs: object) -> int:
            raise RuntimeError("a bug")

        store.warm = broken  # type: ignore[method-assign]
        loading = store.start_background_load(on_error=errors.append)
        assert loading.wait(60)
    assert [str(e) for e in errors] == ["a bug"]


def test_closing_the_store_stops_it_and_nothing_reads_a_closed_file(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path, people=80)
    told: list[object] = []
    reading.WINDOW, saved = 64, reading.WINDOW
    try:
        store = Store.open(path, defer=True, autoflush=False)
        loading = store.start_background_load(
            today=lambda: TODAY, on_loaded=lambda: told.append("loaded"), on_error=told.append
        )
        store.close()
        assert loading.wait(60) and loading.cancelled
        assert all(item == "loaded" for item in told), "no error: a stop, not a failure"
    finally:
        reading.WINDOW = saved


def test_what_it_built_is_frozen_out_of_the_collector_s_way_even_when_stopped(
    tmp_path: Path,
) -> None:
    import gc

    from threety_tui.core.loading import Loading

    path = tmp_path / "db.json"
    build(path, people=250)
    told: list[str] = []
    with Store.open(path, defer=True, autoflush=False) as store:
        store.load_rest()
        gc.unfreeze()
        handle: list[Loading] = []
        loading = Loading(
            store,
            today=lambda: TODAY,
            on_loaded=None,
            on_warm=lambda: told.append("warm"),
            on_error=lambda error: told.append("error"),
            pause=lambda: handle[0].cancel(),  # stopped at the first pause
        )
        handle.append(loading)
        loading.start()
        assert loading.wait(60) and loading.cancelled
        assert told == []
        assert gc.get_freeze_count() > 0, "what it built is out of the collector's way"
        assert gc.isenabled()
    gc.unfreeze()
