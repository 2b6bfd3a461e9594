"""Awaiting reply (spec section 8): the nudges 3 and 7 business days after a meeting request.

TODAY is Wednesday 25 November 2026; requests go out on the dates the tests name.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from core_support import TODAY

from threety_tui.core import outreach, rules
from threety_tui.core.models import Contact, Meeting, Message, MessageKind, MessageStatus
from threety_tui.core.rules import Level, Nudge, State
from threety_tui.core.store import Store

MON, TUE, WED, THU, FRI = (date(2026, 11, d) for d in range(16, 21))
"""The week before TODAY's."""
DAY = timedelta(days=1)


def ask(store: Store, contact: Contact, sent: date) -> Message:
    """A meeting request, drafted and marked sent on `sent`."""
    draft = store.save_message(outreach.new_draft(contact, sent))
    return store.mark_sent(draft.id, sent)


def thank(store: Store, contact: Contact, sent: date) -> Message:
    meeting = store.add_meeting(Meeting(contact.id, sent))
    message = store.save_message(Message(contact.id, meeting.id, MessageKind.THANK_YOU))
    return store.mark_sent(message.id, sent)


def nudges(store: Store, contact: Contact, today: date = TODAY) -> list[rules.Reminder]:
    return [r for r in store.reminders_of(contact.id, today) if r.nudge is not None]


@pytest.fixture
def ada(store: Store) -> Contact:
    return store.add_contact(Contact("Ada Lovelace", "ada@acme.example", "Acme Corp"))


def test_a_sent_request_awaits_a_reply_and_schedules_no_cadence_touch(
    store: Store, ada: Contact
) -> None:
    request = ask(store, ada, TUE + 7 * DAY)  # Tuesday 24 November
    assert request.next_due is None  # not a touch that schedules a follow-up
    (step,) = store.reminders_of(ada.id, TODAY)
    assert step.key == f"nudge:{request.id}" and rules.parse_key(step.key) == ("nudge", request.id)
    assert (step.kind, step.nudge, step.message_id) == (
        MessageKind.OUTREACH,
        Nudge.SECOND_CONTACT,
        request.id,
    )
    assert step.due == date(2026, 11, 27)  # Tue + 3 business days: Friday
    assert step.state is State.SOON
    assert step.label == "Awaiting reply"
    assert rules.nudge_text(step, ada) == "Awaiting a reply from Ada to your meeting request"
    status = store.status_of(ada.id, TODAY)
    assert (status.level, status.label) == (Level.SOON, "awaiting reply")


def test_a_draft_request_awaits_nothing(store: Store, ada: Contact) -> None:
    store.save_message(outreach.new_draft(ada, TODAY))
    assert store.reminders_of(ada.id, TODAY) == []


def test_after_3_business_days_try_a_second_contact_at_the_employer(
    store: Store, ada: Contact
) -> None:
    ask(store, ada, FRI)  # Friday: the weekend does not count
    (step,) = nudges(store, ada, date(2026, 11, 24))
    assert step.due == date(2026, 11, 25)  # Mon, Tue, Wed
    assert step.state is State.SOON
    (step,) = nudges(store, ada, TODAY)
    assert (step.state, step.label, step.nudge) == (State.DUE, "No reply", Nudge.SECOND_CONTACT)
    assert rules.nudge_text(step, ada) == "No reply from Ada: try a second contact at Acme Corp"
    status = store.status_of(ada.id, TODAY)
    assert (status.level, status.label) == (Level.DUE, "no reply")
    (step,) = nudges(store, ada, TODAY + DAY)
    assert step.state is State.OVERDUE
    assert store.status_of(ada.id, TODAY + DAY).level is Level.OVERDUE


def test_without_an_employer_the_nudge_says_something_sensible(store: Store) -> None:
    bo = store.add_contact(Contact("Bo Diddley"))
    ask(store, bo, FRI)
    (step,) = nudges(store, bo)
    assert rules.nudge_text(step, bo) == "No reply from Bo: try a second person who could help"


def test_after_7_business_days_follow_up_once(store: Store, ada: Contact) -> None:
    ask(store, ada, MON)
    (step,) = nudges(store, ada, date(2026, 11, 24))  # Mon + 6
    assert step.nudge is Nudge.SECOND_CONTACT and step.state is State.OVERDUE
    (step,) = nudges(store, ada, TODAY)  # Mon + 7
    assert (step.nudge, step.due, step.state) == (Nudge.FOLLOW_UP_ONCE, TODAY, State.DUE)
    assert step.label == "Follow up once"
    assert rules.nudge_text(step, ada) == "Follow up once with Ada"
    assert store.status_of(ada.id, TODAY).label == "follow up once"


def test_the_one_follow_up_ends_the_nudges_but_a_reply_to_it_still_counts(
    store: Store, ada: Contact
) -> None:
    first = ask(store, ada, MON)
    note = outreach.follow_up_once_draft(ada, first, TODAY)
    second = store.mark_sent(store.save_message(note).id, TODAY)
    assert nudges(store, ada) == []
    waiting = rules.awaiting(store.meetings_of(ada.id), store.messages_of(ada.id))
    assert waiting is not None
    assert (waiting.request.id, waiting.followed_up) == (first.id, second)
    store.record_reply(second.id, TODAY)
    assert rules.awaiting(store.meetings_of(ada.id), store.messages_of(ada.id)) is None


def test_a_reply_recorded_later_never_makes_the_follow_up_a_request_of_its_own(
    store: Store, ada: Contact
) -> None:
    """QA 13.1: the reply came (dated) before the follow-up went out, and was recorded after."""
    first = ask(store, ada, MON)
    note = store.save_message(outreach.follow_up_once_draft(ada, first, TODAY))
    assert note.follows == first.id and not note.is_request
    note = store.mark_sent(note.id, TODAY)
    store.record_reply(first.id, WED)  # imported from the mailbox afterwards
    for later in (TODAY, TODAY + 7 * DAY, TODAY + 30 * DAY):
        assert nudges(store, ada, later) == []
        assert rules.awaiting(store.meetings_of(ada.id), store.messages_of(ada.id)) is None
    assert store.status_of(ada.id, TODAY + 7 * DAY).label == "all good"


def test_a_follow_up_is_known_as_such_on_disk(store: Store, ada: Contact) -> None:
    first = ask(store, ada, MON)
    note = store.save_message(outreach.follow_up_once_draft(ada, first, TODAY))
    doc = note.to_doc()
    assert doc["follows"] == first.id
    assert Message.from_doc(doc, note.id) == note
    assert Message.from_doc({**doc, "follows": "x"}, note.id).follows is None  # damaged: none


@pytest.mark.parametrize("answered_on", [MON, TUE, TODAY])
def test_a_reply_to_any_message_of_theirs_closes_the_nudges(
    store: Store, ada: Contact, answered_on: date
) -> None:
    old = thank(store, ada, MON - 30 * DAY)  # an old thank-you
    ask(store, ada, MON)
    store.record_reply(old.id, answered_on)
    assert nudges(store, ada) == []


def test_a_reply_before_the_request_does_not_count(store: Store, ada: Contact) -> None:
    old = thank(store, ada, MON - 30 * DAY)
    store.record_reply(old.id, MON - 29 * DAY)
    ask(store, ada, MON)
    assert [r.nudge for r in nudges(store, ada)] == [Nudge.FOLLOW_UP_ONCE]


def test_a_meeting_after_the_request_is_an_answer(store: Store, ada: Contact) -> None:
    ask(store, ada, MON)
    meeting = store.add_meeting(Meeting(ada.id, THU))
    steps = store.reminders_of(ada.id, TODAY)
    assert [(r.kind, r.meeting_id) for r in steps] == [(MessageKind.THANK_YOU, meeting.id)]


@pytest.mark.parametrize("spelling", ["Acme Corp", "  acme   CORP ", "ACME CORP"])
def test_a_reply_from_anyone_at_the_employer_closes_its_nudges(
    store: Store, ada: Contact, spelling: str
) -> None:
    bob = store.add_contact(Contact("Bob", "bob@acme.example", spelling))
    other = store.add_contact(Contact("Cy", "cy@elsewhere.example", "Acme Industries"))
    ask(store, ada, MON)
    ask(store, other, MON)
    assert len(nudges(store, ada)) == 1  # cached now
    store.record_reply(thank(store, bob, TUE).id, WED)
    assert nudges(store, ada) == []
    assert len(nudges(store, other)) == 1  # another employer


def test_a_colleague_reply_before_the_request_does_not_close_it(store: Store, ada: Contact) -> None:
    bob = store.add_contact(Contact("Bob", "bob@acme.example", "acme corp"))
    store.record_reply(thank(store, bob, MON - 20 * DAY).id, MON - 19 * DAY)
    ask(store, ada, MON)
    assert len(nudges(store, ada)) == 1


def test_a_new_request_after_an_answer_starts_again(store: Store, ada: Contact) -> None:
    first = ask(store, ada, MON - 30 * DAY)
    store.record_reply(first.id, MON - 29 * DAY)
    second = ask(store, ada, MON)
    (step,) = nudges(store, ada)
    assert step.message_id == second.id and step.nudge is Nudge.FOLLOW_UP_ONCE


def test_closing_the_first_nudge_leaves_the_follow_up(store: Store, ada: Contact) -> None:
    request = ask(store, ada, FRI)
    (step,) = nudges(store, ada)
    store.close_reminder(step.key, TODAY)
    (step,) = nudges(store, ada)
    assert (step.nudge, step.due, step.state) == (
        Nudge.FOLLOW_UP_ONCE,
        date(2026, 12, 1),  # Fri + 7 business days
        State.SOON,
    )
    assert rules.nudge_text(step, ada) == "Follow up once with Ada if there is still no reply"
    store.close_reminder(step.key, date(2026, 12, 1))
    assert nudges(store, ada, date(2026, 12, 1)) == []
    assert store.message(request.id).closed == date(2026, 12, 1)  # type: ignore[union-attr]


def test_snoozing_a_nudge_moves_it(store: Store, ada: Contact) -> None:
    ask(store, ada, FRI)
    (step,) = nudges(store, ada)
    store.snooze(step.key, TODAY + 2 * DAY, "she is at a conference")
    (step,) = nudges(store, ada)
    assert (step.due, step.snoozed, step.snooze_reason) == (
        TODAY + 2 * DAY,
        True,
        "she is at a conference",
    )
    assert step.nudge is Nudge.SECOND_CONTACT


def test_nudges_show_in_the_agenda_and_everywhere_reminders_do(store: Store, ada: Contact) -> None:
    request = ask(store, ada, MON)
    everyone = store.reminders(TODAY)
    assert [r.key for r in everyone] == [f"nudge:{request.id}"]
    assert rules.agenda(everyone, TODAY) == everyone


def test_requests_are_not_scored_as_follow_ups(store: Store, ada: Contact) -> None:
    request = ask(store, ada, MON - 60 * DAY)
    score = rules.follow_through(store.all_meetings(), store.all_messages(), TODAY)
    assert score.follow_up_eligible == 0
    store.record_reply(request.id, MON - 59 * DAY)
    meeting = store.add_meeting(Meeting(ada.id, MON - 50 * DAY))
    store.mark_sent(
        store.save_message(Message(ada.id, meeting.id, MessageKind.THANK_YOU)).id,
        MON - 50 * DAY,
    )
    score = rules.follow_through(store.all_meetings(), store.all_messages(), TODAY)
    assert (score.thanked_on_time, score.thank_you_eligible) == (1, 1)
    (step,) = store.reminders_of(ada.id, TODAY)
    assert step.kind is MessageKind.FOLLOW_UP  # the thank-you's, not the request's


def test_awaiting_is_pure() -> None:
    draft = outreach.new_draft(Contact("Ada", id=1), MON)
    sent = replace(draft, status=MessageStatus.SENT, sent=MON, id=3)
    waiting = rules.awaiting([], [sent])
    assert waiting is not None
    assert (waiting.second_contact, waiting.follow_up) == (THU, TODAY)
    assert rules.awaiting([], [sent], company_replies=[MON]) is None
    assert rules.awaiting([], [sent], company_replies=[MON - DAY]) is not None
    assert rules.company_key("  Acme\tCorp ") == rules.company_key("acme corp") == "acme corp"


def test_a_nudge_is_named_as_a_step_not_as_its_label(store: Store, ada: Contact) -> None:
    """QA 13.13: dialogs said "Snooze the no reply for Ada" and "Close the awaiting reply"."""
    from threety_tui.core import workflows

    ask(store, ada, FRI)
    (step,) = nudges(store, ada)
    assert rules.step_words(step, "Ada") == "the nudge about your meeting request to Ada"
    question = workflows.close_question(store, step)
    assert question.startswith("Close the nudge about your meeting request to Ada Lovelace")
    assert "follow up once still comes" in question
    said = workflows.close_step(store, step, TODAY)
    assert said == (
        "The nudge about your meeting request to Ada Lovelace closed without a message. "
        "The nudge to follow up once comes on Tue 1 Dec."
    )
    (later,) = nudges(store, ada)
    assert rules.step_words(later, "Ada") == "the nudge to follow up once with Ada"
    assert "No more nudges come" in workflows.close_question(store, later)
    said = workflows.snooze(store, later, TODAY + 14 * DAY, "", TODAY)
    assert said.startswith("The nudge to follow up once with Ada Lovelace snoozed to ")


@pytest.mark.parametrize(
    ("today", "words"),
    [
        (date(2026, 11, 26), "1 business day overdue"),  # Thu, due Wed
        (date(2026, 11, 27), "2 business days overdue"),  # Fri
        (date(2026, 11, 28), "2 business days overdue"),  # Sat: the weekend does not count
        (date(2026, 11, 30), "3 business days overdue"),  # Mon
    ],
)
def test_a_nudge_is_overdue_by_business_days(
    store: Store, ada: Contact, today: date, words: str
) -> None:
    """QA 13.13: nudges counted "2 days overdue" in calendar days, over weekends too."""
    ask(store, ada, FRI)  # second contact due Wed 25 Nov
    (step,) = [r for r in nudges(store, ada, today) if r.nudge is Nudge.SECOND_CONTACT]
    assert rules.step_due_words(step, today) == words


def test_a_nudge_snoozed_to_a_weekend_is_overdue_since_that_day(store: Store, ada: Contact) -> None:
    ask(store, ada, FRI)
    (step,) = nudges(store, ada)
    store.snooze(step.key, date(2026, 11, 28), "")  # a Saturday
    (step,) = nudges(store, ada, date(2026, 11, 29))
    assert rules.step_due_words(step, date(2026, 11, 29)) == "overdue since Sat"
    assert rules.step_due_words(step, date(2026, 11, 27)) == "due tomorrow"


def test_other_steps_still_count_calendar_days(store: Store) -> None:
    grace = store.add_contact(Contact("Grace Hopper"))
    store.add_meeting(Meeting(grace.id, TODAY - 10 * DAY))
    (step,) = store.reminders_of(grace.id, TODAY)
    assert step.nudge is None
    assert rules.step_due_words(step, TODAY) == f"{(TODAY - step.due).days} days overdue"


def test_a_request_closed_by_a_colleague_knows_who_answered(store: Store, ada: Contact) -> None:
    """QA 13.13: the timeline said only "no reply yet" when a colleague's reply closed it."""
    bob = store.add_contact(Contact("Bob Acme", "bob@acme.example", "acme corp"))
    early = store.add_contact(Contact("Early Acme", "e@acme.example", "Acme Corp"))
    store.record_reply(thank(store, early, MON - 20 * DAY).id, MON - 19 * DAY)  # before: no
    request = ask(store, ada, MON)
    own = ask(store, store.add_contact(Contact("Cy")), MON)
    assert store.colleague_answers(store.messages_of(ada.id)) == {}
    store.record_reply(thank(store, bob, TUE).id, WED)
    store.record_reply(thank(store, bob, TUE).id, THU)  # the earliest answer counts
    assert store.colleague_answers(store.messages_of(ada.id)) == {request.id: ("Bob Acme", WED)}
    assert store.colleague_answers(store.messages_of(own.contact_id)) == {}
    store.record_reply(request.id, FRI)  # a reply of her own: shown as such
    assert store.colleague_answers(store.messages_of(ada.id)) == {}
