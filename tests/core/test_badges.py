"""The contacts list's badges, as a user reads them next to the timeline.

QA 11: the badge said "follow-up in 30d" where the timeline said "due in 4
weeks". QA 18: a brand-new contact with nothing yet wore "✓ all good".
"""

from __future__ import annotations

from datetime import date, timedelta

from threety_tui.core.dates import due_words
from threety_tui.core.models import Contact, Meeting, Message, MessageKind
from threety_tui.core.rules import Level
from threety_tui.core.store import NO_MEETING_YET, Store

TODAY = date(2026, 11, 25)


def test_a_badge_counts_time_in_the_timelines_words(store: Store) -> None:
    grace = store.add_contact(Contact("Grace Hopper"))
    meeting = store.add_meeting(Meeting(grace.id, TODAY - timedelta(days=2)))
    thanks = store.save_message(Message(grace.id, meeting.id, MessageKind.THANK_YOU))
    store.mark_sent(thanks.id, TODAY - timedelta(days=1))
    [step] = store.reminders_of(grace.id, TODAY)
    status = store.badge_of(grace.id, TODAY)
    assert due_words(step.due, TODAY) == "due in 4 weeks"  # what the timeline says
    assert status.label == "follow-up in 4 weeks", status.label
    assert store.badge_of(grace.id, step.due - timedelta(days=1)).label == "follow-up tomorrow"
    assert store.badge_of(grace.id, step.due - timedelta(days=3)).label == "follow-up in 3 days"


def test_someone_not_met_yet_is_not_all_good(store: Store) -> None:
    nobody = store.add_contact(Contact("Nobody Yet"))
    badge = store.badge_of(nobody.id, TODAY)
    assert (badge.level, badge.label) == (Level.SOON, "no meeting yet")
    assert store.status_of(nobody.id, TODAY).label == "all good", "the rules' status is unchanged"
    met = store.add_meeting(Meeting(nobody.id, TODAY - timedelta(days=40)))
    closed = store.reminders_of(nobody.id, TODAY)
    assert closed, "a thank-you is due"
    assert store.badge_of(nobody.id, TODAY).label != NO_MEETING_YET
    store.close_reminder(closed[0].key, TODAY)
    assert store.badge_of(nobody.id, TODAY).label == "all good", "met, nothing due: all good"
    store.delete_meeting(met.id)
    assert store.badge_of(nobody.id, TODAY).label == NO_MEETING_YET
