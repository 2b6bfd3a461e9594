"""What the user's actions do to the data: the decisions behind the keys.

The screens ask here and present the answer; nothing here knows about Textual,
so the rules are tested on their own (tests/core/test_workflows.py) and the
command line could use them too. Every action that changes more than one
thing runs inside `store.batch()`: it is one save, all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Literal

from threety_tui.core import compose, rules, sender
from threety_tui.core.body import CheckItem
from threety_tui.core.dates import due_words, relative, short
from threety_tui.core.models import (
    Contact,
    Homework,
    Insight,
    Meeting,
    Message,
    MessageKind,
    MessageStatus,
    Settings,
)
from threety_tui.core.news import News, whats_new
from threety_tui.core.store import Store
from threety_tui.core.wordings import wordings

Severity = Literal["information", "warning"]

NEXT_STATUS = {
    Homework.TODO: Homework.DOING,
    Homework.DOING: Homework.DONE,
    Homework.DONE: Homework.TODO,
}
"""`h` moves an insight's homework on: todo, doing, done, and round again."""


@dataclass(frozen=True, slots=True)
class Note:
    """Something the user should be told after an action."""

    text: str
    severity: Severity = "information"


# -- drafts -------------------------------------------------------------------


class Opened(StrEnum):
    NEW = "new"
    """A new draft, pre-filled."""
    EXISTING = "existing"
    """The open draft of that kind for that meeting, reopened (never a second one)."""
    REFRESHED = "refreshed"
    """The open update, reopened and brought up to date with news recorded since (saved)."""
    SENT = "sent"
    """The thank-you already went out: it is shown (read only), nothing is drafted."""


@dataclass(frozen=True, slots=True)
class DraftStart:
    """What `start_draft` did: the message to show, and what to tell the user."""

    message: Message | None
    """None: nothing could be drafted (see `notes`)."""
    opened: Opened | None = None
    part: str = "highlight"
    """The field to type in first: the benefit when one is missing."""
    notes: tuple[Note, ...] = ()

    @property
    def saved(self) -> bool:
        """The store changed: a new draft, or an open one brought up to date."""
        return self.opened in (Opened.NEW, Opened.REFRESHED)


def meeting_for(store: Store, contact: Contact, selected: Meeting | None) -> Meeting | None:
    """The meeting a draft is for: the selected one if it is this contact's, else their latest."""
    if selected is not None and selected.contact_id == contact.id:
        current = store.meeting(selected.id)
        if current is not None and not current.deleted:
            return current
    meetings = store.meetings_of(contact.id)
    return meetings[0] if meetings else None


def insight_for(kind: MessageKind, meeting: Meeting, sent: list[Message]) -> Insight | None:
    """The insight a draft quotes: a follow-up or update keeps the thank-you's, else the favourite."""
    if kind is not MessageKind.THANK_YOU:
        for message in sent:
            if message.insight_id and (insight := meeting.insight(message.insight_id)):
                return insight
    return meeting.favourite


def start_draft(
    store: Store,
    kind: MessageKind,
    contact: Contact,
    meeting: Meeting | None,
    today: date,
) -> DraftStart:
    """Open the draft of `kind` for `meeting`: reopen one that exists, else write a new one."""
    if meeting is None:
        return DraftStart(
            None,
            notes=(
                Note(f"No meeting with {contact.name} yet: press m to log one first.", "warning"),
            ),
        )
    if kind is MessageKind.THANK_YOU and meeting.when > today:
        return DraftStart(
            None,
            notes=(
                Note(
                    f"The meeting with {contact.name} is {relative(meeting.when, today)} "
                    f"({short(meeting.when, today)}): the thank-you comes after it.",
                    "warning",
                ),
            ),
        )
    if kind is MessageKind.UPDATE:
        return _start_update(store, contact, meeting, today)
    existing = store.find_draft(meeting.id, kind, contact.id)
    if existing is not None:
        return DraftStart(existing, Opened.EXISTING)
    sent = [m for m in store.messages_of(contact.id) if m.is_sent and m.meeting_id == meeting.id]
    thanked = next((m for m in sent if m.kind is MessageKind.THANK_YOU), None)
    followed = next((m for m in sent if m.kind is MessageKind.FOLLOW_UP), None)
    if kind is MessageKind.THANK_YOU and thanked is not None:
        went = short(thanked.sent or meeting.when, today)
        if followed is not None:
            then = short(followed.sent or meeting.when, today)
            next_one = f"the follow-up too, on {then}. Press u for an update."
        else:
            next_one = "press f for the follow-up."
        return DraftStart(
            thanked,
            Opened.SENT,
            notes=(Note(f"The thank-you for this meeting went out on {went}; {next_one}"),),
        )
    if kind is MessageKind.FOLLOW_UP and followed is not None:  # one follow-up a meeting
        went = short(followed.sent or meeting.when, today)
        return DraftStart(
            followed,
            Opened.SENT,
            notes=(
                Note(
                    f"The follow-up for this meeting went out on {went}. Press u for an "
                    "update: what you did since, and what came of it."
                ),
            ),
        )
    insight = insight_for(kind, meeting, sent)
    message = store.save_message(
        compose.new_draft(kind, contact, meeting, today, insight=insight, settings=store.settings)
    )
    notes: list[Note] = []
    ask_benefit = False
    if kind is not MessageKind.THANK_YOU and thanked is None:
        notes.append(
            Note(
                "No thank-you has gone out for this meeting yet: send that first (t); "
                "the follow-up comes about a month after it.",
                "warning",
            )
        )
    elif kind is MessageKind.FOLLOW_UP and not message.parts.benefit:
        ask_benefit = True
        notes.append(
            Note(
                "No benefit is recorded for this advice yet: say what came of acting on it.",
                "warning",
            )
        )
    if kind is MessageKind.THANK_YOU and insight is None:
        notes.append(Note("This meeting has no insights: name the best advice in the highlight."))
    return DraftStart(
        message, Opened.NEW, part="benefit" if ask_benefit else "highlight", notes=tuple(notes)
    )


def update_meeting(store: Store, contact: Contact, meeting: Meeting, news: News) -> Meeting:
    """The meeting an update is written about: the one whose insight has news.

    An update is to the person, about what came of their advice: the insight
    it names, the insights the editor offers and those the checklist checks
    are that meeting's, even when a later meeting (which the update thanks
    them for) is the one selected. Without news, the selected meeting if it
    has insights, else the latest one that has.
    """
    meetings = store.meetings_of(contact.id)
    new = news.insight
    if new is not None and meeting.insight(new.id) is None:
        found = next((m for m in meetings if m.insight(new.id) is not None), None)
        if found is not None:
            return found
    if new is None and not meeting.insights:
        return next((m for m in meetings if m.insights), meeting)
    return meeting


def _start_update(store: Store, contact: Contact, meeting: Meeting, today: date) -> DraftStart:
    """`u`: the open update (brought up to date with what is new), else a new one."""
    news = news_for(store, contact.id, today)
    existing = next(
        (
            m
            for m in store.messages_of(contact.id)
            if m.kind is MessageKind.UPDATE and m.status is MessageStatus.DRAFT
        ),
        None,
    )  # one update in the works per person, whichever meeting it was drafted from
    if existing is not None:
        about = store.meeting(existing.meeting_id) if existing.meeting_id else None
        refreshed = refresh_update(store, existing, contact, about or meeting, news, today)
        if refreshed is not None:
            since = f" since {short(news.since, today)}" if news.since else ""
            note = Note(f"Update brought up to date with what is new{since}.")
            return DraftStart(refreshed, Opened.REFRESHED, notes=(note,))
        return DraftStart(
            existing, Opened.EXISTING, notes=_update_notes(store, contact, news, today)
        )
    meeting = update_meeting(store, contact, meeting, news)
    sent = [m for m in store.messages_of(contact.id) if m.is_sent and m.meeting_id == meeting.id]
    message = store.save_message(
        compose.new_draft(
            MessageKind.UPDATE,
            contact,
            meeting,
            today,
            insight=insight_for(MessageKind.UPDATE, meeting, sent),
            settings=store.settings,
            news=news,
        )
    )
    part = "benefit" if news.empty else "highlight"
    return DraftStart(
        message, Opened.NEW, part=part, notes=_update_notes(store, contact, news, today)
    )


def _update_notes(store: Store, contact: Contact, news: News, today: date) -> tuple[Note, ...]:
    """What to tell the user about an update: nothing sent yet, or nothing new to tell."""
    if not any(m.is_sent for m in store.messages_of(contact.id)):
        return (
            Note(
                f"Nothing has gone out to {contact.name} yet: the thank-you comes first (t), "
                "then the follow-up (f); updates come after them.",
                "warning",
            ),
        )
    if news.empty:
        since = f" since {short(news.since, today)}" if news.since else ""
        return (
            Note(
                f"Nothing new is recorded{since}: say in the benefit what you did or what came "
                "of it (h marks homework done, b records a benefit).",
                "warning",
            ),
        )
    return ()


_REFRESHED = ("subject", "gratitude", "highlight", "benefit")
"""The parts of an open update that follow the news, while they are as pre-filled."""


def refresh_update(
    store: Store,
    message: Message,
    contact: Contact,
    meeting: Meeting,
    news: News,
    today: date,
) -> Message | None:
    """An open update brought up to date with news recorded since it was drafted; None: no change.

    Only parts still as pre-filled (a wording the composer offers, for this
    news or less of it) are rewritten; words the user typed are kept.
    """
    sent = [m for m in store.messages_of(contact.id) if m.is_sent and m.meeting_id == meeting.id]
    insight = insight_for(MessageKind.UPDATE, meeting, sent)
    fresh = compose.new_draft(
        MessageKind.UPDATE, contact, meeting, today, insight=insight, settings=store.settings,
        news=news,
    )  # fmt: skip
    named = meeting.insight(message.insight_id) if message.insight_id else None
    earlier = [
        compose.context(
            MessageKind.UPDATE,
            contact,
            meeting,
            today,
            insight=about,
            news=less,
            settings=store.settings,
        )
        for about in (named, insight)
        for less in _less_news(news)
    ]
    parts = message.parts
    subject = message.subject
    for name in _REFRESHED:
        current = subject if name == "subject" else getattr(parts, name)
        new = fresh.subject if name == "subject" else getattr(fresh.parts, name)
        if _same(current, new) or not _prefilled(name, current, earlier):
            continue
        if name == "subject":
            subject = new
        else:
            parts = replace(parts, **{name: new})
    if (parts, subject) == (message.parts, message.subject):
        return None
    chosen = fresh.insight_id if parts.highlight == fresh.parts.highlight else message.insight_id
    return store.save_message(
        replace(
            message,
            parts=parts,
            subject=subject,
            body=compose.render_body(parts),
            insight_id=chosen,
        )
    )


def _less_news(news: News) -> list[News]:
    """The news as it may have stood when a draft was written: all, part, or none of it."""
    return [
        news,
        News(news.since, done=news.done, said=news.said),
        News(news.since, benefits=news.benefits, said=news.said),
        News(news.since, meetings=news.meetings, said=news.said),
        News(news.since, said=news.said),
    ]


def _prefilled(name: str, text: str, contexts: list[compose.DraftContext]) -> bool:
    """Empty, or one of the composer's wordings of the part: not words the user typed."""
    if not text.strip():
        return True
    return any(_same(text, option) for ctx in contexts for option in wordings(name, ctx))


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def logged_note(meeting: Meeting, today: date) -> str:
    """What to say once a meeting is logged: the thank-you is next, prompt or late."""
    late = (today - meeting.when).days
    if late >= compose.LATE_DAYS:
        return (
            f"Meeting logged, {relative(meeting.when, today)}. Press t for the thank-you: it "
            "says it is late, and a late thank-you beats none."
        )
    return "Meeting logged. Press t to draft the thank-you while it is fresh."


def open_request(store: Store, contact_id: int) -> Message | None:
    """The contact's last meeting request sent and not yet followed by a meeting logged.

    None when there is none, or when a meeting on or after the day it was sent is
    logged (the request led somewhere), or when it went unanswered and its one
    follow-up is out: the nudges are over, asking again is a new request.
    """
    messages = store.messages_of(contact_id)
    sent = [m for m in messages if m.is_request and m.sent is not None]
    if not sent:
        return None
    request = max(sent, key=lambda m: (m.sent or date.min, m.id))
    assert request.sent is not None
    if any(m.when >= request.sent for m in store.meetings_of(contact_id)):
        return None
    followed = any(m.follows == request.id and m.is_sent for m in messages)
    if request.replied is None and followed:
        return None
    return request


def request_note(store: Store, contact: Contact, today: date | None = None) -> Note | None:
    """What to say instead of starting another meeting request (None: nothing stands in the way).

    Answered: log the meeting (m). Sent and unanswered: it awaits a reply (r).
    """
    request = open_request(store, contact.id)
    if request is None or request.sent is None:
        return None
    asked = short(request.sent, today)
    if request.replied is not None:
        return Note(
            f"You asked {contact.name} for a meeting on {asked} and they replied on "
            f"{short(request.replied, today)}: press m to log the meeting you had.",
            "warning",
        )
    return Note(
        f"Your meeting request to {contact.name} of {asked} awaits a reply: its nudges come "
        "in the agenda, and r on the request in the timeline records their answer.",
        "warning",
    )


def no_draft_note(store: Store, contact: Contact | None, today: date | None = None) -> Note:
    """What Copy, Mail and Mark sent say with no draft open: where one is, or which key makes one.

    A contact with a draft waiting (a meeting request, say) is pointed to it,
    one with no meeting yet to w and m (t would only say "No meeting").
    """
    if contact is None:
        return Note("No draft open: select a contact first (or press a to add one).", "warning")
    waiting = [m for m in store.messages_of(contact.id) if not m.is_sent]
    if waiting:
        draft = max(waiting, key=lambda m: m.id)
        return Note(
            f"No draft open: {contact.name}'s {draft.kind.label.lower()} draft is in the "
            "timeline (✎): put the cursor on it and press enter.",
            "warning",
        )
    meetings = store.meetings_of(contact.id)
    if not meetings:
        asked = request_note(store, contact, today)
        if asked is not None:
            return replace(asked, text=f"No draft open: {asked.text[:1].lower()}{asked.text[1:]}")
        return Note(
            f"No draft open, and no meeting with {contact.name} yet: press w to ask them "
            "for one, or m to log one you had.",
            "warning",
        )
    sent = {
        m.kind
        for m in store.messages_of(contact.id)
        if m.is_sent and m.meeting_id == meetings[0].id
    }
    key, what = (
        ("t", "the thank-you")
        if MessageKind.THANK_YOU not in sent
        else ("f", "the follow-up")
        if MessageKind.FOLLOW_UP not in sent
        else ("u", "an update")
    )
    return Note(f"No draft open: press {key} to draft {what} to {contact.name}.", "warning")


def draft_for_step(store: Store, reminder: rules.Reminder, today: date) -> DraftStart:
    """The draft a next step asks for (Enter on a step in the timeline or the agenda)."""
    contact = store.contact(reminder.contact_id)
    meeting = store.meeting(reminder.meeting_id) if reminder.meeting_id else None
    if contact is None or meeting is None:
        return DraftStart(None, notes=(Note("That step's meeting is gone.", "warning"),))
    return start_draft(store, reminder.kind, contact, meeting, today)


def news_for(store: Store, contact_id: int, today: date) -> News:
    """What is new for a contact since the last message they got (what an update tells)."""
    return whats_new(store.meetings_of(contact_id), store.messages_of(contact_id), today)


def draft_news(store: Store, message: Message, today: date) -> News | None:
    """The news an update is checked against (None for any other kind of message)."""
    if message.kind is not MessageKind.UPDATE:
        return None
    return news_for(store, message.contact_id, today)


def checklist_for(store: Store, message: Message, today: date) -> list[CheckItem]:
    """The draft's checklist as it stands in the store's data (what Mark sent asks about)."""
    contact = store.contact(message.contact_id) or Contact("")
    meeting = store.meeting(message.meeting_id) if message.meeting_id else None
    return compose.draft_checklist(
        message,
        contact,
        meeting,
        news=draft_news(store, message, today),
        settings=store.settings,
    )


def send_question(store: Store, message: Message, today: date) -> str | None:
    """What Mark sent asks before the date when checklist items are amber; None: all green."""
    return compose.send_question(checklist_for(store, message, today))


def change_sender(store: Store, new: Settings) -> list[Message]:
    """Save settings with a (new) name or sign-off, and sign the drafts still open with it.

    A draft whose sign-off is still a default (see `sender.resign_drafts`) gets
    the new one; a sign-off the user edited is left alone. One write. Returns
    the drafts re-signed.
    """
    old = store.settings
    with store.batch():
        store.update_settings(new)
        if sender.signature(old) == sender.signature(new):
            return []
        changed = sender.resign_drafts(store.all_messages(), old, new)
        for message in changed:
            store.save_message(message)
    return changed


def sign_as(store: Store, name: str, sign_off: str = "") -> list[Message]:
    """The first-run answer: the sender's name (and closing line); drafts open signed with it."""
    return change_sender(store, sender.with_sender(store.settings, name, sign_off))


def decline_name(store: Store) -> None:
    """The first-run question skipped: never asked again (the checklist keeps saying it)."""
    store.update_settings(sender.declined(store.settings))


def save_draft(store: Store, message: Message) -> Message | None:
    """Store a draft as edited; None when there is nothing to save.

    A message sent meanwhile (or deleted) is never overwritten by an editor
    still holding its draft.
    """
    if message.is_sent or not message.id:
        return None
    stored = store.message(message.id)
    if stored is None or stored.is_sent:
        return None
    if (stored.parts, stored.subject, stored.insight_id, stored.body) == (
        message.parts,
        message.subject,
        message.insight_id,
        message.body,
    ):
        return None
    return store.save_message(message)


# -- sending ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sent:
    message: Message
    next_step: rules.Reminder | None
    """The touch this send scheduled (a follow-up after a thank-you, then updates)."""
    benefit_copied: bool
    """The follow-up's benefit was copied to its insight (which had none)."""
    company: str = ""
    """The contact's employer (where a meeting request's second contact would be)."""

    def summary(self, today: date) -> str:
        step = self.next_step
        message = self.message
        if message.kind is MessageKind.OUTREACH:  # a meeting request waits for a reply
            if message.follows is not None:
                return (
                    "Marked sent: awaiting a reply. That was the one follow-up to your request: "
                    "no more nudges."
                )
            if step is None or step.nudge is None or message.sent is None:
                return (
                    "Marked sent. An answer has come since it went out (a reply or a meeting): "
                    "no nudges."
                )
            from threety_tui.core.outreach import awaiting_words

            return "Marked sent: awaiting a reply. " + awaiting_words(
                message.sent, today, self.company
            )
        if step is None:
            return "Marked sent."
        return f"Marked sent. {step.label} {due_words(step.due, today)} ({short(step.due, today)})."


def mark_sent(store: Store, message_id: int, on: date, today: date) -> Sent:
    """Record the message as sent, and keep the benefit it told of on its insight.

    One action, one save: the send and the benefit copy happen together or not at all.
    """
    copied = False
    with store.batch():
        done = store.mark_sent(message_id, on, today=today)
        meeting = store.meeting(done.meeting_id) if done.meeting_id else None
        insight = meeting.insight(done.insight_id) if meeting and done.insight_id else None
        benefit = done.parts.benefit.strip()
        if (
            meeting is not None
            and insight is not None
            and done.kind is not MessageKind.THANK_YOU
            and benefit
            and not insight.benefit.strip()
        ):
            store.update_insight(meeting.id, replace(insight, benefit=benefit))
            copied = True
    upcoming = next(
        (r for r in store.reminders_of(done.contact_id, today) if r.message_id == done.id), None
    )
    contact = store.contact(done.contact_id)
    return Sent(done, upcoming, copied, contact.company if contact else "")


# -- next steps ---------------------------------------------------------------


def step_for(store: Store, contact_id: int, today: date) -> rules.Reminder | None:
    """The step `z` and `x` act on when none is selected: the contact's soonest."""
    steps = store.reminders_of(contact_id, today)
    return steps[0] if steps else None


def snooze(store: Store, reminder: rules.Reminder, until: date, reason: str, today: date) -> str:
    """Move a step to `until`; returns what to tell the user."""
    store.snooze(reminder.key, until, reason.strip())
    what = rules.step_words(reminder, _name(store, reminder))
    return f"{what[:1].upper()}{what[1:]} snoozed to {short(until, today)}."


def close_step(store: Store, reminder: rules.Reminder, today: date) -> str:
    """Done without a message: the step leaves the agenda; returns what to tell the user."""
    store.close_reminder(reminder.key, today)
    what = rules.step_words(reminder, _name(store, reminder))
    said = f"{what[:1].upper()}{what[1:]} closed without a message."
    after = next((r for r in store.reminders_of(reminder.contact_id, today) if r.nudge), None)
    if reminder.nudge is rules.Nudge.SECOND_CONTACT and after is not None:
        said += f" The nudge to follow up once comes on {short(after.due, today)}."
    return said


def close_question(store: Store, reminder: rules.Reminder) -> str:
    what = rules.step_words(reminder, _name(store, reminder))
    if reminder.nudge is rules.Nudge.SECOND_CONTACT:
        return (
            f"Close {what} without writing to anyone else? The nudge to follow up once "
            "still comes after 7 business days without a reply."
        )
    if reminder.nudge is not None:
        return f"Close {what} without sending it? No more nudges come for this request."
    return (
        f"Close {what} without sending a message? It leaves the agenda; the next meeting "
        "or message starts a new step."
    )


def _name(store: Store, reminder: rules.Reminder) -> str:
    contact = store.contact(reminder.contact_id)
    return contact.name if contact else "this contact"


# -- homework and benefits ----------------------------------------------------


def set_homework(
    store: Store, meeting_id: int, insight_id: str, status: Homework, today: date
) -> tuple[Insight, str]:
    """Give an insight's homework a status (dated when done); returns it and what to say."""
    meeting = _meeting(store, meeting_id)
    insight = _insight(meeting, insight_id)
    updated = replace(insight, status=status, done=today if status is Homework.DONE else None)
    store.update_insight(meeting.id, updated)
    hint = (
        " Press b to record what came of it."
        if status is Homework.DONE and not insight.benefit.strip()
        else ""
    )
    return updated, f"Homework marked {status.value}.{hint}"


def cycle_homework(
    store: Store, meeting_id: int, insight_id: str, today: date
) -> tuple[Insight, str]:
    """`h`: todo, doing, done, and round again."""
    insight = _insight(_meeting(store, meeting_id), insight_id)
    return set_homework(store, meeting_id, insight_id, NEXT_STATUS[insight.status], today)


def record_benefit(
    store: Store, meeting_id: int, insight_id: str, benefit: str, today: date
) -> tuple[Insight, str]:
    """What came of acting on the advice; recording one marks the homework done.

    A benefit means the advice was acted on, so homework still at todo or
    doing is marked done (dated today) in the same save. Clearing the
    benefit leaves the status alone.
    """
    meeting = _meeting(store, meeting_id)
    insight = _insight(meeting, insight_id)
    benefit = " ".join(benefit.split())
    updated = replace(insight, benefit=benefit)
    finished = bool(benefit) and insight.status is not Homework.DONE
    if finished:
        updated = replace(updated, status=Homework.DONE, done=today)
    with store.batch():
        store.update_insight(meeting.id, updated)
    if not benefit:
        return updated, "Benefit cleared."
    done = " Homework marked done." if finished else ""
    return updated, f"Benefit recorded: {_who_tells(store, meeting)}.{done}"


def _who_tells(store: Store, meeting: Meeting) -> str:
    """Which message will carry a benefit just recorded: the follow-up, or once it went, an update."""
    followed = any(
        m.is_sent and m.kind is MessageKind.FOLLOW_UP and m.meeting_id == meeting.id
        for m in store.messages_of(meeting.contact_id)
    )
    if followed:
        return "your next update will mention it (u drafts it, or brings an open one up to date)"
    return "the follow-up will mention it"


def _meeting(store: Store, meeting_id: int) -> Meeting:
    meeting = store.meeting(meeting_id)
    if meeting is None:
        raise KeyError(f"no meeting with id {meeting_id}")
    return meeting


def _insight(meeting: Meeting, insight_id: str) -> Insight:
    insight = meeting.insight(insight_id)
    if insight is None:
        raise KeyError(f"no insight {insight_id} in meeting {meeting.id}")
    return insight


# -- deleting -----------------------------------------------------------------


def delete_meeting_question(meeting: Meeting, today: date) -> str:
    return f"Move the meeting of {short(meeting.when, today)} to the trash?"


# -- discarding a draft -------------------------------------------------------


def discard_target(
    store: Store, selected: Message | None, open_draft: Message | None
) -> tuple[Message | None, str]:
    """The draft Discard draft acts on: the timeline's (`selected`), else the editor's.

    Returns (the draft as stored, "") or (None, why there is none to discard).
    """
    sent: Message | None = None
    for candidate in (selected, open_draft):
        current = store.message(candidate.id) if candidate is not None else None
        if current is not None and not current.is_sent:
            return current, ""
        if current is not None and candidate is selected:
            sent = current
    if sent is not None:
        return None, (
            f"That {sent.label.lower()} was sent: it is part of the record and stays. "
            "Only a draft can be discarded."
        )
    return None, (
        "No draft to discard: put the timeline's cursor on a draft (✎), or open one in the editor."
    )


def discard_question(store: Store, message: Message, today: date) -> str:
    contact = store.contact(message.contact_id)
    name = contact.name if contact else "this contact"
    stamp = message.updated or message.created
    when = f" (last edited {short(stamp.date(), today)})" if stamp else ""
    return (
        f"Discard your {message.label.lower()} draft to {name}{when}? It is deleted for "
        "good: drafts do not go to the trash."
    )


def discard_draft(store: Store, message_id: int) -> str:
    """Delete a draft for good (never a sent message); returns what to tell the user."""
    message = store.message(message_id)
    if message is None:
        return "That draft is gone already."
    contact = store.contact(message.contact_id)
    store.delete_draft(
        message_id
    )  # ValueError for a sent message: `discard_target` never gives one
    name = contact.name if contact else "this contact"
    return f"{message.label} draft to {name} discarded."
