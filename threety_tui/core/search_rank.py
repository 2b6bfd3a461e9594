"""Search ranking: which matches of the contact search come first.

A search for a name should put that person first: names that start with the
typed text, then names where a word starts with it, then names that hold it
anywhere, then contacts matched only on company, email or tags. Ranking reads
only the lower-cased names the list already holds, so it stays fast at
50,000 contacts.
"""

from __future__ import annotations

from collections.abc import Sequence

NAME_START, WORD_START, IN_NAME, OTHER_FIELD = range(4)


def name_tier(name: str, needle: str) -> int:
    """How well a lower-cased `name` answers a lower-cased `needle` (lower is better)."""
    at = name.find(needle)
    if at == 0:
        return NAME_START
    if at < 0:
        return OTHER_FIELD
    if f" {needle}" in name or f"-{needle}" in name:
        return WORD_START
    return IN_NAME


def rank(picked: Sequence[int], names: Sequence[str], needle: str) -> list[int]:
    """`picked` (indexes into `names`) ordered by `name_tier`, keeping their order within a tier."""
    return sorted(picked, key=lambda i: name_tier(names[i], needle))
