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
The description says when it was due.

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
from threety_tui.core import rules
from threety_tui.core.compose import quote
from threety_tui.core.dates import short
from threety_tui.core.db.atomic import write_atomic
from threety_tui.core.errors import InputError
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
    """The due date, or today when the touch is overdue (see the module docstring)."""
    return today if reminder.state is State.OVERDUE else reminder.due


def entries(store: Store, today: date) -> list[Entry]:
    """The events to write, soonest first: one per follow-up or update reminder,
    and the nudges of each meeting request awaiting a reply."""
    db_id = database_id(store.path)
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
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", scrub(marked(item.summary)))
    alarm.add("trigger", ALARM_AT, parameters={"RELATED": "START"})
    event.add_component(alarm)
    return event


def export_ics(store: Store, path: Path | str, today: date) -> int:
    """Write the reminders to `path` atomically (mode 0600); returns how many were written."""
    return len(write_calendar(store, path, today))


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
