"""The follow-up cycle (spec sections 3 and 8) as pure functions of the data and `today`.

Nothing here is stored: reminders are derived every time from meetings and
messages, so they can never drift from the facts. A meeting with no thank-you
sent is due the day after; a sent message schedules the next touch at sent +
the contact's cadence (a follow-up after a thank-you, an update after that);
a later meeting restarts that clock; snoozing moves a date later; closing ends
it. Each meeting thus leads to a visible next step until the user closes it.

A meeting request (an outreach message) waits for a reply instead: with none
after 3 business days the nudge is to try a second contact at the same
employer, after 7 to follow up once (see `awaiting` and `nudge_text`).

The rules read meetings and messages through `MeetingLike` and `MessageLike`:
the full models, or their facts (`facts.py`: the dates and states alone), which
is what a command reading every document builds.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from operator import attrgetter
from typing import Protocol, TypeVar, cast

from threety_tui.core import business_days
from threety_tui.core.dates import due_words, relative
from threety_tui.core.models import (
    Contact,
    Homework,
    Insight,
    Meeting,
    MessageKind,
    Settings,
    fast_constructor,
)


class InsightLike(Protocol):
    """What the rules read of an insight (`models.Insight`, `facts.InsightFacts`)."""

    @property
    def status(self) -> Homework: ...

    @property
    def favourite(self) -> bool: ...


class MeetingLike(Protocol):
    """What the rules read of a meeting (`models.Meeting`, `facts.MeetingFacts`)."""

    @property
    def id(self) -> int: ...

    @property
    def contact_id(self) -> int: ...

    @property
    def when(self) -> date: ...

    @property
    def snoozed_until(self) -> date | None: ...

    @property
    def snooze_reason(self) -> str: ...

    @property
    def closed(self) -> date | None: ...

    @property
    def deleted(self) -> datetime | None: ...

    @property
    def insights(self) -> Sequence[InsightLike]: ...


class MessageLike(Protocol):
    """What the rules read of a message (`models.Message`, `facts.MessageFacts`)."""

    @property
    def id(self) -> int: ...

    @property
    def contact_id(self) -> int: ...

    @property
    def meeting_id(self) -> int | None: ...

    @property
    def kind(self) -> MessageKind: ...

    @property
    def is_sent(self) -> bool: ...

    @property
    def sent(self) -> date | None: ...

    @property
    def next_due(self) -> date | None: ...

    @property
    def snoozed_until(self) -> date | None: ...

    @property
    def snooze_reason(self) -> str: ...

    @property
    def closed(self) -> date | None: ...

    @property
    def replied(self) -> date | None: ...

    @property
    def follows(self) -> int | None: ...


MeetingT = TypeVar("MeetingT", bound=MeetingLike)
MessageT = TypeVar("MessageT", bound=MessageLike)

SOON_DAYS = 7
"""Reminders due within this many days count as "due this week"."""
SECOND_CONTACT_AFTER = 3
"""Business days without a reply to a meeting request before trying a second contact."""
FOLLOW_UP_AFTER = 7
"""Business days without a reply before following up once with the first."""
_ONE_DAY = timedelta(days=1)


class State(StrEnum):
    UPCOMING = "upcoming"
    SOON = "soon"
    DUE = "due"
    OVERDUE = "overdue"


def state_of(due: date, today: date) -> State:
    if due < today:
        return State.OVERDUE
    if due == today:
        return State.DUE
    if (due - today).days <= SOON_DAYS:
        return State.SOON
    return State.UPCOMING


class Nudge(StrEnum):
    """The stage of a meeting request still waiting for a reply (spec section 8)."""

    SECOND_CONTACT = "second_contact"
    """Due 3 business days after it was sent: try a second contact at the same employer."""
    FOLLOW_UP_ONCE = "follow_up_once"
    """Due after 7 business days: follow up once with the first."""


@dataclass(frozen=True, slots=True)
class Reminder:
    """A next step: a thank-you, follow-up or update to send, or a nudge about a request."""

    key: str
    """Stable across runs: `thank_you:<meeting id>`, `next:<message id>` or `nudge:<message id>`."""
    kind: MessageKind
    """What to send; OUTREACH for a nudge about a meeting request."""
    contact_id: int
    meeting_id: int | None
    message_id: int | None
    """For a follow-up or update: the sent message it follows; for a nudge: the request."""
    due: date
    state: State
    urgent: bool
    """A thank-you still unsent a day after the meeting (or on the day it was snoozed to)."""
    snooze_reason: str = ""
    snoozed: bool = False
    nudge: Nudge | None = None
    """Set for a meeting request awaiting a reply: which nudge this is."""

    @property
    def label(self) -> str:
        """A short name for the step: "Follow-up", "No reply", "Follow up once"."""
        if self.nudge is None:
            return self.kind.label
        if self.nudge is Nudge.FOLLOW_UP_ONCE:
            return "Follow up once"
        return "No reply" if self.state in (State.DUE, State.OVERDUE) else "Awaiting reply"


_new_reminder = fast_constructor(Reminder)  # `threety due` makes one per open next step


def thank_you_key(meeting_id: int) -> str:
    return f"thank_you:{meeting_id}"


def next_key(message_id: int) -> str:
    return f"next:{message_id}"


def nudge_key(message_id: int) -> str:
    return f"nudge:{message_id}"


KEY_KINDS = ("thank_you", "next", "nudge")


def parse_key(key: str) -> tuple[str, int]:
    """("thank_you" | "next" | "nudge", id) from a reminder key."""
    kind, _, number = key.partition(":")
    if kind not in KEY_KINDS or not number.isdigit():
        raise ValueError(f"not a reminder key: {key!r}")
    return kind, int(number)


def next_touch_due(contact: Contact, settings: Settings, sent: date) -> date:
    return sent + timedelta(days=settings.cadence_for(contact))


_LATEST = attrgetter("sent", "id")
SOONEST = attrgetter("due", "key")
"""The order of reminders: soonest first, then by key."""


def latest_sent(messages: Iterable[MessageT]) -> MessageT | None:
    sent = [m for m in messages if m.is_sent and m.sent]
    return max(sent, key=_LATEST) if sent else None


def contact_reminders(
    contact: Contact,
    meetings: Sequence[MeetingLike],
    messages: Sequence[MessageLike],
    settings: Settings,
    today: date,
    *,
    company_replies: Sequence[date] = (),
) -> list[Reminder]:
    """The open next steps for one contact, soonest first.

    `company_replies`: when others at the contact's employer answered (see
    `awaiting`); only a contact with a meeting request sent needs them.
    """
    if contact.deleted:
        return []
    live = [m for m in meetings if not m.deleted]
    live_ids = {m.id for m in live}
    messages = [m for m in messages if m.meeting_id is None or m.meeting_id in live_ids]
    thank_you = MessageKind.THANK_YOU  # once: an enum's attributes are slow to look up
    outreach = MessageKind.OUTREACH
    thanked = {m.meeting_id for m in messages if m.is_sent and m.kind is thank_you}
    reminders = []
    for meeting in live:
        if meeting.id in thanked or meeting.closed:
            continue
        due = meeting.when + _ONE_DAY
        snoozed = meeting.snoozed_until is not None and meeting.snoozed_until > due
        if snoozed and meeting.snoozed_until:
            due = meeting.snoozed_until
        reminders.append(
            _new_reminder(
                key=thank_you_key(meeting.id),
                kind=thank_you,
                contact_id=contact.id,
                meeting_id=meeting.id,
                message_id=None,
                due=due,
                state=state_of(due, today),
                urgent=today >= due,
                snooze_reason=meeting.snooze_reason if snoozed else "",
                snoozed=snoozed,
            )
        )
    if any(m.kind is outreach for m in messages):
        nudge = _nudge(contact, live, messages, today, company_replies)
        if nudge is not None:
            reminders.append(nudge)
        # A meeting request is not a touch that schedules the next one.
        messages = [m for m in messages if m.kind is not outreach]
    last = latest_sent(messages)
    if last is not None and last.sent is not None and not last.closed:
        cadence = timedelta(days=settings.cadence_for(contact))
        due = last.next_due or last.sent + cadence
        later = [m.when for m in live if m.when > last.sent]
        if later:
            due = max(due, max(later) + cadence)
        snoozed = last.snoozed_until is not None and last.snoozed_until > due
        if snoozed and last.snoozed_until:
            due = last.snoozed_until
        reminders.append(
            _new_reminder(
                key=next_key(last.id),
                kind=MessageKind.FOLLOW_UP if last.kind is thank_you else MessageKind.UPDATE,
                contact_id=contact.id,
                meeting_id=last.meeting_id,
                message_id=last.id,
                due=due,
                state=state_of(due, today),
                urgent=False,
                snooze_reason=last.snooze_reason if snoozed else "",
                snoozed=snoozed,
            )
        )
    reminders.sort(key=SOONEST)
    return reminders


def outreach_dates(sent: date) -> tuple[date, date]:
    """When a request sent on `sent` is due its two nudges (3 and 7 business days on)."""
    return (
        business_days.add(sent, SECOND_CONTACT_AFTER),
        business_days.add(sent, FOLLOW_UP_AFTER),
    )


@dataclass(frozen=True, slots=True)
class Awaiting:
    """A meeting request still waiting for an answer."""

    request: MessageLike
    """The contact's latest meeting request (sent, with a `sent` date)."""
    second_contact: date
    """Its 3-business-day nudge date."""
    follow_up: date
    """Its 7-business-day nudge date."""
    followed_up: MessageLike | None
    """The one follow-up to it, once sent (`Message.follows`): no more nudges after it."""


def _sent_requests(messages: Iterable[MessageT]) -> list[MessageT]:
    """Meeting requests of their own, sent, oldest first (not the follow-ups to them)."""
    outreach = MessageKind.OUTREACH
    found = [
        m for m in messages if m.kind is outreach and m.follows is None and m.is_sent and m.sent
    ]
    found.sort(key=_LATEST)
    return found


def answer_days(
    meetings: Iterable[MeetingLike],
    messages: Iterable[MessageLike],
    company_replies: Iterable[date] = (),
) -> list[date]:
    """The days an answer came, sorted: replies, meetings held, and replies from their employer."""
    days = [m.replied for m in messages if m.replied is not None and m.is_sent]
    days += [m.when for m in meetings if not m.deleted]
    days += company_replies
    days.sort()
    return days


def _answered(days: Sequence[date], since: date, until: date = date.max) -> bool:
    """An answer on a day from `since` to `until` (both included)."""
    index = bisect_left(days, since)
    return index < len(days) and days[index] <= until


def awaiting(
    meetings: Iterable[MeetingLike],
    messages: Iterable[MessageLike],
    company_replies: Iterable[date] = (),
) -> Awaiting | None:
    """The contact's latest meeting request, while it waits for an answer; else None.

    An answer is a reply to any message of theirs (the follow-up to the request
    included), a meeting with them, or a reply from anyone at the same employer
    (`company_replies`), on or after the day the request went out. The one
    follow-up to a request is marked as such (`follows`) when it is drafted: it
    is never a request of its own, whenever a reply is recorded.
    """
    messages = list(messages)
    requests = _sent_requests(messages)
    if not requests:
        return None
    request = requests[-1]
    assert request.sent is not None
    if _answered(answer_days(meetings, messages, company_replies), request.sent):
        return None
    followed = next(
        (m for m in messages if m.follows == request.id and m.is_sent and m.sent is not None),
        None,
    )
    second, follow = outreach_dates(request.sent)
    return Awaiting(request, second, follow, followed)


def _nudge(
    contact: Contact,
    meetings: Sequence[MeetingLike],
    messages: Sequence[MessageLike],
    today: date,
    company_replies: Sequence[date],
) -> Reminder | None:
    """The nudge for an unanswered meeting request; closing one stage leaves the next."""
    waiting = awaiting(meetings, messages, company_replies)
    if waiting is None or waiting.followed_up is not None:
        return None
    request = waiting.request
    closed = request.closed
    if closed is not None and closed >= waiting.follow_up:
        return None
    later = today >= waiting.follow_up or closed is not None
    stage = Nudge.FOLLOW_UP_ONCE if later else Nudge.SECOND_CONTACT
    due = waiting.follow_up if later else waiting.second_contact
    snoozed = request.snoozed_until is not None and request.snoozed_until > due
    if snoozed and request.snoozed_until:
        due = request.snoozed_until
    return _new_reminder(
        key=nudge_key(request.id),
        kind=MessageKind.OUTREACH,
        contact_id=contact.id,
        meeting_id=None,
        message_id=request.id,
        due=due,
        state=state_of(due, today),
        urgent=False,
        snooze_reason=request.snooze_reason if snoozed else "",
        snoozed=snoozed,
        nudge=stage,
    )


def step_words(reminder: Reminder, name: str) -> str:
    """The step as a noun phrase, for dialogs and notes: "the follow-up for Ada", "the nudge
    about your meeting request to Ada", "the nudge to follow up once with Ada"."""
    if reminder.nudge is Nudge.FOLLOW_UP_ONCE:
        return f"the nudge to follow up once with {name}"
    if reminder.nudge is Nudge.SECOND_CONTACT:
        return f"the nudge about your meeting request to {name}"
    return f"the {reminder.kind.label.lower()} for {name}"


def step_due_words(reminder: Reminder, today: date) -> str:
    """ "due in 3 days", "4 days overdue"; a nudge, which counts business days, is overdue by
    business days ("2 business days overdue"; over a weekend, "overdue since Fri")."""
    if reminder.nudge is None or reminder.due >= today:
        return due_words(reminder.due, today)
    late = business_days.between(reminder.due, today)
    if late <= 0:
        return f"overdue since {reminder.due:%a}"
    return f"{late} business day{'s' if late != 1 else ''} overdue"


def company_key(company: str) -> str:
    """Two contacts work at the same place when this is equal and not empty."""
    return " ".join(company.split()).casefold()


def nudge_text(reminder: Reminder, contact: Contact | None) -> str:
    """What a nudge asks of the user, in a sentence ("No reply from Ada: try ...")."""
    name = (contact.first_name if contact else "") or "them"
    company = " ".join(contact.company.split()) if contact else ""
    waiting = reminder.state in (State.UPCOMING, State.SOON)
    if reminder.nudge is Nudge.FOLLOW_UP_ONCE:
        if waiting:
            return f"Follow up once with {name} if there is still no reply"
        return f"Follow up once with {name}"
    if waiting:
        return f"Awaiting a reply from {name} to your meeting request"
    if company:
        return f"No reply from {name}: try a second contact at {company}"
    return f"No reply from {name}: try a second person who could help"


class Level(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    SOON = "soon"
    OK = "ok"


@dataclass(frozen=True, slots=True)
class Status:
    """The badge a contact wears in the list."""

    level: Level
    label: str
    reminder: Reminder | None = None

    @property
    def sort_key(self) -> tuple[int, date]:
        """Most pressing first: overdue, due, soon, then by date."""
        order = list(Level).index(self.level)
        return order, self.reminder.due if self.reminder else date.max


def status(reminders: Sequence[Reminder], today: date) -> Status:
    if not reminders:
        return Status(Level.OK, "all good")
    first = min(reminders, key=SOONEST)
    if first.nudge is not None:
        return _nudge_status(first, today)
    what = first.kind.label.lower()
    if first.state is State.OVERDUE:
        return Status(Level.OVERDUE, f"{what} overdue", first)
    if (
        first.kind is MessageKind.THANK_YOU
        and first.state is not State.UPCOMING
        and not first.snoozed
    ):
        return Status(Level.DUE, "thank-you due", first)
    if first.state is State.DUE:
        return Status(Level.DUE, f"{what} due", first)
    # In the timeline's words ("follow-up in 4 weeks", its "due in 4 weeks").
    level = Level.SOON if first.state is State.SOON else Level.OK
    return Status(level, f"{what} {relative(first.due, today)}", first)


def _nudge_status(reminder: Reminder, today: date) -> Status:
    """ "no reply" / "follow up once" when due; "awaiting reply" before that."""
    if reminder.state is State.OVERDUE:
        return Status(Level.OVERDUE, reminder.label.lower(), reminder)
    if reminder.state is State.DUE:
        return Status(Level.DUE, reminder.label.lower(), reminder)
    level = Level.SOON if reminder.state is State.SOON else Level.OK
    return Status(level, "awaiting reply", reminder)


def agenda(reminders: Iterable[Reminder], today: date, days: int = SOON_DAYS) -> list[Reminder]:
    """Everything overdue, due, or due within `days`, oldest first."""
    horizon = today + timedelta(days=days)
    return sorted(
        (r for r in reminders if r.due <= horizon), key=lambda r: (r.due, not r.urgent, r.key)
    )


def open_homework(meetings: Iterable[Meeting]) -> list[tuple[Meeting, Insight]]:
    """Insights not yet done, oldest meeting first; favourites first within a meeting."""
    return cast(list[tuple[Meeting, Insight]], homework(meetings))


def homework(meetings: Iterable[MeetingLike]) -> list[tuple[MeetingLike, InsightLike]]:
    """`open_homework` for meetings or their facts."""
    found = _open_insights(meetings)
    found.sort(key=lambda pair: (pair[0].when, pair[0].id, not pair[1].favourite))
    return found


def homework_count(meetings: Iterable[MeetingLike]) -> int:
    """How many insights `open_homework` lists (the stats count them, unsorted)."""
    return len(_open_insights(meetings))


def _open_insights(meetings: Iterable[MeetingLike]) -> list[tuple[MeetingLike, InsightLike]]:
    """Insights not yet done, of meetings not deleted: the homework."""
    done = Homework.DONE
    return [
        (meeting, insight)
        for meeting in meetings
        if not meeting.deleted
        for insight in meeting.insights
        if insight.status is not done
    ]


@dataclass(frozen=True, slots=True)
class Score:
    """Follow-through (spec section 3)."""

    thanked_on_time: int = 0
    """Thank-you sent within 24 hours (by the day after the meeting)."""
    thanked_late: int = 0
    """Sent within 48 hours: late, not on time."""
    thank_you_eligible: int = 0
    followed_on_time: int = 0
    """Follow-ups and updates sent by their due date."""
    follow_up_eligible: int = 0

    @property
    def thank_you_rate(self) -> float | None:
        return _rate(self.thanked_on_time, self.thank_you_eligible)

    @property
    def follow_up_rate(self) -> float | None:
        return _rate(self.followed_on_time, self.follow_up_eligible)

    @property
    def overall(self) -> float | None:
        return _rate(
            self.thanked_on_time + self.followed_on_time,
            self.thank_you_eligible + self.follow_up_eligible,
        )


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def follow_through(
    meetings: Iterable[MeetingLike], messages: Iterable[MessageLike], today: date
) -> Score:
    """Share of meetings thanked within 24 h and of follow-ups sent on time.

    A meeting counts once its thank-you window (the day after) has passed or a
    thank-you was sent; one closed without a message does not count. For the
    follow-ups see `_follow_ups`.
    """
    live = [m for m in meetings if not m.deleted]
    live_ids = {m.id for m in live}
    outreach = MessageKind.OUTREACH  # a meeting request is before the cycle: not scored
    messages = [
        m
        for m in messages
        if m.is_sent
        and m.sent
        and m.kind is not outreach
        and (m.meeting_id is None or m.meeting_id in live_ids)
    ]
    first_thanks: dict[int, date] = {}
    for message in messages:
        if (
            message.kind is MessageKind.THANK_YOU
            and message.meeting_id is not None
            and message.sent
        ):
            earlier = first_thanks.get(message.meeting_id)
            first_thanks[message.meeting_id] = min(message.sent, earlier or message.sent)
    on_time = late = eligible = 0
    for meeting in live:
        sent = first_thanks.get(meeting.id)
        if sent is None and (meeting.closed or today <= meeting.when + timedelta(days=1)):
            continue
        eligible += 1
        if sent is not None and sent <= meeting.when + timedelta(days=1):
            on_time += 1
        elif sent is not None and sent <= meeting.when + timedelta(days=2):
            late += 1
    followed, follow_eligible = _follow_ups(live, messages, today)
    return Score(on_time, late, eligible, followed, follow_eligible)


def _follow_ups(
    meetings: Sequence[MeetingLike], sent: Sequence[MessageLike], today: date
) -> tuple[int, int]:
    """(on time, counted) for the next touches that sent messages scheduled.

    Per contact, each sent message's next touch is answered by the next message
    sent. It counts once answered or once its due date has passed; it is on time
    when a follow-up or update went out by the due date. A meeting before the
    due date restarts the clock (as in `contact_reminders`), and a thank-you for
    that meeting sent in time replaces the touch: it is not counted. A closed
    touch is not counted; a snooze does not move the date that is scored.
    """
    met: dict[int, list[date]] = {}
    for meeting in meetings:
        met.setdefault(meeting.contact_id, []).append(meeting.when)
    chains: dict[int, list[MessageLike]] = {}
    for message in sent:
        chains.setdefault(message.contact_id, []).append(message)
    on_time = counted = 0
    for contact_id, chain in chains.items():
        chain.sort(key=lambda m: (m.sent or date.min, m.id))
        days = sorted(met.get(contact_id, ()))
        for index, message in enumerate(chain):
            if message.next_due is None or message.sent is None or message.closed:
                continue
            following = chain[index + 1] if index + 1 < len(chain) else None
            answered = following.sent if following is not None else None
            due = _restarted_due(message.sent, message.next_due, days, answered or today)
            if following is None or answered is None:
                if today > due:
                    counted += 1  # never sent, and the date has passed
            elif following.kind is MessageKind.THANK_YOU:
                if answered > due:
                    counted += 1  # already missed when the next meeting's thanks went out
            else:
                counted += 1
                if answered <= due:
                    on_time += 1
    return on_time, counted


def _restarted_due(sent: date, due: date, meeting_days: Sequence[date], until: date) -> date:
    """The due date pushed on by meetings held after `sent`, before it fell due and by `until`."""
    cadence = due - sent
    for day in meeting_days:
        if sent < day <= until and day <= due:
            due = max(due, day + cadence)
    return due


def silent_meetings(
    meetings: Iterable[MeetingT], messages: Iterable[MessageLike]
) -> list[MeetingT]:
    """Meetings after which nothing was sent and that were not closed: not thanked."""
    answered = {m.meeting_id for m in messages if m.is_sent}
    return sorted(
        (m for m in meetings if not m.deleted and not m.closed and m.id not in answered),
        key=lambda m: (m.when, m.id),
    )
