"""Facts (issue 14): what the rules read of a meeting or message, read as the model reads it.

`threety due`, `stats` and the app's statuses build facts instead of full
models; rules.py is the one place the rules are written and reads both. These
tests hold the two paths to the same answers: the facts of any document (odd
and damaged values included) are those of the model built from it; the next
steps, the statuses and the stats worked out from facts are those worked out
from models; and contacts listed by name without their models are the same.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from core_support import NOW, TODAY, run_threety
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threety_tui.core import rules, stats
from threety_tui.core.facts import MeetingFacts, MessageFacts
from threety_tui.core.models import Contact, Meeting, Message
from threety_tui.core.store import Store

ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.text(max_size=6),
    st.sampled_from(["2026-11-25", "9999-01-01", "2026-02-30", "2026-11-25T10:00:00+00:00"]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
"""Values a hand-edited or damaged file may hold where a date, a text or a state belongs."""

INSIGHT_DOCS = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "status": st.one_of(ODD, st.sampled_from(["todo", "doing", "done"])),
            "favourite": ODD,
        },
    ),
    ODD,
)


@st.composite
def meeting_docs(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {"contact_id": draw(st.integers(1, 5)), "when": "2026-11-20"}
    for key in ("snoozed_until", "snooze_reason", "closed", "deleted", "time", "channel"):
        if draw(st.booleans()):
            doc[key] = draw(ODD)
    if draw(st.booleans()):
        doc["insights"] = draw(st.one_of(st.lists(INSIGHT_DOCS, max_size=4), st.none()))
    return doc


@st.composite
def message_docs(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {"contact_id": draw(st.integers(1, 5))}
    for key, values in (
        ("meeting_id", st.one_of(st.none(), st.integers(1, 9))),
        ("kind", st.one_of(ODD, st.sampled_from(["outreach", "thank_you", "follow_up", "update"]))),
        ("status", st.one_of(ODD, st.sampled_from(["draft", "sent"]))),
        ("sent", ODD),
        ("next_due", ODD),
        ("snoozed_until", ODD),
        ("snooze_reason", ODD),
        ("closed", ODD),
        ("replied", ODD),
        ("parts", ODD),
    ):
        if draw(st.booleans()):
            doc[key] = draw(values)
    return doc


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(doc=meeting_docs(), id=st.integers(1, 99))
def test_a_meeting_s_facts_are_read_as_its_model_reads_them(doc: dict[str, Any], id: int) -> None:
    assert MeetingFacts.from_doc(doc, id) == MeetingFacts.of(Meeting.from_doc(doc, id))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(doc=message_docs(), id=st.integers(1, 99))
def test_a_message_s_facts_are_read_as_its_model_reads_them(doc: dict[str, Any], id: int) -> None:
    assert MessageFacts.from_doc(doc, id) == MessageFacts.of(Message.from_doc(doc, id))


def test_facts_fail_where_models_fail() -> None:
    for doc in (
        {"when": "2026-01-01"},
        {"contact_id": "x", "when": "2026-01-01"},
        {"contact_id": 1, "when": "someday"},
    ):
        with pytest.raises((KeyError, ValueError)):
            Meeting.from_doc(doc, 1)
        with pytest.raises((KeyError, ValueError)):
            MeetingFacts.from_doc(doc, 1)


# -- the same answers from facts as from models, on the demo database -------------------


def model_reminders(store: Store, today: date) -> list[rules.Reminder]:
    """Every next step worked out from full models, as the store did before facts."""
    found: list[rules.Reminder] = []
    settings_ = store.settings
    for contact in store.contacts():
        messages = store.messages_of(contact.id)
        key = rules.company_key(contact.company) if contact.company else ""
        replies = sorted(
            m.replied
            for other in store.contacts()
            if key and rules.company_key(other.company) == key
            for m in store.messages_of(other.id)
            if m.replied is not None and m.is_sent
        )
        requests = any(m.kind.value == "outreach" and m.is_sent for m in messages)
        found += rules.contact_reminders(
            contact,
            store.meetings_of(contact.id),
            messages,
            settings_,
            today,
            company_replies=replies if requests else (),
        )
    found.sort(key=rules.SOONEST)
    return found


DAYS = [TODAY + timedelta(days=n) for n in (-200, -30, 0, 1, 3, 9, 40, 400)]


@pytest.mark.parametrize("today", DAYS)
def test_next_steps_statuses_and_stats_from_facts_equal_those_from_models(
    demo_db: Path, today: date
) -> None:
    with Store.open(demo_db, readonly=True) as store:
        want = model_reminders(store, today)
        want_stats = stats.summarize(
            store.contacts(), store.all_meetings(), store.all_messages(), today
        )
    with Store.open(demo_db, readonly=True) as store:  # facts first, no model built
        assert store.reminders(today) == want
        assert stats.from_store(store, today) == want_stats
        by_contact = {c.id: [r for r in want if r.contact_id == c.id] for c in store.contacts()}
        for contact in store.contacts():
            assert store.status_of(contact.id, today) == rules.status(by_contact[contact.id], today)


def test_an_edit_is_in_the_facts_at_once(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with Store.open(path, clock=lambda: NOW) as store:
        contact = store.add_contact(Contact("Ada"))
        meeting = store.add_meeting(Meeting(contact.id, TODAY))
        store.warm(TODAY)
        assert [r.key for r in store.reminders_of(contact.id, TODAY)] == [f"thank_you:{meeting.id}"]
        store.update_meeting(replace(meeting, closed=TODAY))
        assert store.reminders_of(contact.id, TODAY) == []
        assert store.meeting_fact(meeting.id) == MeetingFacts.of(store.meeting(meeting.id))  # type: ignore[arg-type]
        draft = store.save_message(Message(contact.id, meeting.id, rules.MessageKind.THANK_YOU))
        store.delete_draft(draft.id)
        assert store.message_fact(draft.id) is None
        assert store.message_facts() == []


def test_damaged_documents_are_left_out_of_the_facts_and_named(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with Store.open(path, clock=lambda: NOW) as store, store.batch():
        contact = store.add_contact(Contact("Ada"))
        for day in range(3):
            store.add_meeting(Meeting(contact.id, TODAY - timedelta(days=day)))
    raw = path.read_bytes().replace(
        b'"2": {"contact_id": 1, "when": "', b'"2": {"contact_id": 1, "when": 5, "x": "', 1
    )
    path.write_bytes(raw)
    with Store.open(path, readonly=True) as store:
        assert [f.id for f in store.meeting_facts()] == [1, 3]
        assert "meetings/2" in store.damaged
        assert sorted(r.meeting_id or 0 for r in store.reminders(TODAY)) == [1, 3]
    with Store.open(path, defer=True, autoflush=False) as store:  # lines read on demand
        assert sorted(r.meeting_id or 0 for r in store.reminders(TODAY)) == [1, 3]
        assert "meetings/2" in store.damaged


# -- contacts listed without their models ---------------------------------------------


def test_contact_names_are_the_live_contacts_in_file_order(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with Store.open(path, clock=lambda: NOW) as store:
        for name in ("Zoe", "ada", "Émile", "Bo"):
            store.add_contact(Contact(name))
        store.delete_contact(2)
    data = json.loads(path.read_bytes())
    data["contacts"]["3"]["deleted"] = "not a date"  # reads as not deleted
    data["contacts"]["4"]["name"] = "Bo\u2028"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for defer in (False, True):
        with Store.open(path, defer=defer, autoflush=False) as store:
            assert store.contact_names() == [(c.id, c.name) for c in store.contacts()]
            trash = store.contact_names(deleted=True)
            assert trash == [(c.id, c.name) for c in store.contacts(deleted=True)] == [(2, "ada")]
            assert [i for i, _ in store.contact_names()] == [1, 3, 4]
            assert store.contact_columns() == ([1, 3, 4], [c.name for c in store.contacts()])
            assert store.contact_columns(deleted=True) == ([2], ["ada"])


def test_due_and_stats_print_the_same_from_a_deferred_writer_and_a_reader(
    demo_db: Path, tmp_path: Path
) -> None:
    """The command's output is a function of the next steps and the stats, checked above;
    here the real command, run twice, says exactly the same each time."""
    first = [
        run_threety(cmd, *extra, "--db", demo_db, tmp=tmp_path).stdout
        for cmd, *extra in (("due",), ("due", "--json"), ("stats",), ("stats", "--json"))
    ]
    again = [
        run_threety(cmd, *extra, "--db", demo_db, tmp=tmp_path).stdout
        for cmd, *extra in (("due",), ("due", "--json"), ("stats",), ("stats", "--json"))
    ]
    assert first == again and all(first)


def test_contact_names_of_a_table_just_read_are_those_of_the_models(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with Store.open(path, clock=lambda: NOW) as store:
        store.add_contacts(Contact(name) for name in ("Zoe", "ada", "Émile", "Bo", ""))
    with Store.open(path, defer=True, autoflush=False) as store:
        names = store.contact_names()  # no model built yet: read from the documents
        assert names == [(c.id, c.name) for c in store.contacts()]
        assert store.contact_names(deleted=True) == []


def test_meetings_and_messages_are_indexed_once_whenever_that_happens(tmp_path: Path) -> None:
    """The index by contact is built on first need (`due` groups facts instead)."""
    path = tmp_path / "db.json"
    with Store.open(path, clock=lambda: NOW) as store:
        ada = store.add_contact(Contact("Ada"))
        store.add_meeting(Meeting(ada.id, TODAY))
    with Store.open(path, clock=lambda: NOW) as store:  # nothing indexed yet
        second = store.add_meeting(Meeting(ada.id, TODAY - timedelta(days=1)))
        draft = store.save_message(Message(ada.id, second.id, rules.MessageKind.THANK_YOU))
        assert [m.id for m in store.meetings_of(ada.id)] == [1, second.id]
        assert [m.id for m in store.messages_of(ada.id)] == [draft.id]
    with Store.open(path, clock=lambda: NOW) as store:
        store.delete_draft(draft.id)  # the first use of the index removes from it
        assert store.messages_of(ada.id) == []
        assert len(store.meetings_of(ada.id)) == 2
