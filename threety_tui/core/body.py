"""The pieces every draft shares: the plain-text body and the checklist's items.

Both the 3TY (`compose`) and the meeting request (`outreach`) build on them,
so they live below both: `compose` hands a meeting request to `outreach`, which
must not import `compose` back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from threety_tui.core.models import Parts
from threety_tui.core.words import content_words


def _paragraphs(text: str) -> list[str]:
    """Paragraphs (split at blank lines), each on one line: no hard wraps."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def render_body(parts: Parts) -> str:
    """The email body: greeting, one line per paragraph, a blank line between, sign-off.

    The highlight and the benefit share a paragraph: the advice, then what came
    of it. The sign-off keeps its lines ("Best wishes," then the name).
    """
    middle = " ".join(p.strip() for p in (parts.highlight, parts.benefit) if p.strip())
    blocks = [" ".join(parts.greeting.split())]
    for part in (parts.gratitude, middle, parts.ask):
        blocks += _paragraphs(part)
    blocks.append("\n".join(line.strip() for line in parts.signoff.strip().splitlines()))
    return "\n\n".join(b for b in blocks if b) + "\n"


def render_email(subject: str, body: str) -> str:
    """Subject, a blank line, then the body: what the preview shows.

    For the clipboard see `mail_text`: the body alone (`copy_body`), or a
    real header block (`copy_as_email`).
    """
    return f"{subject.strip()}\n\n{body}"


_CLOSING_WORDS = re.compile(
    r"\b(?:best wishes|all the best|best|many thanks|thanks again|thanks|thank you|with thanks"
    r"|kind regards|warm regards|regards|warmly|cheers|sincerely|yours|take care)\b",
    re.I,
)


def is_signed(signoff: str, your_name: str = "") -> bool:
    """True when the sign-off carries a name, not just "Best wishes,"."""
    lines = [line.strip() for line in signoff.splitlines() if line.strip()]
    if not lines:
        return False
    name = " ".join(your_name.split()).lower()
    if name and name in " ".join(signoff.split()).lower():
        return True
    if len(lines) > 1:
        return True
    rest = _CLOSING_WORDS.sub("", lines[0])
    return bool(content_words(rest) or re.search(r"[^\W\d_]{2,}", rest))


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
