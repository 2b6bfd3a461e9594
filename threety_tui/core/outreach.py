"""The meeting request (spec section 8): a short email asking for advice, before any meeting.

It lives in the same editor as the 3TY, in the same `Parts`, each part with its
own meaning (`PART_LABELS`): the connection first (who introduced you, where
you met), then something about them, one line about you (optional), and the
request, a question asking for advice or insight, never for a job. Its
checklist: at most 100 words, the connection named first, advice not a job,
the request a question, more of it about them than about you.

`wordings` gives each part a few wordings, the pre-filled one first (the
editor's ctrl+n cycles them). `follow_up_once_draft` is the short note the
7-business-day nudge opens: it `follows` the request, and is never one itself.
"""

from __future__ import annotations

import re
from datetime import date

from threety_tui.core.body import Check, CheckItem, is_signed, render_body
from threety_tui.core.dates import short
from threety_tui.core.models import DEFAULT_SIGN_OFF, Contact, Message, MessageKind, Parts
from threety_tui.core.rules import outreach_dates
from threety_tui.core.words import word_count

MAX_WORDS = 100

PART_LABELS = {
    "gratitude": "1 Connection",
    "highlight": "2 About them",
    "benefit": "+ About you",
    "ask": "3 The request",
}
"""What each field of `Parts` holds in a meeting request (the editor's labels)."""

PART_HINTS = {
    "gratitude": "How you are connected: who introduced you, where you met.",
    "highlight": "Why them: their work, their path, something they said or wrote.",
    "benefit": "One line about you and what you are exploring (optional).",
    "ask": "A question asking for their advice or insight, not for a job.",
}

_CONNECTION_CUES = re.compile(
    r"\b(introduc\w*|suggest\w*|recommend\w*|referr\w*|refer|pointed|met|meet|meeting|"
    r"mutual|both|fellow|alum\w*|classmates?|colleagues?|friends?|through|via|"
    r"saw|heard|read|talk|panel|event|conference|meetup|linkedin|members?|group|"
    r"community|connected|connection|mentioned|told me|gave me your name|worked with|"
    r"passed on your name|found your name|came across|crossed paths|in common|"
    r"know each other|spoke|spoken|wrote to you|earlier (?:email|note|message))\b",
    re.IGNORECASE,
)
_NEGATIONS = frozenset("not never no haven't hasn't hadn't didn't don't doesn't".split())
"""A connection cue after one of these ("we have not met") names no connection."""
_SENTENCE_END = re.compile(r"[.!?;:]")
_ADVICE = re.compile(
    r"\b(advice|advise|insights?|perspective|learn\w*|guidance|thoughts|experience|"
    r"questions?|opinion|tips|suggestions?|lessons?|how you|what you|your view|"
    r"recommend\w*|pointers)\b",
    re.IGNORECASE,
)
_JOB_ASK = re.compile(
    r"\b(jobs?|positions?|openings?|vacanc\w*|hire|hiring|employ\w*|refer me|referral|"
    r"internships?|open roles?|a role|any roles?|roles? (?:at|on|in) your|work for you|"
    r"interview me|my (?:cv|resume|résumé))\b",
    re.IGNORECASE,
)
_YOU = re.compile(r"\b(you|your|yours|yourself|you'?re|you'?ve|you'?d|you'?ll)\b", re.IGNORECASE)
_ME = re.compile(r"\b(i|me|my|mine|myself|i'?m|i'?ve|i'?d|i'?ll)\b", re.IGNORECASE)
_PART_NAMES = {
    "gratitude": "the connection",
    "highlight": "about them",
    "benefit": "about you",
    "ask": "the request",
}
"""What the checklist calls each part of a meeting request (the editor's labels)."""


def subject(contact: Contact) -> str:
    return subjects(contact)[0]


def subjects(contact: Contact) -> list[str]:
    company = " ".join(contact.company.split())
    if not company:
        return ["Could I ask your advice?", "A question about your work"]
    return [
        f"Could I ask your advice about {company}?",
        f"A question about your work at {company}",
        "Could I ask your advice?",
    ]


# -- how you are connected ----------------------------------------------------------

_DETERMINERS = frozenset("the a an my our your his her their this that these those".split())
_COMMON_FIRST = frozenset(
    """alumni alumnus alumna friend friends colleague colleagues former old ex classmate
    classmates career careers conference panel meetup event events hackathon mentoring mentor
    networking cold coffee university college school class course workshop webinar talk
    lecture seminar summit fair dinner lunch breakfast reception party volunteer volunteering
    board team project neighbour neighbor family cousin church club gym community group
    online industry local company work previous mutual professional recruiting hiring tech
    startup open annual weekly monthly reading book study local regional national
    international""".split()
)
"""Words that start a how-met note in the user's sentence case ("Alumni network"):
lower-cased inside a sentence. Any other first word ("Stripe offsite") is kept."""
_EVENTS = frozenset(
    """meetup meetups conference conferences panel talk talks event events fair summit
    workshop webinar hackathon dinner reception sprint sprints q&a seminar lecture class
    course session party breakfast lunch mixer bootcamp retreat offsite convention expo
    symposium forum roundtable presentation keynote day night""".split()
)
_ROLES = frozenset(
    """judge speaker panelist panellist host organiser organizer presenter moderator
    instructor lecturer keynote""".split()
)
_SOURCES = {
    **dict.fromkeys(
        "network programme program group community platform association society alumni "
        "slack discord".split(),
        "through",
    ),
    **dict.fromkeys(
        "directory list newsletter database article blog site website podcast".split(), "in"
    ),
}
_INTRO = re.compile(
    r"^(?:introduced|referred|recommended|suggested|sent|asked|put in touch|connected)"
    r"(?:\s+to you)?\s+(?:by|through|via)\s+(?P<who>.+)$"
    r"|^intro(?:duction|duced)?\s+(?:from|by|via|through)\s+(?P<who2>.+)$",
    re.IGNORECASE,
)
_VIA = re.compile(r"^(?:via|through|from)\s+(?P<rest>.+)$", re.IGNORECASE)
_MET = re.compile(r"^(?:we\s+)?(?:first\s+)?met\s+(?P<rest>.+)$", re.IGNORECASE)
_FRIEND_OF = re.compile(
    r"^(?:an?\s+)?(?P<rel>friend|colleague|classmate|neighbou?r|cousin|relative|contact)"
    r"\s+of\s+(?P<whose>.+)$",
    re.IGNORECASE,
)
_SOMEONE = re.compile(r"^(?:an?\s+|my\s+)?(?:friend|colleague|classmate|mine)s?$", re.IGNORECASE)


def _sentence_case(phrase: str) -> str:
    """`phrase` to go inside a sentence: a common first word lower-cased, a name kept."""
    first = phrase.split(" ", 1)[0]
    plain = first[:1].isupper() and (first[1:].islower() or len(first) == 1)
    word = first.casefold().strip(",.;:")
    if plain and (word in _COMMON_FIRST or word in _DETERMINERS):
        return phrase[:1].lower() + phrase[1:]
    return phrase


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _the(phrase: str) -> str:
    """ "the career fair"; a phrase with its own determiner keeps it ("my old team")."""
    first = phrase.split(" ", 1)[0].casefold()
    return phrase if first in _DETERMINERS else f"the {phrase}"


def _a(phrase: str) -> str:
    return ("an " if phrase[:1].casefold() in "aeiou" else "a ") + phrase


def _last_word(phrase: str) -> str:
    return phrase.split()[-1].casefold().strip(".,;:!()") if phrase.split() else ""


def _suggested(who: str) -> list[str]:
    who = _cap(_sentence_case(who)) if who.split(" ", 1)[0].casefold() in _DETERMINERS else who
    return [
        f"{who} suggested I get in touch with you.",
        f"{who} suggested I write to you.",
        f"{who} suggested you would be a good person to ask.",
    ]


def _is_person(phrase: str) -> bool:
    """ "Ada", "Joan Clarke", "my old boss": someone, not a place or a channel."""
    words = phrase.split()
    if words and words[0].casefold() in ("my", "our"):
        return True
    return (
        0 < len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and not any(
            w.casefold().strip(".,") in _EVENTS
            or w.casefold() in _SOURCES
            or w.casefold() == "linkedin"
            for w in words
        )
    )


def connection_sentences(contact: Contact) -> list[str]:
    """Part 1's wordings from how you met or who introduced you ([] when nothing is recorded).

    Each names the connection in a sentence a person would write, the user's own
    words kept as typed (a name keeps its capitals: "the Women in Aerospace meetup").
    """
    how = " ".join(contact.how_met.split()).rstrip(".!;, ")
    if not how:
        return []
    folded = how.casefold()
    if (intro := _INTRO.match(how)) is not None:
        return _suggested(intro.group("who") or intro.group("who2"))
    if "linkedin" in folded:
        if "connection" in folded or "connected" in folded:
            return ["We are connected on LinkedIn.", "I am one of your connections on LinkedIn."]
        return ["I came across your profile on LinkedIn.", "I found you on LinkedIn."]
    if (met := _MET.match(how)) is not None:
        rest = met.group("rest")
        return [f"We met {rest}.", f"I enjoyed meeting you {rest}."]
    if (via := _VIA.match(how)) is not None and _is_person(via.group("rest")):
        return _suggested(via.group("rest"))
    if (friend := _FRIEND_OF.match(how)) is not None:
        whose = friend.group("whose")
        if _SOMEONE.match(whose):
            someone = how if folded.startswith(("a ", "an ")) else _a(_sentence_case(how))
            return [
                f"{_cap(someone)} passed on your name.",
                "We have a friend in common, who passed on your name.",
            ]
        return [f"{whose} passed on your name.", f"{whose} suggested I get in touch with you."]
    phrase = _sentence_case(how)
    last = _last_word(how)
    if last in _ROLES:
        return [
            f"We crossed paths when you were {_a(phrase)}.",
            f"I first came across you as {_a(phrase)}.",
        ]
    if last in _EVENTS or "q&a" in folded:
        place = _the(phrase)
        return [
            f"We met at {place}.",
            f"I enjoyed meeting you at {place}.",
            f"We spoke briefly at {place}.",
        ]
    if last in _SOURCES:
        where = _SOURCES[last]
        return [
            f"I found your name {where} {_the(phrase)}.",
            f"I came across your name {where} {_the(phrase)}.",
        ]
    return [f"I found your name through {phrase}.", f"We are connected through {phrase}."]


def connection_sentence(contact: Contact) -> str:
    """Part 1 from how you met or who introduced you ("" when nothing is recorded)."""
    options = connection_sentences(contact)
    return options[0] if options else ""


def about_them_sentences(contact: Contact) -> list[str]:
    company = " ".join(contact.company.split())
    role = " ".join(contact.role.split())
    if company and role:
        return [
            f"How you became {_a(role)} at {company} is exactly what I hope to learn from.",
            f"Your work as {_a(role)} at {company} stands out to me.",
        ]
    if company:
        return [
            f"I would love to hear how you see the field from where you sit at {company}.",
            f"Your view of the field from {company} is one I would value.",
        ]
    if role:
        return [
            f"How you became {_a(role)} is exactly what I hope to learn from.",
            f"Your work as {_a(role)} stands out to me.",
        ]
    return [
        "I would love to hear how you see the field from where you sit.",
        "Your view of the field is one I would value.",
    ]


def about_them_sentence(contact: Contact) -> str:
    return about_them_sentences(contact)[0]


_ABOUT_YOU = ["I am exploring a move into this area.", "I am weighing a move into this field."]
_REQUESTS = [
    "Would you have 20 minutes in the next few weeks to share your advice on how you got started?",
    "Would you be open to sharing your advice on how you got started, over 20 minutes in the "
    "coming weeks?",
    "Your perspective on how you got here would help a lot: would you have time for a short "
    "call in the next few weeks?",
]
_AGAIN = [
    "Following up on my earlier email, in case it got buried.",
    "Just checking that my earlier email reached you.",
]
_NOTE_REQUESTS = [
    "Would you have 15 minutes in the coming weeks to share your advice?",
    "If you have 15 minutes in the coming weeks, could I ask your advice?",
]


def wordings(part: str, contact: Contact, *, follow_up: bool = False) -> list[str] | None:
    """The wordings of a part of a meeting request (or of the one follow-up to one), the
    pre-filled one first; None for a part worded as in any draft (greeting, sign-off)."""
    if part == "subject":
        return [] if follow_up else subjects(contact)  # the follow-up keeps "Re: ..."
    if part == "gratitude":
        connection = connection_sentence(contact)
        if not follow_up:
            return connection_sentences(contact)
        return [f"{connection} {again}" if connection else again for again in _AGAIN]
    if part == "highlight":
        if follow_up:
            company = " ".join(contact.company.split())
            at = f" at {company}" if company else ""
            return [
                f"You must have a lot on your plate{at}.",
                f"Your time{at} must be in high demand.",
            ]
        return about_them_sentences(contact)
    if part == "benefit":
        return [] if follow_up else list(_ABOUT_YOU)
    if part == "ask":
        return list(_NOTE_REQUESTS if follow_up else _REQUESTS)
    return None


def default_parts(
    contact: Contact, today: date, *, your_name: str = "", sign_off: str = DEFAULT_SIGN_OFF
) -> Parts:
    """The pre-filled meeting request: the first wording of each part.

    With no connection recorded the first part is left empty, for the user to say
    (its placeholder and the checklist ask for it): no stock sentence stands in
    for it. `today` is unused but kept for symmetry with compose.
    """
    greeting = f"Hi {contact.first_name}," if contact.first_name else "Hi,"
    signoff = (sign_off.strip() or DEFAULT_SIGN_OFF) + (f"\n{your_name}" if your_name else "")
    return Parts(
        greeting=greeting,
        gratitude=connection_sentence(contact),
        highlight=about_them_sentence(contact),
        benefit=_ABOUT_YOU[0],
        ask=_REQUESTS[0],
        signoff=signoff,
    )


def new_draft(
    contact: Contact, today: date, *, your_name: str = "", sign_off: str = DEFAULT_SIGN_OFF
) -> Message:
    """A new, unsaved meeting request (no meeting yet)."""
    parts = default_parts(contact, today, your_name=your_name, sign_off=sign_off)
    return Message(
        contact_id=contact.id,
        meeting_id=None,
        kind=MessageKind.OUTREACH,
        parts=parts,
        subject=subject(contact),
        body=render_body(parts),
    )


FOLLOW_UP_SIGN_OFF = "Thanks either way,"


def follow_up_once_draft(
    contact: Contact,
    request: Message,
    today: date,
    *,
    your_name: str = "",
) -> Message:
    """The short, one-time follow-up the 7-business-day nudge opens (`follows` the request).

    Sending it ends the nudges for this request (see `rules.awaiting`); it is
    never a request of its own. The connection is named again: they may not
    remember you. `today` is unused, kept for symmetry with `new_draft`.
    """
    greeting = f"Hi {contact.first_name}," if contact.first_name else "Hi,"
    parts = Parts(
        greeting=greeting,
        gratitude=_first(wordings("gratitude", contact, follow_up=True)),
        highlight=_first(wordings("highlight", contact, follow_up=True)),
        benefit="",
        ask=_NOTE_REQUESTS[0],
        signoff=FOLLOW_UP_SIGN_OFF + (f"\n{your_name}" if your_name else ""),
    )
    original = " ".join(request.subject.split())
    return Message(
        contact_id=contact.id,
        meeting_id=None,
        kind=MessageKind.OUTREACH,
        parts=parts,
        subject=f"Re: {original}" if original else subject(contact),
        body=render_body(parts),
        follows=request.id or None,
    )


def awaiting_words(sent: date, today: date, company: str) -> str:
    """What comes after a request sent on `sent` if no answer comes, said as of `today`.

    A send recorded late (backdated) may have passed a nudge's day already: that
    nudge is due now, not "by" a day gone.
    """
    second, follow = outreach_dates(sent)
    company = " ".join(company.split())
    where = f"a second contact at {company}" if company else "a second person who could help"
    if today >= follow:
        return "No reply in 7 business days: follow up once now (it is in the agenda)."
    if today >= second:
        return (
            f"No reply in 3 business days: try {where} now (it is in the agenda); "
            f"with none by {short(follow, today)}, follow up once."
        )
    return (
        f"With none by {short(second, today)} (3 business days), try {where}; "
        f"by {short(follow, today)} (7), follow up once."
    )


def _first(options: list[str] | None) -> str:
    return options[0] if options else ""


def about_counts(parts: Parts) -> tuple[int, int]:
    """(words about them, words about you): second- and first-person words, outside
    the greeting and sign-off."""
    text = " ".join((parts.gratitude, parts.highlight, parts.benefit, parts.ask))
    text = text.replace("\u2019", "'")
    return len(_YOU.findall(text)), len(_ME.findall(text))


def _names_connection(text: str) -> bool:
    """A connection cue that is not denied ("we have not met" names none)."""
    text = text.replace("\u2019", "'")
    for match in _CONNECTION_CUES.finditer(text):
        sentence = _SENTENCE_END.split(text[: match.start()])[-1]
        before = sentence.casefold().split()[-3:]
        if not any(word.strip(",;:") in _NEGATIONS for word in before):
            return True
    return False


def _job_ask_in(parts: Parts) -> str | None:
    """The first part that asks for a job ("the connection", "the request"), else None."""
    for name, label in _PART_NAMES.items():
        if _JOB_ASK.search(getattr(parts, name)):
            return label
    return None


def checklist(parts: Parts, *, body: str | None = None, your_name: str = "") -> list[CheckItem]:
    """The meeting request's checklist (`compose.checklist` hands an outreach here)."""

    def item(name: str, ok: bool, good: str, bad: str) -> CheckItem:
        return CheckItem(name, Check.OK if ok else Check.WARN, good if ok else bad)

    connection = parts.gratitude.strip()
    ask = parts.ask.strip()
    them, you = about_counts(parts)
    words = word_count(render_body(parts) if body is None else body)
    job = _job_ask_in(parts)
    if job is not None:
        advice_bad = f"leave out the job ask (in {job}): ask for their advice or insight"
    else:
        advice_bad = "ask for their advice or insight"
    if them == you:
        about_bad = f"as much about you ({you}) as about them ({them}): say why them"
    else:
        about_bad = f"more about you ({you}) than about them ({them}): say why them"
    return [
        item(
            "Connection",
            bool(connection) and _names_connection(connection),
            "names how you are connected, first",
            "start with how you are connected: who introduced you, or where you met"
            if connection
            else "add how you are connected (who introduced you, where you met)",
        ),
        item(
            "Advice",
            bool(_ADVICE.search(ask)) and job is None,
            "asks for advice, not a job",
            advice_bad,
        ),
        item(
            "Question",
            ask.endswith("?") or ask.endswith("?\u201d"),
            "the request is a question",
            "make the request a question" if ask else "add the request, as a question",
        ),
        item(
            "About them",
            them > you,
            f"more about them ({them}) than about you ({you})",
            about_bad,
        ),
        item(
            "Signed",
            is_signed(parts.signoff, your_name),
            "signed with your name",
            "sign it with your name",
        ),
        item(
            "Length",
            words <= MAX_WORDS,
            f"{words} words",
            f"{words} words: keep it to {MAX_WORDS} at most",
        ),
    ]
