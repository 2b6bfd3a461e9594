"""The 3TY composer: pre-filled parts, the finished email, and its checklist.

Pure functions of a contact, a meeting, the parts and `today`. The email is
plain text wrapped for mail at 72 columns, one paragraph per part.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from threety_tui.core.dates import met_phrase, since_phrase
from threety_tui.core.models import Contact, Insight, Kind, Meeting, Message, MessageKind, Parts

WRAP = 72
LONG_WORDS = 150
"""Past this many words the checklist warns: advisers are busy."""
LONG_WORDS_OBLIGATE = 100

STOCK_PHRASES = (
    "great advice",
    "all your advice",
    "everything you said",
    "all the advice",
    "your advice was great",
    "your advice was helpful",
    "very helpful",
    "really helpful",
    "super helpful",
    "so helpful",
    "very insightful",
    "really insightful",
    "learned a lot",
    "learnt a lot",
    "lots of great tips",
    "it was great to meet",
)
_STOPWORDS = frozenset(
    (
        "a an and are as at be been but by for from has have i if in into is it its me my "
        "not of on or our so than that the their them then there these they this to was we "
        "were what when which who will with you your about more most just also very really "
        "should could would can do does did"
    ).split()
)
_WORD = re.compile(r"[\w']+")


def subject_for(kind: MessageKind, contact: Contact) -> str:
    if kind is MessageKind.OUTREACH:  # the meeting request has its own wording
        from threety_tui.core import outreach

        return outreach.subject(contact)
    return {
        MessageKind.THANK_YOU: "Thank you for your advice",
        MessageKind.FOLLOW_UP: "Following up on your advice",
        MessageKind.UPDATE: "A quick update, and thanks again",
    }[kind]


def quote(insight: Insight | None) -> str:
    text = insight.text.strip().rstrip(".!") if insight else ""
    return f"\u201c{text}\u201d" if text else ""


def default_parts(
    kind: MessageKind,
    contact: Contact,
    meeting: Meeting | None,
    today: date,
    *,
    insight: Insight | None = None,
    your_name: str = "",
) -> Parts:
    """The pre-filled parts for a new draft.

    `insight` defaults to the meeting's favourite. Obligates get a shorter
    message: fewer words, the same three parts.
    """
    if kind is MessageKind.OUTREACH:  # the meeting request has its own parts
        from threety_tui.core import outreach

        return outreach.default_parts(contact, today, your_name=your_name)
    brief = contact.kind is Kind.OBLIGATE
    insight = insight or (meeting.favourite if meeting else None)
    when = meeting.when if meeting else today
    greeting = f"Hi {contact.first_name}," if contact.first_name else "Hi,"
    signoff = "Best wishes," + (f"\n{your_name}" if your_name else "")
    if kind is MessageKind.THANK_YOU:
        met = met_phrase(when, today)
        gratitude = (
            f"Thanks for your time {met}."
            if brief
            else f"Thank you for your time and advice {met}; I really appreciated it."
        )
        highlight = highlight_sentence(kind, insight, brief=brief)
        ask = (
            "May I come back to you with a question later on?"
            if brief
            else "Would it be all right if I came back to you with more questions as my search "
            "goes on?"
        )
        return Parts(greeting, gratitude, highlight, "", ask, signoff)
    since = since_phrase(when, today)
    benefit = insight.benefit.strip() if insight else ""
    if kind is MessageKind.FOLLOW_UP:
        gratitude = (
            f"Thanks again for your time {since}."
            if brief
            else f"Thank you again for meeting me {since}; your advice has stayed with me."
        )
        highlight = highlight_sentence(kind, insight, brief=brief)
        ask = (
            "May I keep you posted?"
            if brief
            else "Would you mind if I came back to you with a couple of questions as I take the "
            "next step?"
        )
    else:
        gratitude = (
            "A short update, with thanks again for your help."
            if brief
            else "I wanted to give you a short update, and to thank you again for your help."
        )
        highlight = highlight_sentence(kind, insight, brief=brief)
        ask = "Would it be all right if I kept you posted on how things go?"
    return Parts(greeting, gratitude, highlight, _benefit_sentence(benefit), ask, signoff)


def highlight_sentence(kind: MessageKind, insight: Insight | None, *, brief: bool = False) -> str:
    """Part 2: the one piece of advice, named specifically."""
    said = quote(insight)
    if not said:
        return ""
    if kind is MessageKind.THANK_YOU:
        if brief:
            return f"Your advice {said} stuck with me."
        return (
            f"What stayed with me most was your advice: {said}. I am going to act on it this week."
        )
    if kind is MessageKind.FOLLOW_UP:
        return f"You suggested {said}, and I took it to heart."
    return f"Your advice {said} keeps paying off."


def benefit_sentence(insight: Insight | None) -> str:
    """The follow-up's twist: what came of acting on the advice, as recorded."""
    return _benefit_sentence(insight.benefit.strip() if insight else "")


def new_draft(
    kind: MessageKind,
    contact: Contact,
    meeting: Meeting | None,
    today: date,
    *,
    insight: Insight | None = None,
    your_name: str = "",
) -> Message:
    """A new, unsaved draft with the parts pre-filled and the body rendered."""
    insight = insight or (meeting.favourite if meeting else None)
    parts = default_parts(kind, contact, meeting, today, insight=insight, your_name=your_name)
    return Message(
        contact_id=contact.id,
        meeting_id=meeting.id if meeting else None,
        kind=kind,
        parts=parts,
        subject=subject_for(kind, contact),
        body=render_body(parts),
        insight_id=insight.id if insight else "",
    )


def _benefit_sentence(benefit: str) -> str:
    if not benefit:
        return ""
    benefit = benefit[0].upper() + benefit[1:]
    return benefit if benefit.endswith((".", "!", "?")) else benefit + "."


def _wrap(text: str) -> str:
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(
        textwrap.fill(" ".join(p.split()), WRAP, break_long_words=False, break_on_hyphens=False)
        for p in paragraphs
        if p.strip()
    )


def render_body(parts: Parts) -> str:
    """The email body: greeting, one paragraph per part, sign-off; wrapped at 72."""
    middle = " ".join(p.strip() for p in (parts.highlight, parts.benefit) if p.strip())
    blocks = [parts.greeting.strip()]
    blocks += [_wrap(p) for p in (parts.gratitude, middle, parts.ask)]
    blocks.append("\n".join(line.rstrip() for line in parts.signoff.strip().splitlines()))
    return "\n\n".join(b for b in blocks if b) + "\n"


def render_email(subject: str, body: str) -> str:
    """What Copy draft puts on the clipboard: subject, a blank line, then the body."""
    return f"{subject.strip()}\n\n{body}"


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _content_words(text: str) -> set[str]:
    return {
        w for w in (w.lower().strip("'") for w in _WORD.findall(text)) if len(w) > 2
    } - _STOPWORDS


def names_insight(highlight: str, insight: Insight) -> bool:
    """True when the highlight names the insight: most of its content words appear."""
    wanted = _content_words(insight.text)
    if not wanted:
        return False
    found = wanted & _content_words(highlight)
    return len(found) >= max(1, (len(wanted) + 1) // 2)


def is_stock(highlight: str) -> bool:
    """A stock phrase with little else: "thanks for all your great advice"."""
    lowered = highlight.lower()
    if not any(phrase in lowered for phrase in STOCK_PHRASES):
        return False
    rest = _content_words(lowered)
    for phrase in STOCK_PHRASES:
        rest -= _content_words(phrase)
    return len(rest - {"thanks", "thank", "advice", "great", "time", "helpful"}) < 3


class Check(StrEnum):
    OK = "ok"
    WARN = "warn"


@dataclass(frozen=True, slots=True)
class CheckItem:
    name: str
    result: Check
    detail: str

    @property
    def ok(self) -> bool:
        return self.result is Check.OK


def checklist(
    kind: MessageKind,
    parts: Parts,
    *,
    insights: tuple[Insight, ...] = (),
    contact_kind: Kind = Kind.UNKNOWN,
    body: str | None = None,
) -> list[CheckItem]:
    """Each part present; the highlight specific; the ask a question; the length.

    `body` is the already rendered body of these parts, if the caller has it.
    """

    if kind is MessageKind.OUTREACH:  # the meeting request has its own checklist
        from threety_tui.core import outreach

        return outreach.checklist(parts, body=body)

    def item(name: str, ok: bool, good: str, bad: str) -> CheckItem:
        return CheckItem(name, Check.OK if ok else Check.WARN, good if ok else bad)

    gratitude = parts.gratitude.strip()
    highlight = parts.highlight.strip()
    ask = parts.ask.strip()
    items = [item("Gratitude", bool(gratitude), "thanks them", "say thank you for their time")]
    if not highlight:
        items.append(item("Highlight", False, "", "name the one piece of advice you found best"))
    elif insights:
        named = next((i for i in insights if names_insight(highlight, i)), None)
        items.append(
            item(
                "Highlight",
                named is not None,
                "names a specific insight",
                "name one insight specifically, not a stock phrase",
            )
        )
    else:
        specific = not is_stock(highlight) and len(_content_words(highlight)) >= 3
        items.append(
            item(
                "Highlight",
                specific,
                "is specific",
                "name one piece of advice specifically, not a stock phrase",
            )
        )
    if kind is not MessageKind.THANK_YOU:
        items.append(
            item(
                "Benefit",
                bool(parts.benefit.strip()),
                "says what came of acting on it",
                "say what benefit you got from acting on the advice",
            )
        )
    items.append(
        item(
            "Ask",
            ask.endswith("?") or ask.endswith("?\u201d"),
            "is a question",
            "ask (as a question) if you may come back with more questions"
            if ask
            else "add a humble ask, as a question",
        )
    )
    limit = LONG_WORDS_OBLIGATE if contact_kind is Kind.OBLIGATE else LONG_WORDS
    words = word_count(render_body(parts) if body is None else body)
    items.append(
        item(
            "Length",
            words <= limit,
            f"{words} words",
            f"{words} words: keep it under about {limit}",
        )
    )
    return items
