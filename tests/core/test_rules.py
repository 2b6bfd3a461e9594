"""The follow-up cycle of spec section 3, step by step, with a fixed "today"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from threety_tui.core import rules
from threety_tui.core.dates import parse_date
from threety_tui.core.models import (
    Contact,
    Homework,
    Insight,
    Kind,
    Meeting,
    Message,
    MessageKind,
    MessageStatus,
    Settings,
)
from threety_tui.core.rules import Level, State
from threety_tui.core.store import Store

MET = date(2026, 11, 2)  # a Monday
DAY = timedelta(days=1)


def add_contact(store: Store, name: str = "Grace Hopper", **fields: object) -> Contact:
    return store.add_contact(Contact(name, **fields))  # type: ignore[arg-type]


def meet(store: Store, contact: Contact, when: date, *insights: Insight) -> Meeting:
    return store.add_meeting(Meeting(contact.id, when, insights=insights))


def send(
    store: Store, contact: Contact, meeting: Meeting | None, kind: MessageKind, on: date
) -> Message:
    draft = store.save_message(Message(contact.id, meeting.id if meeting else None, kind))
    return store.mark_sent(draft.id, on, today=on)  # sent as of that day


def open_steps(store: Store, contact: Contact, today: date) -> list[rules.Reminder]:
    return store.reminders_of(contact.id, today)


def only(store: Store, contact: Contact, today: date) -> rules.Reminder:
    found = open_steps(store, contact, today)
    assert len(found) == 1, found
    return found[0]


# -- the whole cycle ---------------------------------------------------------


def test_meeting_to_update_every_transition(store: Store) -> None:
    grace = add_contact(store)
    meeting = meet(store, grace, MET, Insight("Read the trade press", favourite=True))

    # The meeting day: the thank-you is due tomorrow; the badge already asks for it.
    step = only(store, grace, MET)
    assert (step.key, step.kind, step.due) == (
        f"thank_you:{meeting.id}",
        MessageKind.THANK_YOU,
        MET + DAY,
    )
    assert (step.state, step.urgent, step.meeting_id) == (State.SOON, False, meeting.id)
    assert store.status_of(grace.id, MET) == rules.Status(Level.DUE, "thank-you due", step)

    # The day after: due, and urgent (promptness matters).
    step = only(store, grace, MET + DAY)
    assert (step.state, step.urgent) == (State.DUE, True)
    assert store.status_of(grace.id, MET + DAY).label == "thank-you due"

    # Two days after: overdue.
    step = only(store, grace, MET + 2 * DAY)
    assert (step.state, step.urgent) == (State.OVERDUE, True)
    assert store.status_of(grace.id, MET + 2 * DAY).level is Level.OVERDUE
    assert store.status_of(grace.id, MET + 2 * DAY).label == "thank-you overdue"

    # Sent: the thank-you disappears and the follow-up is scheduled at sent + 30 days.
    thanks_on = MET + 2 * DAY
    thanks = send(store, grace, meeting, MessageKind.THANK_YOU, thanks_on)
    follow_up_due = thanks_on + timedelta(days=30)
    assert thanks.next_due == follow_up_due
    step = only(store, grace, thanks_on)
    assert (step.key, step.kind, step.due, step.message_id) == (
        f"next:{thanks.id}",
        MessageKind.FOLLOW_UP,
        follow_up_due,
        thanks.id,
    )
    assert (step.state, step.urgent, step.meeting_id) == (State.UPCOMING, False, meeting.id)
    assert store.status_of(grace.id, thanks_on).level is Level.OK
    assert store.status_of(grace.id, follow_up_due - 7 * DAY).label == "follow-up in 7 days"
    assert store.status_of(grace.id, follow_up_due).label == "follow-up due"
    late = follow_up_due + DAY
    assert only(store, grace, late).state is State.OVERDUE
    assert store.status_of(grace.id, late).label == "follow-up overdue"

    # Snoozed one day: due tomorrow, marked snoozed, no longer overdue.
    store.snooze(step.key, late + DAY)
    step = only(store, grace, late)
    assert (step.due, step.state, step.snoozed, step.snooze_reason) == (
        late + DAY,
        State.SOON,
        True,
        "",
    )
    assert store.status_of(grace.id, late) == rules.Status(Level.SOON, "follow-up tomorrow", step)

    # Snoozed one week, with a reason the timeline can show.
    store.snooze(step.key, late + 7 * DAY, "waiting for the interview result")
    step = only(store, grace, late)
    assert (step.due, step.snooze_reason) == (late + 7 * DAY, "waiting for the interview result")

    # Snoozed to a date typed by the user.
    until = parse_date("2027-01-15", late, future=True)
    store.snooze(step.key, until, "after the holidays")
    step = only(store, grace, late)
    assert (step.due, step.snoozed, step.snooze_reason) == (until, True, "after the holidays")

    # The follow-up is sent: an update is due at sent + cadence, with no snooze left over.
    follow_up_on = until - 3 * DAY
    follow_up = send(store, grace, meeting, MessageKind.FOLLOW_UP, follow_up_on)
    step = only(store, grace, follow_up_on)
    assert (step.key, step.kind, step.due) == (
        f"next:{follow_up.id}",
        MessageKind.UPDATE,
        follow_up_on + timedelta(days=30),
    )
    assert (step.snoozed, step.snooze_reason) == (False, "")

    # And the chain goes on: an update schedules the next update.
    update_on = follow_up_on + timedelta(days=29)
    update = send(store, grace, meeting, MessageKind.UPDATE, update_on)
    step = only(store, grace, update_on)
    assert (step.key, step.kind, step.due) == (
        f"next:{update.id}",
        MessageKind.UPDATE,
        update_on + timedelta(days=30),
    )


def test_drafts_do_not_count_as_sent(store: Store) -> None:
    grace = add_contact(store)
    meeting = meet(store, grace, MET)
    store.save_message(Message(grace.id, meeting.id, MessageKind.THANK_YOU, subject="Thanks"))
    assert only(store, grace, MET + DAY).kind is MessageKind.THANK_YOU


def test_snooze_to_an_earlier_date_than_due_changes_nothing(store: Store) -> None:
    grace = add_contact(store)
    thanks = send(store, grace, meet(store, grace, MET), MessageKind.THANK_YOU, MET + DAY)
    store.snooze(f"next:{thanks.id}", MET + 5 * DAY, "too early")
    step = only(store, grace, MET + 2 * DAY)
    assert (step.due, step.snoozed, step.snooze_reason) == (thanks.next_due, False, "")


def test_snoozed_thank_you_is_not_urgent_until_its_new_date(store: Store) -> None:
    grace = add_contact(store)
    meeting = meet(store, grace, MET)
    store.snooze(f"thank_you:{meeting.id}", MET + 5 * DAY, "after the write-up")
    today = MET + 2 * DAY
    step = only(store, grace, today)
    assert (step.due, step.state, step.snoozed, step.urgent) == (
        MET + 5 * DAY,
        State.SOON,
        True,
        False,
    )
    assert store.status_of(grace.id, today) == rules.Status(Level.SOON, "thank-you in 3 days", step)
    step = only(store, grace, MET + 5 * DAY)
    assert (step.state, step.urgent) == (State.DUE, True)


# -- cadence -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "own", "expected"),
    [
        (Kind.BOOSTER, None, 10),
        (Kind.OBLIGATE, None, 45),
        (Kind.UNKNOWN, None, 20),
        (Kind.OBLIGATE, 7, 7),
    ],
)
def test_cadence_per_contact_and_by_kind(
    store: Store, kind: Kind, own: int | None, expected: int
) -> None:
    store.update_settings(Settings(cadence_booster=10, cadence_obligate=45, cadence_unknown=20))
    contact = add_contact(store, "Alan Turing", kind=kind, cadence_days=own)
    thanks = send(store, contact, meet(store, contact, MET), MessageKind.THANK_YOU, MET)
    assert thanks.next_due == MET + timedelta(days=expected)
    assert only(store, contact, MET).due == MET + timedelta(days=expected)
    assert rules.next_touch_due(contact, store.settings, MET) == MET + timedelta(days=expected)


def test_default_cadence_is_30_days(store: Store) -> None:
    contact = add_contact(store)
    assert rules.next_touch_due(contact, Settings(), MET) == MET + timedelta(days=30)


def test_a_later_meeting_restarts_the_clock(store: Store) -> None:
    grace = add_contact(store)
    thanks = send(store, grace, meet(store, grace, MET), MessageKind.THANK_YOU, MET + DAY)
    again = MET + 10 * DAY
    second = meet(store, grace, again)
    found = open_steps(store, grace, again)
    assert [(r.key, r.due) for r in found] == [
        (f"thank_you:{second.id}", again + DAY),
        (f"next:{thanks.id}", again + timedelta(days=30)),
    ]


def test_a_meeting_after_an_overdue_touch_moves_it_on(store: Store) -> None:
    grace = add_contact(store)
    thanks = send(store, grace, meet(store, grace, MET), MessageKind.THANK_YOU, MET)
    again = MET + timedelta(days=40)
    second = meet(store, grace, again)
    send(store, grace, second, MessageKind.THANK_YOU, again)
    step = only(store, grace, again)
    assert step.key != f"next:{thanks.id}"
    assert (step.kind, step.due, step.meeting_id) == (
        MessageKind.FOLLOW_UP,
        again + timedelta(days=30),
        second.id,
    )


# -- closing and deleting -----------------------------------------------------


def test_close_a_thank_you_without_a_message(store: Store) -> None:
    grace = add_contact(store)
    meeting = meet(store, grace, MET)
    store.close_reminder(f"thank_you:{meeting.id}", MET + 3 * DAY)
    today = MET + 4 * DAY
    assert open_steps(store, grace, today) == []
    assert store.status_of(grace.id, today) == rules.Status(Level.OK, "all good")
    assert rules.silent_meetings(store.all_meetings(), store.all_messages()) == []


def test_close_the_next_touch_until_the_next_meeting(store: Store) -> None:
    grace = add_contact(store)
    thanks = send(store, grace, meet(store, grace, MET), MessageKind.THANK_YOU, MET)
    store.close_reminder(f"next:{thanks.id}", MET + 5 * DAY)
    assert open_steps(store, grace, MET + timedelta(days=90)) == []
    again = MET + timedelta(days=60)
    second = meet(store, grace, again)
    assert [r.key for r in open_steps(store, grace, again)] == [f"thank_you:{second.id}"]
    second_thanks = send(store, grace, second, MessageKind.THANK_YOU, again)
    assert [r.key for r in open_steps(store, grace, again)] == [f"next:{second_thanks.id}"]


def test_a_deleted_contact_has_no_next_step(store: Store) -> None:
    grace = add_contact(store)
    meet(store, grace, MET)
    ada = add_contact(store, "Ada Lovelace")
    ada_meeting = meet(store, ada, MET)
    store.delete_contact(grace.id)
    assert [r.key for r in store.reminders(MET + DAY)] == [f"thank_you:{ada_meeting.id}"]
    deleted = store.contact(grace.id)
    assert deleted is not None
    meetings = store.meetings_of(grace.id)
    assert rules.contact_reminders(deleted, meetings, [], Settings(), MET + DAY) == []


def test_a_deleted_meeting_has_no_next_step(store: Store) -> None:
    grace = add_contact(store)
    first = meet(store, grace, MET)
    send(store, grace, first, MessageKind.THANK_YOU, MET)
    second = meet(store, grace, MET + 3 * DAY)
    store.delete_meeting(second.id)
    assert [r.kind for r in open_steps(store, grace, MET + 4 * DAY)] == [MessageKind.FOLLOW_UP]
    store.delete_meeting(first.id)
    assert open_steps(store, grace, MET + 4 * DAY) == []
    assert rules.silent_meetings(store.all_meetings(), store.all_messages()) == []


# -- badge, agenda, homework ---------------------------------------------------


def test_badge_a_new_meeting_thank_you_outranks_the_postponed_follow_up(store: Store) -> None:
    grace = add_contact(store)
    first = meet(store, grace, MET)
    thanks = send(store, grace, first, MessageKind.THANK_YOU, MET)
    today = thanks.next_due + 2 * DAY  # type: ignore[operator]
    second = meet(store, grace, today)  # restarts the follow-up clock
    status = store.status_of(grace.id, today)
    assert (status.level, status.label) == (Level.DUE, "thank-you due")
    assert status.reminder is not None and status.reminder.key == f"thank_you:{second.id}"


@pytest.mark.parametrize(
    ("days", "level", "label"),
    [(-1, Level.OVERDUE, "update overdue"), (0, Level.DUE, "update due"),
     (3, Level.SOON, "update in 3 days"), (7, Level.SOON, "update in 7 days"), (8, Level.OK, "update in 8 days")],
)  # fmt: skip
def test_badge_levels_for_an_update(days: int, level: Level, label: str) -> None:
    today = MET
    step = rules.Reminder(
        "next:4", MessageKind.UPDATE, 1, 2, 4, today + timedelta(days=days),
        rules.state_of(today + timedelta(days=days), today), False,
    )  # fmt: skip
    assert rules.status([step], today) == rules.Status(level, label, step)
    assert rules.status([], today) == rules.Status(Level.OK, "all good")


def test_status_sort_key_puts_overdue_first() -> None:
    overdue = rules.Status(Level.OVERDUE, "", None)
    soon = rules.Status(Level.SOON, "", None)
    fine = rules.Status(Level.OK, "all good")
    assert sorted([fine, soon, overdue], key=lambda s: s.sort_key) == [overdue, soon, fine]


def test_agenda_oldest_first_urgent_first_within_a_week(store: Store) -> None:
    today = MET + timedelta(days=40)
    grace, ada, alan, linus, sam = (add_contact(store, n) for n in ("G", "A", "T", "L", "S"))
    # A follow-up due today (not urgent) and a thank-you due today (urgent).
    grace_thanks = send(
        store, grace, meet(store, grace, MET), MessageKind.THANK_YOU, today - 30 * DAY
    )
    ada_meeting = meet(store, ada, today - DAY)
    # Overdue since long ago, and one far in the future.
    alan_meeting = meet(store, alan, MET)
    send(store, linus, meet(store, linus, today), MessageKind.THANK_YOU, today)
    # Due in exactly a week.
    soon_thanks = send(store, sam, None, MessageKind.UPDATE, today - 23 * DAY)
    found = rules.agenda(store.reminders(today), today)
    assert [(r.key, r.due, r.urgent) for r in found] == [
        (f"thank_you:{alan_meeting.id}", MET + DAY, True),
        (f"thank_you:{ada_meeting.id}", today, True),
        (f"next:{grace_thanks.id}", today, False),
        (f"next:{soon_thanks.id}", today + 7 * DAY, False),
    ]
    assert [r.key for r in rules.agenda(store.reminders(today), today, days=0)] == [
        r.key for r in found[:3]
    ]
    assert len(rules.agenda(store.reminders(today), today, days=31)) == 5


def test_open_homework_oldest_meeting_first_favourite_first(store: Store) -> None:
    grace = add_contact(store)
    newer = meet(store, grace, MET + 5 * DAY, Insight("newer"))
    older = meet(
        store,
        grace,
        MET,
        Insight("plain", status=Homework.DOING),
        Insight("favourite", favourite=True),
        Insight("done", status=Homework.DONE, benefit="it worked", done=MET + DAY),
    )
    gone = meet(store, grace, MET - DAY, Insight("deleted meeting"))
    store.delete_meeting(gone.id)
    found = rules.open_homework([*store.all_meetings()])
    assert [(m.id, i.text) for m, i in found] == [
        (older.id, "favourite"),
        (older.id, "plain"),
        (newer.id, "newer"),
    ]


def test_parse_key() -> None:
    assert rules.parse_key("next:12") == ("next", 12)
    assert rules.parse_key("thank_you:3") == ("thank_you", 3)
    for bad in ("next", "next:", "later:1", "next:-1", "next:1a"):
        with pytest.raises(ValueError, match="not a reminder key"):
            rules.parse_key(bad)


def test_state_boundaries() -> None:
    assert rules.state_of(MET - DAY, MET) is State.OVERDUE
    assert rules.state_of(MET, MET) is State.DUE
    assert rules.state_of(MET + 7 * DAY, MET) is State.SOON
    assert rules.state_of(MET + 8 * DAY, MET) is State.UPCOMING


# -- follow-through score ------------------------------------------------------


def score(store: Store, today: date) -> rules.Score:
    return rules.follow_through(store.all_meetings(), store.all_messages(), today)


def test_score_is_empty_without_meetings(store: Store) -> None:
    empty = score(store, MET)
    assert empty == rules.Score()
    assert (empty.thank_you_rate, empty.follow_up_rate, empty.overall) == (None, None, None)


def test_thank_you_on_time_late_never_and_excluded(store: Store) -> None:
    today = MET + timedelta(days=20)
    people = [add_contact(store, name) for name in "ABCDEFG"]
    meetings = [meet(store, person, MET) for person in people]
    send(store, people[0], meetings[0], MessageKind.THANK_YOU, MET)  # same day: on time
    send(store, people[1], meetings[1], MessageKind.THANK_YOU, MET + DAY)  # within 24 h
    send(store, people[2], meetings[2], MessageKind.THANK_YOU, MET + 2 * DAY)  # 48 h: late
    send(store, people[3], meetings[3], MessageKind.THANK_YOU, MET + 5 * DAY)  # very late
    # people[4]: never thanked.
    store.close_reminder(f"thank_you:{meetings[5].id}", MET + 3 * DAY)  # closed: excluded
    store.delete_meeting(meetings[6].id)  # deleted: excluded
    result = score(store, today)
    assert (result.thanked_on_time, result.thanked_late, result.thank_you_eligible) == (2, 1, 5)
    assert result.thank_you_rate == pytest.approx(2 / 5)


def test_an_unsent_thank_you_counts_only_after_its_day(store: Store) -> None:
    grace = add_contact(store)
    meet(store, grace, MET)
    assert score(store, MET + DAY).thank_you_eligible == 0
    assert score(store, MET + 2 * DAY).thank_you_eligible == 1
    assert score(store, MET + 2 * DAY).thanked_on_time == 0


def test_only_the_first_thank_you_for_a_meeting_counts(store: Store) -> None:
    grace = add_contact(store)
    meeting = meet(store, grace, MET)
    send(store, grace, meeting, MessageKind.THANK_YOU, MET + 4 * DAY)
    send(store, grace, meeting, MessageKind.THANK_YOU, MET + DAY)
    result = score(store, MET + timedelta(days=10))
    assert (result.thanked_on_time, result.thank_you_eligible) == (1, 1)


def _thanked(store: Store, name: str) -> tuple[Contact, Meeting, Message]:
    contact = add_contact(store, name)
    meeting = meet(store, contact, MET)
    return contact, meeting, send(store, contact, meeting, MessageKind.THANK_YOU, MET)


def test_follow_ups_on_time_late_pending_never_closed(store: Store) -> None:
    due = MET + timedelta(days=30)
    today = due + 10 * DAY
    on_time, meeting, _ = _thanked(store, "on time")
    send(store, on_time, meeting, MessageKind.FOLLOW_UP, due)
    late, meeting, _ = _thanked(store, "late")
    send(store, late, meeting, MessageKind.FOLLOW_UP, due + DAY)
    _thanked(store, "never")
    _, _, closed = _thanked(store, "closed")
    store.close_reminder(f"next:{closed.id}", due + 2 * DAY)
    pending, meeting, _ = _thanked(store, "pending")
    follow_up = send(store, pending, meeting, MessageKind.FOLLOW_UP, due - 5 * DAY)  # on time
    assert follow_up.next_due is not None and follow_up.next_due > today  # the update: pending
    result = score(store, today)
    assert (result.followed_on_time, result.follow_up_eligible) == (2, 4)
    assert result.follow_up_rate == pytest.approx(0.5)
    assert result.overall == pytest.approx((5 + 2) / (5 + 4))


def test_an_update_answers_the_follow_up_touch(store: Store) -> None:
    grace, meeting, _ = _thanked(store, "Grace")
    follow_up = send(store, grace, meeting, MessageKind.FOLLOW_UP, MET + 20 * DAY)
    send(store, grace, meeting, MessageKind.UPDATE, follow_up.next_due + DAY)  # type: ignore[operator]
    result = score(store, MET + timedelta(days=200))
    assert (result.followed_on_time, result.follow_up_eligible) == (1, 3)


def test_a_new_meeting_before_the_due_date_replaces_the_touch(store: Store) -> None:
    grace, _, _ = _thanked(store, "Grace")
    again = MET + 10 * DAY
    second = meet(store, grace, again)
    send(store, grace, second, MessageKind.THANK_YOU, again)
    result = score(store, MET + 35 * DAY)  # past the first due date, before the second
    assert (result.followed_on_time, result.follow_up_eligible) == (0, 0)


def test_a_new_meeting_pushes_the_scored_due_date(store: Store) -> None:
    grace, first, _ = _thanked(store, "Grace")
    meet(store, grace, MET + 10 * DAY)  # not thanked: the follow-up answers both
    sent = MET + 35 * DAY  # after the first due date, before the restarted one
    send(store, grace, first, MessageKind.FOLLOW_UP, sent)
    result = score(store, sent)
    assert (result.followed_on_time, result.follow_up_eligible) == (1, 1)


def test_a_touch_missed_before_the_next_meeting_counts_as_missed(store: Store) -> None:
    grace, _, _ = _thanked(store, "Grace")
    again = MET + timedelta(days=45)  # 15 days after the follow-up was due
    second = meet(store, grace, again)
    send(store, grace, second, MessageKind.THANK_YOU, again)
    result = score(store, again)
    assert (result.followed_on_time, result.follow_up_eligible) == (0, 1)


def test_silent_meetings_oldest_first(store: Store) -> None:
    grace, ada = add_contact(store), add_contact(store, "Ada Lovelace")
    newer = meet(store, grace, MET + 3 * DAY)
    older = meet(store, ada, MET)
    answered = meet(store, ada, MET + DAY)
    send(store, ada, answered, MessageKind.THANK_YOU, MET + DAY)
    drafted = meet(store, grace, MET + 2 * DAY)
    store.save_message(Message(grace.id, drafted.id, MessageKind.THANK_YOU))
    found = rules.silent_meetings(store.all_meetings(), store.all_messages())
    assert [m.id for m in found] == [older.id, drafted.id, newer.id]


def test_contact_reminders_is_pure() -> None:
    contact = Contact("Grace Hopper", id=1)
    meeting = Meeting(1, MET, id=7)
    thanks = Message(1, 7, MessageKind.THANK_YOU, id=3)
    sent = replace(thanks, status=MessageStatus.SENT, sent=MET, next_due=MET + 30 * DAY)
    found = rules.contact_reminders(contact, [meeting], [sent], Settings(), MET)
    assert [(r.key, r.due) for r in found] == [("next:3", MET + 30 * DAY)]
