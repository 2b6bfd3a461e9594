"""The numbers behind the stats view and `threety stats`: a pure summary.

Contacts in the trash, and their meetings and messages, do not count;
neither do deleted meetings and the messages about them.

Replies (spec section 8): a sent message counts towards its kind's reply rate
once it got a reply or once 7 business days have passed without one (a message
sent yesterday has not had its chance yet); the median is of calendar days
from sent to replied. A meeting request and the one follow-up to it count as
one request, answered when either got a reply, from the day the request went
out. "Never answered": people written to at least 7 business days ago who have
replied to nothing, and have not met you since.

A database made before threety recorded replies (schema 1) knows the day it
began to (`Settings.replies_since`): messages sent before it never had their
replies recorded, so the reply rates and "never answered" count only messages
sent from that day on, and the report says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median
from typing import Any, Protocol

from threety_tui.core import business_days, rules
from threety_tui.core.dates import short
from threety_tui.core.models import Contact, Kind, MessageKind
from threety_tui.core.rules import MeetingLike, MessageLike
from threety_tui.core.store import Store
from threety_tui.core.text import cut, pad, visible, width

NAME_CELLS = 40
"""Longer names are cut in the report."""


@dataclass(frozen=True, slots=True)
class Silent:
    """A meeting after which nothing was sent (nor was it closed): not thanked."""

    contact_id: int
    contact: str
    meeting_id: int
    met: date
    days: int
    """Days since the meeting."""


@dataclass(frozen=True, slots=True)
class ReplyRate:
    """How often, and how fast, one kind of message got an answer."""

    sent: int = 0
    counted: int = 0
    """Sent messages that got a reply or have waited 7 business days."""
    replied: int = 0
    median_days: float | None = None
    """Median calendar days from sent to replied (None without a reply)."""

    @property
    def rate(self) -> float | None:
        return self.replied / self.counted if self.counted else None

    def to_doc(self) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "counted": self.counted,
            "replied": self.replied,
            "rate": self.rate,
            "median_days": self.median_days,
        }


@dataclass(frozen=True, slots=True)
class NoAnswer:
    """Someone written to who has answered nothing: who never answered."""

    contact_id: int
    contact: str
    messages: int
    """Messages sent to them."""
    last_sent: date
    days: int
    """Days since the last one."""


@dataclass(frozen=True, slots=True)
class Summary:
    today: date
    score: rules.Score
    contacts: dict[Kind, int]
    """Live contacts by kind (every kind present, zero included)."""
    sent: dict[MessageKind, int]
    """Messages sent, by kind (the follow-ups to meeting requests are not requests)."""
    drafts: int
    meetings: int
    open_homework: int
    silent: tuple[Silent, ...]
    replies: dict[MessageKind, ReplyRate] = field(default_factory=dict)
    """Per kind of message (every kind present)."""
    replies_all: ReplyRate = ReplyRate()
    never_answered: tuple[NoAnswer, ...] = ()
    request_follow_ups: int = 0
    """Follow-ups sent to meeting requests (`Message.follows`): not in `sent`."""
    replies_since: date | None = None
    """Replies are counted for messages sent from this day (None: all of them)."""

    @property
    def contact_total(self) -> int:
        return sum(self.contacts.values())

    @property
    def sent_total(self) -> int:
        return sum(self.sent.values()) + self.request_follow_ups

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
            "sent": {"total": self.sent_total}
            | {k.value: n for k, n in self.sent.items()}
            | {REQUEST_FOLLOW_UP: self.request_follow_ups},
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
            "replies": {k.value: r.to_doc() for k, r in self.replies.items()}
            | {"all": self.replies_all.to_doc()},
            "replies_since": self.replies_since.isoformat() if self.replies_since else None,
            "never_answered": [
                {
                    "contact_id": n.contact_id,
                    "contact": n.contact,
                    "messages": n.messages,
                    "last_sent": n.last_sent.isoformat(),
                    "days": n.days,
                }
                for n in self.never_answered
            ],
        }


def summarize(
    contacts: Iterable[Contact],
    meetings: Iterable[MeetingLike],
    messages: Iterable[MessageLike],
    today: date,
    *,
    replies_since: date | None = None,
) -> Summary:
    """The stats of the given data as of `today` (meetings and messages, or their facts).

    `replies_since`: the reply rates and "never answered" count only the messages
    sent from that day on (see the module docstring).
    """
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
    follow_ups = 0
    for message in kept_messages:
        if message.is_sent:
            if message.follows is not None:
                follow_ups += 1
            else:
                sent_counts[message.kind] += 1
    silent = tuple(
        Silent(m.contact_id, live[m.contact_id].name, m.id, m.when, (today - m.when).days)
        for m in rules.silent_meetings(kept_meetings, kept_messages)
    )
    sent = [
        m
        for m in kept_messages
        if m.is_sent and m.sent is not None and (replies_since is None or m.sent >= replies_since)
    ]
    answered = _by_kind(_asked(sent))
    return Summary(
        today=today,
        score=rules.follow_through(kept_meetings, kept_messages, today),
        contacts=contact_counts,
        sent=sent_counts,
        drafts=sum(1 for m in kept_messages if not m.is_sent),
        meetings=len(kept_meetings),
        open_homework=rules.homework_count(kept_meetings),
        silent=silent,
        replies={kind: reply_rate(asked, today) for kind, asked in answered.items()},
        replies_all=reply_rate([a for asked in answered.values() for a in asked], today),
        never_answered=never_answered(live, kept_meetings, sent, today),
        request_follow_ups=follow_ups,
        replies_since=replies_since,
    )


REQUEST_FOLLOW_UP = "request_follow_up"
"""The JSON key of the follow-ups to meeting requests among the messages sent."""


@dataclass(frozen=True, slots=True)
class Asked:
    """One thing that could be answered: a sent message, or a meeting request together
    with the one follow-up to it (answered when either got a reply)."""

    kind: MessageKind
    sent: date
    replied: date | None


def _asked(sent: Iterable[MessageLike]) -> list[Asked]:
    """The sent messages as things asked: each follow-up folded into its meeting request."""
    sent = list(sent)
    follow_up_replies: dict[int, list[date]] = {}
    for message in sent:
        if message.follows is not None and message.replied is not None:
            follow_up_replies.setdefault(message.follows, []).append(message.replied)
    requests = {m.id for m in sent if m.follows is None}
    found = []
    for message in sent:
        assert message.sent is not None
        if message.follows is not None and message.follows in requests:
            continue  # counted with its request
        replies = [d for d in (message.replied, *follow_up_replies.get(message.id, ())) if d]
        found.append(Asked(message.kind, message.sent, min(replies) if replies else None))
    return found


def _by_kind(asked: Iterable[Asked]) -> dict[MessageKind, list[Asked]]:
    found: dict[MessageKind, list[Asked]] = {kind: [] for kind in MessageKind}
    for item in asked:
        found[item.kind].append(item)
    return found


def waited_since(today: date) -> date:
    """The last day a message could go out and have waited 7 business days by `today`.

    `business_days.between(day, today) >= 7` exactly for the days up to this one
    (a weekend after it counts as the Friday before): one date to compare with,
    rather than a count per message.
    """
    wait, one = rules.FOLLOW_UP_AFTER, timedelta(days=1)
    day = business_days.add(today, -wait)  # within a day or two of it: the count only falls
    while business_days.between(day, today) < wait:
        day -= one
    while business_days.between(day + one, today) >= wait:
        day += one
    return day


class _Answerable(Protocol):
    @property
    def sent(self) -> date | None: ...

    @property
    def replied(self) -> date | None: ...


def reply_rate(sent: Iterable[_Answerable], today: date) -> ReplyRate:
    """The reply rate and median days to a reply of these sent messages (or `Asked`)."""
    sent = list(sent)
    cutoff = waited_since(today)
    counted = [
        m for m in sent if m.replied is not None or (m.sent is not None and m.sent <= cutoff)
    ]
    days = [
        (m.replied - m.sent).days for m in counted if m.replied is not None and m.sent is not None
    ]
    return ReplyRate(
        sent=len(sent),
        counted=len(counted),
        replied=len(days),
        median_days=float(median(days)) if days else None,
    )


def never_answered(
    contacts: dict[int, Contact],
    meetings: Iterable[MeetingLike],
    sent: Iterable[MessageLike],
    today: date,
) -> tuple[NoAnswer, ...]:
    """People written to long enough ago who replied to nothing and have not met you since."""
    by_contact: dict[int, list[MessageLike]] = {}
    for message in sent:
        by_contact.setdefault(message.contact_id, []).append(message)
    met: dict[int, date] = {}
    for meeting in meetings:
        met[meeting.contact_id] = max(meeting.when, met.get(meeting.contact_id, date.min))
    found = []
    cutoff = waited_since(today)
    for contact_id, messages in by_contact.items():
        if any(m.replied is not None for m in messages):
            continue
        days = sorted(m.sent for m in messages if m.sent is not None)
        first, last = days[0], days[-1]
        if met.get(contact_id, date.min) > first:
            continue  # met since writing: that was an answer
        if first > cutoff:
            continue  # not had their chance yet
        name = contacts[contact_id].name
        found.append(NoAnswer(contact_id, name, len(messages), last, (today - last).days))
    found.sort(key=lambda n: (n.last_sent, n.contact.casefold(), n.contact_id))
    return tuple(found)


def from_store(store: Store, today: date) -> Summary:
    """The stats of the whole database: from the facts of every meeting and message."""
    return summarize(
        store.contacts(),
        store.meeting_facts(),
        store.message_facts(),
        today,
        replies_since=store.settings.replies_since,
    )


_NAMES = {
    MessageKind.OUTREACH: ("meeting request", "meeting requests"),
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
        f"Messages sent: {summary.sent_total}{_sent_breakdown(summary)}",
        f"Drafts: {summary.drafts}",
        f"Open homework: {summary.open_homework}",
        "",
    ]
    out += reply_lines(summary)
    if not summary.silent:
        out.append("Every meeting has had its thank-you.")
    else:
        out.append(f"Meetings you have not thanked ({len(summary.silent)}):")
        names = [
            cut(visible(item.contact.strip()), NAME_CELLS) or "(no name)" for item in summary.silent
        ]
        dates = [short(item.met) for item in summary.silent]
        cells, date_width = max(map(width, names)), max(map(len, dates))
        for name, met, item in zip(names, dates, summary.silent, strict=True):
            out.append(f"  {pad(name, cells)}  met {met:<{date_width}}  {_days_ago(item.days)}")
    if summary.never_answered:
        out += ["", f"Who never answered ({len(summary.never_answered)}):"]
        people = summary.never_answered
        names = [cut(visible(item.contact.strip()), NAME_CELLS) or "(no name)" for item in people]
        dates = [short(item.last_sent) for item in people]
        cells, date_width = max(map(width, names)), max(map(len, dates))
        for name, last, person in zip(names, dates, people, strict=True):
            count = f"{person.messages} message" + ("s" if person.messages != 1 else "")
            out.append(f"  {pad(name, cells)}  last written {last:<{date_width}}  ({count})")
    return out


_REPLY_TITLES = {
    MessageKind.OUTREACH: "Meeting requests",
    MessageKind.THANK_YOU: "Thank-yous",
    MessageKind.FOLLOW_UP: "Follow-ups",
    MessageKind.UPDATE: "Updates",
}


def reply_lines(summary: Summary) -> list[str]:
    """Reply rate and median days to a reply, per kind of message, then all together."""
    rows = [(_REPLY_TITLES[kind], rate) for kind, rate in summary.replies.items()]
    rows.append(("All messages", summary.replies_all))
    width = max(len(title) for title, _ in rows) + 1
    since = summary.replies_since
    out = ["Replies"]
    if since is not None:
        out = [
            f"Replies (to messages sent since {short(since)}, when threety began recording them)"
        ]
    for title, rate in rows:
        text = _share(rate.replied, rate.counted)
        if rate.median_days is not None:
            days = rate.median_days
            number = f"{days:.0f}" if days == int(days) else f"{days:.1f}"
            text += f", median {number} day" + ("" if days == 1 else "s")
        out.append(f"  {title + ':':<{width}}  {text}")
    waiting = summary.replies_all.sent - summary.replies_all.counted
    if waiting:
        # Why "4 of 5" when 6 were sent: the rest have not had their chance yet.
        out.append(
            f"  Not counted yet: {waiting} sent in the last "
            f"{rules.FOLLOW_UP_AFTER} business days, no reply so far."
        )
    return [*out, ""]


def _share(part: int, whole: int) -> str:
    if not whole:
        return "nothing to score yet"
    return f"{part} of {whole} ({part / whole:.0%})"


def _sent_breakdown(summary: Summary) -> str:
    """ "(5 meeting requests, 1 follow-up to a request, 13 thank-yous, ...)"."""
    parts = []
    follow_ups = summary.request_follow_ups
    for kind, n in summary.sent.items():
        if n:
            parts.append(f"{n} {_NAMES[kind][n != 1]}")
        if kind is MessageKind.OUTREACH and follow_ups:
            words = "follow-up to a request" if follow_ups == 1 else "follow-ups to requests"
            parts.append(f"{follow_ups} {words}")
    return f" ({', '.join(parts)})" if parts else ""


def _breakdown(counts: dict[Kind, int] | dict[MessageKind, int]) -> str:
    parts = [f"{n} {_NAMES[kind][n != 1]}" for kind, n in counts.items() if n]
    return f" ({', '.join(parts)})" if parts else ""


def _days_ago(days: int) -> str:
    if days == 0:
        return "today"
    if days < 0:
        return f"in {-days} day" + ("s" if days != -1 else "")
    return f"{days} day" + ("s" if days != 1 else "") + " ago"
