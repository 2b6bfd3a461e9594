"""`threety due`: what is overdue, due, and coming up, for scripts and cron."""

from __future__ import annotations

import argparse
import json
from typing import Any

from threety_tui.core import rules
from threety_tui.core.dates import due_words, short, today
from threety_tui.core.paths import resolve_db_path
from threety_tui.core.store import Store
from threety_tui.core.text import plain

MAX_DAYS = 36500
"""A larger --days would run past the last date Python can hold."""


def run(args: argparse.Namespace) -> int:
    now = today()
    with Store.open(resolve_db_path(args.db), readonly=True) as store:
        days = min(max(args.days, 0), MAX_DAYS)
        items = rules.agenda(store.reminders(now), now, days=days)
        rows = [_row(store, reminder) for reminder in items]
    if args.json:
        print(json.dumps({"today": now.isoformat(), "items": rows}, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print(f"Nothing due in the next {args.days} days. Well done.")
        return 0
    width = max(len(r["contact"]) for r in rows)
    for row, reminder in zip(rows, items, strict=True):
        flag = "!" if reminder.urgent else " "
        print(
            f"{flag} {due_words(reminder.due, now):<18} {row['label']:<10} "
            f"{plain(row['contact']):<{width}}  {plain(row['detail'])}"
        )
    return 0


def _row(store: Store, reminder: rules.Reminder) -> dict[str, Any]:
    contact = store.contact(reminder.contact_id)
    meeting = store.meeting(reminder.meeting_id) if reminder.meeting_id else None
    favourite = meeting.favourite if meeting else None
    detail = f"met {short(meeting.when)}" if meeting else ""
    if reminder.snoozed:
        detail += f"; snoozed{': ' + reminder.snooze_reason if reminder.snooze_reason else ''}"
    return {
        "key": reminder.key,
        "kind": reminder.kind.value,
        "label": reminder.kind.label,
        "state": reminder.state.value,
        "urgent": reminder.urgent,
        "due": reminder.due.isoformat(),
        "contact_id": reminder.contact_id,
        "contact": contact.name if contact else "",
        "email": contact.email if contact else "",
        "meeting_id": reminder.meeting_id,
        "met": meeting.when.isoformat() if meeting else None,
        "insight": favourite.text if favourite else "",
        "snooze_reason": reminder.snooze_reason,
        "detail": detail,
    }
