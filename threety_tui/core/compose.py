"""The 3TY composer: pre-filled parts, the finished email, and its checklist.

Pure functions of a contact, a meeting, the parts and `today`. The email body
is plain text with one line per paragraph and a blank line between paragraphs:
mail clients wrap for themselves, so nothing here hard-wraps (the preview
wraps for display only, see `mail_text.wrap_for_display`). The wording of
each part lives in `wordings`, the adviser's words in the writer's voice in
`voice`, and what an update can tell in `news`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from threety_tui.core import wordings
from threety_tui.core.advice import advice
from threety_tui.core.body import Check, CheckItem, is_signed, render_body, render_email
from threety_tui.core.dates import short
from threety_tui.core.models import (
    DEFAULT_SIGN_OFF,
    Contact,
    Insight,
    Kind,
    Meeting,
    Message,
    MessageKind,
    Parts,
    Settings,
)
from threety_tui.core.news import News
from threety_tui.core.wordings import LATE_DAYS, DraftContext
from threety_tui.core.words import STOCK_PHRASES, content_words, is_stock, names_insight_text
from threety_tui.core.words import word_count as word_count

__all__ = [
    "LATE_DAYS",
    "LONG_WORDS",
    "LONG_WORDS_OBLIGATE",
    "STOCK_PHRASES",
    "Check",
    "CheckItem",
    "DraftContext",
    "amber",
    "checklist",
    "context",
    "context_for",
    "default_parts",
    "draft_checklist",
    "is_signed",
    "is_stock",
    "names_insight",
    "new_draft",
    "quote",
    "render_body",
    "render_email",
    "send_question",
    "subject_for",
    "word_count",
]

LONG_WORDS = 150
"""Past this many words the checklist warns: advisers are busy."""
LONG_WORDS_OBLIGATE = 100


def context(
    kind: MessageKind,
    contact: Contact,
    meeting: Meeting | None,
    today: date,
    *,
    insight: Insight | None = None,
    news: News | None = None,
    settings: Settings | None = None,
    your_name: str = "",
    sign_off: str = DEFAULT_SIGN_OFF,
    follow_up: bool = False,
) -> DraftContext:
    """What a draft's wording depends on (for `wordings.next_wording` and `new_draft`).

    `insight` defaults to the meeting's favourite; an update prefers the insight
    its news is about. `settings`, when given, supplies the name and sign-off.
    """
    new = news.insight if news is not None else None
    if kind is MessageKind.UPDATE and new is not None and not (news and news.is_new(insight)):
        insight = new
    insight = insight or (meeting.favourite if meeting else None)
    if settings is not None:
        your_name, sign_off = settings.your_name, settings.sign_off
    return DraftContext(
        kind, contact, meeting, today, insight, news, your_name, sign_off, follow_up
    )


def context_for(
    message: Message,
    contact: Contact,
    meeting: Meeting | None,
    today: date,
    *,
    news: News | None = None,
    settings: Settings | None = None,
) -> DraftContext:
    """The context of a draft already open: for the key that cycles a part's wordings.

    The insight is the one the draft names (`insight_id`); pass `news`
    (`news.whats_new` over the contact's meetings and messages) for an update.
    """
    insight = meeting.insight(message.insight_id) if meeting and message.insight_id else None
    return context(
        message.kind,
        contact,
        meeting,
        today,
        insight=insight,
        news=news,
        settings=settings,
        follow_up=message.follows is not None,
    )


def subject_for(
    kind: MessageKind,
    contact: Contact,
    meeting: Meeting | None = None,
    today: date | None = None,
    *,
    insight: Insight | None = None,
    news: News | None = None,
) -> str:
    """The subject names the occasion: "Thank you for the coffee on Tuesday".

    Without a meeting and a day there is no occasion to name: a plain subject.
    """
    if kind is MessageKind.OUTREACH:  # the meeting request has its own wording
        from threety_tui.core import outreach

        return outreach.subject(contact)
    if meeting is None or today is None:
        return {
            MessageKind.THANK_YOU: "Thank you for your advice",
            MessageKind.FOLLOW_UP: "Following up on your advice",
            MessageKind.UPDATE: "A quick update, and thanks again",
        }.get(kind, "")
    ctx = context(kind, contact, meeting, today, insight=insight, news=news)
    return wordings.default_subject(ctx)


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
    sign_off: str = DEFAULT_SIGN_OFF,
    news: News | None = None,
) -> Parts:
    """The pre-filled parts for a new draft (the first wording of each part).

    `insight` defaults to the meeting's favourite. Obligates get a shorter
    message: fewer words, the same three parts. An update is filled from
    `news` (what is new since the last message), never with a benefit that
    was sent already.
    """
    if kind is MessageKind.OUTREACH:  # the meeting request has its own parts
        from threety_tui.core import outreach

        return outreach.default_parts(contact, today, your_name=your_name, sign_off=sign_off)
    ctx = context(
        kind, contact, meeting, today, insight=insight, news=news, your_name=your_name,
        sign_off=sign_off,
    )  # fmt: skip
    return wordings.default_parts(ctx)


def new_draft(
    kind: MessageKind,
    contact: Contact,
    meeting: Meeting | None,
    today: date,
    *,
    insight: Insight | None = None,
    your_name: str = "",
    settings: Settings | None = None,
    news: News | None = None,
) -> Message:
    """A new, unsaved draft with the parts pre-filled and the body rendered.

    Pass `settings` for the sender's name and sign-off (else `your_name` and
    the default sign-off), and for an update the contact's `news.whats_new`.
    """
    if kind is MessageKind.OUTREACH:  # the meeting request has its own parts
        from threety_tui.core import outreach

        if settings is not None:
            return outreach.new_draft(
                contact, today, your_name=settings.your_name, sign_off=settings.sign_off
            )
        return outreach.new_draft(contact, today, your_name=your_name)
    ctx = context(
        kind, contact, meeting, today, insight=insight, news=news, settings=settings,
        your_name=your_name,
    )  # fmt: skip
    parts = wordings.default_parts(ctx)
    return Message(
        contact_id=contact.id,
        meeting_id=meeting.id if meeting else None,
        kind=kind,
        parts=parts,
        subject=wordings.default_subject(ctx),
        body=render_body(parts),
        insight_id=ctx.insight.id if ctx.insight else "",
    )


def names_insight(highlight: str, insight: Insight) -> bool:
    """True when the highlight names the insight: most of its content words appear.

    Of the words as logged, or of the advice in them: "your advice to
    specialise" names "If you want my honest opinion, you should specialise".
    """
    if names_insight_text(highlight, insight.text):
        return True
    said = advice(insight.text)
    return said is not None and names_insight_text(highlight, said.text)


def checklist(
    kind: MessageKind,
    parts: Parts,
    *,
    insights: tuple[Insight, ...] = (),
    contact_kind: Kind = Kind.UNKNOWN,
    body: str | None = None,
    news: News | None = None,
    your_name: str = "",
) -> list[CheckItem]:
    """Each part present; the highlight specific; the ask a question; signed; the length.

    `body` is the already rendered body of these parts, if the caller has it.
    For an update, pass `news` (what is new since the last message): the
    checklist then asks that the update tell them something new, rather than
    for a benefit.
    """
    if kind is MessageKind.OUTREACH:  # the meeting request has its own checklist
        from threety_tui.core import outreach

        return outreach.checklist(parts, body=body, your_name=your_name)

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
        specific = not is_stock(highlight) and len(content_words(highlight)) >= 3
        items.append(
            item(
                "Highlight",
                specific,
                "is specific",
                "name one piece of advice specifically, not a stock phrase",
            )
        )
    if kind is MessageKind.UPDATE and news is not None:
        since = f" since {short(news.since, news.today)}" if news.since else ""
        told = news.tells(f"{parts.highlight}\n{parts.benefit}", ignore=wordings.TEMPLATE_WORDS)
        items.append(
            item(
                "News",
                told,
                "tells them something new",
                f"nothing new{since}: say what you did or what came of it",
            )
        )
    elif kind is not MessageKind.THANK_YOU:
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
    items.append(
        item(
            "Signed",
            is_signed(parts.signoff, your_name),
            "ends with your name",
            "sign it with your name under the closing",
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


def draft_checklist(
    message: Message,
    contact: Contact,
    meeting: Meeting | None,
    *,
    news: News | None = None,
    settings: Settings | None = None,
    body: str | None = None,
) -> list[CheckItem]:
    """The checklist of a draft as the editor shows it and Mark sent asks about it.

    `body`: the parts already rendered, when the caller has them (the editor
    renders once per keystroke).
    """
    return checklist(
        message.kind,
        message.parts,
        insights=meeting.insights if meeting else (),
        contact_kind=contact.kind,
        body=body,
        news=news if message.kind is MessageKind.UPDATE else None,
        your_name=settings.your_name if settings else "",
    )


def amber(items: Sequence[CheckItem]) -> list[CheckItem]:
    """The checklist items still amber."""
    return [i for i in items if not i.ok]


def send_question(items: Sequence[CheckItem]) -> str | None:
    """What Mark sent asks first when items are still amber; None when all are green."""
    warn = amber(items)
    if not warn:
        return None
    count = f"{len(warn)} item" + ("s are" if len(warn) > 1 else " is")
    lines = "\n".join(f"  {i.name}: {i.detail}" for i in warn)
    return f"{count} still amber on the checklist:\n{lines}\nMark it sent anyway?"
