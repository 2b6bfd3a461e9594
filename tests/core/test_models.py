"""The models: round trips through their stored form, tolerant reading, helpers."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError, dataclass, fields, replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from threety_tui.core.models import (
    MAX_CADENCE_DAYS,
    Channel,
    Contact,
    Homework,
    Insight,
    Kind,
    KindSource,
    Meeting,
    Message,
    MessageKind,
    MessageStatus,
    Parts,
    Settings,
    fast_constructor,
)

WHEN = datetime(2026, 11, 20, 14, 5, 9, tzinfo=timezone(timedelta(hours=1)))


def through_json(doc: dict[str, Any]) -> dict[str, Any]:
    """What the file gives back: the document survives JSON encoding."""
    loaded: dict[str, Any] = json.loads(json.dumps(doc))
    return loaded


def full_contact() -> Contact:
    return Contact(
        name="Grace Hopper",
        email="grace@example.com",
        company="Navy Compilers",
        role="Director",
        kind=Kind.BOOSTER,
        how_met="Alumni network",
        linkedin="https://www.linkedin.com/in/grace",
        tags=("alumni", "compilers"),
        notes="Line one\nline two \u00e9\U0001f600",
        cadence_days=21,
        created=WHEN,
        deleted=WHEN + timedelta(days=3),
        kind_source=KindSource.EVIDENCE,
        kind_dismissed=Kind.OBLIGATE,
        id=7,
    )


def full_meeting() -> Meeting:
    return Meeting(
        contact_id=7,
        when=date(2026, 11, 20),
        time="09:30",
        channel=Channel.VIDEO,
        notes="Walked through the team.",
        insights=(
            Insight("Read the trade press", favourite=False, id="a1"),
            Insight(
                "Ask what broke last quarter",
                favourite=True,
                status=Homework.DONE,
                benefit="two interviewers loved it",
                done=date(2026, 11, 22),
                id="b2",
            ),
        ),
        snoozed_until=date(2026, 11, 28),
        snooze_reason="waiting for the write-up",
        closed=date(2026, 11, 29),
        created=WHEN,
        deleted=None,
        id=3,
    )


def full_message() -> Message:
    return Message(
        contact_id=7,
        meeting_id=3,
        kind=MessageKind.FOLLOW_UP,
        parts=Parts("Hi Grace,", "Thanks", "You said X", "It worked", "May I?", "Best,\nSam"),
        subject="Following up",
        body="Hi Grace,\n\nThanks\n",
        status=MessageStatus.SENT,
        insight_id="b2",
        created=WHEN,
        updated=WHEN + timedelta(minutes=5),
        sent=date(2026, 11, 21),
        next_due=date(2026, 12, 21),
        snoozed_until=date(2026, 12, 30),
        snooze_reason="holidays",
        closed=date(2027, 1, 2),
        replied=date(2026, 11, 23),
        id=11,
    )


# -- round trips ---------------------------------------------------------------


def test_contact_round_trips_through_its_document() -> None:
    contact = full_contact()
    doc = through_json(contact.to_doc())
    assert "id" not in doc  # TinyDB keeps the id as the key
    assert Contact.from_doc(doc, contact.id) == contact


def test_contact_with_only_a_name_round_trips() -> None:
    contact = Contact("X")
    assert Contact.from_doc(through_json(contact.to_doc())) == contact


def test_meeting_round_trips_with_its_insights() -> None:
    meeting = full_meeting()
    assert Meeting.from_doc(through_json(meeting.to_doc()), meeting.id) == meeting


def test_message_round_trips_with_its_parts() -> None:
    message = full_message()
    assert Message.from_doc(through_json(message.to_doc()), message.id) == message


def test_message_without_meeting_round_trips() -> None:
    message = Message(contact_id=1, meeting_id=None, kind=MessageKind.UPDATE)
    assert Message.from_doc(through_json(message.to_doc())) == message


def test_settings_and_parts_round_trip() -> None:
    settings = Settings("Sam Rivera", 14, 45, 60, "nord", "/tmp/r.ics")
    assert Settings.from_doc(through_json(settings.to_doc())) == settings
    parts = full_message().parts
    assert Parts.from_doc(through_json(parts.to_doc())) == parts


def test_models_are_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        full_contact().name = "Other"  # type: ignore[misc]


def test_new_insights_get_distinct_ids() -> None:
    ids = {Insight("same text").id for _ in range(50)}
    assert len(ids) == 50
    assert all(ids)


# -- tolerant reading ------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("kind", "wizard"),
        ("kind", 3),
        ("tags", "not-a-list"),
        ("tags", {"a": 1}),
        ("cadence_days", "30"),
        ("cadence_days", 0),
        ("cadence_days", -4),
        ("cadence_days", True),
        ("cadence_days", 2.5),
        ("cadence_days", MAX_CADENCE_DAYS + 1),
        ("created", "yesterday-ish"),
        ("created", 12345),
        ("deleted", ["2026-01-01"]),
        ("email", None),
        ("email", 42),
    ],
)
def test_contact_reads_a_damaged_optional_field_as_its_default(field: str, bad: Any) -> None:
    good = full_contact()
    doc = good.to_doc()
    doc[field] = bad
    read = Contact.from_doc(doc, good.id)
    default = Contact("x")
    expected = {
        "kind": default.kind,
        "tags": default.tags,
        "cadence_days": None,
        "created": None,
        "deleted": None,
        "email": "" if bad is None else str(bad),  # null is empty; a number is kept as text
    }[field]
    assert getattr(read, field) == expected
    # Every other field is read as it was.
    assert replace(read, **{field: getattr(good, field)}) == good


def test_contact_tags_keep_non_text_items_as_text() -> None:
    read = Contact.from_doc({"name": "A", "tags": ["x", 2, None]})
    assert read.tags == ("x", "2", "None")


def test_meeting_tolerates_damaged_optional_fields() -> None:
    doc = full_meeting().to_doc()
    doc |= {
        "channel": "carrier pigeon",
        "snoozed_until": "soon",
        "closed": 5,
        "created": "no",
        "time": None,
        "snooze_reason": None,
    }
    doc["insights"] = [
        "a stray string",
        7,
        {"text": "Kept", "status": "abandoned", "done": "2026-99-99", "favourite": 1},
        {"no_text": True},
    ]
    read = Meeting.from_doc(doc, 3)
    assert read.channel is Channel.OTHER
    assert (read.snoozed_until, read.closed, read.created) == (None, None, None)
    assert (read.time, read.snooze_reason) == ("", "")
    assert [i.text for i in read.insights] == ["Kept", ""]
    kept = read.insights[0]
    assert (kept.status, kept.done, kept.favourite) == (Homework.TODO, None, True)
    assert all(i.id for i in read.insights)  # a missing id is replaced, never empty


def test_dates_past_the_last_usable_year_read_as_no_date() -> None:
    doc = full_message().to_doc() | {"sent": "9999-12-31", "next_due": "9999-01-01"}
    read = Message.from_doc(doc, 1)
    assert (read.sent, read.next_due) == (None, None)


def test_a_message_stamp_without_a_timestamp_reads_as_no_stamp() -> None:
    """The store sorts a contact's messages by `timestamp()`; a naive stamp in year 1
    has none ("year 0 is out of range" in local time), so it reads as no stamp."""
    read = Message.from_doc(full_message().to_doc() | {"created": "0001-01-01"}, 1)
    assert read.created is None
    for kept in ("0001-01-01T00:00:00+05:00", "0002-01-01", "9999-12-31T23:00:00-05:00"):
        stamp = Message.from_doc(full_message().to_doc() | {"updated": kept}, 1).updated
        assert stamp is not None and stamp.timestamp(), kept


def test_message_tolerates_damaged_optional_fields() -> None:
    doc = full_message().to_doc() | {
        "kind": "postcard",
        "status": "maybe",
        "parts": "not an object",
        "sent": "2026-13-01",
        "insight_id": None,
    }
    read = Message.from_doc(doc, 11)
    assert read.kind is MessageKind.UPDATE
    assert read.status is MessageStatus.DRAFT
    assert read.parts == Parts()
    assert read.sent is None
    assert read.insight_id == ""
    partial = Message.from_doc(full_message().to_doc() | {"parts": {"ask": "May I?", "x": 1}})
    assert partial.parts == Parts(ask="May I?")


@pytest.mark.parametrize("bad", [0, -1, "30", True, None, 1.5, MAX_CADENCE_DAYS + 1])
def test_settings_fall_back_to_defaults_for_bad_cadences(bad: Any) -> None:
    read = Settings.from_doc({"cadence_booster": bad, "cadence_obligate": 9, "theme": ""})
    default = Settings()
    assert read.cadence_booster == default.cadence_booster
    assert read.cadence_obligate == 9
    assert read.theme == default.theme


# -- helpers ----------------------------------------------------------------------


def test_favourite_is_the_flagged_insight() -> None:
    meeting = full_meeting()
    favourite = meeting.favourite
    assert favourite is not None
    assert favourite.id == "b2"


def test_favourite_falls_back_to_the_first_insight_then_none() -> None:
    first, second = Insight("first", id="1"), Insight("second", id="2")
    assert Meeting(1, date(2026, 1, 1), insights=(first, second)).favourite == first
    assert Meeting(1, date(2026, 1, 1)).favourite is None


def test_with_insight_replaces_only_the_insight_with_that_id() -> None:
    meeting = full_meeting()
    updated = replace(meeting.insights[0], status=Homework.DOING, benefit="it helped")
    changed = meeting.with_insight(updated)
    assert changed.insights == (updated, meeting.insights[1])
    assert meeting.insights[0].status is Homework.TODO  # the original is untouched
    assert changed.insight("a1") == updated
    assert changed.insight("nope") is None
    stranger = Insight("not in this meeting", id="zz")
    assert meeting.with_insight(stranger).insights == meeting.insights


def test_first_name() -> None:
    assert Contact("Grace Brewster Hopper").first_name == "Grace"
    assert Contact("  Ada  ").first_name == "Ada"
    assert Contact("").first_name == ""


@pytest.mark.parametrize(
    ("name", "greeted"),
    [
        ("O'Brien, Pat", "Pat"),  # QA: greeted "Hi O'Brien,"
        ("Lovelace, Ada", "Ada"),
        ("O'Brien, Fran\u00e7oise (CTO)", "Fran\u00e7oise"),
        ("Pat O'Brien, PhD", "Pat"),
        ("Dr. Jane Smith", "Jane"),
        ("Dr Smith", "Dr Smith"),
        ("Hopper,", "Hopper"),
    ],
)
def test_first_name_of_last_first_and_titled_names(name: str, greeted: str) -> None:
    assert Contact(name).first_name == greeted


def test_cadence_for_uses_the_kind_then_the_contact() -> None:
    settings = Settings(cadence_booster=14, cadence_obligate=45, cadence_unknown=60)
    assert settings.cadence_for(Contact("B", kind=Kind.BOOSTER)) == 14
    assert settings.cadence_for(Contact("O", kind=Kind.OBLIGATE)) == 45
    assert settings.cadence_for(Contact("U")) == 60
    assert settings.cadence_for(Contact("C", kind=Kind.OBLIGATE, cadence_days=7)) == 7
    assert Settings().cadence_for(Contact("D")) == 30  # spec: default 30 days


def test_labels() -> None:
    assert [k.label for k in Kind] == ["Booster", "Obligate", "Unknown"]
    assert [k.label for k in MessageKind] == [
        "Meeting request",
        "Thank-you",
        "Follow-up",
        "Update",
    ]
    assert full_message().is_sent
    assert not replace(full_message(), status=MessageStatus.DRAFT).is_sent


# -- fast_constructor -----------------------------------------------------------------


@pytest.mark.parametrize("model", [full_contact(), full_meeting(), full_message(), Parts("Hi")])
def test_fast_constructor_builds_what_the_class_builds(model: Any) -> None:
    make = fast_constructor(type(model))
    values = [getattr(model, f.name) for f in fields(model)]
    built = make(*values)
    assert type(built) is type(model)
    assert built == model and hash(built) == hash(model)
    assert make(**{f.name: getattr(model, f.name) for f in fields(model)}) == model
    with pytest.raises(FrozenInstanceError):
        setattr(built, fields(model)[0].name, "x")  # still frozen


def test_fast_constructor_keeps_the_defaults() -> None:
    make = fast_constructor(Insight)
    built = make("Read the trade press")
    assert replace(built, id="x") == Insight("Read the trade press", id="x")
    assert built.id and built.id != make("Read the trade press").id  # a fresh id each time
    assert fast_constructor(Message)(1, None, MessageKind.UPDATE) == Message(
        1, None, MessageKind.UPDATE
    )


def test_fast_constructor_refuses_what_it_would_skip() -> None:
    @dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            raise ValueError

    @dataclass(frozen=True)
    class Unslotted:
        value: int

    for cls in (Checked, Unslotted):
        with pytest.raises(TypeError, match="fast_constructor"):
            fast_constructor(cls)


def test_new_fields_of_schema_2_tolerate_damage_and_absence() -> None:
    """Replies and who set the kind (spec section 8): a damaged value reads as none."""
    contact = Contact.from_doc(
        full_contact().to_doc() | {"kind_source": "the moon", "kind_dismissed": "unknown"}
    )
    assert (contact.kind_source, contact.kind_dismissed) == (KindSource.NONE, None)
    contact = Contact.from_doc({"name": "Old", "kind": "obligate"})  # written by schema 1
    assert (contact.kind_source, contact.kind_dismissed, contact.kind_chosen) == (
        KindSource.NONE,
        None,
        True,
    )
    assert not Contact.from_doc({"name": "New"}).kind_chosen
    accepted = replace(full_contact(), kind_source=KindSource.EVIDENCE)
    assert not accepted.kind_chosen  # the evidence's, accepted: not the user's own choice
    message = Message.from_doc(full_message().to_doc() | {"replied": ["no"]})
    assert message.replied is None
    outreach = Message.from_doc({"contact_id": 1, "meeting_id": None, "kind": "outreach"})
    assert outreach.kind is MessageKind.OUTREACH and outreach.meeting_id is None
