"""The numbers behind the stats view and `threety stats`: a pure summary.

Contacts in the trash, and their meetings and messages, do not count;
neither do deleted meetings and the messages about them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from threety_tui.core import rules
from threety_tui.core.models import Contact, Kind, Meeting, Message, MessageKind
from threety_tui.core.store import Store


@dataclass(frozen=True, slots=True)
class Silent:
    """A meeting after which nothing was sent: who has heard nothing from you."""

    contact_id: int
    contact: str
    meeting_id: int
    met: date
    days: int
    """Days since the meeting."""


@dataclass(frozen=True, slots=True)
class Summary:
    today: date
    score: rules.Score
    contacts: dict[Kind, int]
    """Live contacts by kind (every kind present, zero included)."""
    sent: dict[MessageKind, int]
    """Messages sent, by kind."""
    drafts: int
    meetings: int
    open_homework: int
    silent: tuple[Silent, ...]

    @property
    def contact_total(self) -> int:
        return sum(self.contacts.values())

    @property
    def sent_total(self) -> int:
        return sum(self.sent.values())

    @property
    def thanked_never(self) -> int:
        """Eligible meetings thanked neither on time nor within 48 hours."""
        s = self.score
        return s.thank_you_eligible - s.thanked_on_time - s.thanked_late

    def to_doc(self) -> dict[str, Any]:
        s = self.score
        return {
            "today": self.today.isoformat(),
            "score": {
                "thank_you": {
                    "on_time": s.thanked_on_time,
                    "late": s.thanked_late,
                    "never": self.thanked_never,
                    "eligible": s.thank_you_eligible,
                    "rate": s.thank_you_rate,
                },
                "follow_up": {
                    "on_time": s.followed_on_time,
                    "eligible": s.follow_up_eligible,
                    "rate": s.follow_up_rate,
                },
                "overall": s.overall,
            },
            "contacts": {"total": self.contact_total}
            | {k.value: n for k, n in self.contacts.items()},
            "sent": {"total": self.sent_total} | {k.value: n for k, n in self.sent.items()},
            "drafts": self.drafts,
            "meetings": self.meetings,
            "open_homework": self.open_homework,
            "silent": [
                {
                    "contact_id": s.contact_id,
                    "contact": s.contact,
                    "meeting_id": s.meeting_id,
                    "met": s.met.isoformat(),
                    "days": s.days,
                }
                for s in self.silent
            ],
        }


def summarize(
    contacts: Iterable[Contact],
    meetings: Iterable[Meeting],
    messages: Iterable[Message],
    today: date,
) -> Summary:
    """The stats of the given data as of `today`."""
    live = {c.id: c for c in contacts if c.deleted is None}
    kept_meetings = [m for m in meetings if m.contact_id in live and m.deleted is None]
    meeting_ids = {m.id for m in kept_meetings}
    kept_messages = [
        m
        for m in messages
        if m.contact_id in live and (m.meeting_id is None or m.meeting_id in meeting_ids)
    ]
    contact_counts = dict.fromkeys(Kind, 0)
    for contact in live.values():
        contact_counts[contact.kind] += 1
    sent_counts = dict.fromkeys(MessageKind, 0)
    for message in kept_messages:
        if message.is_sent:
            sent_counts[message.kind] += 1
    silent = tuple(
        Silent(m.contact_id, live[m.contact_id].name, m.id, m.when, (today - m.when).days)
        for m in rules.silent_meetings(kept_meetings, kept_messages)
    )
    return Summary(
        today=today,
        score=rules.follow_through(kept_meetings, kept_messages, today),
        contacts=contact_counts,
        sent=sent_counts,
        drafts=sum(1 for m in kept_messages if not m.is_sent),
        meetings=len(kept_meetings),
        open_homework=len(rules.open_homework(kept_meetings)),
        silent=silent,
    )


def from_store(store: Store, today: date) -> Summary:
    return summarize(store.contacts(), store.all_meetings(), store.all_messages(), today)
