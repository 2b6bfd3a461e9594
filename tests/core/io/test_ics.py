"""The reminders' .ics file, parsed back with icalendar (and vobject) and checked."""

from __future__ import annotations

import stat
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar, Event

from threety_tui.core.errors import InputError
from threety_tui.core.io import ics
from threety_tui.core.models import Contact, Insight, Kind, Meeting, Message, MessageKind
from threety_tui.core.store import Store

TODAY = date(2026, 11, 25)
STAMP = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def send(store: Store, contact: Contact, meeting: Meeting, kind: MessageKind, on: date) -> Message:
    draft = store.save_message(Message(contact.id, meeting.id, kind))
    return store.mark_sent(draft.id, on)


@pytest.fixture
def people(store: Store) -> dict[str, Message]:
    """Grace: follow-up due in 5 days (benefit recorded); Ada: update overdue;
    Alan: follow-up snoozed, no benefit yet; Linus: only a thank-you due (left out)."""
    grace, ada, alan, linus = store.add_contacts(
        [
            Contact("Grace Hopper", "grace@navy.example", kind=Kind.BOOSTER),
            Contact("Ada Lovelace", "ada@engines.example"),
            Contact("Alan Turing, PhD; Bletchley"),
            Contact("Linus Pauling"),
        ]
    )
    advice = Insight(
        "Read the trade press every week",
        favourite=True,
        benefit="I now speak the field's vocabulary",
    )
    met = store.add_meeting(
        Meeting(grace.id, TODAY - 30 * DAY, insights=(Insight("other"), advice))
    )
    grace_thanks = send(store, grace, met, MessageKind.THANK_YOU, TODAY - 25 * DAY)
    ada_met = store.add_meeting(
        Meeting(ada.id, TODAY - 90 * DAY, insights=(Insight("Pick a niche"),))
    )
    send(store, ada, ada_met, MessageKind.THANK_YOU, TODAY - 89 * DAY)
    ada_follow_up = send(store, ada, ada_met, MessageKind.FOLLOW_UP, TODAY - 33 * DAY)
    alan_met = store.add_meeting(
        Meeting(alan.id, TODAY - 40 * DAY, insights=(Insight("Publish a small project"),))
    )
    alan_thanks = send(store, alan, alan_met, MessageKind.THANK_YOU, TODAY - 39 * DAY)
    store.snooze(f"next:{alan_thanks.id}", TODAY + 3 * DAY, "after the project is out")
    store.add_meeting(Meeting(linus.id, TODAY - 2 * DAY))
    return {"grace": grace_thanks, "ada": ada_follow_up, "alan": alan_thanks}


def parse(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
    return calendar


def live_events(calendar: Calendar) -> list[Event]:
    """The reminders open now (not those written cancelled: see `ics.cancelled_entries`)."""
    return [e for e in calendar.walk("VEVENT") if str(e.get("STATUS")) != "CANCELLED"]


def cancelled_events(calendar: Calendar) -> list[Event]:
    return [e for e in calendar.walk("VEVENT") if str(e.get("STATUS")) == "CANCELLED"]


def events_by_summary(calendar: Calendar) -> dict[str, Event]:
    return {str(event["SUMMARY"]): event for event in live_events(calendar)}


def test_calendar_has_the_properties_rfc_5545_requires(
    store: Store, people: dict[str, Message]
) -> None:
    data = ics.build_calendar(store, TODAY, stamp=STAMP)
    calendar = parse(data)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//threety//")
    assert str(calendar["METHOD"]) == "PUBLISH"
    events = live_events(calendar)
    assert len(events) == 3  # Linus's open thank-you is not a calendar event
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART"):
            assert required in event, required
        assert event.decoded("DTSTAMP") == STAMP
        start = event.decoded("DTSTART")
        assert type(start) is date  # all day: a DATE, not a DATE-TIME
        assert event.decoded("DTEND") == start + DAY
        assert str(event["UID"]).endswith("@threety")
        assert event.decoded("SEQUENCE") == ics.sequence_for(STAMP)
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(hours=9)
        assert alarm["TRIGGER"].params.get("RELATED", "START") == "START"
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
    assert len({str(e["UID"]) for e in events}) == 3


def test_events_say_who_when_and_what_to_report(store: Store, people: dict[str, Message]) -> None:
    events = events_by_summary(parse(ics.build_calendar(store, TODAY, stamp=STAMP)))
    assert set(events) == {
        "Follow up with Grace Hopper (3TY)",
        "Send an update to Ada Lovelace (3TY)",
        "Follow up with Alan Turing, PhD; Bletchley (3TY)",
    }
    grace = events["Follow up with Grace Hopper (3TY)"]
    assert grace.decoded("DTSTART") == people["grace"].next_due
    text = str(grace["DESCRIPTION"])
    assert "Read the trade press every week" in text  # the favourite, not the first insight
    assert "other" not in text
    assert "I now speak the field's vocabulary" in text
    assert "What to report: thank them again" in text
    assert "grace@navy.example" in text
    assert str(grace["UID"]).startswith(f"next-{people['grace'].id}-")

    ada = events["Send an update to Ada Lovelace (3TY)"]
    assert ada.decoded("DTSTART") == TODAY  # overdue: placed on the export day
    ada_text = str(ada["DESCRIPTION"])
    assert f"was due on {people['ada'].next_due:%a} " in ada_text and "overdue" in ada_text
    assert "record what came of acting on it" in ada_text
    assert "What to report: a short update" in ada_text

    alan = events["Follow up with Alan Turing, PhD; Bletchley (3TY)"]
    assert alan.decoded("DTSTART") == TODAY + 3 * DAY
    assert "Snoozed: after the project is out" in str(alan["DESCRIPTION"])


def test_file_is_crlf_and_folded(store: Store, people: dict[str, Message]) -> None:
    data = ics.build_calendar(store, TODAY, stamp=STAMP)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the descriptions are folded


def test_a_second_parser_reads_it(store: Store, people: dict[str, Message]) -> None:
    data = ics.build_calendar(store, TODAY, stamp=STAMP).decode("utf-8")
    calendar = vobject.readOne(data, validate=True)
    summaries = sorted(
        e.summary.value for e in calendar.vevent_list if e.status.value != "CANCELLED"
    )
    assert summaries == sorted(events_by_summary(parse(data.encode())))
    for event in calendar.vevent_list:
        if event.status.value == "CANCELLED":
            assert not hasattr(event, "valarm")
            continue
        assert event.valarm.trigger.value == timedelta(hours=9)
        assert "\n" in event.description.value  # escaped newlines come back as newlines


def test_uids_are_stable_across_exports_and_new_reminders_get_new_ones(
    store: Store, people: dict[str, Message]
) -> None:
    first = parse(ics.build_calendar(store, TODAY, stamp=STAMP))
    later = STAMP + timedelta(hours=2)
    second = parse(ics.build_calendar(store, TODAY, stamp=later))
    uids = {str(e["SUMMARY"]): str(e["UID"]) for e in live_events(first)}
    assert uids == {str(e["SUMMARY"]): str(e["UID"]) for e in live_events(second)}
    assert all(e.decoded("SEQUENCE") > ics.sequence_for(STAMP) for e in live_events(second))

    grace = store.contact(people["grace"].contact_id)
    meeting = store.meeting(people["grace"].meeting_id or 0)
    assert grace is not None and meeting is not None
    follow_up = send(store, grace, meeting, MessageKind.FOLLOW_UP, TODAY)
    third = events_by_summary(parse(ics.build_calendar(store, TODAY, stamp=later)))
    assert "Follow up with Grace Hopper (3TY)" not in third
    update = third["Send an update to Grace Hopper (3TY)"]
    assert str(update["UID"]).startswith(f"next-{follow_up.id}-")
    assert str(update["UID"]) not in uids.values()
    for summary in (
        "Send an update to Ada Lovelace (3TY)",
        "Follow up with Alan Turing, PhD; Bletchley (3TY)",
    ):
        assert str(third[summary]["UID"]) == uids[summary]


def test_uids_differ_between_databases(tmp_path: Path) -> None:
    keys = []
    for name in ("one.json", "two.json"):
        with Store.open(tmp_path / name) as store:
            contact = store.add_contact(Contact("Grace Hopper"))
            meeting = store.add_meeting(Meeting(contact.id, TODAY))
            send(store, contact, meeting, MessageKind.THANK_YOU, TODAY)
            (entry,) = ics.entries(store, TODAY)
            keys.append((entry.reminder.key, entry.uid))
    assert keys[0][0] == keys[1][0]
    assert keys[0][1] != keys[1][1]


def test_names_with_control_characters_are_cleaned(store: Store) -> None:
    contact = store.add_contact(Contact("Grace\x1b[31m Hopper\n"))
    meeting = store.add_meeting(Meeting(contact.id, TODAY, insights=(Insight("Read\x07 more"),)))
    send(store, contact, meeting, MessageKind.THANK_YOU, TODAY)
    (event,) = live_events(parse(ics.build_calendar(store, TODAY, stamp=STAMP)))
    assert str(event["SUMMARY"]) == "Follow up with Grace[31m Hopper (3TY)"
    assert "\x1b" not in str(event["DESCRIPTION"]) and "\x07" not in str(event["DESCRIPTION"])


def test_empty_calendar_is_still_valid(store: Store) -> None:
    calendar = parse(ics.build_calendar(store, TODAY, stamp=STAMP))
    assert live_events(calendar) == []
    assert str(calendar["VERSION"]) == "2.0"


def test_export_writes_mode_0600_atomically(
    store: Store, people: dict[str, Message], tmp_path: Path
) -> None:
    target = tmp_path / "reminders.ics"
    target.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    target.chmod(0o644)
    assert ics.export_ics(store, target, TODAY) == 3
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(live_events(parse(target.read_bytes()))) == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_export_refuses_to_overwrite_other_files(store: Store, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    with pytest.raises(InputError, match="not an iCalendar file"):
        ics.export_ics(store, notes, TODAY)
    assert notes.read_text() == "my notes"
    store.flush()
    with pytest.raises(InputError, match="that is the threety database"):
        ics.export_ics(store, store.path, TODAY)
    with pytest.raises(InputError, match="is a folder"):
        ics.export_ics(store, tmp_path, TODAY)
    with pytest.raises(InputError, match="does not exist"):
        ics.export_ics(store, tmp_path / "missing" / "r.ics", TODAY)


def test_rewrite_if_configured(store: Store, people: dict[str, Message], tmp_path: Path) -> None:
    assert ics.rewrite_if_configured(store, TODAY) is None
    target = tmp_path / "calendar" / "threety.ics"
    target.parent.mkdir()
    store.update_settings(replace(store.settings, ics_path=str(target)))
    assert ics.rewrite_if_configured(store, TODAY) == target
    assert len(live_events(parse(target.read_bytes()))) == 3
    store.update_settings(replace(store.settings, ics_path=str(tmp_path / "gone" / "x.ics")))
    with pytest.raises(InputError, match=r"does not exist.*Settings"):
        ics.rewrite_if_configured(store, TODAY)


# -- nudges about meeting requests (spec section 8) -----------------------------------


def ask(store: Store, contact: Contact, on: date) -> Message:
    draft = store.save_message(Message(contact.id, None, MessageKind.OUTREACH))
    return store.mark_sent(draft.id, on)


def test_a_waiting_request_puts_both_nudges_in_the_calendar(store: Store) -> None:
    hedy, margaret = store.add_contacts(
        [
            Contact("Hedy Lamarr", "hedy@apollo.example", "Apollo Software"),
            Contact("Margaret Hamilton", company="apollo software"),
        ]
    )
    request = ask(store, hedy, date(2026, 11, 23))  # Monday
    calendar = parse(ics.build_calendar(store, TODAY, stamp=STAMP))
    events = events_by_summary(calendar)
    second = events["No reply from Hedy Lamarr? Try a second contact at Apollo Software (3TY)"]
    once = events["No reply from Hedy Lamarr? Follow up once (3TY)"]
    assert second.decoded("DTSTART") == date(2026, 11, 26)  # Mon + 3 business days
    assert once.decoded("DTSTART") == date(2026, 12, 2)  # Mon + 7
    db_id = ics.database_id(store.path)
    assert str(second["UID"]) == f"nudge-{request.id}-second_contact-{db_id}@threety"
    assert str(once["UID"]) == f"nudge-{request.id}-follow_up_once-{db_id}@threety"
    description = str(second["DESCRIPTION"])
    assert "You asked Hedy Lamarr for a meeting on Mon 23 Nov 2026." in description
    assert "At Apollo Software: Margaret Hamilton." in description
    assert "Email: hedy@apollo.example" in description
    assert [a["ACTION"] for a in second.walk("VALARM")] == ["DISPLAY"]

    # Later, only the second nudge is left, with the same UID: the calendar updates it;
    # the first is written cancelled, so a calendar that had it drops it.
    later = parse(ics.build_calendar(store, date(2026, 12, 3), stamp=STAMP))
    (event,) = live_events(later)
    assert str(event["UID"]) == str(once["UID"])
    assert event.decoded("DTSTART") == date(2026, 12, 3)  # overdue: placed on the export day
    assert [str(e["UID"]) for e in cancelled_events(later)] == [str(second["UID"])]

    # A reply from anyone at Apollo Software closes both.
    met = store.add_meeting(Meeting(margaret.id, date(2026, 11, 20)))
    thanks = send(store, margaret, met, MessageKind.THANK_YOU, date(2026, 11, 20))
    store.record_reply(thanks.id, TODAY)
    summaries = set(events_by_summary(parse(ics.build_calendar(store, TODAY, stamp=STAMP))))
    assert not any(s.startswith("No reply") for s in summaries)


def test_a_reminder_that_ends_is_cancelled_in_calendars_that_imported_it(store: Store) -> None:
    """QA 13.10: after the reply, the .ics had no nudge events, so an imported calendar kept
    ringing. The ended reminders are written with the same UID, STATUS:CANCELLED and a
    higher SEQUENCE, for a while."""
    hedy = store.add_contact(Contact("Hedy Lamarr", "hedy@apollo.example", "Apollo Software"))
    request = ask(store, hedy, date(2026, 11, 23))
    before = parse(ics.build_calendar(store, TODAY, stamp=STAMP))
    uids = {str(e["UID"]) for e in live_events(before)}
    assert len(uids) == 2 and cancelled_events(before) == []

    store.record_reply(request.id, TODAY)
    later = STAMP + timedelta(hours=1)
    after = parse(ics.build_calendar(store, TODAY, stamp=later))
    assert live_events(after) == []
    gone = cancelled_events(after)
    assert {str(e["UID"]) for e in gone} == uids  # keyed by the stable UID
    for event in gone:
        assert event.decoded("SEQUENCE") > ics.sequence_for(STAMP)  # newer than the import
        assert event.walk("VALARM") == []  # nothing rings
        assert "No longer needed" in str(event["DESCRIPTION"])
    assert {e.decoded("DTSTART") for e in gone} == {date(2026, 11, 26), date(2026, 12, 2)}

    # For a while only: 60 days after the reply, the file forgets them.
    forgotten = parse(ics.build_calendar(store, TODAY + ics.CANCEL_FOR + DAY, stamp=later))
    assert forgotten.walk("VEVENT") == []


def test_a_closed_or_replaced_next_touch_is_cancelled(
    store: Store, people: dict[str, Message]
) -> None:
    grace = store.contact(people["grace"].contact_id)
    meeting = store.meeting(people["grace"].meeting_id or 0)
    assert grace is not None and meeting is not None
    follow_up_uid = ics.uid_for(f"next:{people['grace'].id}", ics.database_id(store.path))
    store.close_reminder(f"next:{people['grace'].id}", TODAY)  # done without a message
    calendar = parse(ics.build_calendar(store, TODAY, stamp=STAMP))
    assert "Follow up with Grace Hopper (3TY)" not in events_by_summary(calendar)
    (cancelled,) = [e for e in cancelled_events(calendar) if str(e["UID"]) == follow_up_uid]
    assert str(cancelled["SUMMARY"]) == "Follow up with Grace Hopper (3TY)"
    assert ics.export_ics(store, store.path.parent / "r.ics", TODAY) == 2  # open ones only


def test_an_overdue_nudge_is_placed_on_a_business_day(store: Store) -> None:
    """QA 13.10: an overdue nudge was dated today even on a Sunday."""
    hedy = store.add_contact(Contact("Hedy Lamarr", company="Apollo Software"))
    ask(store, hedy, date(2026, 11, 16))  # Monday: 3 business days on is Thursday 19
    sunday = date(2026, 11, 22)
    (event, _) = sorted(
        live_events(parse(ics.build_calendar(store, sunday, stamp=STAMP))),
        key=lambda e: e.decoded("DTSTART"),
    )
    assert event.decoded("DTSTART") == date(2026, 11, 23)  # the Monday after
    friday = date(2026, 11, 20)
    (event, _) = sorted(
        live_events(parse(ics.build_calendar(store, friday, stamp=STAMP))),
        key=lambda e: e.decoded("DTSTART"),
    )
    assert event.decoded("DTSTART") == friday  # a weekday: the export day, as before


def test_a_nudge_without_an_employer(store: Store) -> None:
    bo = store.add_contact(Contact("Bo"))
    ask(store, bo, date(2026, 11, 23))
    written = ics.entries(store, TODAY)
    assert [e.summary for e in written] == [
        "No reply from Bo? Try a second person who could help (3TY)",
        "No reply from Bo? Follow up once (3TY)",
    ]


def test_bidirectional_controls_are_shown_not_obeyed(store: Store) -> None:
    """QA of issue 11, finding 14: a calendar shows U+202E as the terminal does."""
    contact = store.add_contact(Contact("Grace \u202eHopper"))
    meeting = store.add_meeting(Meeting(contact.id, TODAY, insights=(Insight("Read\u2067 more"),)))
    send(store, contact, meeting, MessageKind.THANK_YOU, TODAY)
    (event,) = parse(ics.build_calendar(store, TODAY, stamp=STAMP)).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Follow up with Grace <U+202E>Hopper (3TY)"
    description = str(event["DESCRIPTION"])
    assert "\u202e" not in description and "\u2067" not in description
    assert "\n" in description  # line breaks stay line breaks
