"""Booster or Obligate, from how they answered a meeting request (spec section 8).

A reply within 3 business days of the request suggests a Booster; a reply
only after the 7-business-day nudge, or none at all by then, suggests an
Obligate. This only *suggests*: the user accepts it (`Store.accept_kind`) or
turns it down (`Store.dismiss_kind`), and a kind the user chose is never
changed silently. A meeting held within 3 business days of the request also
counts as a quick answer; a later meeting says nothing about how fast they
answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from threety_tui.core import business_days
from threety_tui.core.models import Contact, Kind, Meeting, Message
from threety_tui.core.rules import FOLLOW_UP_AFTER, SECOND_CONTACT_AFTER


@dataclass(frozen=True, slots=True)
class KindSuggestion:
    kind: Kind
    reason: str
    """Why, in words: "answered your meeting request in 1 business day"."""
    request_id: int
    """The meeting request the evidence comes from."""
    chosen: Kind
    """The contact's kind now (UNKNOWN when none is set)."""
    chosen_by_user: bool
    """The user chose `chosen`: say so when suggesting another one."""

    @property
    def text(self) -> str:
        """One line for the UI: "Looks like a Booster: answered ... (you chose Obligate)"."""
        mine = f" (you chose {self.chosen.label})" if self.chosen_by_user else ""
        return f"Looks like {with_article(self.kind)}: {self.reason}{mine}"


def with_article(kind: Kind) -> str:
    """ "a Booster", "an Obligate"."""
    return ("an " if kind.label[:1] in "AEIOU" else "a ") + kind.label


def _days(count: int) -> str:
    return "business day" if count == 1 else "business days"


def evidence(
    meetings: Iterable[Meeting], messages: Iterable[Message], today: date
) -> tuple[Kind, str, int] | None:
    """(kind, reason, request id) from the latest meeting request that says something.

    The one follow-up to a request is not a request of its own: an answer to it
    is an answer to the request, and its own date says nothing.
    """
    messages = list(messages)
    requests = sorted(
        (m for m in messages if m.is_request and m.is_sent and m.sent),
        key=lambda m: (m.sent, m.id),
    )
    if not requests:
        return None
    replies = sorted(m.replied for m in messages if m.is_sent and m.replied is not None)
    met = sorted(m.when for m in meetings if not m.deleted)
    found: tuple[Kind, str, int] | None = None
    for request in requests:
        result = _judge(request, replies, met, today)
        if result is not None:
            found = result
    return found


def _first(replies: list[date], met: list[date], since: date) -> tuple[date, bool] | None:
    """The first answer on or after `since`: (day, is a reply rather than a meeting)."""
    reply = next((d for d in replies if d >= since), None)
    meeting = next((d for d in met if d >= since), None)
    if reply is None and meeting is None:
        return None
    if meeting is None or (reply is not None and reply <= meeting):
        assert reply is not None
        return reply, True
    return meeting, False


def _judge(
    request: Message, replies: list[date], met: list[date], today: date
) -> tuple[Kind, str, int] | None:
    sent = request.sent
    assert sent is not None
    first = _first(replies, met, sent)
    if first is None:
        waited = business_days.between(sent, today)
        if waited < FOLLOW_UP_AFTER:
            return None  # still time to answer
        return (
            Kind.OBLIGATE,
            f"no answer to your meeting request in {waited} {_days(waited)}",
            request.id,
        )
    day, is_reply = first
    took = business_days.between(sent, day)
    if took <= SECOND_CONTACT_AFTER:
        when = "the same day" if took == 0 else f"in {took} {_days(took)}"
        what = "answered your meeting request" if is_reply else "met you after your request"
        return Kind.BOOSTER, f"{what} {when}", request.id
    if is_reply and took >= FOLLOW_UP_AFTER:
        return (
            Kind.OBLIGATE,
            f"answered your meeting request only after {took} {_days(took)}",
            request.id,
        )
    return None


def suggest_kind(
    contact: Contact, meetings: Iterable[Meeting], messages: Iterable[Message], today: date
) -> KindSuggestion | None:
    """The kind the evidence suggests for the contact, if it differs from theirs.

    None when there is no evidence, when the contact already has that kind,
    or when the user turned down that same suggestion before.
    """
    found = evidence(meetings, messages, today)
    if found is None:
        return None
    kind, reason, request_id = found
    if kind is contact.kind or kind is contact.kind_dismissed:
        return None
    return KindSuggestion(kind, reason, request_id, contact.kind, contact.kind_chosen)


class _Reader(Protocol):
    def contact(self, id: int) -> Contact | None: ...
    def meetings_of(self, contact_id: int) -> list[Meeting]: ...
    def messages_of(self, contact_id: int) -> list[Message]: ...


def suggestion_of(store: _Reader, contact_id: int, today: date) -> KindSuggestion | None:
    """`suggest_kind` for a contact of the store (None for a contact in the trash)."""
    contact = store.contact(contact_id)
    if contact is None or contact.deleted is not None:
        return None
    return suggest_kind(
        contact, store.meetings_of(contact_id), store.messages_of(contact_id), today
    )
