"""The days a send or a reply may be recorded on.

The store refuses the others (`Store.mark_sent`, `Store.record_reply`), and the
forms say the same thing under the field as the date is typed: one wording, in
the app's own date style ("Tue 24 Nov"), never an ISO date the user did not type.
"""

from __future__ import annotations

from datetime import date

from threety_tui.core.dates import short


def sent_problem(sent: date, today: date) -> str | None:
    """Why a message cannot be marked sent on `sent`, or None: it can."""
    if sent > today:
        return f"{short(sent, today)} is in the future: a message is sent today or earlier."
    return None


def reply_problem(sent: date | None, replied: date, today: date) -> str | None:
    """Why a reply on `replied` cannot be recorded for a message sent on `sent`, or None."""
    if sent is None:
        return "Only a sent message can have a reply; this one is a draft."
    if replied < sent:
        return (
            f"{short(replied, today)} is before your message went out ({short(sent, today)}): "
            f"a reply comes on {short(sent, today)} or later."
        )
    if replied > today:
        return f"{short(replied, today)} is in the future: give today or an earlier day."
    return None
