"""Word-level helpers the composer and its checks share: counting, content words, matching.

A leaf module (it imports nothing of threety) so that the composer, the
wordings and "what's new" can all use it without import cycles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

STOCK_PHRASES = (
    "great advice",
    "all your advice",
    "everything you said",
    "all the advice",
    "your advice was great",
    "your advice was helpful",
    "very helpful",
    "really helpful",
    "super helpful",
    "so helpful",
    "very insightful",
    "really insightful",
    "learned a lot",
    "learnt a lot",
    "lots of great tips",
    "it was great to meet",
)
STOPWORDS = frozenset(
    (
        "a an and are as at be been but by for from has have i if in into is it its me my "
        "not of on or our so than that the their them then there these they this to was we "
        "were what when which who will with you your about more most just also very really "
        "should could would can do does did "
        # Pronouns flip between the adviser's words and the writer's ("your own company"
        # becomes "my own company"): they never decide whether a text names an insight.
        "yours yourself mine myself don't never always"
    ).split()
)
_WORD = re.compile(r"[\w']+")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def content_words(text: str) -> set[str]:
    """The words that carry meaning: lower case, three letters or more, no stopwords."""
    return {
        w
        for w in (w.lower().strip("'") for w in _WORD.findall(text.replace("\u2019", "'")))
        if len(w) > 2
    } - STOPWORDS


def names_insight_text(text: str, insight_text: str) -> bool:
    """True when `text` names the insight: most of its content words appear."""
    wanted = content_words(insight_text)
    if not wanted:
        return False
    found = wanted & content_words(text)
    return len(found) >= max(1, (len(wanted) + 1) // 2)


def is_stock(highlight: str) -> bool:
    """A stock phrase with little else: "thanks for all your great advice"."""
    lowered = highlight.lower()
    if not any(phrase in lowered for phrase in STOCK_PHRASES):
        return False
    rest = content_words(lowered)
    for phrase in STOCK_PHRASES:
        rest -= content_words(phrase)
    return len(rest - {"thanks", "thank", "advice", "great", "time", "helpful"}) < 3


def said_in(text: str, earlier: Iterable[str], *, share: float = 0.8) -> bool:
    """True when `text` was already said in one of `earlier`: most of its content words are there.

    Tolerant of what the composer adds around a recorded sentence (a capital, a
    full stop, "It has paid off:"): it compares words, not strings.
    """
    wanted = content_words(text)
    if not wanted:
        return False
    return any(len(wanted & content_words(e)) >= share * len(wanted) for e in earlier)
