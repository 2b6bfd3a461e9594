"""What the everyone-timeline (E) shows, built from the store alone.

At 10,000 contacts building it takes one to two seconds (every meeting and
message as a model, then 150,000 timeline entries), so the app builds it off
the UI thread and once per change of the data (`ThreetyApp.computed`; the
agenda does the same, see `agenda.agenda_rows`): this only reads the store,
and returns what the screen then just shows, the row heights of a timeline
too long to wrap included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from threety_tui.core import timeline
from threety_tui.core.timeline import Entry
from threety_tui.widgets import timeline as timeline_view

if TYPE_CHECKING:
    from threety_tui.core.store import Store

NAME = "everyone"
"""Its name for `ThreetyApp.computed`."""


@dataclass(frozen=True)
class Rows:
    """Entries and, for a timeline too long to wrap, their heights."""

    entries: list[Entry]
    heights: list[int] | None


def build(store: Store, today: date) -> Rows:
    """The everyone-timeline: every live contact's steps and history, newest first."""
    contacts = {c.id: c for c in store.contacts()}
    messages = store.all_messages()
    entries = timeline.build(
        contacts,
        store.all_meetings(),
        messages,
        store.reminders(today),
        store.colleague_answers(messages),
    )
    entries = [e for e in entries if e.contact is None or e.contact.id in contacts]
    return Rows(entries, timeline_view.heights(entries, everyone=True))
