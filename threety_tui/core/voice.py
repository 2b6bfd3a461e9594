"""The adviser's words in the writer's voice: the pronoun flip.

An insight is usually logged as the adviser said it, addressed to the writer:
"Ask for a shadow day at your own company". In the thank-you the writer speaks
to the adviser, so "your own company" is "my own company", and the adviser's
own "I", "my" and "our" are "you", "your" and "your".

`first_person` flips the pronouns (you/your/yours/yourself, the adviser's
I/me/my and their company's we/our/us), with the grammar that goes with them
("you are" -> "I am", "are you" -> "am I", "someone like you" -> "someone like
me", "you and I" -> "we", "we are" -> "your team is"). It is deliberately
conservative: text in double quotes, capitalised pronouns inside titles ("Your
Money or Your Life"), idioms ("you never know", "thank you") and any text
already in the writer's voice ("as you said", "she suggested I ...") are left
exactly as they are.

What kind of thing the adviser said (advice, a point, an offer, a question) and
how a sentence holds it is `advice.py`'s business; it flips the pieces it keeps
with `flip`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

# -- words ------------------------------------------------------------------------------

_SECOND = {"you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd"}
_FIRST = {"i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd"}

_SECOND_TO_FIRST = {
    "your": "my",
    "yours": "mine",
    "yourself": "myself",
    "yourselves": "ourselves",
    "you're": "I'm",
    "you've": "I've",
    "you'll": "I'll",
    "you'd": "I'd",
}
_FIRST_TO_SECOND = {
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "i've": "you've",
    "i'll": "you'll",
    "i'd": "you'd",
}

_AUX = frozenset(
    """should shall can could will would might may must need needn't ought have had are were
    aren't weren't do did don't didn't can't cannot won't wouldn't shouldn't couldn't mustn't
    haven't hadn't really just always never also still only probably actually already
    want wanted know knew think thought feel felt get got go went like love find found meet
    met admire realise realize believe seem tend hear hope wish decide choose enjoy apply
    applied work worked say said bring use used try tried""".split()
)
"""A word after "you" that makes it the subject: "you should", "you meet"."""

_PREPOSITIONS = frozenset(
    """to for with at about from by of on into onto behind around near toward towards without
    among between upon against past beside under over through""".split()
)
_OBJECT_VERBS = frozenset(
    """help helps helped let lets make makes made tell tells told show shows showed shown ask
    asks asked give gives gave send sends sent pay pays paid hire hires hired teach teaches
    taught remind reminds call calls called email emails introduce introduces introduced
    invite invites invited refer refers referred thank thanks offer offers get gets push
    pushes encourage encourages serve serves served trust trusts see sees saw hear hears meet
    meets reach reaches contact contacts connect connects bring brings brought take takes
    took put puts keep keeps kept lead leads led cost costs""".split()
)
"""A verb before "you" that makes it the object: "help you grow", "tell you"."""

_THAT_VERBS = frozenset("show shows showed prove proves proved mean means meant".split())
"""Verbs that take a clause: "it shows you care" ("you" is its subject, not their object)."""
_OBJECT_NEXT = frozenset(
    """a an the this that these those some any no every each one two my your his her its our
    their to and or but nor for with at in on about from by into back up down out off away
    well too first again later now here there directly personally more less something
    anything everything nothing someone anyone everyone somebody anybody everybody how what
    why where who whom whether if as like so very much right""".split()
)
"""A word after "you" that makes it the object: "serve you well", "tell you how"."""

_CLAUSE_START = frozenset(
    """and or but so if when whenever while because since once until unless before after that
    where whether though although as then what who how why wherever whatever which""".split()
)

VERBS = frozenset(
    """accept act add admit agree aim answer apply approach argue arrange ask attend avoid
    be become begin believe block book borrow bring build buy call care change chase check
    choose clean collect come commit compare consider contact contribute convince count
    create cut deal decide define delegate describe design develop do document drop
    email embrace enjoy expect explain explore fail figure fill find finish fix focus follow
    forget frame get give go grab grow guard help hire hold identify ignore imagine improve
    include interview invest invite join keep know land learn leave let limit list listen
    look make manage map mention mind move negotiate network note offer open organise
    organize own pay pick pitch plan polish post practise practice prepare present prioritise
    prioritize publish push put question quit reach read record reflect remember reply
    research respond rethink review revisit rewrite run save say schedule search see seek sell
    send set shadow share show sign skip sleep slow speak spend start stay stick stop study
    subscribe summarise summarize support take talk target teach tell test thank think track
    trust try turn understand update use visit volunteer wait walk watch work write
    brush clarify cultivate double draft edit engage gather hang highlight lean link measure
    mentor narrow nurture outline pair position pursue quantify raise rebuild reconnect reduce
    reframe register rehearse reread return revise scan sharpen simplify sketch solve spot
    stand stretch structure surround tackle tailor tighten treat trim widen
    feel specialise specialize undersell oversell ping automate benchmark bookmark calibrate
    celebrate challenge collaborate compile concentrate connect consult customise customize
    debug deploy diversify dive emphasise emphasize ensure establish evaluate expand
    experiment factor favour favor freelance host hunt intro iterate launch lead leverage
    lower message migrate mock observe pace partner pause persist phone plug prep probe
    prototype prove rank recruit refer refine relax relocate rely repeat replace request
    reset resist respect retrain rotate sample score shift showcase shortlist sit smile
    soften sort sponsor step streamline stress submit survey swap switch sync text trade
    train transfer translate travel tweak upskill validate value verify vet weigh welcome
    win wrap join""".split()
)
"""Base forms that start advice in the imperative ("Read the trade press every week")."""

_STARTERS = frozenset(
    """the a an it it's its there most many every each no nobody everyone everybody people
    good great small big being having getting asking reading writing networking referrals
    recruiters companies managers hiring interviews portfolios cover my our this that these
    those some any few all one two three i i'm i've i'd i'll what nobody""".split()
)
"""First words of a statement that are safe to lower-case inside a sentence."""

_TOKEN = re.compile(
    r"(?P<quote>\u201c[^\u201d]*\u201d|\"[^\"]*\")"
    r"|(?P<word>[^\W\d_]+(?:['\u2019][^\W\d_]+)*)"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)",
    re.S,
)
_IDIOMS = re.compile(
    r"\byou never know\b|\bthank[- ]you\b|\bmind you\b|\bif you ask me\b|\byou name it\b"
    r"|\btrust me\b|\bbelieve me\b|\byou bet\b|\bbetween you and me\b"
    r"|(?:^|(?<=[,;:]))\s*you know\s*(?=[,;:]|$)",
    re.I,
)
_WRITER_VOICE = re.compile(
    r"\b(?:as|like) you (?:said|say|put it|suggested|mentioned|recommended|advised|pointed out"
    r"|did|do)\b"
    r"|\byou (?:said|told me|mentioned|suggested|recommended|advised|pointed out|showed me"
    r"|explained|shared)\b"
    r"|\byour (?:advice|suggestion|tip|idea|point|recommendation)\b"
    r"|\b(?:he|she|they) (?:said|says|suggested|suggests|told me|tells me|thinks|thought"
    r"|recommended|recommends|advised|advises|mentioned)\b",
    re.I,
)
"""Signs that the text is already the writer's account: it is left as it is."""
_SENTENCE_END = frozenset(".!?:;")


_I_FORMS = frozenset(("i", "i'm", "i've", "i'll", "i'd"))


@dataclass
class _Token:
    text: str
    kind: str  # "quote", "word", "space", "other"
    start: int
    protected: bool = False
    out: str | None = None
    before: _Token | None = None
    """The token before, spaces skipped."""
    after: _Token | None = None
    """The token after, spaces skipped."""

    @property
    def lower(self) -> str:
        return self.text.lower().replace("\u2019", "'")


def _tokens(text: str) -> list[_Token]:
    tokens = [_Token(m.group(), m.lastgroup or "other", m.start()) for m in _TOKEN.finditer(text)]
    idioms = [(m.start(), m.end()) for m in _IDIOMS.finditer(text)]
    solid = [t for t in tokens if t.kind != "space"]
    for before, after in pairwise(solid):
        before.after, after.before = after, before
    for token in tokens:
        if token.kind == "quote" or any(a <= token.start < b for a, b in idioms):
            token.protected = True
    return tokens


def _at_sentence_start(before: _Token | None) -> bool:
    return before is None or (before.kind == "other" and before.text in _SENTENCE_END)


def _capital_mid_sentence(token: _Token) -> bool:
    if token.lower in _I_FORMS:
        return False  # "I" is always a capital
    return token.text[:1].isupper() and not _at_sentence_start(token.before)


def _titles(tokens: list[_Token]) -> set[int]:
    """Where a capitalised "You"/"Your"/"My" is part of a title or name: "Build Your Own Career".

    Mid-sentence, a capital says so. At the start of a sentence it cannot, unless
    a pronoun further on is capitalised too ("Your Money or Your Life is ...").
    SHOUTED text says nothing by its capitals.
    """
    words = [t for t in tokens if t.kind == "word"]
    if all(t.text.isupper() for t in words if len(t.text) > 1):
        return set()
    pronouns = [
        (i, t)
        for i, t in enumerate(tokens)
        if t.kind == "word"
        and not t.protected
        and (t.lower in _SECOND or t.lower in _FIRST or t.lower in _PLURAL)
        and t.lower not in _I_FORMS
        and t.text[:1].isupper()
    ]
    inside = {i for i, t in pronouns if _capital_mid_sentence(t)}
    last = max(inside, default=-1)
    return inside | {i for i, _ in pronouns if i < last}


def _word(token: _Token | None) -> str | None:
    return token.lower if token is not None and token.kind == "word" else None


def _you_is_subject(before: _Token | None, after: _Token | None) -> bool:
    prev, nxt = _word(before), _word(after)
    if prev in _THAT_VERBS and (nxt in _AUX or nxt in VERBS or nxt == "care"):
        return True  # "it shows you care": a clause, "you" its subject
    if prev in _PREPOSITIONS or prev in _OBJECT_VERBS or prev == "like":  # "someone like you"
        return False
    if nxt in _AUX:
        return True
    if nxt is None or nxt in _OBJECT_NEXT:
        return False
    if _at_sentence_start(before) or prev in _CLAUSE_START or (before and before.text == ","):
        return True
    return bool(after and after.kind == "word" and after.text.islower())


def _cased(word: str, like: str) -> str:
    """`word` written as `like` was: its capital, its kind of apostrophe."""
    if "\u2019" in like:
        word = word.replace("'", "\u2019")
    if word == "I" or word.startswith(("I'", "I\u2019")):
        return word
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@dataclass(frozen=True, slots=True)
class Voice:
    """Which pronouns of a text are to be flipped."""

    second: bool
    """you/your... are the writer: flip them to I/my."""
    first: bool
    """I/me/my are the adviser: flip them to you/your."""


def voice_of(text: str) -> Voice:
    """Decide whose words `text` is.

    The adviser's (flip) when it speaks to the writer in the second person, or
    gives an order ("Send me your CV", "Read my blog"); left alone when it is
    already the writer's account ("As you said, ...", "She suggested I ...") or
    a statement with no second person ("I should read more papers"). Their
    company's "we" and "our" ("We're hiring, so apply to us") are the adviser's.
    """
    if _WRITER_VOICE.search(text):
        return Voice(False, False)
    tokens = _tokens(text)
    titles = _titles(tokens)
    second = any(
        t.kind == "word" and t.lower in _SECOND and not t.protected and i not in titles
        for i, t in enumerate(tokens)
    )
    team = any(
        t.kind == "word" and t.lower in _PLURAL and not t.protected and i not in titles
        for i, t in enumerate(tokens)
    )
    words = [t for t in tokens if t.kind == "word"]
    first_word = words[0].lower if words else ""
    imperative = first_word in VERBS or first_word in ("don't", "never", "always", "please")
    if first_word == "i'd" and len(words) > 1:  # "I'd apply through a referral": advice
        imperative = imperative or words[1].lower in VERBS
    return Voice(second, second or imperative or team)


def first_person(text: str) -> str:
    """The advice in the writer's voice: "your own company" -> "my own company"."""
    return flip(text, voice_of(text))


_GONE = "\0"
"""A word merged into the one before ("you and I" -> "we"): removed with its space."""


def flip(text: str, voice: Voice) -> str:
    """`text` with the pronouns `voice` says are to flip, flipped (a piece of a longer text).

    The voice is decided on the whole text (`voice_of`): a piece such as "tell
    her I sent you" cannot tell on its own whose "I" that is.
    """
    if not (voice.second or voice.first):
        return text
    tokens = _tokens(text)
    titles = _titles(tokens)
    for index, token in enumerate(tokens):
        if token.kind != "word" or token.protected or token.out is not None:
            continue
        word = token.lower
        if index in titles or not (word in _SECOND or word in _FIRST or word in _PLURAL):
            continue
        before, after = token.before, token.after
        if _pair(token, voice):
            continue
        if word in _SECOND and voice.second:
            _flip_second(token, word, before, after)
        elif word in _FIRST and voice.first:
            _flip_first(token, word, before, after)
        elif word in _PLURAL and voice.first:
            _flip_plural(token, word, after)
    out = "".join(t.out if t.out is not None else t.text for t in tokens)
    return re.sub(r"\s*\0", "", out) if _GONE in out else out


def _pair(token: _Token, voice: Voice) -> bool:
    """ "you and I" -> "we", "you and me" -> "us": "Me and you should talk" is not English."""
    if not (voice.second and voice.first):
        return False
    conj = token.after
    other = conj.after if conj is not None else None
    if conj is None or other is None or conj.lower != "and" or other.protected:
        return False
    pair = {token.lower, other.lower}
    if pair not in ({"you", "i"}, {"you", "me"}):
        return False
    subject = "i" in pair or _at_sentence_start(token.before)
    token.out = _cased("we" if subject else "us", token.text)
    conj.out = other.out = _GONE
    return True


_PLURAL = frozenset(("we", "our", "ours", "us", "ourselves", "we're", "we've", "we'll", "we'd"))
"""The adviser's company: "our design team" is "your design team"."""
_TOGETHER = frozenset(
    """talk meet chat catch speak grab get have keep stay discuss go review look pick find
    set schedule""".split()
)
"""After "we (should)", a verb that makes "we" the writer and the adviser: "we should talk"."""
_MODALS = frozenset("should could can must will would might may shall".split())
_TEAM = {
    "our": "your",
    "ours": "your team's",
    "us": "your team",
    "ourselves": "yourselves",
    "we're": "your team is",
    "we've": "your team has",
    "we'll": "your team will",
    "we'd": "your team would",
}
_AGREE = {
    "are": "is",
    "were": "was",
    "have": "has",
    "do": "does",
    "don't": "doesn't",
    "aren't": "isn't",
    "weren't": "wasn't",
    "haven't": "hasn't",
}
_ADVERBS = frozenset("always never often usually also just really only still already".split())


def _flip_plural(token: _Token, word: str, after: _Token | None) -> None:
    """The adviser's "we"/"our" is their team's, unless it is the two of them ("we should talk")."""
    nxt = after
    if word == "we" and nxt is not None and nxt.lower in _MODALS:
        nxt = nxt.after
    if word in ("we", "we'll", "we'd") and nxt is not None and nxt.lower in _TOGETHER:
        return  # "we should talk again": the writer and the adviser
    if word != "we":
        token.out = _cased(_TEAM[word], token.text)
        return
    token.out = _cased("your team", token.text)
    verb = after
    while verb is not None and verb.kind == "word" and verb.lower in _ADVERBS:
        verb = verb.after
    if verb is None or verb.kind != "word" or verb.out is not None or verb.protected:
        return
    if verb.lower in _AGREE:
        verb.out = _cased(_AGREE[verb.lower], verb.text)
    elif verb.lower in VERBS or (verb.lower in _AUX and verb.lower not in _MODALS):
        verb.out = _third_person(verb.text)


def _third_person(verb: str) -> str:
    """ "hire" -> "hires", "push" -> "pushes", "try" -> "tries": after "your team"."""
    low = verb.lower()
    if low in ("have", "has"):
        return "has"
    if low.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if low.endswith("y") and low[-2:-1] not in tuple("aeiou"):
        return verb[:-1] + "ies"
    return verb + "s"


def _flip_second(token: _Token, word: str, before: _Token | None, after: _Token | None) -> None:
    if word != "you":
        token.out = _cased(_SECOND_TO_FIRST[word], token.text)
        return
    if not _you_is_subject(before, after):
        token.out = _cased("me", token.text)
        return
    token.out = "I"
    prev = _word(before)
    if after is not None and after.kind == "word" and after.out is None and not after.protected:
        verb = after.lower
        if verb == "are":
            after.out = _cased("am", after.text)
        elif verb == "were" and prev not in ("if", "wish"):
            after.out = _cased("was", after.text)
        elif verb == "aren't":
            after.out = _cased("am not", after.text)
        elif verb == "weren't":
            after.out = _cased("wasn't", after.text)
    if before is not None and before.kind == "word" and before.out is None:
        inverted = {"are": "am", "were": "was", "weren't": "wasn't"}.get(before.lower)
        if inverted:
            before.out = _cased(inverted, before.text)


def _flip_first(token: _Token, word: str, before: _Token | None, after: _Token | None) -> None:
    start = before is None or (before.kind == "other" and before.text in ".!?")
    if word in _I_FORMS:  # "I" is a capital anywhere: "you" takes one only to start a sentence
        flipped = "you" if word == "i" else _FIRST_TO_SECOND[word]
        token.out = _cased(flipped, token.text if start else token.text.lower())
    else:
        token.out = _cased(_FIRST_TO_SECOND[word], token.text)
    if word != "i":
        return
    if after is not None and after.kind == "word" and after.out is None and not after.protected:
        verb = after.lower
        replacement = {"am": "are", "was": "were", "wasn't": "weren't"}.get(verb)
        if replacement:
            after.out = replacement
    if before is not None and before.kind == "word" and before.out is None:
        inverted = {"am": "are", "was": "were", "wasn't": "weren't"}.get(before.lower)
        if inverted:
            before.out = _cased(inverted, before.text)
