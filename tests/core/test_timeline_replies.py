"""The timeline's reply wording (spec section 8: "replied after 2 days")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from threety_tui.core import timeline
from threety_tui.core.models import Contact, Message, MessageKind, MessageStatus, Settings
from threety_tui.core.rules import contact_reminders

MON = date(2026, 11, 16)
DAY = timedelta(days=1)
SENT = Message(1, None, MessageKind.OUTREACH, status=MessageStatus.SENT, sent=MON, id=3)


def test_reply_words() -> None:
    assert timeline.reply_words(SENT) == ""
    assert timeline.reply_words(replace(SENT, replied=MON)) == "replied the same day"
    assert timeline.reply_words(replace(SENT, replied=MON + DAY)) == "replied after 1 day"
    assert timeline.reply_words(replace(SENT, replied=MON + 2 * DAY)) == "replied after 2 days"
    assert timeline.reply_words(SENT, MON + 5 * DAY) == "replied after 5 days"
    draft = replace(SENT, status=MessageStatus.DRAFT, sent=None, replied=MON)
    assert timeline.reply_words(draft) == ""


def test_a_request_shows_in_the_timeline_with_its_reply_and_its_nudge() -> None:
    ada = Contact("Ada", id=1)
    answered = replace(SENT, replied=MON + 2 * DAY)
    waiting = replace(SENT, id=4, sent=MON + 10 * DAY)
    today = MON + 20 * DAY
    steps = contact_reminders(ada, [], [answered, waiting], Settings(), today)
    entries = timeline.build({1: ada}, [], [answered, waiting], steps)
    kinds = [e.kind for e in entries]
    assert kinds == [
        timeline.EntryKind.SECTION,
        timeline.EntryKind.REMINDER,
        timeline.EntryKind.SECTION,
        timeline.EntryKind.MESSAGE,
        timeline.EntryKind.MESSAGE,
    ]
    assert entries[1].reminder is not None and entries[1].reminder.message_id == 4
    assert [e.reply for e in entries] == ["", "", "", "", "replied after 2 days"]
    assert entries[4].message == answered and entries[4].meeting is None
