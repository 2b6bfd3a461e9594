"""`threety due`: what is overdue, due, and coming up, for scripts and cron.

A meeting request awaiting a reply shows as its nudge (spec section 8): in
JSON with the kind "outreach_nudge" and the stage in "nudge".
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from datetime import date
from typing import Any

from threety_tui.cli.database import left_to_the_exit, open_store
from threety_tui.core import rules
from threety_tui.core.dates import short, today
from threety_tui.core.db.collector import gc_paused
from threety_tui.core.models import Contact
from threety_tui.core.store import Store
from threety_tui.core.text import cut, json_text, pad, visible
from threety_tui.core.text import width as width_of

MAX_DAYS = 36500
"""A larger --days would run past the last date Python can hold."""
NUDGE_KIND = "outreach_nudge"
"""The JSON `kind` of a nudge about a meeting request awaiting a reply."""
NAME_CELLS = 40
DETAIL_CELLS = 20
"""Names longer than NAME_CELLS are always cut (a column: one 5,000-character name must not
pad every line); on a terminal details are cut to the width left (at least DETAIL_CELLS),
one line per reminder; piped, details are whole. The JSON has everything whole."""


def run(args: argparse.Namespace) -> int:
    # Reads the whole database into objects free of cycles, then exits: the
    # collector would only walk them over and over, and freeing them one by one
    # would only delay the exit (see `database.left_to_the_exit`).
    with gc_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    now = today()
    with open_store(args, readonly=True, must_exist=True) as store:
        days = min(max(args.days, 0), MAX_DAYS)
        items = rules.agenda(store.reminders(now), now, days=days)
        output = (
            _json(store, items, now)
            if args.json
            else _text(store, items, now, args.days, _terminal_width())
        )
    print(output)
    left_to_the_exit(store, args)
    return 0


def _json(store: Store, items: list[rules.Reminder], now: date) -> str:
    rows = [_row(store, reminder) for reminder in items]
    text = json.dumps({"today": now.isoformat(), "items": rows}, indent=2, ensure_ascii=False)
    return json_text(text)


def _terminal_width() -> int | None:
    """The terminal's width when stdout is one; None when piped (lines are then whole)."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def _text(
    store: Store, items: list[rules.Reminder], now: date, days: int, width: int | None = None
) -> str:
    """One line per reminder, the names aligned: only what the lines show, not all of `_row`.

    `width`: the terminal's, to cut long details to; None leaves them whole.
    """
    if not items:
        return f"Nothing due in the next {days} days. Well done."
    names = [
        cut(visible(_name(store.contact(reminder.contact_id))), NAME_CELLS) for reminder in items
    ]
    cells = max(map(width_of, names))
    labels = [reminder.label for reminder in items]
    label_width = max(10, *map(len, labels))
    dues = [rules.step_due_words(reminder, now) for reminder in items]
    due_width = max(18, *map(len, dues))
    details = [visible(_detail(store, reminder, _met(store, reminder))) for reminder in items]
    if width is not None:
        left = max(DETAIL_CELLS, width - (due_width + label_width + cells + 6))
        details = [cut(detail, left) for detail in details]
    return "\n".join(
        f"{'!' if reminder.urgent else ' '} {due:<{due_width}} "
        f"{label:<{label_width}} {pad(name, cells)}  {detail}"
        for reminder, name, label, due, detail in zip(
            items, names, labels, dues, details, strict=True
        )
    )


def _met(store: Store, reminder: rules.Reminder) -> date | None:
    """When the reminder's meeting was (from its facts: the text needs nothing more)."""
    fact = store.meeting_fact(reminder.meeting_id) if reminder.meeting_id else None
    return fact.when if fact is not None else None


def _row(store: Store, reminder: rules.Reminder) -> dict[str, Any]:
    contact = store.contact(reminder.contact_id)
    meeting = store.meeting(reminder.meeting_id) if reminder.meeting_id else None
    detail = _detail(store, reminder, meeting.when if meeting else None)
    favourite = meeting.favourite if meeting else None
    if reminder.nudge is not None:
        return _nudge_row(store, reminder, contact, detail)
    return {
        "key": reminder.key,
        "kind": reminder.kind.value,
        "label": reminder.label,
        "state": reminder.state.value,
        "urgent": reminder.urgent,
        "due": reminder.due.isoformat(),
        "contact_id": reminder.contact_id,
        "contact": _name(contact),
        "email": contact.email if contact else "",
        "meeting_id": reminder.meeting_id,
        "met": meeting.when.isoformat() if meeting else None,
        "insight": favourite.text if favourite else "",
        "snooze_reason": reminder.snooze_reason,
        "detail": detail,
    }


def _nudge_row(
    store: Store, reminder: rules.Reminder, contact: Contact | None, detail: str
) -> dict[str, Any]:
    """A nudge: the request it is about and, for "try a second contact", who else is there."""
    request = store.message_fact(reminder.message_id) if reminder.message_id else None
    mates = store.company_mates(reminder.contact_id)
    return {
        "key": reminder.key,
        "kind": NUDGE_KIND,
        "nudge": reminder.nudge.value if reminder.nudge else None,
        "label": reminder.label,
        "state": reminder.state.value,
        "urgent": reminder.urgent,
        "due": reminder.due.isoformat(),
        "contact_id": reminder.contact_id,
        "contact": _name(contact),
        "email": contact.email if contact else "",
        "company": contact.company if contact else "",
        "message_id": reminder.message_id,
        "sent": request.sent.isoformat() if request and request.sent else None,
        "second_contacts": [m.name for m in mates],
        "meeting_id": None,
        "met": None,
        "insight": "",
        "snooze_reason": reminder.snooze_reason,
        "detail": detail,
    }


def _name(contact: Contact | None) -> str:
    return contact.name if contact else ""


def _detail(store: Store, reminder: rules.Reminder, met: date | None) -> str:
    """ "met <date>" (or what a nudge asks) with the snooze, if any."""
    detail = f"met {short(met)}" if met else ""
    if reminder.nudge is not None:
        request = store.message_fact(reminder.message_id) if reminder.message_id else None
        detail = rules.nudge_text(reminder, store.contact(reminder.contact_id))
        if request is not None and request.sent:
            detail += f" (asked {short(request.sent)})"
    if reminder.snoozed:
        detail += f"; snoozed{': ' + reminder.snooze_reason if reminder.snooze_reason else ''}"
    return detail
