"""What the keys of the whole loop do to the data (spec section 8).

The meeting request (`w`), a reply (`r`), Enter on a nudge, accepting or
turning down the kind the evidence suggests, and the journey for one person:
the decisions behind those keys, free of Textual like `workflows`, which this
module extends (the same `DraftStart` and `Note` come back to the screens).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from threety_tui.core import business_days, compose, evidence, journey, outreach, rules
from threety_tui.core.dates import short
from threety_tui.core.day_limits import reply_problem
from threety_tui.core.errors import InputError
from threety_tui.core.evidence import KindSuggestion
from threety_tui.core.models import Contact, Kind, KindSource, Message, MessageKind
from threety_tui.core.store import Store
from threety_tui.core.timeline import reply_words
from threety_tui.core.workflows import DraftStart, Note, Opened, request_note

# -- the meeting request ----------------------------------------------------------


def start_request(store: Store, contact: Contact, today: date) -> DraftStart:
    """`w`: the contact's meeting request; an outreach draft already open is reopened.

    While a request of theirs still waits for a reply (its nudges open), `w` opens
    the one follow-up to it instead: a second request would only be that. A request
    answered (or awaiting a reply) with no meeting logged since starts none: the note
    points to m (or r).
    """
    nudge = next((r for r in store.reminders_of(contact.id, today) if r.nudge), None)
    request = store.message(nudge.message_id) if nudge and nudge.message_id else None
    if request is not None and request.sent is not None:
        start = _follow_up_note(store, contact, request, today)
        if start.opened is Opened.NEW:
            when = short(request.sent, today)
            note = Note(
                f"Your meeting request of {when} is still unanswered: this is the one "
                "follow-up to it, not a new request.",
                "warning",
            )
            return replace(start, notes=(note, *start.notes))
        return start
    existing = store.find_draft(None, MessageKind.OUTREACH, contact.id)
    if existing is not None:
        return DraftStart(existing, Opened.EXISTING, part="gratitude")
    asked = request_note(store, contact, today)
    if asked is not None:  # answered (log the meeting), or awaiting a reply: not a second one
        return DraftStart(None, notes=(asked,))
    draft = compose.new_draft(MessageKind.OUTREACH, contact, None, today, settings=store.settings)
    message = store.save_message(draft)
    notes: list[Note] = []
    if store.meetings_of(contact.id):
        notes.append(
            Note(f"You have met {contact.name} already: t drafts the thank-you for that meeting.")
        )
    if not contact.how_met.strip():
        notes.append(Note("Say first how you are connected: who introduced you, or where you met."))
    return DraftStart(message, Opened.NEW, part="gratitude", notes=tuple(notes))


# -- Enter on a nudge -------------------------------------------------------------


def follow_up_once(store: Store, reminder: rules.Reminder, today: date) -> DraftStart:
    """Enter on the 7-business-day nudge: the short note, drafted once and reopened after."""
    contact = store.contact(reminder.contact_id)
    request = store.message(reminder.message_id) if reminder.message_id else None
    if contact is None or request is None:
        return DraftStart(None, notes=(Note("That meeting request is gone.", "warning"),))
    return _follow_up_note(store, contact, request, today)


def _follow_up_note(store: Store, contact: Contact, request: Message, today: date) -> DraftStart:
    """The one follow-up to `request`: its open draft, else a new one."""
    existing = store.find_draft(None, MessageKind.OUTREACH, contact.id, follows=request.id)
    if existing is not None:
        return DraftStart(existing, Opened.EXISTING)
    message = store.save_message(
        outreach.follow_up_once_draft(contact, request, today, your_name=store.settings.your_name)
    )
    note = Note(
        f"Sending this follow-up is the last nudge for {contact.name}; "
        "if they answer, press r on it or on the request."
    )
    return DraftStart(message, Opened.NEW, notes=(note,))


@dataclass(frozen=True, slots=True)
class SecondContact:
    """Enter on the 3-business-day nudge: who else works at the same employer."""

    contact: Contact
    """The person who has not answered."""
    mates: tuple[Contact, ...]
    """The other contacts at the same employer, by name."""

    @property
    def company(self) -> str:
        return " ".join(self.contact.company.split())

    @property
    def heading(self) -> str:
        name = self.contact.first_name or self.contact.name
        if not self.company:
            return (
                f"No reply from {name}, and no employer is recorded for them: "
                "try a second person who could help."
            )
        if not self.mates:
            return (
                f"No reply from {name}: no one else at {self.company} is in your contacts "
                "yet. Add someone who works there."
            )
        return f"No reply from {name}: try a second contact at {self.company}."


def second_contact(store: Store, reminder: rules.Reminder) -> SecondContact | None:
    """The people to try instead (None when the contact is gone)."""
    contact = store.contact(reminder.contact_id)
    if contact is None:
        return None
    mates = sorted(store.company_mates(contact.id), key=lambda c: (c.name.casefold(), c.id))
    return SecondContact(contact, tuple(mates))


# -- replies ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReplyTarget:
    """The sent message `r` acts on, or why there is none."""

    message: Message | None
    problem: str = ""


def reply_target(
    store: Store,
    contact: Contact,
    selected: Message | None = None,
    reminder: rules.Reminder | None = None,
) -> ReplyTarget:
    """The selected sent message, else the step's message, else the contact's latest sent one."""
    if selected is not None:
        current = store.message(selected.id)
        if current is not None and current.is_sent:
            return ReplyTarget(current)
        if current is not None:
            return ReplyTarget(
                None,
                f"That {current.label.lower()} is a draft: only a sent message can have "
                "a reply. Put the cursor on a sent one.",
            )
    if reminder is not None and reminder.message_id:
        current = store.message(reminder.message_id)
        if current is not None and current.is_sent:
            return ReplyTarget(current)
    latest = rules.latest_sent(store.messages_of(contact.id))
    if latest is None:
        return ReplyTarget(
            None, f"Nothing has been sent to {contact.name} yet: a reply answers a sent message."
        )
    return ReplyTarget(latest)


def after_words(message: Message, on: date) -> str:
    """ "the same day" / "1 business day" / "4 business days" after the message went out."""
    if message.sent is None:
        return ""
    days = business_days.between(message.sent, on)
    if days <= 0:
        return "the same day"
    return f"{days} business day{'s' if days != 1 else ''} after"


def _nudged(store: Store, contact_ids: Sequence[int], today: date) -> list[int]:
    return [
        id for id in contact_ids if any(r.nudge is not None for r in store.reminders_of(id, today))
    ]


@dataclass(frozen=True, slots=True)
class ReplyRecorded:
    message: Message
    contact: Contact
    closed: tuple[Contact, ...]
    """Whose nudges the reply closed (the contact, people at the same employer)."""
    suggestion: KindSuggestion | None
    """The kind the evidence now suggests for the contact, if any."""

    def summary(self, today: date) -> str:
        message = self.message
        assert message.replied is not None and message.sent is not None
        after = after_words(message, message.replied)
        when = f"{after} your {message.label.lower()} of {short(message.sent, today)}"
        if after == "the same day":
            when = f"the same day as your {message.label.lower()}"
        text = f"Reply from {self.contact.name} recorded, {when}."
        if self.closed:
            text += " Nudges closed for " + ", ".join(c.name for c in self.closed) + "."
        if self.suggestion is not None:
            text += f" {self.suggestion.text}."
        return text


def record_reply(store: Store, message_id: int, on: date, today: date) -> ReplyRecorded:
    """Record (or move) the reply to a sent message; `InputError` says why not (nothing saved)."""
    message = store.message(message_id)
    contact = store.contact(message.contact_id) if message else None
    if message is None or contact is None:
        raise InputError("That message is gone.")
    people = [contact.id, *(c.id for c in store.company_mates(contact.id))]
    before = _nudged(store, people, today)
    done = store.record_reply(message_id, on, today=today)
    still = set(_nudged(store, people, today))
    closed = tuple(c for id in before if id not in still and (c := store.contact(id)))
    suggestion = evidence.suggestion_of(store, contact.id, today)
    return ReplyRecorded(done, contact, closed, suggestion)


def clear_reply(store: Store, message_id: int, today: date) -> str:
    """Undo a reply recorded by mistake; returns what to tell the user."""
    message = store.clear_reply(message_id)
    contact = store.contact(message.contact_id)
    name = contact.name if contact else "this contact"
    sent = f" of {short(message.sent, today)}" if message.sent else ""
    text = f"Reply cleared from your {message.label.lower()}{sent} to {name}."
    if contact is not None and _nudged(store, [contact.id], today):
        text += " Its nudge is open again."
    return text


def reply_preview(message: Message, on: date, today: date) -> str:
    """What the reply form says about a date as it is typed ("" when the store would refuse it).

    "replied the same day", "replied after 3 days", and the business days when
    they differ: "replied after 4 days (2 business days)".
    """
    sent = message.sent if message.is_sent else None
    if sent is None or reply_problem(sent, on, today) is not None:
        return ""
    words = reply_words(message, on)
    calendar = (on - sent).days
    business = business_days.between(sent, on)
    if calendar <= 0 or business == calendar:
        return words
    if business == 0:
        return f"{words} (over a weekend)"
    return f"{words} ({business} business day{'s' if business != 1 else ''})"


# -- the kind from evidence -------------------------------------------------------


def accept_suggestion(store: Store, contact_id: int, today: date) -> Note:
    """Give the contact the kind the evidence suggests (the user asked: one key)."""
    suggestion = evidence.suggestion_of(store, contact_id, today)
    contact = store.contact(contact_id)
    if suggestion is None or contact is None:
        return _no_suggestion(store, contact, today)
    updated = store.accept_kind(contact_id, suggestion.kind)
    cadence = store.settings.cadence_for(updated)
    return Note(
        f"{updated.name} is now {evidence.with_article(suggestion.kind)} ({suggestion.reason}). "
        f"Messages you send them from now on are followed up after {cadence} days."
    )


def dismiss_suggestion(store: Store, contact_id: int, today: date) -> Note:
    """Turn the suggestion down: that kind is not suggested again, the kind stays."""
    suggestion = evidence.suggestion_of(store, contact_id, today)
    contact = store.contact(contact_id)
    if suggestion is None or contact is None:
        return _no_suggestion(store, contact, today)
    store.dismiss_kind(contact_id, suggestion.kind)
    stays = (
        "without a kind" if contact.kind is Kind.UNKNOWN else evidence.with_article(contact.kind)
    )
    return Note(
        f"Suggestion turned down: {contact.name} stays {stays}, and {suggestion.kind.label} "
        "will not be suggested for them again."
    )


def _no_suggestion(store: Store, contact: Contact | None, today: date) -> Note:
    """Why there is nothing to accept or turn down: taken already, turned down, or no evidence."""
    name = contact.name if contact else "this contact"
    found = (
        evidence.evidence(store.meetings_of(contact.id), store.messages_of(contact.id), today)
        if contact is not None
        else None
    )
    if contact is not None and found is not None:
        kind, reason = found[0], found[1]
        if kind is contact.kind:
            taken = (
                "the suggestion was accepted already"
                if contact.kind_source is KindSource.EVIDENCE
                else "that is the kind they have"
            )
            return Note(
                f"No kind to suggest for {name}: {taken}, their kind is {kind.label} ({reason}).",
                "warning",
            )
        if kind is contact.kind_dismissed:
            return Note(
                f"No kind to suggest for {name}: you turned down {kind.label} for them before.",
                "warning",
            )
    return Note(
        f"No kind to suggest for {name}: it comes from how they answer a meeting request.",
        "warning",
    )


# -- the journey --------------------------------------------------------------------


def export_journey(store: Store, path: Path, today: date, contact: Contact | None = None) -> int:
    """Write the journey of everyone, or of one contact (exactly them); how many contacts."""
    if contact is None:
        return journey.export_journey(store, path, today)
    text, count = journey.journey_markdown(store, today, [contact])
    journey.write_journey(store, path, text)
    return count
