"""The meeting request (spec section 8): a short email asking for advice, before any meeting.

It lives in the same editor as the 3TY, in the same `Parts`, each part with its
own meaning (`PART_LABELS`): the connection first (who introduced you, where
you met), then something about them, one line about you (optional), and the
request, a question asking for advice or insight, never for a job. Its
checklist: at most 100 words, the connection named first, advice not a job,
the request a question, more of it about them than about you.

`follow_up_once_draft` is the short note the 7-business-day nudge opens.
"""

from __future__ import annotations

import re
from datetime import date

from threety_tui.core.body import Check, CheckItem, is_signed, render_body
from threety_tui.core.dates import short
from threety_tui.core.models import DEFAULT_SIGN_OFF, Contact, Message, MessageKind, Parts
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
    r"community|connected|connection|mentioned|told me|gave me your name|worked with)\b",
    re.IGNORECASE,
)
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


def subject(contact: Contact) -> str:
    company = " ".join(contact.company.split())
    return f"Could I ask your advice about {company}?" if company else "Could I ask your advice?"


def connection_sentence(contact: Contact) -> str:
    """Part 1 from how you met or who introduced you ("" when nothing is recorded)."""
    how = " ".join(contact.how_met.split()).rstrip(".")
    if not how:
        return ""
    lowered = how.casefold()
    for prefix in ("introduced by ", "referred by ", "intro from ", "introduction from "):
        if lowered.startswith(prefix):
            who = how[len(prefix) :].strip()
            return f"{who} suggested I get in touch with you." if who else ""
    if lowered.startswith("met "):
        return f"We {how[0].lower()}{how[1:]}."
    return f"I found your name through our connection: {how[0].lower()}{how[1:]}."


def about_them_sentence(contact: Contact) -> str:
    company = " ".join(contact.company.split())
    role = " ".join(contact.role.split())
    if company and role:
        return f"Your path to {role} at {company} is exactly what I hope to learn from."
    if company:
        return f"I would love to hear how you see the field from where you sit at {company}."
    if role:
        return f"Your path to {role} is exactly what I hope to learn from."
    return "I would love to hear how you see the field from where you sit."


def default_parts(
    contact: Contact, today: date, *, your_name: str = "", sign_off: str = DEFAULT_SIGN_OFF
) -> Parts:
    """The pre-filled meeting request; `today` is unused but kept for symmetry with compose."""
    greeting = f"Hi {contact.first_name}," if contact.first_name else "Hi,"
    signoff = (sign_off.strip() or DEFAULT_SIGN_OFF) + (f"\n{your_name}" if your_name else "")
    return Parts(
        greeting=greeting,
        gratitude=connection_sentence(contact)
        or "I am reaching out because of your work in the field.",
        highlight=about_them_sentence(contact),
        benefit="I am exploring my next step in this area.",
        ask="Would you have 20 minutes in the next few weeks to share your advice on how "
        "you got started?",
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


def follow_up_once_draft(
    contact: Contact, request: Message, today: date, *, your_name: str = ""
) -> Message:
    """The short, one-time follow-up the 7-business-day nudge opens (a meeting request too).

    Sending it ends the nudges for this request: it is the one follow-up
    (see `rules.awaiting`).
    """
    when = f" on {short(request.sent, today)}" if request.sent else ""
    greeting = f"Hi {contact.first_name}," if contact.first_name else "Hi,"
    company = " ".join(contact.company.split())
    connection = connection_sentence(contact)  # named again: they may not remember you
    again = f"I wrote to you{when} and wanted to follow up once, in case it got buried."
    parts = Parts(
        greeting=greeting,
        gratitude=f"{connection} {again}" if connection else again,
        highlight=(
            f"I know how busy things get at {company}." if company else "I know how busy you are."
        ),
        benefit="",
        ask="Would you have 15 minutes in the coming weeks to share your advice?",
        signoff="Thanks either way," + (f"\n{your_name}" if your_name else ""),
    )
    original = " ".join(request.subject.split())
    return Message(
        contact_id=contact.id,
        meeting_id=None,
        kind=MessageKind.OUTREACH,
        parts=parts,
        subject=f"Re: {original}" if original else subject(contact),
        body=render_body(parts),
    )


def about_counts(parts: Parts) -> tuple[int, int]:
    """(words about them, words about you): second- and first-person words, outside
    the greeting and sign-off."""
    text = " ".join((parts.gratitude, parts.highlight, parts.benefit, parts.ask))
    text = text.replace("\u2019", "'")
    return len(_YOU.findall(text)), len(_ME.findall(text))


def checklist(parts: Parts, *, body: str | None = None, your_name: str = "") -> list[CheckItem]:
    """The meeting request's checklist (`compose.checklist` hands an outreach here)."""

    def item(name: str, ok: bool, good: str, bad: str) -> CheckItem:
        return CheckItem(name, Check.OK if ok else Check.WARN, good if ok else bad)

    connection = parts.gratitude.strip()
    ask = parts.ask.strip()
    them, you = about_counts(parts)
    words = word_count(render_body(parts) if body is None else body)
    return [
        item(
            "Connection",
            bool(connection) and bool(_CONNECTION_CUES.search(connection)),
            "names how you are connected, first",
            "start with how you are connected: who introduced you, or where you met"
            if connection
            else "add how you are connected (who introduced you, where you met)",
        ),
        item(
            "Advice",
            bool(_ADVICE.search(ask)) and not _JOB_ASK.search(ask),
            "asks for advice, not a job",
            "ask for their advice or insight, not for a job"
            if _JOB_ASK.search(ask)
            else "ask for their advice or insight",
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
            f"more about you ({you}) than about them ({them}): say why them",
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
