"""A few plain wordings for each part of a draft, and cycling through them.

The first wording of each part is what a new draft is pre-filled with; the
editor's cycle key moves a part to the next one (`next_wording`). All of them
are short and plain on purpose: the method's point is that a simple, specific
note beats a remarkable one. Each wording depends on the draft's context: the
kind of message, the contact (Obligates get shorter ones), the meeting (its
channel and day), the insight and its homework, whether a thank-you is late,
and for an update what is new since the last message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from threety_tui.core.dates import met_phrase, since_phrase
from threety_tui.core.models import (
    DEFAULT_SIGN_OFF,
    Channel,
    Contact,
    Homework,
    Insight,
    Kind,
    Meeting,
    MessageKind,
    Parts,
)
from threety_tui.core.news import News
from threety_tui.core.voice import Advice, advice
from threety_tui.core.words import content_words

LATE_DAYS = 3
"""A thank-you written this many days or more after the meeting says it is late."""
VERY_LATE_DAYS = 30

PARTS = ("subject", "greeting", "gratitude", "highlight", "benefit", "ask", "signoff")
"""The parts that have wordings, by the name of their field."""

_OCCASION = {
    Channel.COFFEE: "the coffee",
    Channel.CALL: "the call",
    Channel.VIDEO: "the video call",
    Channel.EVENT: "our chat at the event",
    Channel.OTHER: "our conversation",
}
_OUR = {
    Channel.COFFEE: "our coffee",
    Channel.CALL: "our call",
    Channel.VIDEO: "our video call",
    Channel.EVENT: "our chat at the event",
    Channel.OTHER: "our conversation",
}
_CLOSINGS = (DEFAULT_SIGN_OFF, "With thanks,", "Kind regards,")


@dataclass(frozen=True, slots=True)
class DraftContext:
    """What the wording of a draft depends on."""

    kind: MessageKind
    contact: Contact
    meeting: Meeting | None
    today: date
    """The day the draft is written."""
    insight: Insight | None = None
    """The insight the highlight names (for an update: preferably one with news)."""
    news: News | None = None
    """For an update: what is new since the last message."""
    your_name: str = ""
    sign_off: str = DEFAULT_SIGN_OFF
    follow_up: bool = False
    """The one follow-up to a meeting request (`Message.follows`): its own wordings."""

    @property
    def brief(self) -> bool:
        """Obligates get shorter messages: fewer words, the same parts."""
        return self.contact.kind is Kind.OBLIGATE

    @property
    def when(self) -> date:
        return self.meeting.when if self.meeting else self.today

    @property
    def days_after(self) -> int:
        return (self.today - self.when).days

    @property
    def late(self) -> bool:
        """A thank-you 3 or more days after the meeting: it says so."""
        return self.kind is MessageKind.THANK_YOU and self.days_after >= LATE_DAYS

    @property
    def channel(self) -> Channel:
        return self.meeting.channel if self.meeting else Channel.OTHER

    @property
    def advice(self) -> Advice | None:
        return advice(self.insight.text) if self.insight else None

    @property
    def acted(self) -> bool:
        """The insight was acted on: homework done, or a benefit recorded."""
        insight = self.insight
        return insight is not None and (
            insight.status is Homework.DONE or bool(insight.benefit.strip())
        )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _unique(options: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for option in options:
        if option.strip():
            seen.setdefault(option, None)
    return tuple(seen)


# -- each part --------------------------------------------------------------------------


def _subject(ctx: DraftContext) -> list[str]:
    met = met_phrase(ctx.when, ctx.today)
    if ctx.kind is MessageKind.THANK_YOU:
        thank = f"Thank you for {_OCCASION[ctx.channel]} {met}"
        thanks = f"Thanks for {_OCCASION[ctx.channel]} {met}"
        first = [thanks, thank] if ctx.brief else [thank, thanks]
        return [*first, f"Thank you for your time and advice {met}"]
    since = since_phrase(ctx.when, ctx.today)
    if ctx.kind is MessageKind.FOLLOW_UP:
        options = [f"Following up on {_OUR[ctx.channel]} {since}", "Following up on your advice"]
        if ctx.insight is not None and ctx.insight.benefit.strip():
            options.append("Your advice paid off")
        return options
    if ctx.kind is MessageKind.UPDATE:
        news = ctx.news
        options = []
        if news is not None and news.benefits:
            options.append("Your advice is paying off: a quick update")
        elif news is not None and news.done:
            options.append("A quick update on your advice")
        return [
            *options,
            "A quick update, and thanks again",
            f"An update since {_OUR[ctx.channel]}",
        ]
    return []


def _greeting(ctx: DraftContext) -> list[str]:
    first = ctx.contact.first_name
    if not first:
        return ["Hi,", "Hello,"]
    return [f"Hi {first},", f"Hello {first},", f"Dear {first},"]


def _sorry(ctx: DraftContext) -> str:
    if not ctx.late:
        return ""
    return "Sorry this is so late. " if ctx.days_after >= VERY_LATE_DAYS else "Sorry this is late. "


def _gratitude(ctx: DraftContext) -> list[str]:
    met = met_phrase(ctx.when, ctx.today)
    occasion = _OCCASION[ctx.channel]
    if ctx.kind is MessageKind.THANK_YOU:
        sorry = _sorry(ctx)
        if ctx.brief:
            return [
                f"{sorry}Thanks for your time {met}.",
                f"{sorry}Thank you for {occasion} {met}.",
            ]
        return [
            f"{sorry}Thank you for your time and advice {met}; I really appreciated it.",
            f"{sorry}Thank you for {occasion} {met}, and for your advice.",
            f"{sorry}Thanks for making time for me {met}.",
        ]
    since = since_phrase(ctx.when, ctx.today)
    if ctx.kind is MessageKind.FOLLOW_UP:
        if ctx.brief:
            return [
                f"Thanks again for your time {since}.",
                f"Thank you again for {occasion} {since}.",
            ]
        return [
            f"Thank you again for meeting me {since}; your advice has stayed with me.",
            f"Thanks again for {occasion} {since}.",
            f"It has been a while since {_OUR[ctx.channel]}, and I wanted to thank you again.",
        ]
    if ctx.kind is MessageKind.UPDATE:
        options = []
        news = ctx.news
        if news is not None and news.meetings:
            latest = news.meetings[0]
            again = _OCCASION[latest.channel]
            options.append(
                f"Thank you for {again} {met_phrase(latest.when, ctx.today)}; "
                "here is a short update."
            )
        if ctx.brief:
            return [*options, "A short update, with thanks again for your help."]
        return [
            *options,
            "I wanted to give you a short update, and to thank you again for your help.",
            "A short update, with thanks again for your help.",
        ]
    return []


def _promise(ctx: DraftContext) -> str:
    """What the writer says about acting on the advice; nothing a late date makes odd."""
    status = ctx.insight.status if ctx.insight else Homework.TODO
    if status is Homework.DONE:
        return " I have acted on it since." if ctx.late else " I have already acted on it."
    if status is Homework.DOING:
        return " I have started on it since." if ctx.late else " I have already started on it."
    return "" if ctx.late else " I am going to act on it this week."


def _highlight(ctx: DraftContext) -> list[str]:
    said = ctx.advice
    if said is None:
        return []
    advice_, suggestion = said.phrase("advice"), said.phrase("suggestion")
    if ctx.kind is MessageKind.THANK_YOU:
        if ctx.brief:
            return [f"{_cap(advice_)} stuck with me.", f"I keep thinking about {advice_}."]
        promise = _promise(ctx)
        return [
            f"What stayed with me most was {advice_}.{promise}",
            f"{_cap(suggestion)} stuck with me.{promise}",
            f"I keep thinking about {advice_}.{promise}",
        ]
    if ctx.kind is MessageKind.FOLLOW_UP:
        if ctx.acted:
            options = [f"I acted on {advice_}."]
            if said.bare:
                options.append(f"You suggested I {said.bare}, and I did.")
            options.append(f"I have put {advice_} into practice.")
        elif ctx.insight is not None and ctx.insight.status is Homework.DOING:
            options = [
                f"I have been working on {advice_}.",
                f"{_cap(suggestion)} has stayed with me, and I am working on it.",
            ]
        else:
            options = [
                f"{_cap(advice_)} has stayed with me.",
                f"I am still thinking about {advice_}.",
            ]
        return options[:2] if ctx.brief else options
    if ctx.kind is MessageKind.UPDATE:
        news = ctx.news
        if news is not None and ctx.insight is not None and _among(ctx.insight, news.done):
            options = [f"Since my last note I have acted on {advice_}."]
            if said.bare:
                options.append(f"You suggested I {said.bare}, and I have now done it.")
            options.append(f"I have now put {advice_} into practice.")
            return options
        if news is not None and news.is_new(ctx.insight):
            return [
                f"{_cap(advice_)} keeps paying off.",
                f"I am still acting on {advice_}, and it is paying off.",
            ]
        if ctx.insight is not None and ctx.insight.status is Homework.DOING:
            return [f"I am still working on {advice_}.", f"{_cap(advice_)} is still on my mind."]
        return [f"I keep coming back to {advice_}.", f"{_cap(advice_)} is still on my mind."]
    return []


def _among(insight: Insight, insights: tuple[Insight, ...]) -> bool:
    return any(i.id == insight.id for i in insights)


def benefit_text(benefit: str) -> str:
    """A recorded benefit as a sentence: a capital, a full stop, and "I" if it has no subject.

    "met two hiring managers there" -> "I met two hiring managers there."
    """
    benefit = " ".join(benefit.split())
    if not benefit:
        return ""
    first = benefit.split(" ", 1)[0].lower()
    if first in _PAST or (first.endswith("ed") and first not in _NOT_PAST):
        benefit = "I " + benefit
    benefit = benefit[0].upper() + benefit[1:]
    return benefit if benefit.endswith((".", "!", "?")) else benefit + "."


_PAST = frozenset(
    """met got found made went took wrote read began won heard saw spoke built ran gave sent
    did became learnt learned felt kept""".split()
)
_NOT_PAST = frozenset("need seed speed feed bed red shed indeed".split())


def _lower_first(sentence: str) -> str:
    if sentence.startswith(("I ", "I'")):
        return sentence
    return sentence[:1].lower() + sentence[1:]


def _benefits(ctx: DraftContext) -> list[str]:
    if ctx.kind is MessageKind.FOLLOW_UP:
        recorded = [ctx.insight.benefit] if ctx.insight and ctx.insight.benefit.strip() else []
    elif ctx.kind is MessageKind.UPDATE and ctx.news is not None:
        recorded = [i.benefit for i in ctx.news.benefits[:2]]  # never what was sent already
    else:
        return []
    sentences = " ".join(benefit_text(b) for b in recorded if b.strip())
    if not sentences:
        return []
    return [
        sentences,
        f"It has paid off: {_lower_first(sentences)}",
        f"The result so far: {_lower_first(sentences)}",
    ]


def _ask(ctx: DraftContext) -> list[str]:
    if ctx.kind is MessageKind.THANK_YOU:
        if ctx.brief:
            return [
                "May I come back to you with a question later on?",
                "Could I ask you a question or two later on?",
            ]
        return [
            "Would it be all right if I came back to you with more questions as my search goes on?",
            "May I come back to you with a question or two later in my search?",
            "Could I get in touch again if more questions come up?",
        ]
    if ctx.kind is MessageKind.FOLLOW_UP:
        if ctx.brief:
            return ["May I keep you posted?", "Could I ask you a question or two as I go?"]
        return [
            "Would you mind if I came back to you with a couple of questions as I take the next "
            "step?",
            "May I keep you posted, and ask a question or two as I go?",
        ]
    if ctx.kind is MessageKind.UPDATE:
        return [
            "Would it be all right if I kept you posted on how things go?",
            "May I keep you posted?",
            "Could I send you another short update in a month or so?",
        ]
    return []


def signoff_block(closing: str, name: str) -> str:
    """ "Best wishes,\\nSam Rivera"; the closing alone when there is no name yet."""
    closing = " ".join(closing.split()) or DEFAULT_SIGN_OFF
    name = " ".join(name.split())
    return f"{closing}\n{name}" if name else closing


def _signoff(ctx: DraftContext) -> list[str]:
    closings = [ctx.sign_off, *(c for c in _CLOSINGS if c != ctx.sign_off)]
    return [signoff_block(c, ctx.your_name) for c in closings]


_WORDINGS: dict[str, Callable[[DraftContext], list[str]]] = {
    "subject": _subject,
    "greeting": _greeting,
    "gratitude": _gratitude,
    "highlight": _highlight,
    "benefit": _benefits,
    "ask": _ask,
    "signoff": _signoff,
}


def wordings(part: str, ctx: DraftContext) -> tuple[str, ...]:
    """The wordings of `part` for this draft, the pre-filled one first; () for none."""
    if ctx.kind is MessageKind.OUTREACH:  # a meeting request words its parts its own way
        from threety_tui.core import outreach

        own = outreach.wordings(part, ctx.contact, follow_up=ctx.follow_up)
        if own is not None:
            return _unique(own)
        if part == "signoff" and ctx.follow_up:
            closing = signoff_block(outreach.FOLLOW_UP_SIGN_OFF, ctx.your_name)
            return _unique([closing, *_signoff(ctx)])
    make = _WORDINGS.get(part)
    return _unique(make(ctx)) if make else ()


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def next_wording(part: str, current: str, ctx: DraftContext) -> str:
    """The wording after `current` in the cycle; the first one when `current` is the user's own.

    Returns `current` unchanged when the part has no other wording (no insight,
    no benefit recorded).
    """
    options = wordings(part, ctx)
    if not options:
        return current
    for index, option in enumerate(options):
        if _same(option, current):
            return options[(index + 1) % len(options)]
    return options[0]


def default_parts(ctx: DraftContext) -> Parts:
    """The pre-filled parts: the first wording of each."""

    def first(part: str) -> str:
        options = wordings(part, ctx)
        return options[0] if options else ""

    return Parts(
        greeting=first("greeting"),
        gratitude=first("gratitude"),
        highlight=first("highlight"),
        benefit=first("benefit"),
        ask=first("ask"),
        signoff=first("signoff"),
    )


def default_subject(ctx: DraftContext) -> str:
    options = wordings("subject", ctx)
    return options[0] if options else ""


TEMPLATE_WORDS = frozenset(
    content_words(
        """what stayed with me most was your advice suggestion point question stuck keep
        thinking about acted on you suggested and did have put into practice been working has
        stayed am working still is still on my mind since last note now done keeps paying off
        coming back
        acting it paid result so far going to act this week already started sorry late"""
    )
)
"""The composer's own words in a highlight or benefit: no news in them."""
