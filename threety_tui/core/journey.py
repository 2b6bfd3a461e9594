"""The journey (spec section 8): per contact, their advice, what you did, what came of it,
and the messages between you, as Markdown.

It is what you read before writing an update. Everything that came from data
(names, notes, advice) is escaped so it shows literally: a name like `*Eve*`
or `[x](y)` stays text, never emphasis or a link, and control characters and
line breaks inside a field are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from threety_tui.core.dates import short
from threety_tui.core.errors import InputError
from threety_tui.core.io.backup import write_export
from threety_tui.core.models import Contact, Homework, Kind, Meeting, Message
from threety_tui.core.store import Store
from threety_tui.core.text import one_line, scrub
from threety_tui.core.timeline import reply_words

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&!])")
_LEADING = re.compile(r"^([-+=]|\d+[.)])")
_STATUS = {Homework.TODO: "not started", Homework.DOING: "in progress", Homework.DONE: "done"}


def md(text: str) -> str:
    """`text` on one line, escaped so Markdown shows it literally."""
    escaped = _SPECIAL.sub(r"\\\1", one_line(text))
    return _LEADING.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], escaped)


def find_contacts(store: Store, name: str) -> list[Contact]:
    """The live contact called `name` (case and spaces ignored), else those whose name
    contains it; `InputError` when none does, or several do and none exactly."""
    wanted = one_line(name).casefold()
    if not wanted:
        raise InputError("Give a contact's name after --contact.")
    live = store.contacts()
    exact = [c for c in live if one_line(c.name).casefold() == wanted]
    found = exact or [c for c in live if wanted in one_line(c.name).casefold()]
    if not found:
        raise InputError(f"No contact is called {one_line(name)!r}.")
    if len(found) > 1 and not exact:
        names = ", ".join(sorted(one_line(c.name) for c in found)[:5])
        more = f" and {len(found) - 5} more" if len(found) > 5 else ""
        raise InputError(
            f"{len(found)} contacts match {one_line(name)!r} ({names}{more}); give the full name."
        )
    return found


def journey_markdown(
    store: Store, today: date, contacts: Iterable[Contact] | None = None
) -> tuple[str, int]:
    """(the Markdown, how many contacts it covers).

    `contacts` defaults to every live contact with a meeting or a sent message,
    by name.
    """
    chosen = list(store.contacts() if contacts is None else contacts)
    chosen.sort(key=lambda c: (one_line(c.name).casefold(), c.id))
    sections = []
    since = store.settings.replies_since
    for contact in chosen:
        meetings = store.meetings_of(contact.id)
        sent = [m for m in store.messages_of(contact.id) if m.is_sent and m.sent]
        if contacts is None and not meetings and not sent:
            continue
        sections.append(contact_section(contact, meetings, sent, replies_since=since))
    head = [
        "# Journey",
        "",
        f"Written by threety on {short(today)}: for each person, the advice they gave, "
        "what you did about it, what came of it, and the messages between you.",
        "",
    ]
    if not sections:
        head.append("Nothing to show yet: log a meeting or send a message first.")
        head.append("")
    return "\n".join(head + sections), len(sections)


def contact_section(
    contact: Contact,
    meetings: list[Meeting],
    sent: list[Message],
    *,
    replies_since: date | None = None,
) -> str:
    """One contact's part of the journey (meetings newest first in, oldest first out).

    A message sent before threety recorded replies (`replies_since`) says nothing
    about a reply it never had the chance to record.
    """
    lines = [f"## {md(contact.name) or '(no name)'}", ""]
    about = [md(p) for p in (contact.role, contact.company) if one_line(p)]
    if contact.kind is not Kind.UNKNOWN:
        about.append(contact.kind.label)
    if about:
        lines += [" · ".join(about), ""]
    lines += ["### Advice", ""]
    advice = [(m, i) for m in sorted(meetings, key=lambda m: (m.when, m.id)) for i in m.insights]
    if not advice:
        lines += ["No advice recorded yet.", ""]
    for meeting, insight in advice:
        star = " (favourite)" if insight.favourite else ""
        lines.append(
            f"- **{md(insight.text) or '(no text)'}**{star}: "
            f"{meeting.channel.value}, {short(meeting.when)}"
        )
        did = _STATUS[insight.status]
        if insight.status is Homework.DONE and insight.done:
            did += f" on {short(insight.done)}"
        lines.append(f"  - What you did: {did}")
        benefit = md(insight.benefit)
        lines.append(f"  - What came of it: {benefit or 'not recorded yet'}")
    if advice:
        lines.append("")
    lines += ["### Messages", ""]
    if not sent:
        lines += ["No message sent yet.", ""]
    for message in sorted(sent, key=lambda m: (m.sent or date.min, m.id)):
        assert message.sent is not None
        subject = md(message.subject)
        line = f"- {short(message.sent)}: {message.label.lower()} sent"
        if subject:
            line += f", “{subject}”"
        if message.replied is not None:
            after = reply_words(message).removeprefix("replied ")
            line += f"; replied {short(message.replied)} ({after})"
        elif replies_since is None or message.sent >= replies_since:
            line += "; no reply recorded"
        lines.append(line)
    if sent:
        lines.append("")
    return "\n".join(lines)


def export_journey(
    store: Store, path: Path | str, today: date, *, contact: str | None = None
) -> int:
    """Write the journey (all contacts, or the one named) to `path`; returns how many contacts."""
    chosen = find_contacts(store, contact) if contact is not None else None
    text, count = journey_markdown(store, today, chosen)
    write_journey(store, Path(path), text)
    return count


def write_journey(store: Store, path: Path, text: str) -> None:
    """Write the Markdown privately; a lone surrogate (damaged text) becomes U+FFFD."""
    write_export(path.expanduser(), scrub(text).encode("utf-8"), store.path)
