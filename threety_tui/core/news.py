"""What is new for a contact since the last message they got: what an update should tell.

The method's long game is short updates "on your progress and how their advice
played into it". An update that repeats the follow-up tells the adviser
nothing, so the update is pre-filled from what happened since: homework done
that no message reported yet, benefits recorded that no message carried, and
meetings logged after the last message. Pure: a function of one contact's
meetings and messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from threety_tui.core.models import Homework, Insight, Meeting, Message, MessageKind
from threety_tui.core.words import content_words, names_insight_text, said_in


@dataclass(frozen=True, slots=True)
class News:
    since: date | None
    """When the last message to them went out (None: nothing was sent yet)."""
    done: tuple[Insight, ...] = ()
    """Homework done that no message has reported, most recent first."""
    benefits: tuple[Insight, ...] = ()
    """Insights whose recorded benefit no sent message has carried."""
    meetings: tuple[Meeting, ...] = ()
    """Meetings with them logged after the last message, latest first."""
    said: tuple[str, ...] = ()
    """The text of every message sent to them, oldest first."""
    today: date | None = None
    """The day it was worked out for (dates are written for that day: "Mon 2 Nov")."""

    @property
    def empty(self) -> bool:
        return not (self.done or self.benefits or self.meetings)

    @property
    def insight(self) -> Insight | None:
        """The insight an update is best written about: a new benefit, else homework done."""
        for found in (self.benefits, self.done):
            if found:
                return found[0]
        return None

    def is_new(self, insight: Insight | None) -> bool:
        return insight is not None and any(insight.id == i.id for i in (*self.done, *self.benefits))

    def tells(self, text: str, *, ignore: frozenset[str] = frozenset()) -> bool:
        """True when `text` says something they have not heard yet.

        It names homework done since, carries a new benefit, or has at least
        three words of substance (not in `ignore`, the composer's own stock
        words) that no message to them had.
        """
        if any(names_insight_text(text, i.text) for i in self.done):
            return True
        if any(said_in(i.benefit, [text], share=0.6) for i in self.benefits):
            return True
        heard: set[str] = set()
        for earlier in self.said:
            heard |= content_words(earlier)
        return len(content_words(text) - heard - ignore) >= 3


def message_text(message: Message) -> str:
    """Everything a message said: subject, body and parts (a body may predate its parts)."""
    parts = message.parts
    return "\n".join(
        (
            message.subject,
            message.body,
            parts.gratitude,
            parts.highlight,
            parts.benefit,
            parts.ask,
        )
    )


def whats_new(
    meetings: Iterable[Meeting], messages: Iterable[Message], today: date | None = None
) -> News:
    """What happened with one contact since the last message sent to them.

    With `today`, as it stood that day: later meetings, messages and homework
    done after it do not count yet.
    """
    last_day = today or date.max
    live = [m for m in meetings if not m.deleted and m.when <= last_day]
    sent = sorted(
        (m for m in messages if m.is_sent and m.sent is not None and m.sent <= last_day),
        key=lambda m: (m.sent or date.min, m.id),
    )
    since = sent[-1].sent if sent else None
    said = tuple(message_text(m) for m in sent)
    insights = [
        i
        for meeting in sorted(live, key=lambda m: (m.when, m.id))
        for i in meeting.insights
        if i.done is None or i.done <= last_day  # done later: not news yet
    ]
    done = [i for i in insights if i.status is Homework.DONE and not _reported(i, sent)]
    done.sort(key=lambda i: (i.done or date.min, i.favourite), reverse=True)
    benefits = [i for i in insights if i.benefit.strip() and not said_in(i.benefit, said)]
    benefits.sort(key=lambda i: (i.done or date.min, i.favourite), reverse=True)
    later = (
        sorted((m for m in live if m.when > since), key=lambda m: (m.when, m.id), reverse=True)
        if since is not None
        else []
    )
    return News(since, tuple(done), tuple(benefits), tuple(later), said, today)


def _reported(insight: Insight, sent: Sequence[Message]) -> bool:
    """A message after the homework was done (a follow-up or update) already names it."""
    for message in sent:
        if message.kind is MessageKind.THANK_YOU:
            continue  # thanks come before the homework
        if insight.done is not None and message.sent is not None and message.sent < insight.done:
            continue
        if names_insight_text(message_text(message), insight.text):
            return True
    return False
