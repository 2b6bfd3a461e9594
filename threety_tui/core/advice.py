"""What the adviser said, as a phrase a thank-you can hold.

An insight is logged as the adviser said it ("I'd say you should learn SQL",
"Send me your CV and I'll pass it to our hiring manager"). A person thanking
them does not paste that back; they name it in their own words: "your advice
to learn SQL", "your offer to pass my CV to your hiring manager", "your point
that my manager is my best ally". `advice` finds what kind of thing was said
and words it so:

- advice to act (`Form.TO`): "to learn SQL", "not to undersell myself", "to
  say I'm flexible when they ask me about salary";
- a point, a fact or an opinion (`Form.THAT`): "that product people love it
  when I bring data";
- an offer or an invitation (`Form.OFFER`): "to pass my CV to your hiring
  manager", "to talk again in a month": thanked, never set as homework;
- a question (`Form.QUESTION`): "whether I would enjoy this job in five years";
- what the writer noted about their advice (`Form.ABOUT`): "about the portfolio";
- and, whenever it cannot be sure, their own words as they said them, in
  quotation marks (`Form.SAID`).

Two rules hold throughout: words inside quotation marks are exactly theirs
(only a paraphrase, never in quotes, has its pronouns flipped), and the
meaning is never changed: what cannot be reworded with confidence is quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from threety_tui.core.voice import VERBS, Voice, flip, voice_of

OPEN, CLOSE = "\u201c", "\u201d"


class Form(StrEnum):
    TO = "to"
    """Advice to act: "to ask for a shadow day", "not to sell myself short"."""
    THAT = "that"
    """A point they made: "that the best jobs are never advertised"."""
    OFFER = "offer"
    """Something they offered to do: "to pass my CV to your hiring manager"."""
    QUESTION = "question"
    """A question they asked: "whether I am sure I want a management track"."""
    ABOUT = "about"
    """The writer's note on their advice: "about the portfolio"."""
    SAID = "said"
    """Their words, as said, for quotation marks: nothing reworded fits with confidence."""


@dataclass(frozen=True, slots=True)
class Advice:
    form: Form
    text: str
    """ "to ask ...", "that the best ...", "whether I ...", "about ...", or their words."""
    bare: str = ""
    """For plain positive advice, the verb phrase alone: "ask for a shadow day ..."."""
    actionable: bool = False
    """Advice the writer can act on (and say they will); not a fact, an offer or a question."""
    quoted: bool = False
    """`text` is their words as they said them: shown in quotation marks, never altered."""
    noun: str = ""
    """What to call it where the form has a word of its own: "offer", "invitation", "tip"."""

    def phrase(self, noun: str = "advice") -> str:
        """ "your advice to ...", "your point that ...", "what you said: “...”"."""
        if self.quoted:
            if self.form is Form.SAID:
                return f"what you said: {OPEN}{self.text}{CLOSE}"
            return f"your {self.noun or self.form.value}: {OPEN}{self.text}{CLOSE}"
        if self.form is Form.TO:
            return f"your {noun} {self.text}"
        if self.form is Form.THAT:  # "your advice that someone like me should ...": advice
            return f"your {noun if self.actionable else 'point'} {self.text}"
        return f"your {self.noun or self.form.value} {self.text}"

    @property
    def clause(self) -> str:
        """A point without its "that": "my manager is my best ally"."""
        return self.text.removeprefix("that ")


# -- words --------------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})

_Q_AUX = frozenset(
    """am are is was were have has had can could will would should shall may might must do
    does did won't can't isn't aren't don't doesn't didn't wouldn't shouldn't couldn't
    haven't""".split()
)
_WH = frozenset("what why how where when who which whose whom".split())
_FINITE = frozenset(
    """is are was were isn't aren't wasn't weren't has have had will won't can can't could
    would should must does do did doesn't don't didn't matters shows helps counts pays beats
    works wins makes means tends seems goes gets sells trumps""".split()
)
"""A word that, second to fourth in a text, makes it a statement: "Work experience matters"."""
_CLAUSE_WORDS = frozenset(
    """that what who whom whose which how why where when if whether because so and or but
    than""".split()
)
_CLAUSE_VERBS = frozenset(
    """show prove make tell remind let ask check find learn know see say mention explain""".split()
)
"""Verbs that take a clause: after "to", "show you can ship" is an order, not a statement."""
_LEAD_ADVERBS = ("just", "really", "definitely", "also", "simply", "actually", "absolutely")
_SUBJECTS = frozenset(
    """i i'm i've i'd i'll you you're you've you'll you'd it it's it'll they they're they'll
    she she'll he he'll that that'll this we we'll people most many everyone everybody
    nobody recruiters managers there's""".split()
)
"""Words a consequence starts with: "; you'll meet people who are hiring"."""
_COMMON = frozenset(
    """the a an it it's its there most many much every each no nobody noone everyone
    everybody someone somebody anyone anybody people good great small big being having
    getting asking reading writing networking referrals recruiters companies managers hiring
    interviews portfolios cover my our this that these those some any few all one two three
    what product products design designers engineers engineering teams team startups
    startup tech data sales marketing research work experience cold warm side open public
    titles salary salaries equity culture timing luck persistence junior senior juniors
    seniors generalists specialists certifications degrees bootcamps courses mentors
    internal external smaller bigger larger your you you're you've you'll you'd i i'm i've
    i'd i'll me mine their they they're job jobs roles hiring talent leaders leadership
    managers startups agencies consulting contracting freelancing other others""".split()
)
"""First words of a statement that are safe to write in lower case inside a sentence."""
_ADVISERS_STORY = frozenset("i i'm i've i'd i'll me my mine".split())
"""A statement starting so, with no "you" in it, may be the adviser's story: quoted as said."""
_NOT_VERBS = frozenset(
    """the a an my your his her their our its this that these those some any all no not
    very so too more less much many it i you we they he she there here""".split()
)
_OBLIGATION = re.compile(
    r"\b(?:should|shouldn't|must|mustn't|need|needs|needn't|ought|have to|has to|had better"
    r"|'d better|got to)\b",
    re.I,
)


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+(?:'[A-Za-z]+)*", text.translate(_APOSTROPHES).lower())


def _first(text: str) -> str:
    words = _words(text)
    return words[0] if words else ""


def _tidy(text: str) -> str:
    """One line, no full stop: what a sentence can hold (a question keeps its mark)."""
    text = " ".join(text.split())
    return text.strip().rstrip(".!;,:\u2026").strip()


def _lower(text: str) -> str:
    """The first word in lower case, unless it is "I", an acronym or a name ("LinkedIn")."""
    first = text.split(" ", 1)[0]
    if first == "I" or first.startswith(("I'", "I\u2019")):
        return text
    if len(first) > 1 and not first[1:].islower():
        return text  # "SICP", "LinkedIn"
    return text[:1].lower() + text[1:]


def _lower_statement(text: str) -> str:
    """A statement's first word in lower case only when it is surely not a name.

    "Product people love data" -> "product people ..."; "Stripe hires
    juniors" keeps its capital, since a common word left capitalised reads
    better than a company's name in lower case.
    """
    first = _first(text)
    word = text.split(" ", 1)[0].strip(",")
    common = first in _COMMON or first.endswith("ing")
    plural = len(first) > 3 and first.endswith("s") and not first.endswith("ss") and "'" not in word
    return _lower(text) if common or plural else text


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- what kind of thing it is -------------------------------------------------------------


def _finite_soon(words: list[str]) -> bool:
    """A verb within the next few words, before any clause: the text is a statement."""
    for before, word in pairwise(words[:4]):
        if word in _CLAUSE_WORDS:
            return False
        if word in _FINITE and before not in _DETERMINERS:
            return True  # "three wins", "the works": a noun, not a verb
    return False


_DETERMINERS = frozenset(
    """a an the my your his her our their its this that these those some any no every each
    few more most many several two three four five six seven eight nine ten""".split()
)


def _unquoted(text: str) -> str:
    return re.sub(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d", " ", text)


def _imperative(text: str, *, verb: bool = False) -> tuple[str, str] | None:
    """(how the infinitive starts, the rest) when `text` is an order: ("not to ", "let them ...").

    `verb`: the first word is known to be a verb (it followed "you should"),
    whether or not it is among the common ones in `VERBS`.
    """
    norm = text.translate(_APOSTROPHES)
    prefix, rest = "to ", text
    for pattern, start in (
        (r"(?:please\s+)?(?:don't|do not)\s+", "not to "),
        (r"never\s+", "never to "),
        (r"always\s+", "to always "),
        (r"please\s+", "to "),
    ):
        match = re.match(pattern, norm, re.I)
        if match:
            prefix, rest = start, text[match.end() :]
            verb = verb or start in ("not to ", "never to ")
            break
    words = _words(_unquoted(rest))
    if words[:2] == ["thank", "you"]:
        return None  # "Thank you notes matter": the idiom, not an order to thank
    lead = ""
    while words and words[0] in _LEAD_ADVERBS and len(words) > 1:
        lead += words[0] + " "
        rest = rest.split(" ", 1)[1]
        words = words[1:]
    if not words or (_finite_soon(words) and not (verb and words[0] in _CLAUSE_VERBS)):
        return None
    if words[0] not in VERBS and not (verb and words[0] not in _NOT_VERBS):
        return None
    if prefix == "to ":
        prefix = "to " + lead
    return prefix, rest


_HEDGES = re.compile(
    r"^(?:(?:honestly|frankly|seriously|look|listen|trust me|believe me|personally|really"
    r"|whatever you do|above all|most importantly|first of all"
    r"|in my (?:experience|view|opinion)|if you ask me|to be honest|for what it's worth"
    r"|if you want my (?:honest )?(?:opinion|advice|take|two cents)|my two cents|tip|advice"
    r"|as I (?:said|say|mentioned|always say))\s*[,:;\u2014\u2013-]"
    r"|(?:(?:my|one|the best) (?:advice|tip)(?: would be| is)?|here's (?:my advice|the thing)"
    r"|(?:the )?(?:key|trick|secret) is"
    r"|I(?:'d| would) (?:say|suggest|recommend|advise|add)(?: that)?"
    r"|I (?:think|believe|reckon|feel|suspect|guess)(?: that)?"
    r"|(?:what )?I(?:'d| would) do is|I can't (?:stress|say) (?:this|it|that) enough)(?:\s*[,:;\u2014\u2013-]|\s))\s*",
    re.I,
)
"""Openings with no advice in them: "I'd say you should learn SQL" is advice to learn SQL."""
_IN_MY_SHOES = re.compile(
    r"^(?:if I were you|if I were in your (?:shoes|position)|in your (?:shoes|position)"
    r"|if you were me|if you were in my (?:shoes|position))\s*[,:]?\s+",
    re.I,
)
_YOU_SHOULD = re.compile(
    r"^(?:you\s+(?:really\s+|definitely\s+|also\s+|just\s+)?(?:should|need to|must|have to"
    r"|ought to|could|can|might want to|may want to|will want to|'ll want to|'d better"
    r"|had better|want to make sure you)|you(?:'d|'ll) want to|you'd better"
    r"|you've got to|you have got to)\s+",
    re.I,
)
_YOU_SHOULD_NOT = re.compile(
    r"^you\s+(?:should(?:n't| not| never)|must(?:n't| not| never)|never(?! know\b))\s+", re.I
)
_I_WOULD = re.compile(r"^I(?:'d| would)\s+(?:(?:probably|definitely|also|just)\s+)?", re.I)
_I_SHOULD = re.compile(r"^I\s+(?:should|need to|must|have to|ought to)\s+", re.I)


def _strip_hedges(text: str) -> tuple[str, bool]:
    """`text` without its openings; True when one was "if I were you" (so "I'd" is advice)."""
    hypothetical = False
    for _ in range(4):
        norm = text.translate(_APOSTROPHES)
        match = _HEDGES.match(norm) or _IN_MY_SHOES.match(norm)
        if match is None or match.end() >= len(text):
            break
        hypothetical = hypothetical or _IN_MY_SHOES.match(norm) is not None
        text = text[match.end() :]
    return text, hypothetical


# -- the shapes ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Reader:
    """Shapes pieces of one insight, flipped in the voice decided on the whole of it."""

    voice: Voice
    hypothetical: bool = False

    def flip(self, text: str) -> str:
        return flip(text, self.voice)

    @property
    def writers(self) -> bool:
        """The text is the writer's own account: "I" is the writer, nothing flips."""
        return not (self.voice.first or self.voice.second)

    # -- advice to act --

    def order(self, text: str) -> Advice | None:
        """An order, a "you should ...", or "I'd ..." said as advice: `Form.TO`."""
        norm = text.translate(_APOSTROPHES)
        negative = _YOU_SHOULD_NOT.match(norm)
        if negative and self.voice.second:
            rest = text[negative.end() :]
            if _imperative(rest, verb=True):
                never = "never" in negative.group().lower()
                return self._to(("never to " if never else "not to "), rest)
        modal = False  # "you should ...": what follows is a verb, common or not
        for pattern, allowed in (
            (_YOU_SHOULD, self.voice.second),
            (_I_WOULD, self.hypothetical or (self.voice.first and not self.voice.second)),
            (_I_SHOULD, self.writers),
        ):
            match = pattern.match(norm)
            if match and allowed:
                text, norm, modal = text[match.end() :], norm[match.end() :], True
                break
        if norm.lower().startswith("to "):  # "my advice is to ..."
            text, modal = text[3:], True
        if len(_split(text, commas=False)) > 1:
            return None  # two sentences: `pieces` joins them, or they are quoted as said
        found = _imperative(text, verb=modal)
        if found is None:
            return None
        return self._to(*found)

    def _to(self, prefix: str, rest: str) -> Advice:
        said = _lower(self.flip(rest))
        plain = prefix == "to " and not re.search(r"[,;:?]|\bsince\b", said)
        return Advice(Form.TO, prefix + said, bare=said if plain else "", actionable=True)

    def when_then(self, text: str) -> Advice | None:
        """ "When they ask you about salary, say you're flexible" -> "to say I'm ... when they ..."."""
        match = _LEADING.match(text.translate(_APOSTROPHES))
        if match is None:
            return None
        lead = _lower(self.flip(text[: match.end("lead")]))
        main = text[match.end() :]
        found = self.order(main)
        join = ", " if "," in main else " "  # "to talk about impact, not tasks, in interviews"
        if found is not None and found.form is Form.TO and "?" not in main:
            return Advice(Form.TO, f"{found.text}{join}{lead}", actionable=True)
        point = self.point(main)
        if point is not None:
            return replace_text(point, f"{point.text}{join}{lead}")
        return None

    def pieces(self, text: str) -> Advice | None:
        """Two or three sentences: orders joined with "and", an order and its reason with "since"."""
        so = _SO.match(text.translate(_APOSTROPHES))
        if so is not None:
            order = self.order(text[so.end() :])
            if order is not None and order.form is Form.TO:
                reason = _lower(self.flip(text[: so.end("reason")]))
                return Advice(Form.TO, f"{order.text}, since {reason}", actionable=True)
        parts = _split(text)
        if len(parts) < 2:
            return None
        first = self.order(parts[0])
        if first is None and len(parts) == 2:
            return self._reason_then_order(*parts)
        if first is None or first.form is not Form.TO:
            return None
        if len(parts) == 2 and _first(parts[1]) in _SUBJECTS:
            reason = _lower(self.flip(parts[1]))
            if reason.endswith("?"):
                return None
            return Advice(Form.TO, f"{first.text}, since {reason}", actionable=True)
        orders = [first, *(self.order(p) for p in parts[1:])]
        if not all(o is not None and o.form is Form.TO for o in orders):
            return None
        texts = [o.text for o in orders if o is not None]
        if texts[0].startswith("to "):  # "to A and B"; "not to A, and to B" says what is not
            rest = [t.removeprefix("to ") for t in texts[1:]]
            return Advice(
                Form.TO, ", ".join(texts[:1] + rest[:-1]) + " and " + rest[-1], actionable=True
            )
        return Advice(Form.TO, ", ".join(texts[:-1]) + ", and " + texts[-1], actionable=True)

    def _reason_then_order(self, reason: str, then: str) -> Advice | None:
        """ "You're overqualified for that role, aim higher" -> "to aim higher, since I'm ..."."""
        order = self.order(then)
        point = self.point(reason)
        if (
            order is None
            or order.form is not Form.TO
            or point is None
            or point.form is not Form.THAT
        ):
            return None
        if re.search(r"\b(?:it|them|they|that|this|one)\b", then, re.I):
            return None  # "Your CV is too long; cut it": "it" would come before what it is
        since = point.text.removeprefix("that ")
        return Advice(Form.TO, f"{order.text}, since {since}", actionable=True)

    # -- offers --

    def offer(self, text: str) -> Advice | None:
        """Something they offered to do for the writer: thanked, not set as homework."""
        if self.writers:
            return None
        norm = text.translate(_APOSTROPHES)
        if match := _INVITATION.match(norm):
            rest = text[match.end("lead") :] if match.group("free") else text
            return Advice(Form.OFFER, "to " + _lower(self.flip(rest)), noun="invitation")
        if match := _TOGETHER.match(norm):
            return Advice(Form.OFFER, "to " + self.flip(text[match.start("act") :]), noun="offer")
        if match := _WILL_DO.match(norm):
            act = _drop_if_you_like(text[match.end() :])
            return Advice(Form.OFFER, "to " + _lower(self.flip(act)), noun="offer")
        match = _IF_YOU_THEN_I.match(norm) or _DO_THIS_AND_I.match(norm)
        if match is None:
            return None
        condition, act = text[match.start("cond") : match.end("cond")], text[match.start("act") :]
        if _IF_YOU_THEN_I.match(norm) is None and _imperative(condition) is None:
            return None
        act = _drop_if_you_like(act)
        thing = _thing(condition)
        if thing and re.search(r"\bit\b(?!')", act):
            done = re.sub(r"\bit\b(?!')", thing, act, count=1)
            return Advice(Form.OFFER, "to " + _lower(self.flip(done)), noun="offer")
        condition = _lower(condition)
        if_i = self.flip(condition if _IF_YOU_THEN_I.match(norm) else "you " + condition)
        if_i = re.sub(r"^I\s+", "", if_i)
        return Advice(Form.OFFER, f"to {_lower(self.flip(act))} if I {if_i}", noun="offer")

    # -- questions --

    def question(self, text: str) -> Advice | None:
        """A question they asked: "whether I ...", "about what I ...", else their words."""
        if not text.endswith("?") or _first(text) not in _Q_AUX | _WH:
            return None
        reported = _reported_question(self.flip(text))
        if reported is not None:
            return Advice(Form.QUESTION, reported)
        return Advice(Form.QUESTION, text, quoted=True)

    def ask_yourself(self, text: str) -> Advice | None:
        """ "Ask yourself: would you enjoy this job in five years?" -> "to ask myself whether ..."."""
        match = _ASK.match(text.translate(_APOSTROPHES))
        if match is None:
            return None
        reported = _reported_question(self.flip(text[match.end() :]))
        if reported is None:
            return None
        who = self.flip(text[match.start("who") : match.end("who")])
        reported = reported.removeprefix("about ")
        return Advice(
            Form.TO,
            f"to {_lower(match.group('verb'))} {who} {reported}".replace("  ", " "),
            actionable=True,
        )

    # -- points --

    def point(self, text: str) -> Advice | None:
        """A fact or an opinion, one sentence: "that my manager is my best ally"."""
        if text.endswith("?") or _split(text, commas=False)[1:]:
            return None
        first = _first(text)
        if first == "to" or _split(text)[1:]:
            return None  # "to show I can ship", "..., aim higher", "..., you've got this"
        words = _words(text)
        if first in _ADVISERS_STORY and not _OBLIGATION.search(text):
            return None  # the adviser's own story, or so it may be: their words, as said
        statement = (
            first in _COMMON
            or first.endswith("ing")
            or any(w in _FINITE for w in words[1:])
            or _finite_soon(words)
        )
        if not statement:
            return None
        said = _lower_statement(self.flip(text))
        return Advice(Form.THAT, "that " + said, actionable=bool(_OBLIGATION.search(said)))


def replace_text(found: Advice, text: str) -> Advice:
    return Advice(found.form, text, "", found.actionable, found.quoted, found.noun)


_LEADING = re.compile(
    r"^(?P<lead>(?:when|whenever|if|once|before|after|while|until|in|at|during|for|on|with"
    r"|as soon as|next time|every time|each time)\b[^,;:]*?),\s+",
    re.I,
)
_SO = re.compile(r"^(?P<reason>[^,;]+?)(?:,|;)?\s+so\s+(?!that\b)", re.I)
"""A reason, then the advice: "You never know who is hiring, so keep your profile current"."""
_ASK = re.compile(
    r"^(?P<verb>ask|consider)\s+(?P<who>yourself|them|him|her|your \w+|the \w+(?: \w+)?)\s*[:,]?\s+",
    re.I,
)
_TO_ME = (
    r"(?:email|e-mail|call|ask|message|text|write to|contact|follow up with) me\b"
    r"(?!.*\band I(?:'ll| will)\b)"
)
"""An order to get in touch with the adviser is an invitation ("Call me if you get stuck"),
unless it is the first half of an offer ("Email me your CV and I'll pass it on")."""
_INVITATION = re.compile(
    r"^(?P<lead>(?P<free>(?:feel free|don't hesitate|you're welcome|you are welcome) to\s+"
    r"|you can (?:always |just |also )?(?=(?:" + _TO_ME + r")))"
    r"|(?=(?:let me know|keep me posted|keep me (?:in the loop|updated)|keep in touch"
    r"|stay in touch|drop me a (?:line|note)|ping me|reach out to me|" + _TO_ME + r")\b))",
    re.I,
)
_TOGETHER = re.compile(
    r"^(?:you and I|you and me|me and you|we|let's|let us)(?:'ll|\s+(?:should|could|can|must"
    r"|will|might|ought to))?\s+(?P<act>(?:talk|meet|chat|catch up|speak|grab|get|have|keep"
    r"|stay|pick|find|set up|schedule)\b.*)$",
    re.I,
)
_WILL_DO = re.compile(
    r"^(?:I(?:'ll| will| can| could| am happy to|'m happy to|'d be (?:happy|glad) to"
    r"| would be (?:happy|glad) to|'d love to| would love to| am glad to|'m glad to)"
    r"|happy to|glad to|let me(?! know))\s+(?!(?:never|not|always|only|rarely)\b)",
    re.I,
)
_I_WILL = (
    r"I(?:'ll| will| can| could|'d be (?:happy|glad) to|'m happy to| am happy to"
    r"| would be (?:happy|glad) to)"
)
_IF_YOU_THEN_I = re.compile(rf"^if you (?P<cond>.+?),\s*(?:then\s+)?{_I_WILL}\s+(?P<act>.+)$", re.I)
_DO_THIS_AND_I = re.compile(
    rf"^(?P<cond>.+?)(?:,?\s+and|\s*[;.\u2014]|\s*,)\s+{_I_WILL}\s+(?P<act>.+)$", re.I
)
_THING = re.compile(
    r"^(?:please\s+|just\s+)?(?:send|email|forward|show|share|give|bring|mail|drop|pass|dm"
    r"|message)\s+(?:me\s+|over\s+)?(?P<thing>(?:your|a|an|the|my)\s+.+?)"
    r"(?=\s+(?:over|across|along|when|once|if|before|after|by|and|so|to me|first)\b|$)",
    re.I,
)
_ONE_YOU_HAVE = re.compile(
    r"\b(?:when|once|as soon as|after) you(?:'ve| have)(?: got| finished| built| done| written)?"
    r"\s+(?P<thing>(?:a|an|your)\s+[A-Za-z-]+)",
    re.I,
)


def _thing(condition: str) -> str:
    """What "it" is in "send me your CV and I'll pass it on": the thing the writer sends."""
    norm = condition.translate(_APOSTROPHES)
    match = _THING.match(norm) or _ONE_YOU_HAVE.search(norm)
    if match is None:
        return ""
    thing = condition[match.start("thing") : match.end("thing")]
    return re.sub(
        r"^(?:a|an|your)\s+", "your ", thing, flags=re.I
    )  # the writer's: "my" once flipped


def _drop_if_you_like(act: str) -> str:
    return re.sub(
        r",?\s+if you(?:'d| would)? (?:like|want|wish|need)(?: to)?$", "", act, flags=re.I
    )


def _split(text: str, *, commas: bool = True) -> list[str]:
    """The sentences of `text`, and the parts of one joined by a comma where a new order starts."""
    parts: list[str] = []
    start = 0
    in_quote = False
    index = 0
    while index < len(text):
        char = text[index]
        if char in '"\u201c\u201d':
            in_quote = not in_quote if char == '"' else char == OPEN
        elif not in_quote and _breaks(text, index, commas=commas):
            parts.append(text[start:index].strip())
            start = index + 1
        index += 1
    parts.append(text[start:].strip())
    return [p.strip(" -\u2014\u2013") for p in parts if p.strip(" -\u2014\u2013")]


def _breaks(text: str, index: int, *, commas: bool) -> bool:
    char, after = text[index], text[index + 1 : index + 2]
    if char in ";\u2014\u2013" or (char in ".!?" and after == " "):
        return True
    if char == "-" and text[index - 1 : index] == " " and after == " ":
        return True
    if after == " " and text[index + 2 : index + 3] in '"\u201c':
        return False  # 'Tell them: "I want your job"': what to say, in their words
    if char == ":" and commas:
        rest = _words(text[index + 1 :])
        return (
            bool(rest) and rest[0] in _SUBJECTS and len(rest) > 1 and rest[1] not in _CLAUSE_WORDS
        )
    if char == "," and commas:
        nxt = _first(text[index + 1 :])
        rest = _words(text[index + 1 :])
        if nxt in _SUBJECTS and len(rest) > 1 and rest[1] not in _CLAUSE_WORDS:
            return nxt not in ("i", "that", "this", "it's") or rest[1] in _FINITE
        return nxt in VERBS and nxt not in ("like", "say", "not") and len(rest) > 1
    return False


_DO_SUPPORT = {"do": "", "does": None, "did": None}
"""In a reported question "do" goes ("do I want" -> "I want"); "does"/"did" would need a tense."""


def _reported_question(question: str) -> str | None:
    """ "Would I enjoy this job?" -> "whether I would enjoy this job"; None when unsure."""
    words = question.rstrip("?").split()
    if len(words) < 2 or not question.endswith("?"):
        return None
    lower = [w.lower().translate(_APOSTROPHES) for w in words]
    if lower[0] in _WH:
        if lower[1] in _Q_AUX and len(words) > 2 and lower[2] in ("i", "we", "they"):
            aux = _DO_SUPPORT.get(lower[1], words[1])
            if aux is None or "n't" in lower[1]:
                return None
            rest = [words[2], *([aux] if aux else []), *words[3:]]
            return "about " + " ".join([lower[0], *rest])
        if lower[0] in ("who", "what") and lower[1] not in _Q_AUX | {"i", "you"}:
            return "about " + " ".join([lower[0], *words[1:]])
        return None
    if lower[0] in _Q_AUX and lower[1] in ("i", "we", "they") and "n't" not in lower[0]:
        aux = _DO_SUPPORT.get(lower[0], words[0].lower())
        if aux is None:
            return None
        return " ".join(["whether", words[1], *([aux] if aux else []), *words[2:]])
    return None


# -- the writer's own account ---------------------------------------------------------------

_AS_YOU_SAID = re.compile(
    r"^(?:as|like) you (?:said|say|put it|suggested|mentioned|recommended|advised|pointed out"
    r"|did|do)(?P<where>[^,:;]*)[,:;]\s*",
    re.I,
)
_YOU_TOLD_ME_TO = re.compile(
    r"^you (?:told|advised|encouraged|urged|asked|reminded) me (?P<neg>not )?to\s+", re.I
)
_YOU_OFFERED = re.compile(r"^you (?:offered|kindly offered|said you(?:'d| would)) to\s+", re.I)
_YOU_SAID_THAT = re.compile(
    r"^(?:you|she|he|they) (?:said|says|suggested|suggests|recommended|recommends|thought"
    r"|thinks|felt|feels|reckoned|reckons|pointed out|told me|tells me|mentioned|explained"
    r"|advised|advises)(?: that)?\s+",
    re.I,
)
_REPORTED_ORDER = re.compile(
    r"^(?:I (?:should|could|must|need to|ought to|might)\s+|me to\s+|I (?=\w+\b))", re.I
)
_ABOUT = re.compile(
    r"^your (?P<noun>advice|tip|idea|point|suggestion|story|question|comment|thoughts)"
    r"\s+(?P<topic>(?:about|on|regarding|for)\s+.+?)"
    r"(?:\s+(?:was|is|were|are|has been|really|made|helped|stuck|changed)\b.*)?$",
    re.I,
)
_THIRD_PERSON = re.compile(r"\b(?:she|he)\b", re.I)


def _writers_account(text: str) -> Advice | None:
    """A note in the writer's own voice: "As you said, ...", "She suggested I ..."."""
    norm = text.translate(_APOSTROPHES)
    mine = _Reader(Voice(False, False))
    if match := _AS_YOU_SAID.match(norm):
        rest = text[match.end() :]
        found = mine.order(rest) or mine.point(rest)
        where = match.group("where").strip()
        if found is not None and where and re.match(r"^(?:like|as) you (?:did|do)", norm, re.I):
            return replace_text(found, f"{found.text}, as you did {where}")
        return found
    if match := _YOU_TOLD_ME_TO.match(norm):
        prefix = "not to " if match.group("neg") else "to "
        return Advice(Form.TO, prefix + text[match.end() :], actionable=True)
    if match := _YOU_OFFERED.match(norm):
        return Advice(Form.OFFER, "to " + text[match.end() :], noun="offer")
    if match := _ABOUT.match(norm):
        topic = text[match.start("topic") : match.end("topic")]
        return Advice(Form.ABOUT, topic, actionable=True, noun=match.group("noun").lower())
    if match := _YOU_SAID_THAT.match(norm):
        rest = text[match.end() :]
        order = _REPORTED_ORDER.match(rest.translate(_APOSTROPHES))
        if order and _imperative(rest[order.end() :]):
            return mine._to("to ", _to_you(rest[order.end() :], norm))
        return mine.point(_to_you(rest, norm))
    return None


def _to_you(text: str, whole: str) -> str:
    """In "she said I should ask her team", the adviser is "she": "ask your team"."""
    if not _THIRD_PERSON.match(whole):
        return text
    text = re.sub(r"\b(?:her|his)\b(?=\s+[a-z])", "your", text)
    return re.sub(r"\b(?:her|him)\b", "you", text)


# -- all together ---------------------------------------------------------------------------


@lru_cache(maxsize=512)
def advice(text: str) -> Advice | None:
    """What the insight says, shaped to sit inside a sentence; None if it is empty.

    Cached: the checklist asks on every keystroke whether the highlight names it.
    """
    said = _tidy(text)
    if not said:
        return None
    voice = voice_of(said)
    if not (voice.first or voice.second):
        found = _writers_account(said)
        if found is not None:
            return found
    body, hypothetical = _strip_hedges(said)
    reader = _Reader(voice, hypothetical)
    for shape in (
        reader.offer,
        reader.ask_yourself,
        reader.question,
        reader.when_then,
        reader.pieces,
        reader.order,
        reader.point,
    ):
        found = shape(body)
        if found is not None:
            return found
    return _as_said(said, voice)


def _as_said(said: str, voice: Voice) -> Advice:
    """Their words exactly as they said them: nothing else fits with confidence."""
    actionable = _imperative(_strip_hedges(said)[0]) is not None
    return Advice(Form.SAID, _upper(said), actionable=actionable, quoted=True)
