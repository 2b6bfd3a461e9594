"""What the timeline shows, in order: next steps first, then history newest first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from threety_tui.core.models import Contact, Insight, Meeting, Message
from threety_tui.core.rules import Reminder


class EntryKind(StrEnum):
    SECTION = "section"
    REMINDER = "reminder"
    MEETING = "meeting"
    INSIGHT = "insight"
    MESSAGE = "message"
    CLOSED = "closed"
    """A next step closed without a message ("done")."""


@dataclass(frozen=True, slots=True)
class Entry:
    kind: EntryKind
    contact: Contact | None = None
    meeting: Meeting | None = None
    insight: Insight | None = None
    message: Message | None = None
    reminder: Reminder | None = None
    title: str = ""
    when: date | None = None
    answered_by: tuple[str, date] | None = None
    """A request with no reply of its own, closed by a colleague's reply: who and when."""

    @property
    def reply(self) -> str:
        """ "replied after 2 days" for a sent message that got a reply, else ""."""
        return reply_words(self.message) if self.kind is EntryKind.MESSAGE and self.message else ""

    @property
    def key(self) -> tuple[str, object]:
        """Stable identity, to keep the cursor on an entry across refreshes."""
        if self.kind is EntryKind.INSIGHT and self.insight:
            return ("insight", self.insight.id)
        if self.kind is EntryKind.MEETING and self.meeting:
            return ("meeting", self.meeting.id)
        if self.kind is EntryKind.MESSAGE and self.message:
            return ("message", self.message.id)
        if self.kind is EntryKind.REMINDER and self.reminder:
            return ("reminder", self.reminder.key)
        if self.kind is EntryKind.CLOSED:
            target = self.meeting.id if self.meeting else self.message.id if self.message else 0
            return ("closed", target)
        return ("section", self.title)


def reply_words(message: Message, replied: date | None = None) -> str:
    """ "replied after 2 days" ("the same day", "after 1 day"); "" without a reply.

    `replied` overrides the message's own reply date (a reply about to be recorded).
    """
    replied = replied or message.replied
    if replied is None or message.sent is None:
        return ""
    days = (replied - message.sent).days
    if days <= 0:
        return "replied the same day"
    return f"replied after {days} day{'s' if days != 1 else ''}"


def build(
    contacts: Mapping[int, Contact],
    meetings: Iterable[Meeting],
    messages: Iterable[Message],
    reminders: Iterable[Reminder],
    colleague_answers: Mapping[int, tuple[str, date]] | None = None,
) -> list[Entry]:
    """Entries for one contact or many: next steps (soonest first), then history.

    `colleague_answers`: by message id, who at the same employer answered a request
    that had no reply of its own, and when (`Store.colleague_answers`).
    """
    answers = colleague_answers or {}
    meetings = [m for m in meetings if not m.deleted]
    by_id = {m.id: m for m in meetings}
    entries: list[Entry] = []
    open_steps = sorted(reminders, key=lambda r: (r.due, r.key))
    if open_steps:
        entries.append(Entry(EntryKind.SECTION, title="Next steps"))
        entries += [
            Entry(
                EntryKind.REMINDER,
                contact=contacts.get(r.contact_id),
                meeting=by_id.get(r.meeting_id) if r.meeting_id else None,
                reminder=r,
                when=r.due,
            )
            for r in open_steps
        ]
    events: list[tuple[date, int, int, list[Entry]]] = []
    for meeting in meetings:
        contact = contacts.get(meeting.contact_id)
        group = [Entry(EntryKind.MEETING, contact=contact, meeting=meeting, when=meeting.when)]
        group += [
            Entry(EntryKind.INSIGHT, contact=contact, meeting=meeting, insight=i, when=meeting.when)
            for i in meeting.insights
        ]
        events.append((meeting.when, 0, meeting.id, group))
        if meeting.closed:
            closed = Entry(
                EntryKind.CLOSED,
                contact=contact,
                meeting=meeting,
                title="Thank-you",
                when=meeting.closed,
            )
            events.append((meeting.closed, 2, meeting.id, [closed]))
    for message in messages:
        if message.meeting_id is not None and message.meeting_id not in by_id:
            continue
        contact = contacts.get(message.contact_id)
        about = by_id.get(message.meeting_id) if message.meeting_id else None
        stamp = message.updated or message.created
        when = message.sent or (stamp.date() if stamp else date.min)
        events.append(
            (
                when,
                1,
                message.id,
                [
                    Entry(
                        EntryKind.MESSAGE,
                        contact,
                        about,
                        message=message,
                        when=when,
                        answered_by=answers.get(message.id),
                    )
                ],
            )
        )
        if message.closed:
            closed = Entry(
                EntryKind.CLOSED,
                contact,
                about,
                message=message,
                title="Next touch",
                when=message.closed,
            )
            events.append((message.closed, 2, message.id, [closed]))
    if events:
        entries.append(Entry(EntryKind.SECTION, title="History"))
        events.sort(key=lambda e: (e[0], e[1], e[2]), reverse=True)
        for *_, group in events:
            entries += group
    return entries
