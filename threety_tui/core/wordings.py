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

from threety_tui.core.advice import Advice, Form, advice
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
    """What the writer says about acting on the advice; nothing a late date makes odd.

    Only advice to act gets one: a point, an offer or a question is not homework.
    """
    said = ctx.advice
    if said is None or not said.actionable:
        return ""
    status = ctx.insight.status if ctx.insight else Homework.TODO
    if status is Homework.DONE:
        return " I have acted on it since." if ctx.late else " I have already acted on it."
    if status is Homework.DOING:
        return " I have started on it since." if ctx.late else " I have already started on it."
    return "" if ctx.late else " I am going to act on it this week."


def _end(sentence: str) -> str:
    """A full stop, unless the sentence ends with a title's own mark ("... Your Parachute?")."""
    return sentence if sentence.endswith(("?", "!", "?\u201d", "!\u201d")) else sentence + "."


def _highlight(ctx: DraftContext) -> list[str]:
    said = ctx.advice
    if said is None:
        return []
    make = {
        MessageKind.THANK_YOU: _thank_you_highlight,
        MessageKind.FOLLOW_UP: _follow_up_highlight,
        MessageKind.UPDATE: _update_highlight,
    }.get(ctx.kind)
    return make(ctx, said) if make else []


def _thank_you_highlight(ctx: DraftContext, said: Advice) -> list[str]:
    ref = said.phrase("advice")
    if ctx.brief:
        return [_end(f"What stayed with me was {ref}"), _end(f"I keep thinking about {ref}")]
    promise = _promise(ctx)
    if said.form is Form.OFFER:
        options = [
            f"What stayed with me most was {ref}",
            f"I am grateful for {ref}",
            f"Thank you as well for {ref}",
        ]
    elif said.form is Form.TO or (said.form is Form.THAT and said.actionable):
        options = [
            f"What stayed with me most was {ref}",
            f"I keep thinking about {said.phrase('suggestion')}",
            f"The advice that stuck with me most was {said.text}",
        ]
    elif said.form is Form.THAT:
        options = [
            f"What stayed with me most was {ref}",
            f"I keep thinking about {ref}",
            f"You made a point that stuck with me: {said.clause}",
        ]
    else:
        options = [f"What stayed with me most was {ref}", f"I keep thinking about {ref}"]
    return [_end(option) + promise for option in options]


_ACTED = {
    Form.THAT: ("I took to heart {}", "I acted on {}"),
    Form.OFFER: ("I took you up on {}", "I was glad to take you up on {}"),
    Form.QUESTION: ("I have thought hard about {}", "I have kept thinking about {}"),
    Form.SAID: ("I acted on {}", "I took to heart {}"),
}
"""How a follow-up says it was acted on, by what they said; advice to act has its own."""
_HAVE_ACTED = {
    Form.THAT: "I have taken to heart {}",
    Form.OFFER: "I have taken you up on {}",
    Form.QUESTION: "I have thought hard about {}",
    Form.SAID: "I have acted on {}",
}
"""The same in an update, "since my last note": the present perfect."""


def _acted_forms(said: Advice) -> Form | None:
    """Which of `_ACTED` says it: words that are not advice to act are taken to heart."""
    if said.form is Form.SAID and not said.actionable:
        return Form.THAT
    return said.form if said.form in _ACTED else None


def _follow_up_highlight(ctx: DraftContext, said: Advice) -> list[str]:
    """Never "has stayed with me": the first thanks of a follow-up says that already."""
    ref = said.phrase("advice")
    insight = ctx.insight
    doing = insight is not None and insight.status is Homework.DOING
    acted_form = _acted_forms(said)
    if ctx.acted and acted_form is not None:
        options = [template.format(ref) for template in _ACTED[acted_form]]
    elif ctx.acted:
        options = [f"I acted on {ref}"]
        if said.bare:
            options.append(f"You suggested I {said.bare}, and I did")
        options.append(f"I took {ref}")
    elif said.form is Form.OFFER:
        options = [f"I am still grateful for {ref}", f"I have not forgotten {ref}"]
    elif doing and said.actionable:
        options = [
            f"I have been working on {ref}",
            f"I am now working on {said.phrase('suggestion')}",
        ]
    else:
        options = [f"I am still thinking about {ref}", f"I keep coming back to {ref}"]
    options = [_end(o) for o in options]
    return options[:2] if ctx.brief else options


def _update_highlight(ctx: DraftContext, said: Advice) -> list[str]:
    ref = said.phrase("advice")
    news = ctx.news
    insight = ctx.insight
    if news is not None and insight is not None and _among(insight, news.done):
        acted_form = _acted_forms(said)
        if acted_form is not None:
            return [_end(f"Since my last note, {_HAVE_ACTED[acted_form].format(ref)}")]
        options = [f"Since my last note, I have acted on {ref}"]
        if said.bare:
            options.append(f"You suggested I {said.bare}, and I have now done it")
        options.append(f"I have now taken {ref}")
        return [_end(o) for o in options]
    if news is not None and news.is_new(insight):
        if ref.endswith("?"):  # a title's question mark: the sentence ends with it
            return [f"It is paying off: I am still acting on {ref}"]
        acted_form = _acted_forms(said)
        if acted_form is not None:
            return [
                f"{template.format(ref)}, and it is paying off." for template in _ACTED[acted_form]
            ]
        return [
            f"I am still acting on {ref}, and it is paying off.",
            f"I have kept acting on {ref}, and it keeps paying off.",
        ]
    if insight is not None and insight.status is Homework.DOING and said.actionable:
        return [_end(f"I am still working on {ref}"), _end(f"I keep coming back to {ref}")]
    return [_end(f"I keep coming back to {ref}"), _end(f"I am still thinking about {ref}")]


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
        """what stayed with me most was your advice suggestion point question offer invitation
        stuck keep thinking about acted on you suggested and did have put into practice been
        working has stayed am working still is still on my mind since last note now done keeps
        paying off coming back acting it paid result so far going to act this week already
        started sorry late grateful thank well took heart taken glad take forgotten made kept
        whether said"""
    )
)
"""The composer's own words in a highlight or benefit: no news in them."""
