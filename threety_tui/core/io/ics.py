"""Reminders as an iCalendar file (RFC 5545) for the user's calendar program.

One all-day event per scheduled next touch (a follow-up or an update, upcoming
or overdue), with a display alarm at 9:00 that morning. Open thank-yous are
left out on purpose: the spec asks for the next touches, and a thank-you is due
the day after the meeting, which the agenda and `threety due` already show.

A meeting request awaiting a reply gets its nudges (spec section 8): "try a
second contact" 3 business days after it went out and "follow up once" after
7, both at once while the first is still ahead, so the calendar rings for each
without another export. Each nudge has its own UID (`nudge:<message id>` and
the stage), stable for as long as the request waits.

An overdue touch is placed on *today* (the export day), not on its past due
date: a calendar does not ring for the past, and the point is to send it now.
The description says when it was due. A nudge counts business days, so an
overdue one falls on the next business day (Monday, on a weekend).

A reminder that disappears (a reply came, it was closed, a newer message
replaced it, the contact went to the trash) must leave the calendars that
imported an earlier file too: for `CANCEL_FOR` days after it ended, its event
is still written, with the same UID, `STATUS:CANCELLED` and the higher
SEQUENCE of this export, and no alarm. A calendar that imports the file again
drops (or strikes out) the event; one subscribed to the file does the same.

Each event's UID is built from the reminder key (`next:<message id>`, stable
for as long as that message is the latest one sent to the contact) and a hash
of the database path, so exporting again updates the events instead of adding
copies, and two databases never clash. SEQUENCE grows with the export time, so
a calendar that compares it accepts the newer copy.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from threety_tui import __version__
from threety_tui.core import business_days, rules
from threety_tui.core.compose import quote
from threety_tui.core.dates import short
from threety_tui.core.db.atomic import write_atomic
from threety_tui.core.errors import InputError
from threety_tui.core.facts import MessageFacts
from threety_tui.core.models import Contact, MessageKind
from threety_tui.core.rules import Nudge, Reminder, State
from threety_tui.core.store import Store
from threety_tui.core.text import marked, one_line, scrub

PRODID = f"-//threety//threety {__version__}//EN"
CALENDAR_NAME = "threety: follow-ups (3TY)"
ALARM_AT = timedelta(hours=9)
"""Alarm offset from the start of the all-day event: 9:00 local time that day."""
CALENDAR_KINDS = (MessageKind.FOLLOW_UP, MessageKind.UPDATE)
_SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
CANCEL_FOR = timedelta(days=60)
"""How long an ended reminder is still written, cancelled (see the module docstring)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One calendar event, before it becomes iCalendar text."""

    uid: str
    day: date
    summary: str
    description: str
    reminder: Reminder
    nudge: Nudge | None = None
    """For a meeting request awaiting a reply: the nudge this event is."""
    cancelled: bool = False
    """A reminder that ended lately, written so calendars drop it (`cancelled_entries`)."""


def database_id(path: Path) -> str:
    """A short stable id for the database file (its absolute path, hashed)."""
    absolute = os.path.abspath(os.path.expanduser(path))
    return hashlib.sha256(absolute.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def uid_for(reminder_key: str, db_id: str) -> str:
    return f"{reminder_key.replace(':', '-')}-{db_id}@threety"


def summary_for(kind: MessageKind, name: str) -> str:
    name = one_line(name) or "your contact"
    if kind is MessageKind.UPDATE:
        return f"Send an update to {name} (3TY)"
    return f"Follow up with {name} (3TY)"


def event_day(reminder: Reminder, today: date) -> date:
    """The due date, or today when the touch is overdue (see the module docstring);
    for an overdue nudge, today or the next business day."""
    if reminder.state is not State.OVERDUE:
        return reminder.due
    if reminder.nudge is not None and not business_days.is_business_day(today):
        return business_days.add(today, 1)
    return today


def entries(store: Store, today: date) -> list[Entry]:
    """The events to write, soonest first: one per follow-up or update reminder, the
    nudges of each meeting request awaiting a reply, then the reminders that ended
    lately, cancelled."""
    db_id = database_id(store.path)
    found = live_entries(store, today, db_id)
    found += cancelled_entries(store, today, db_id, {e.uid for e in found})
    return found


def live_entries(store: Store, today: date, db_id: str) -> list[Entry]:
    """The reminders open now, soonest first."""
    found = []
    for reminder in store.reminders(today):
        if reminder.nudge is not None:
            found += nudge_entries(store, reminder, today, db_id)
            continue
        if reminder.kind not in CALENDAR_KINDS:
            continue
        contact = store.contact(reminder.contact_id)
        name = contact.name if contact else ""
        found.append(
            Entry(
                uid=uid_for(reminder.key, db_id),
                day=event_day(reminder, today),
                summary=summary_for(reminder.kind, name),
                description=describe(store, reminder, today),
                reminder=reminder,
            )
        )
    found.sort(key=lambda e: (e.day, e.uid))
    return found


def cancelled_entries(store: Store, today: date, db_id: str, live: set[str]) -> list[Entry]:
    """Every reminder that ended within `CANCEL_FOR` of `today` and is not open now.

    Which reminders a message could have put in a calendar: the two nudges of a
    meeting request, the next touch after any other message sent. It ended on
    the last day something happened to it: it went out, a reply, a meeting, a
    reply from someone at the employer, the one follow-up, a newer message, a
    close, the contact moved to the trash. Writing a cancellation for a reminder
    a calendar never had is harmless.
    """
    horizon = today - CANCEL_FOR
    contacts = {c.id: c for c in (*store.contacts(), *store.contacts(deleted=True))}
    sent: dict[int, list[MessageFacts]] = {}
    for message in store.message_facts():
        if message.is_sent and message.sent is not None and message.contact_id in contacts:
            sent.setdefault(message.contact_id, []).append(message)
    met: dict[int, list[date]] = {}
    trashed: dict[int, date] = {}
    """meeting id -> the day it went to the trash (its messages' reminders with it)."""
    for meeting in store.meeting_facts():
        if meeting.deleted is None:
            met.setdefault(meeting.contact_id, []).append(meeting.when)
        else:
            trashed[meeting.id] = meeting.deleted.date()
    replied_at: dict[str, list[date]] = {}
    for contact_id, messages in sent.items():
        key = rules.company_key(contacts[contact_id].company)
        if key and contacts[contact_id].deleted is None:
            replied_at.setdefault(key, []).extend(m.replied for m in messages if m.replied)
    found = []
    for contact_id, messages in sent.items():
        contact = contacts[contact_id]
        gone = contact.deleted.date() if contact.deleted else date.min
        messages.sort(key=lambda m: (m.sent or date.min, m.id))
        answers = sorted(  # as `rules.answer_days`: replies, meetings, the employer's replies
            [m.replied for m in messages if m.replied is not None]
            + met.get(contact_id, [])
            + replied_at.get(rules.company_key(contact.company), [])
        )
        for index, message in enumerate(messages):
            assert message.sent is not None
            if message.follows is not None:
                continue  # the one follow-up to a request: no reminder of its own
            request = message.kind is MessageKind.OUTREACH
            newer = next(  # the message that took over: a newer request, or a newer touch
                (
                    m.sent
                    for m in messages[index + 1 :]
                    if m.sent is not None
                    and (m.is_request if request else m.kind is not MessageKind.OUTREACH)
                ),
                date.min,
            )
            ends = [message.sent, message.closed or date.min, gone, newer]
            ends.append(trashed.get(message.meeting_id or 0, date.min))
            if request:
                notes = [m for m in messages if m.follows == message.id]
                first = next((d for d in answers if d >= message.sent), date.min)
                ends += [first, *(m.sent or date.min for m in notes)]
                stages = zip(
                    (Nudge.SECOND_CONTACT, Nudge.FOLLOW_UP_ONCE),
                    rules.outreach_dates(message.sent),
                    strict=True,
                )
                keys: list[tuple[str, Nudge | None, date]] = [
                    (f"{rules.nudge_key(message.id)}:{n.value}", n, day) for n, day in stages
                ]
            else:
                due = message.next_due or rules.next_touch_due(
                    contact, store.settings, message.sent
                )
                keys = [(rules.next_key(message.id), None, due)]
            if max(ends) < horizon:
                continue
            for key, nudge, day in keys:
                uid = uid_for(key, db_id)
                if uid not in live:
                    found.append(_cancelled(uid, day, contact, message, nudge))
    found.sort(key=lambda e: (e.day, e.uid))
    return found


def _cancelled(
    uid: str, day: date, contact: Contact, message: MessageFacts, nudge: Nudge | None
) -> Entry:
    if nudge is not None:
        summary = nudge_summary(nudge, contact)
    else:
        kind = (
            MessageKind.FOLLOW_UP if message.kind is MessageKind.THANK_YOU else MessageKind.UPDATE
        )
        summary = summary_for(kind, contact.name)
    reminder = rules.Reminder(
        key=uid,
        kind=message.kind,
        contact_id=contact.id,
        meeting_id=message.meeting_id,
        message_id=message.id,
        due=day,
        state=State.UPCOMING,
        urgent=False,
        nudge=nudge,
    )
    return Entry(
        uid=uid,
        day=day,
        summary=summary,
        description="No longer needed: threety closed this reminder (a reply came, it was "
        "closed, or a newer message took its place).",
        reminder=reminder,
        nudge=nudge,
        cancelled=True,
    )


def nudge_summary(nudge: Nudge, contact: Contact | None) -> str:
    name = (one_line(contact.name) if contact else "") or "your contact"
    company = one_line(contact.company) if contact else ""
    if nudge is Nudge.FOLLOW_UP_ONCE:
        return f"No reply from {name}? Follow up once (3TY)"
    if company:
        return f"No reply from {name}? Try a second contact at {company} (3TY)"
    return f"No reply from {name}? Try a second person who could help (3TY)"


def nudge_entries(store: Store, reminder: Reminder, today: date, db_id: str) -> list[Entry]:
    """The nudge's event, and the follow-up-once event still ahead of a first nudge."""
    assert reminder.nudge is not None and reminder.message_id is not None
    request = store.message(reminder.message_id)
    contact = store.contact(reminder.contact_id)
    stages = [(reminder.nudge, event_day(reminder, today))]
    if reminder.nudge is Nudge.SECOND_CONTACT and request is not None and request.sent:
        follow = rules.outreach_dates(request.sent)[1]
        stages.append((Nudge.FOLLOW_UP_ONCE, max(follow, reminder.due)))
    return [
        Entry(
            uid=uid_for(f"{reminder.key}:{nudge.value}", db_id),
            day=day,
            summary=nudge_summary(nudge, contact),
            description=describe_nudge(store, reminder, nudge, contact),
            reminder=reminder,
            nudge=nudge,
        )
        for nudge, day in stages
    ]


def describe_nudge(store: Store, reminder: Reminder, nudge: Nudge, contact: Contact | None) -> str:
    request = store.message(reminder.message_id) if reminder.message_id else None
    name = (one_line(contact.name) if contact else "") or "your contact"
    lines = []
    if request is not None and request.sent:
        lines.append(f"You asked {name} for a meeting on {short(request.sent)}.")
    if nudge is Nudge.SECOND_CONTACT:
        mates = store.company_mates(reminder.contact_id) if contact else []
        if mates:
            names = ", ".join(one_line(m.name) for m in mates[:5])
            lines.append(f"At {one_line(contact.company) if contact else ''}: {names}.")
        lines.append(
            "If there is still no reply, write to a second person at the same employer; "
            "any reply from there closes this nudge."
        )
    else:
        lines.append("If there is still no reply, follow up once: a short, friendly note.")
    if contact is not None and contact.email.strip():
        lines.append(f"Email: {one_line(contact.email)}")
    lines.append(f"In threety: select {name}; record a reply with r when they answer.")
    return "\n".join(lines)


def write_calendar(store: Store, path: Path | str, today: date) -> list[Entry]:
    """`export_ics`, returning the events written."""
    path = Path(path).expanduser()
    _check_target(path, store.path)
    items = entries(store, today)
    _write(path, calendar_bytes(items))
    return items


def describe(store: Store, reminder: Reminder, today: date) -> str:
    """The favourite insight, the benefit recorded (or a prompt), and what to report."""
    contact = store.contact(reminder.contact_id)
    meeting = store.meeting(reminder.meeting_id) if reminder.meeting_id else None
    insight = meeting.favourite if meeting else None
    name = one_line(contact.name) if contact else "your contact"
    what = "Follow-up" if reminder.kind is MessageKind.FOLLOW_UP else "Update"
    if reminder.state is State.OVERDUE:
        lines = [f"{what} for {name}: it was due on {short(reminder.due)} and is overdue."]
    else:
        lines = [f"{what} for {name}: due on {short(reminder.due)}."]
    if meeting is not None:
        lines.append(f"You met on {short(meeting.when)} ({meeting.channel.value}).")
    if insight is not None and insight.text.strip():
        lines.append(f"Their advice: {one_line(quote(insight))}")
        benefit = one_line(insight.benefit)
        lines.append(
            f"What came of acting on it: {benefit}"
            if benefit
            else "What came of acting on it: not recorded yet; record what came of acting on "
            "it before you write."
        )
    if reminder.kind is MessageKind.FOLLOW_UP:
        lines.append(
            "What to report: thank them again, remind them of their advice, and say what "
            "benefit you got from acting on it."
        )
    else:
        lines.append(
            "What to report: a short update on your progress and how their advice played into it."
        )
    if reminder.snoozed:
        reason = one_line(reminder.snooze_reason)
        lines.append("Snoozed" + (f": {reason}" if reason else "."))
    if contact is not None and contact.email.strip():
        lines.append(f"Email: {one_line(contact.email)}")
    key = "f (Draft follow-up)" if reminder.kind is MessageKind.FOLLOW_UP else "Draft update"
    lines.append(f"In threety: select {name} and use {key}.")
    return "\n".join(lines)


def sequence_for(stamp: datetime) -> int:
    """Grows with every export (seconds since 2024), so the newest copy wins."""
    return max(0, int((stamp - _SEQUENCE_EPOCH).total_seconds()))


def build_calendar(store: Store, today: date, *, stamp: datetime | None = None) -> bytes:
    """The iCalendar file for the store's reminders (CRLF lines, folded at 75 octets)."""
    return calendar_bytes(entries(store, today), stamp=stamp)


def calendar_bytes(items: list[Entry], *, stamp: datetime | None = None) -> bytes:
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    for item in items:
        calendar.add_component(_event(item, stamp))
    data: bytes = calendar.to_ical()
    return data


def _event(item: Entry, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", sequence_for(stamp))
    event.add("dtstart", item.day)
    event.add("dtend", item.day + timedelta(days=1))
    # Controls and bidirectional controls as symbols (`marked`), as on the terminal;
    # a lone surrogate cannot be encoded (`scrub`).
    event.add("summary", scrub(marked(item.summary)))
    event.add("description", scrub(marked(item.description)))
    event.add("categories", ["3TY"])
    event.add("transp", "TRANSPARENT")
    if item.cancelled:
        event.add("status", "CANCELLED")
        return event  # no alarm: nothing to be reminded of
    event.add("status", "CONFIRMED")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", scrub(marked(item.summary)))
    alarm.add("trigger", ALARM_AT, parameters={"RELATED": "START"})
    event.add_component(alarm)
    return event


def export_ics(store: Store, path: Path | str, today: date) -> int:
    """Write the reminders to `path` atomically (mode 0600); returns how many are open
    (the cancelled ones written with them are not counted)."""
    return sum(1 for item in write_calendar(store, path, today) if not item.cancelled)


def _write(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, [data])
    except FileNotFoundError:
        raise InputError(
            f"Cannot write the calendar to {path}: the folder {path.parent} does not exist."
        ) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(f"Cannot write the calendar to {path}: {reason}.") from None


def _check_target(path: Path, database: Path) -> None:
    """Refuse to replace anything but a calendar file: never the database, a folder or a device."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise InputError(f"Cannot write the calendar to {path}: {error.strerror}.") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"Cannot write the calendar to {path}: it is a folder, not a file.")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"Cannot write the calendar to {path}: it is not a regular file.")
    if database.exists() and os.path.samefile(path, database):
        raise InputError(f"Cannot write the calendar to {path}: that is the threety database.")
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError as error:
        raise InputError(f"Cannot write the calendar to {path}: {error.strerror}.") from None
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if head and not head.upper().startswith(b"BEGIN:VCALENDAR"):
        raise InputError(
            f"Not overwriting {path}: it is not an iCalendar file; choose a new .ics file name."
        )


def rewrite_if_configured(store: Store, today: date) -> Path | None:
    """Rewrite the .ics file chosen in Settings, if any (the app calls this after Mark sent).

    Returns the path written, or None when no file is set; a failure is an
    `InputError` that names the file and the setting.
    """
    configured = store.settings.ics_path.strip()
    if not configured:
        return None
    path = Path(configured).expanduser()
    try:
        export_ics(store, path, today)
    except InputError as error:
        raise InputError(
            f"{error} (The calendar file is set in Settings; change it or clear it there.)"
        ) from None
    return path
