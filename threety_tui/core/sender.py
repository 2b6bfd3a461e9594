"""Who signs the drafts: the sender's name and sign-off, asked for once, applied to open drafts.

A fresh database has no name, so a draft would end "Best wishes," and go out
unsigned. The app asks once, on the first draft (`needs_sender_name`); the
answer is saved in the settings (`with_sender`, or `declined` when the user
skips) and applied to the drafts still open whose sign-off nobody has touched
(`resign_drafts`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from threety_tui.core.compose import render_body
from threety_tui.core.models import DEFAULT_SIGN_OFF, Message, Settings
from threety_tui.core.text import one_line
from threety_tui.core.wordings import signoff_block


def signature(settings: Settings) -> str:
    """The sign-off block new drafts get: "Best wishes,\\nSam Rivera"."""
    return signoff_block(settings.sign_off, settings.your_name)


def needs_sender_name(settings: Settings) -> bool:
    """Ask for the name before this draft: none is set, and it was never asked."""
    return not settings.your_name.strip() and not settings.name_asked


def with_sender(settings: Settings, name: str, sign_off: str = "") -> Settings:
    """The settings with the name (and the closing line, if given) the user typed."""
    return replace(
        settings,
        your_name=one_line(name),
        sign_off=one_line(sign_off) or settings.sign_off or DEFAULT_SIGN_OFF,
        name_asked=True,
    )


def declined(settings: Settings) -> Settings:
    """The user skipped the question: do not ask again (the checklist keeps saying it)."""
    return replace(settings, name_asked=True)


def _lines(signoff: str) -> tuple[str, ...]:
    return tuple(one_line(line) for line in signoff.splitlines() if line.strip())


def resign_drafts(messages: Iterable[Message], old: Settings, new: Settings) -> list[Message]:
    """The open drafts whose sign-off is still a default, signed with `new`'s name and sign-off.

    A default is the unsigned closing ("Best wishes,", the old or the stock
    one) or exactly what `old` settings wrote; a sign-off the user edited is
    never touched, nor is a sent message. Returns only the drafts that change,
    with their body rendered again, ready to save.
    """
    untouched = {
        (),
        _lines(DEFAULT_SIGN_OFF),
        _lines(old.sign_off),
        _lines(signature(old)),
    }
    wanted = signature(new)
    changed = []
    for message in messages:
        if message.is_sent:
            continue
        current = _lines(message.parts.signoff)
        if current not in untouched or current == _lines(wanted):
            continue
        parts = replace(message.parts, signoff=wanted)
        changed.append(replace(message, parts=parts, body=render_body(parts)))
    return changed
