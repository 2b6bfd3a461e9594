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
from threety_tui.core.dates import short
from threety_tui.core.models import Contact, Kind, Meeting, Message, MessageKind
from threety_tui.core.store import Store
from threety_tui.core.text import cut, pad, visible, width

NAME_CELLS = 40
"""Longer names are cut in the report."""


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


_NAMES = {
    Kind.BOOSTER: ("Booster", "Boosters"),
    Kind.OBLIGATE: ("Obligate", "Obligates"),
    Kind.UNKNOWN: ("unknown", "unknown"),
    MessageKind.THANK_YOU: ("thank-you", "thank-yous"),
    MessageKind.FOLLOW_UP: ("follow-up", "follow-ups"),
    MessageKind.UPDATE: ("update", "updates"),
}


def report_lines(summary: Summary) -> list[str]:
    """The text report, one line per item."""
    s = summary.score
    thanks = _share(s.thanked_on_time, s.thank_you_eligible)
    if s.thanked_late:
        thanks += f", {s.thanked_late} more within 48 h"
    out = [
        "Follow-through",
        f"  Thank-yous within 24 h:  {thanks}",
        f"  Follow-ups on time:      {_share(s.followed_on_time, s.follow_up_eligible)}",
        "  Overall:                 "
        + _share(
            s.thanked_on_time + s.followed_on_time,
            s.thank_you_eligible + s.follow_up_eligible,
        ),
        "",
        f"Contacts: {summary.contact_total}{_breakdown(summary.contacts)}",
        f"Meetings: {summary.meetings}",
        f"Messages sent: {summary.sent_total}{_breakdown(summary.sent)}",
        f"Drafts: {summary.drafts}",
        f"Open homework: {summary.open_homework}",
        "",
    ]
    if not summary.silent:
        out.append("Everyone you met has heard from you.")
        return out
    out.append(f"Who has heard nothing from you ({len(summary.silent)}):")
    names = [
        cut(visible(item.contact.strip()), NAME_CELLS) or "(no name)" for item in summary.silent
    ]
    dates = [short(item.met) for item in summary.silent]
    cells, date_width = max(map(width, names)), max(map(len, dates))
    for name, met, item in zip(names, dates, summary.silent, strict=True):
        out.append(f"  {pad(name, cells)}  met {met:<{date_width}}  {_days_ago(item.days)}")
    return out


def _share(part: int, whole: int) -> str:
    if not whole:
        return "nothing to score yet"
    return f"{part} of {whole} ({part / whole:.0%})"


def _breakdown(counts: dict[Kind, int] | dict[MessageKind, int]) -> str:
    parts = [f"{n} {_NAMES[kind][n != 1]}" for kind, n in counts.items() if n]
    return f" ({', '.join(parts)})" if parts else ""


def _days_ago(days: int) -> str:
    if days == 0:
        return "today"
    if days < 0:
        return f"in {-days} day" + ("s" if days != -1 else "")
    return f"{days} day" + ("s" if days != 1 else "") + " ago"
