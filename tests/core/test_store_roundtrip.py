"""Property tests: any contact or meeting survives the store, a close and a reopen."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threety_tui.core.models import (
    MAX_CADENCE_DAYS,
    MAX_YEAR,
    Channel,
    Contact,
    Homework,
    Insight,
    Kind,
    KindSource,
    Meeting,
    new_insight_id,
)
from threety_tui.core.store import Store

# Any text Python can hold in a file: every plane, control characters, empty;
# only lone surrogates (not encodable) are left out.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
LONG_NOTES = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=8).map(
    lambda chunk: (chunk * 10_000)[:10_000]
)
NOTES = st.one_of(TEXT, LONG_NOTES, st.just(""))
ASTRAL = st.text(
    st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, exclude_categories=["Cs"])
)
DATES = st.dates(max_value=datetime(MAX_YEAR, 12, 31).date())
ZONES = st.one_of(
    st.none(),
    st.just(UTC),
    st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m))),
)
STAMPS = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=ZONES
)

CONTACTS = st.builds(
    Contact,
    name=st.one_of(TEXT, ASTRAL),
    email=TEXT,
    company=TEXT,
    role=TEXT,
    kind=st.sampled_from(Kind),
    how_met=TEXT,
    linkedin=TEXT,
    tags=st.lists(TEXT, max_size=6).map(tuple),
    notes=NOTES,
    cadence_days=st.one_of(st.none(), st.integers(1, MAX_CADENCE_DAYS)),
    created=st.one_of(st.none(), STAMPS),
    kind_source=st.sampled_from(KindSource),
    kind_dismissed=st.one_of(st.none(), st.sampled_from([Kind.BOOSTER, Kind.OBLIGATE])),
)
INSIGHTS = st.builds(
    Insight,
    text=st.one_of(TEXT, NOTES),
    favourite=st.booleans(),
    status=st.sampled_from(Homework),
    benefit=TEXT,
    done=st.one_of(st.none(), DATES),
    id=st.builds(new_insight_id),
)


def meetings(contact_id: int) -> st.SearchStrategy[Meeting]:
    return st.builds(
        Meeting,
        contact_id=st.just(contact_id),
        when=DATES,
        time=st.one_of(st.just(""), st.times().map(lambda t: t.strftime("%H:%M")), TEXT),
        channel=st.sampled_from(Channel),
        notes=NOTES,
        insights=st.lists(INSIGHTS, max_size=40).map(tuple),
        snoozed_until=st.one_of(st.none(), DATES),
        snooze_reason=TEXT,
        closed=st.one_of(st.none(), DATES),
        created=st.one_of(st.none(), STAMPS),
    )


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(contacts=st.lists(CONTACTS, min_size=1, max_size=5))
def test_any_contact_round_trips(contacts: list[Contact]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.json"
        with Store.open(path) as store:
            saved = [store.add_contact(c) for c in contacts]
        with Store.open(path, readonly=True) as store:
            assert store.contacts() == saved
        for original, kept in zip(contacts, saved, strict=True):
            assert kept.name == original.name and kept.notes == original.notes
            assert kept.tags == original.tags


@SETTINGS
@given(contact=CONTACTS, data=st.data())
def test_any_meeting_round_trips(contact: Contact, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.json"
        with Store.open(path) as store:
            person = store.add_contact(contact)
            wanted = data.draw(st.lists(meetings(person.id), min_size=1, max_size=3))
            saved = [store.add_meeting(m) for m in wanted]
        with Store.open(path) as store:  # a writer reopen reads the same
            assert sorted(store.all_meetings(), key=lambda m: m.id) == saved
            assert store.meetings_of(person.id) == sorted(
                saved, key=lambda m: (m.when, m.time, m.id), reverse=True
            )
        for original, kept in zip(wanted, saved, strict=True):
            assert kept.insights == original.insights
            assert (kept.notes, kept.when, kept.time) == (
                original.notes,
                original.when,
                original.time,
            )


def test_the_largest_case_explicitly(tmp_path: Path) -> None:
    """10,000-character notes full of awkward characters and 200 insights."""
    awkward = 'a\x00\x1b[31m\u2028\ud7ff\U0001f600\U0010ffff\t\r\n"\\'
    notes = (awkward * 1000)[:10_000]
    path = tmp_path / "db.json"
    with Store.open(path) as store:
        person = store.add_contact(Contact(awkward, notes=notes, tags=(awkward, "")))
        meeting = store.add_meeting(
            Meeting(
                person.id,
                datetime(2026, 11, 20).date(),
                notes=notes,
                insights=tuple(Insight(f"{i} {awkward}", benefit=notes) for i in range(200)),
            )
        )
    with Store.open(path, readonly=True) as store:
        assert store.contacts() == [person]
        assert store.meeting(meeting.id) == meeting
        assert len(notes) == 10_000
