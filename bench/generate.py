"""Generated benchmark data: threety databases and a LinkedIn `Connections.csv`.

Databases are built as models with their ids and written through the core in one
write (`Store.restore`), so 10,000 contacts take seconds, not minutes. Every
contact has three meetings (~500-character notes, two insights each) and
messages in every state: sent thank-yous, follow-ups and updates, drafts,
snoozed and closed next steps, and meetings still waiting for a thank-you. All
dates are relative to `today`; the same size and day give the same data.
"""

from __future__ import annotations

import csv
import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from bench import pools
from threety_tui.core import compose, rules
from threety_tui.core.models import (
    Channel,
    Contact,
    Homework,
    Insight,
    Kind,
    Meeting,
    Message,
    MessageKind,
    MessageStatus,
    Settings,
)
from threety_tui.core.store import Store

YOUR_NAME = "Sam Rivera"
NOTES_LENGTH = 500
LINKEDIN_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
LINKEDIN_HEADER = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class _Ids:
    def __init__(self) -> None:
        self.meeting = 0
        self.message = 0

    def next_meeting(self) -> int:
        self.meeting += 1
        return self.meeting

    def next_message(self) -> int:
        self.message += 1
        return self.message


def _stamp(day: date, rng: random.Random) -> datetime:
    moment = time(rng.randint(8, 19), rng.randint(0, 59))
    return datetime.combine(day, moment).astimezone().replace(microsecond=0)


def _notes(rng: random.Random) -> str:
    sentences: list[str] = []
    while sum(len(s) + 1 for s in sentences) < NOTES_LENGTH:
        sentences.append(rng.choice(pools.NOTE_SENTENCES))
    return " ".join(sentences)[: NOTES_LENGTH + 40]


def _contact(number: int, rng: random.Random, today: date) -> Contact:
    first, last = rng.choice(pools.FIRST_NAMES), rng.choice(pools.LAST_NAMES)
    company = rng.choice(pools.COMPANIES)
    handle = f"{first}-{last}-{number:05d}".lower()
    domain = "".join(ch for ch in company.lower() if ch.isalnum())[:16]
    return Contact(
        name=f"{first} {last}",
        email=f"{first}.{last}@{domain}.example".lower() if rng.random() < 0.8 else "",
        company=company,
        role=rng.choice(pools.ROLES),
        kind=rng.choice((Kind.BOOSTER, Kind.BOOSTER, Kind.OBLIGATE, Kind.UNKNOWN)),
        how_met=rng.choice(pools.HOW_MET),
        linkedin=f"https://www.linkedin.com/in/{handle}" if rng.random() < 0.6 else "",
        tags=tuple(rng.sample(pools.TAGS, rng.randint(0, 3))),
        notes=rng.choice(("", "", "Prefers email to calls.", "Busy in Q4; keep it short.")),
        cadence_days=rng.choice((None, None, None, 21, 45)),
        created=_stamp(today - timedelta(days=420), rng),
        id=number,
    )


def _meeting(contact: Contact, when: date, ids: _Ids, rng: random.Random, today: date) -> Meeting:
    favourite = rng.randrange(2)
    insights = []
    for index in range(2):
        status = rng.choice((Homework.TODO, Homework.DOING, Homework.DONE))
        done = status is Homework.DONE
        insights.append(
            Insight(
                rng.choice(pools.INSIGHTS),
                favourite=index == favourite,
                status=status,
                benefit=rng.choice(pools.BENEFITS) if done and rng.random() < 0.7 else "",
                done=min(today, when + timedelta(days=rng.randint(3, 20))) if done else None,
                id=f"{ids.meeting + 1:06x}{index:06x}",
            )
        )
    return Meeting(
        contact_id=contact.id,
        when=when,
        time=rng.choice(("", "", "09:30", "12:00", "16:15")),
        channel=rng.choice(tuple(Channel)),
        notes=_notes(rng),
        insights=tuple(insights),
        created=_stamp(when, rng),
        id=ids.next_meeting(),
    )


def _message(
    contact: Contact,
    meeting: Meeting,
    kind: MessageKind,
    written: date,
    sent: date | None,
    settings: Settings,
    ids: _Ids,
    rng: random.Random,
) -> Message:
    parts = compose.default_parts(kind, contact, meeting, written, your_name=YOUR_NAME)
    favourite = meeting.favourite
    created = _stamp(written, rng)
    return Message(
        contact_id=contact.id,
        meeting_id=meeting.id,
        kind=kind,
        parts=parts,
        subject=compose.subject_for(kind, contact),
        body=compose.render_body(parts),
        status=MessageStatus.SENT if sent else MessageStatus.DRAFT,
        insight_id=favourite.id if favourite else "",
        created=created,
        updated=created,
        sent=sent,
        next_due=rules.next_touch_due(contact, settings, sent) if sent else None,
        id=ids.next_message(),
    )


def build(size: int, today: date) -> tuple[list[Contact], list[Meeting], list[Message], Settings]:
    """`size` contacts with three meetings each and their messages (deterministic)."""
    rng = random.Random(size)
    settings = Settings(your_name=YOUR_NAME)
    ids = _Ids()
    contacts: list[Contact] = []
    meetings: list[Meeting] = []
    messages: list[Message] = []

    def message(
        contact: Contact, meeting: Meeting, kind: MessageKind, written: date, sent: bool
    ) -> Message | None:
        if written > today:
            return None
        made = _message(
            contact, meeting, kind, written, written if sent else None, settings, ids, rng
        )
        messages.append(made)
        return made

    for number in range(1, size + 1):
        contact = _contact(number, rng, today)
        contacts.append(contact)
        days = (rng.randint(120, 400), rng.randint(35, 119), rng.randint(0, 34))
        old, middle, recent = (
            _meeting(contact, today - timedelta(days=d), ids, rng, today) for d in days
        )
        # The oldest meeting: thank-you, follow-up and often an update, all sent.
        thanks = message(contact, old, MessageKind.THANK_YOU, old.when + timedelta(1), True)
        assert thanks is not None and thanks.sent is not None
        follow = message(contact, old, MessageKind.FOLLOW_UP, thanks.sent + timedelta(30), True)
        if follow is not None and follow.sent is not None and rng.random() < 0.5:
            message(contact, old, MessageKind.UPDATE, follow.sent + timedelta(35), True)
        # The middle one: thanked (sometimes late); a follow-up draft in progress.
        late = rng.random() < 0.2
        thanks = message(
            contact, middle, MessageKind.THANK_YOU, middle.when + timedelta(6 if late else 1), True
        )
        if rng.random() < 0.4:
            message(contact, middle, MessageKind.FOLLOW_UP, today - timedelta(1), False)
        # The recent one: a thank-you draft, sent, or nothing yet (due or overdue).
        roll = rng.random()
        if roll < 0.4:
            message(contact, recent, MessageKind.THANK_YOU, recent.when, False)
        elif roll < 0.6:
            message(contact, recent, MessageKind.THANK_YOU, recent.when + timedelta(1), True)
        elif roll < 0.7:
            reason = "waiting until the write-up is done"
            recent = replace(recent, snoozed_until=today + timedelta(5), snooze_reason=reason)
        elif roll < 0.75:
            recent = replace(recent, closed=recent.when + timedelta(2))
        meetings.extend((old, middle, recent))
    return contacts, meetings, messages, settings


def write_database(path: Path, size: int, today: date) -> dict[str, int]:
    """(Re)create the database at `path`; returns the counts written."""
    for stale in (path, path.with_name(path.name + ".lock")):
        stale.unlink(missing_ok=True)
    contacts, meetings, messages, settings = build(size, today)
    with Store.open(path) as store:
        store.restore(contacts, meetings, messages, settings)
    return {"contacts": len(contacts), "meetings": len(meetings), "messages": len(messages)}


def write_linkedin_csv(path: Path, rows: int, today: date) -> None:
    """A `Connections.csv` as LinkedIn exports it: notes preamble, header, rows."""
    rng = random.Random(rows + 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(LINKEDIN_PREAMBLE)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(LINKEDIN_HEADER)
        for number in range(1, rows + 1):
            first, last = rng.choice(pools.FIRST_NAMES), rng.choice(pools.LAST_NAMES)
            company = rng.choice(pools.COMPANIES)
            shared = rng.random() < 0.1
            email = f"{first}.{last}{number}@example.com".lower() if shared else ""
            day = today - timedelta(days=rng.randint(0, 4000))
            connected = f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"
            url = f"https://www.linkedin.com/in/{first}-{last}-{number:05x}".lower()
            writer.writerow((first, last, url, email, company, rng.choice(pools.ROLES), connected))
