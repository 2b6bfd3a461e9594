"""What the follow-up rules read of a meeting or a message: dates and states, no text.

`rules.py` works on these as it does on the full models (it reads both
through `rules.MeetingLike` and `rules.MessageLike`), so it stays the one
place the rules are written. Building facts for every document costs a
fraction of building every model, and keeps a fraction of the memory: no
notes, no message texts. `threety due` and `stats` and the app's statuses
work on facts; the full models are built for what is shown.

Each field is read exactly as the model reads it, with the same readers
(models.py); the tests hold the facts of every document to the facts of the
model built from that document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from threety_tui.core.models import (
    _SENT,
    Homework,
    Meeting,
    Message,
    MessageKind,
    MessageStatus,
    _date,
    _datetime,
    _follows,
    _homework,
    _message_kind,
    _message_status,
    _text,
    fast_constructor,
)


@dataclass(frozen=True, slots=True)
class InsightFacts:
    """An insight's state: all `rules.open_homework` reads of it."""

    status: Homework
    favourite: bool


_INSIGHTS = {
    (status, favourite): InsightFacts(status, favourite)
    for status in Homework
    for favourite in (False, True)
}
"""Six possible values: shared, never built per insight."""


@dataclass(frozen=True, slots=True)
class MeetingFacts:
    contact_id: int
    when: date
    snoozed_until: date | None
    snooze_reason: str
    closed: date | None
    deleted: datetime | None
    insights: tuple[InsightFacts, ...]
    id: int

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], id: int) -> MeetingFacts:
        """As `Meeting.from_doc` reads these fields (and raises where it raises)."""
        get = doc.get
        reason, snoozed, closed, deleted = (
            get("snooze_reason"),
            get("snoozed_until"),
            get("closed"),
            get("deleted"),
        )
        return _new_meeting_facts(
            int(doc["contact_id"]),
            date.fromisoformat(doc["when"]),
            None if snoozed is None else _date(snoozed),
            reason if type(reason) is str else _text(reason),
            None if closed is None else _date(closed),
            None if deleted is None else _datetime(deleted),
            tuple(
                [
                    _INSIGHTS[_homework(i.get("status")), bool(i.get("favourite", False))]
                    for i in get("insights") or ()
                    if isinstance(i, dict)
                ]
            ),
            id,
        )

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingFacts:
        return _new_meeting_facts(
            meeting.contact_id,
            meeting.when,
            meeting.snoozed_until,
            meeting.snooze_reason,
            meeting.closed,
            meeting.deleted,
            tuple([_INSIGHTS[i.status, i.favourite] for i in meeting.insights]),
            meeting.id,
        )


_new_meeting_facts = fast_constructor(MeetingFacts)


@dataclass(frozen=True, slots=True)
class MessageFacts:
    contact_id: int
    meeting_id: int | None
    kind: MessageKind
    status: MessageStatus
    sent: date | None
    next_due: date | None
    snoozed_until: date | None
    snooze_reason: str
    closed: date | None
    replied: date | None
    follows: int | None
    id: int

    @property
    def is_sent(self) -> bool:
        return self.status is _SENT

    @property
    def is_request(self) -> bool:
        return self.kind is MessageKind.OUTREACH and self.follows is None

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], id: int) -> MessageFacts:
        """As `Message.from_doc` reads these fields (and raises where it raises)."""
        get = doc.get
        meeting_id, reason = get("meeting_id"), get("snooze_reason")
        snoozed, closed, replied = get("snoozed_until"), get("closed"), get("replied")
        follows = get("follows")
        return _new_message_facts(
            int(doc["contact_id"]),
            None if meeting_id is None else int(meeting_id),
            _message_kind(get("kind")),
            _message_status(get("status")),
            _date(get("sent")),
            _date(get("next_due")),
            None if snoozed is None else _date(snoozed),
            reason if type(reason) is str else _text(reason),
            None if closed is None else _date(closed),
            None if replied is None else _date(replied),
            None if follows is None else _follows(follows),
            id,
        )

    @classmethod
    def of(cls, message: Message) -> MessageFacts:
        return _new_message_facts(
            message.contact_id,
            message.meeting_id,
            message.kind,
            message.status,
            message.sent,
            message.next_due,
            message.snoozed_until,
            message.snooze_reason,
            message.closed,
            message.replied,
            message.follows,
            message.id,
        )


_new_message_facts = fast_constructor(MessageFacts)
