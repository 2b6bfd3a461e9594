"""The decisions behind the keys (core.workflows), tested without any UI.

Which meeting and insight a new draft is for, reopening instead of
duplicating, the homework cycle, a benefit recorded (and copied on mark
sent) marking the homework done, snooze and close; each action that changes
more than one thing is one write.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from core_support import count_saves

from threety_tui.core import workflows
from threety_tui.core.models import (
    Contact,
    Homework,
    Insight,
    Meeting,
    Message,
    MessageKind,
    MessageStatus,
    Parts,
    Settings,
)
from threety_tui.core.store import Store
from threety_tui.core.workflows import NEXT_STATUS, Opened

TODAY = date(2026, 11, 25)
MET = TODAY - timedelta(days=1)


def grace_met(store: Store, *insights: Insight, when: date = MET) -> tuple[Contact, Meeting]:
    grace = store.add_contact(Contact("Grace Hopper", "grace@navy.example"))
    meeting = store.add_meeting(Meeting(grace.id, when, insights=insights))
    return grace, meeting


def replaces(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[Path]:
    """Every save of a database file from now on (each one is one atomic swap).

    The tests that use it open a single database, `path`.
    """
    saves = count_saves(monkeypatch)
    assert not saves, path
    return saves


# -- which meeting and which insight ---------------------------------------------


def test_the_selected_meeting_if_it_is_the_contacts_else_their_latest(store: Store) -> None:
    grace, older = grace_met(store, when=MET - timedelta(days=30))
    latest = store.add_meeting(Meeting(grace.id, MET))
    ada = store.add_contact(Contact("Ada Lovelace"))
    adas = store.add_meeting(Meeting(ada.id, MET))
    assert workflows.meeting_for(store, grace, None) == latest
    assert workflows.meeting_for(store, grace, older) == older
    assert workflows.meeting_for(store, grace, adas) == latest, "never another person's meeting"
    store.delete_meeting(older.id)
    assert workflows.meeting_for(store, grace, older) == latest, "never a deleted one"
    assert workflows.meeting_for(store, ada, None) == adas
    nobody = store.add_contact(Contact("Nobody Yet"))
    assert workflows.meeting_for(store, nobody, None) is None


def test_a_thank_you_quotes_the_favourite_a_follow_up_the_thank_yous_insight(
    store: Store,
) -> None:
    first, favourite = Insight("Read papers"), Insight("Ask why", favourite=True)
    grace, meeting = grace_met(store, first, favourite)
    thank_you = workflows.start_draft(store, MessageKind.THANK_YOU, grace, meeting, TODAY)
    assert thank_you.opened is Opened.NEW and thank_you.message is not None
    assert thank_you.message.insight_id == favourite.id
    assert "ask why" in thank_you.message.parts.highlight.lower()
    # The thank-you went out about the first insight (the user picked it): the follow-up keeps it.
    store.save_message(replace(thank_you.message, insight_id=first.id))
    store.mark_sent(thank_you.message.id, TODAY)
    follow = workflows.start_draft(store, MessageKind.FOLLOW_UP, grace, meeting, TODAY)
    assert follow.message is not None and follow.message.insight_id == first.id


def test_an_open_draft_is_reopened_never_doubled(store: Store) -> None:
    grace, meeting = grace_met(store, Insight("Ask why", favourite=True))
    first = workflows.start_draft(store, MessageKind.THANK_YOU, grace, meeting, TODAY)
    again = workflows.start_draft(store, MessageKind.THANK_YOU, grace, meeting, TODAY)
    assert again.opened is Opened.EXISTING
    assert first.message is not None and again.message is not None
    assert again.message.id == first.message.id
    assert len(store.messages_of(grace.id)) == 1


def test_a_sent_thank_you_is_shown_not_drafted_again(store: Store) -> None:
    grace, meeting = grace_met(store, Insight("Ask why", favourite=True))
    draft = workflows.start_draft(store, MessageKind.THANK_YOU, grace, meeting, TODAY)
    assert draft.message is not None
    store.mark_sent(draft.message.id, TODAY)
    shown = workflows.start_draft(store, MessageKind.THANK_YOU, grace, meeting, TODAY)
    assert shown.opened is Opened.SENT and shown.message is not None
    assert shown.message.status is MessageStatus.SENT
    assert "went out on Wed 25 Nov" in shown.notes[0].text
    assert len(store.messages_of(grace.id)) == 1


def test_a_sent_follow_up_is_shown_not_drafted_again_and_points_to_an_update(
    store: Store,
) -> None:
    """QA 9: f after the follow-up went out made a second one; t said "Press f"."""
    grace, meeting = grace_met(store, Insight("Ask why", favourite=True, benefit="A job"))
    for kind, day in ((MessageKind.THANK_YOU, MET), (MessageKind.FOLLOW_UP, TODAY)):
        start = workflows.start_draft(store, kind, grace, meeting, TODAY)
        assert start.message is not None
        store.mark_sent(start.message.id, day)
    shown = workflows.start_draft(store, MessageKind.FOLLOW_UP, grace, meeting, TODAY)
    assert shown.opened is Opened.SENT and shown.message is not None
    assert shown.message.kind is MessageKind.FOLLOW_UP and shown.message.is_sent
    assert "went out on Wed 25 Nov" in shown.notes[0].text
    assert "Press u for an update" in shown.notes[0].text
    thanks = workflows.start_draft(store, MessageKind.THANK_YOU, grace, meeting, TODAY)
    assert thanks.opened is Opened.SENT
    assert "press f" not in thanks.notes[0].text.lower()
    assert "the follow-up too, on Wed 25 Nov. Press u" in thanks.notes[0].text
    assert len(store.messages_of(grace.id)) == 2, "nothing new drafted"


def test_an_update_right_after_the_follow_up_has_nothing_new_to_tell(
    store: Store,
) -> None:
    """QA 10: Barbara's update said "No benefit is recorded" though one was (and was told)."""
    grace, meeting = grace_met(store, Insight("Ask why", favourite=True, benefit="A job"))
    for kind, day in ((MessageKind.THANK_YOU, MET), (MessageKind.FOLLOW_UP, MET)):
        start = workflows.start_draft(store, kind, grace, meeting, MET)
        assert start.message is not None
        store.mark_sent(start.message.id, day)
    update = workflows.start_draft(store, MessageKind.UPDATE, grace, meeting, TODAY)
    assert update.message is not None and update.part == "benefit"
    [note] = update.notes
    assert "No benefit" not in note.text
    assert note.text == (
        "Nothing new is recorded since Tue 24 Nov: say in the benefit what you did or what came "
        "of it (h marks homework done, b records a benefit)."
    )


def test_with_no_draft_open_copy_says_where_a_draft_is_or_which_key_makes_one(
    store: Store,
) -> None:
    """QA 13: c, o and s said "press t" to a contact with no meeting, then t said "No
    meeting"; a meeting request waiting in the timeline was not mentioned."""
    assert "select a contact" in workflows.no_draft_note(store, None).text
    ada = store.add_contact(Contact("Ada Lovelace"))
    assert "press w to ask them for one, or m" in workflows.no_draft_note(store, ada).text
    from threety_tui.core import outreach

    store.save_message(outreach.new_draft(ada, TODAY))
    note = workflows.no_draft_note(store, ada).text
    assert "Ada Lovelace's meeting request draft is in the timeline" in note
    assert "press enter" in note and "press t" not in note
    grace, meeting = grace_met(store, Insight("Ask why", favourite=True))
    for kind, key in (
        (MessageKind.THANK_YOU, "press t to draft the thank-you to Grace Hopper."),
        (MessageKind.FOLLOW_UP, "press f to draft the follow-up to Grace Hopper."),
        (MessageKind.UPDATE, "press u to draft an update to Grace Hopper."),
    ):
        assert key in workflows.no_draft_note(store, grace).text, kind
        start = workflows.start_draft(store, kind, grace, meeting, TODAY)
        assert start.message is not None
        store.mark_sent(start.message.id, TODAY)


def test_no_meeting_no_draft_and_the_user_is_told_why(store: Store) -> None:
    ada = store.add_contact(Contact("Ada Lovelace"))
    start = workflows.start_draft(store, MessageKind.THANK_YOU, ada, None, TODAY)
    assert start.message is None and start.opened is None
    assert "press m to log one" in start.notes[0].text
    assert store.messages_of(ada.id) == []


def test_a_follow_up_before_the_thank_you_warns(store: Store) -> None:
    grace, meeting = grace_met(store, Insight("Ask why", favourite=True))
    start = workflows.start_draft(store, MessageKind.FOLLOW_UP, grace, meeting, TODAY)
    assert start.message is not None
    assert [n.severity for n in start.notes] == ["warning"]
    assert "send that first" in start.notes[0].text


def test_a_follow_up_without_a_benefit_asks_for_it_in_the_benefit_field(store: Store) -> None:
    grace, meeting = grace_met(store, Insight("Ask why", favourite=True))
    thanked = store.save_message(Message(grace.id, meeting.id, MessageKind.THANK_YOU))
    store.mark_sent(thanked.id, MET)
    start = workflows.start_draft(store, MessageKind.FOLLOW_UP, grace, meeting, TODAY)
    assert start.part == "benefit"
    assert "No benefit is recorded" in start.notes[0].text


def test_a_thank_you_for_a_meeting_without_insights_says_so(store: Store) -> None:
    grace, meeting = grace_met(store)
    start = workflows.start_draft(store, MessageKind.THANK_YOU, grace, meeting, TODAY)
    assert start.message is not None and start.part == "highlight"
    assert "no insights" in start.notes[0].text


def test_a_step_opens_the_draft_it_asks_for(store: Store) -> None:
    grace, meeting = grace_met(store, Insight("Ask why", favourite=True))
    (step,) = store.reminders_of(grace.id, TODAY)
    start = workflows.draft_for_step(store, step, TODAY)
    assert start.message is not None
    assert (start.message.kind, start.message.meeting_id) == (MessageKind.THANK_YOU, meeting.id)


# -- saving a draft as typed -------------------------------------------------------


def test_a_draft_is_saved_only_when_it_changed_and_never_over_a_sent_one(store: Store) -> None:
    grace, meeting = grace_met(store, Insight("Ask why", favourite=True))
    start = workflows.start_draft(store, MessageKind.THANK_YOU, grace, meeting, TODAY)
    assert start.message is not None
    assert workflows.save_draft(store, start.message) is None, "nothing changed"
    edited = replace(start.message, parts=Parts(highlight="Your advice to ask why"))
    saved = workflows.save_draft(store, edited)
    assert saved is not None and store.message(saved.id).parts.highlight == "Your advice to ask why"  # type: ignore[union-attr]
    store.mark_sent(saved.id, TODAY)
    late = replace(edited, parts=Parts(highlight="typed late"))
    assert workflows.save_draft(store, late) is None
    assert store.message(saved.id).parts.highlight == "Your advice to ask why"  # type: ignore[union-attr]


# -- mark sent ---------------------------------------------------------------------


def test_mark_sent_copies_the_benefit_to_its_insight_in_one_write(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    advice = Insight("Read the trade press", favourite=True)
    with Store.open(db_path) as store:
        grace, meeting = grace_met(store, advice)
        thanked = store.save_message(
            Message(grace.id, meeting.id, MessageKind.THANK_YOU, insight_id=advice.id)
        )
        store.mark_sent(thanked.id, MET)
        follow = workflows.start_draft(store, MessageKind.FOLLOW_UP, grace, meeting, TODAY)
        assert follow.message is not None
        told = Parts(benefit="  It got me two interviews. ")
        store.save_message(replace(follow.message, parts=told))
        writes = replaces(monkeypatch, db_path)
        sent = workflows.mark_sent(store, follow.message.id, TODAY, TODAY)
        assert len(writes) == 1, "the send and the benefit copy are one save"
    assert sent.benefit_copied
    assert sent.next_step is not None and sent.next_step.kind is MessageKind.UPDATE
    assert sent.summary(TODAY).startswith("Marked sent. Update due in 4 weeks (Fri 25 Dec)")
    with Store.open(db_path, readonly=True) as again:
        insight = again.meeting(meeting.id).insight(advice.id)  # type: ignore[union-attr]
        assert insight is not None and insight.benefit == "It got me two interviews."


def test_mark_sent_never_overwrites_a_recorded_benefit(store: Store) -> None:
    advice = Insight("Read papers", favourite=True, benefit="What I wrote down")
    grace, meeting = grace_met(store, advice)
    message = store.save_message(
        Message(
            grace.id,
            meeting.id,
            MessageKind.FOLLOW_UP,
            Parts(benefit="Something else"),
            insight_id=advice.id,
        )
    )
    sent = workflows.mark_sent(store, message.id, TODAY, TODAY)
    assert not sent.benefit_copied
    assert store.meeting(meeting.id).insight(advice.id).benefit == "What I wrote down"  # type: ignore[union-attr]


# -- signed, checked, and what is new ---------------------------------------------------


def test_a_new_draft_is_signed_from_the_settings(store: Store) -> None:
    store.update_settings(Settings(your_name="Sam Rivera", sign_off="Thanks,"))
    grace, meeting = grace_met(store, Insight("Ask why", favourite=True))
    start = workflows.start_draft(store, MessageKind.THANK_YOU, grace, meeting, TODAY)
    assert start.message is not None
    assert start.message.parts.signoff == "Thanks,\nSam Rivera"


def test_an_update_is_written_from_what_is_new_since_the_last_message(store: Store) -> None:
    """The update names the homework done since the follow-up, not the follow-up's benefit."""
    store.update_settings(Settings(your_name="Sam Rivera"))
    old = Insight("Read the trade press", favourite=True, benefit="it made me fluent")
    new = Insight("Go to the SRE meetup", status=Homework.DONE, done=TODAY - timedelta(days=3))
    grace, meeting = grace_met(store, old, new, when=TODAY - timedelta(days=70))
    follow = store.save_message(
        Message(
            grace.id,
            meeting.id,
            MessageKind.FOLLOW_UP,
            Parts(benefit="It made me fluent."),
            insight_id=old.id,
        )
    )
    store.mark_sent(follow.id, TODAY - timedelta(days=20))
    news = workflows.news_for(store, grace.id, TODAY)
    assert [i.id for i in news.done] == [new.id] and not news.benefits
    start = workflows.start_draft(store, MessageKind.UPDATE, grace, meeting, TODAY)
    assert start.message is not None
    assert "SRE meetup" in start.message.parts.highlight
    assert "fluent" not in start.message.body
    items = {i.name: i.ok for i in workflows.checklist_for(store, start.message, TODAY)}
    assert items["News"] is True and "Benefit" not in items
    said = replace(start.message, parts=replace(start.message.parts, highlight="Thanks again."))
    assert {i.name: i.ok for i in workflows.checklist_for(store, said, TODAY)}["News"] is False


def test_mark_sent_asks_only_while_items_are_amber(store: Store) -> None:
    store.update_settings(Settings(your_name="Sam Rivera"))
    grace, meeting = grace_met(store, Insight("Ask why", favourite=True))
    start = workflows.start_draft(store, MessageKind.THANK_YOU, grace, meeting, TODAY)
    assert start.message is not None
    assert workflows.send_question(store, start.message, TODAY) is None
    unasked = replace(start.message, parts=replace(start.message.parts, ask="Thanks."))
    question = workflows.send_question(store, unasked, TODAY)
    assert question is not None and question.startswith("1 item is still amber")
    assert "Ask:" in question and question.endswith("Mark it sent anyway?")


def test_the_first_name_signs_the_open_drafts_in_one_write(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path) as store:
        grace, meeting = grace_met(store, Insight("Ask why", favourite=True))
        start = workflows.start_draft(store, MessageKind.THANK_YOU, grace, meeting, TODAY)
        assert start.message is not None and start.message.parts.signoff == "Best wishes,"
        edited = store.save_message(
            Message(grace.id, meeting.id, MessageKind.FOLLOW_UP, Parts(signoff="Cheers, S."))
        )
        writes = replaces(monkeypatch, db_path)
        resigned = workflows.sign_as(store, "Sam Rivera", "Thanks,")
        assert len(writes) == 1, "the settings and the drafts signed are one save"
        assert [m.id for m in resigned] == [start.message.id]
        signed = store.message(start.message.id)
        assert signed is not None and signed.parts.signoff == "Thanks,\nSam Rivera"
        assert signed.body.endswith("Thanks,\nSam Rivera\n")
        assert store.message(edited.id).parts.signoff == "Cheers, S."  # type: ignore[union-attr]
        settings = store.settings
        assert (settings.your_name, settings.sign_off, settings.name_asked) == (
            "Sam Rivera",
            "Thanks,",
            True,
        )
        # A later change of name re-signs what the old one signed; the same name changes nothing.
        assert workflows.change_sender(store, settings) == []
        renamed = workflows.change_sender(store, replace(settings, your_name="Samantha Rivera"))
        assert [m.parts.signoff for m in renamed] == ["Thanks,\nSamantha Rivera"]


def test_declining_the_name_is_remembered(store: Store) -> None:
    workflows.decline_name(store)
    assert store.settings.name_asked and store.settings.your_name == ""


# -- homework and benefits ---------------------------------------------------------


def test_the_homework_cycle() -> None:
    assert NEXT_STATUS == {
        Homework.TODO: Homework.DOING,
        Homework.DOING: Homework.DONE,
        Homework.DONE: Homework.TODO,
    }


def test_h_moves_homework_on_and_dates_it_when_done(store: Store) -> None:
    advice = Insight("Read papers", favourite=True)
    _, meeting = grace_met(store, advice)
    seen = []
    for _ in range(3):
        insight, said = workflows.cycle_homework(store, meeting.id, advice.id, TODAY)
        seen.append((insight.status, insight.done))
        assert said.startswith(f"Homework marked {insight.status.value}.")
    assert seen == [(Homework.DOING, None), (Homework.DONE, TODAY), (Homework.TODO, None)]
    stored = store.meeting(meeting.id)
    assert stored is not None and stored.insight(advice.id) == insight


def test_done_without_a_benefit_suggests_recording_one(store: Store) -> None:
    advice = Insight("Read papers", status=Homework.DOING)
    _, meeting = grace_met(store, advice)
    _, said = workflows.set_homework(store, meeting.id, advice.id, Homework.DONE, TODAY)
    assert "Press b to record what came of it." in said


@pytest.mark.parametrize("status", [Homework.TODO, Homework.DOING])
def test_recording_a_benefit_marks_the_homework_done(store: Store, status: Homework) -> None:
    advice = Insight("Read papers", status=status)
    _, meeting = grace_met(store, advice)
    insight, said = workflows.record_benefit(
        store, meeting.id, advice.id, "  Two   recruiters wrote ", TODAY
    )
    assert (insight.benefit, insight.status, insight.done) == (
        "Two recruiters wrote",
        Homework.DONE,
        TODAY,
    )
    assert said.endswith("Homework marked done.")
    stored = store.meeting(meeting.id)
    assert stored is not None and stored.insight(advice.id) == insight


def test_a_benefit_keeps_an_earlier_done_date_and_clearing_it_keeps_the_status(
    store: Store,
) -> None:
    earlier = TODAY - timedelta(days=10)
    advice = Insight("Read papers", status=Homework.DONE, done=earlier)
    _, meeting = grace_met(store, advice)
    insight, said = workflows.record_benefit(store, meeting.id, advice.id, "It helped", TODAY)
    assert (insight.status, insight.done) == (Homework.DONE, earlier)
    assert "Homework marked" not in said
    insight, said = workflows.record_benefit(store, meeting.id, advice.id, "   ", TODAY)
    assert (insight.benefit, insight.status) == ("", Homework.DONE)
    assert said == "Benefit cleared."


# -- next steps --------------------------------------------------------------------


def test_snooze_and_close_a_step_and_say_so(store: Store) -> None:
    grace, _ = grace_met(store, Insight("Ask why", favourite=True))
    step = workflows.step_for(store, grace.id, TODAY)
    assert step is not None and step.kind is MessageKind.THANK_YOU
    said = workflows.snooze(store, step, TODAY + timedelta(days=7), " waiting ", TODAY)
    assert said == "The thank-you for Grace Hopper snoozed to Wed 2 Dec."
    moved = workflows.step_for(store, grace.id, TODAY)
    assert moved is not None and moved.due == TODAY + timedelta(days=7)
    assert moved.snooze_reason == "waiting"
    assert "Grace Hopper" in workflows.close_question(store, moved)
    said = workflows.close_step(store, moved, TODAY)
    assert said == "The thank-you for Grace Hopper closed without a message."
    assert workflows.step_for(store, grace.id, TODAY) is None


def test_the_delete_question_reads_the_day_like_everywhere_else() -> None:
    meeting = Meeting(1, date(2026, 11, 23), id=1)
    assert workflows.delete_meeting_question(meeting, TODAY) == (
        "Move the meeting of Mon 23 Nov to the trash?"
    )
    older = Meeting(1, date(2025, 11, 23), id=2)
    assert "Sun 23 Nov 2025" in workflows.delete_meeting_question(older, TODAY)


# -- updates: the meeting, the notes, news recorded after the draft (QA, issue 12) -------------


def followed_up(store: Store, insight: Insight, *, days_ago: int = 70) -> tuple[Contact, Meeting]:
    """Grace, met `days_ago` days ago, thanked and followed up (the follow-up 20 days ago)."""
    store.update_settings(Settings(your_name="Sam Rivera"))
    grace, meeting = grace_met(store, insight, when=TODAY - timedelta(days=days_ago))
    for kind, parts, ago in (
        (MessageKind.THANK_YOU, Parts(highlight="Thanks."), days_ago - 1),
        (
            MessageKind.FOLLOW_UP,
            Parts(highlight=f"I did it: {insight.text}.", benefit=insight.benefit),
            20,
        ),
    ):
        sent = store.save_message(Message(grace.id, meeting.id, kind, parts, insight_id=insight.id))
        store.mark_sent(sent.id, TODAY - timedelta(days=ago))
    return grace, meeting


def test_an_update_after_a_new_meeting_names_the_insight_of_the_meeting_it_is_for(
    store: Store,
) -> None:
    """QA: the highlight named an old meeting's insight while the dropdown had the new one's."""
    old = Insight("Read the trade press", favourite=True)
    grace, first = followed_up(store, old)
    latest = store.add_meeting(Meeting(grace.id, TODAY - timedelta(days=4)))  # no insights
    workflows.set_homework(store, first.id, old.id, Homework.DONE, TODAY - timedelta(days=2))
    start = workflows.start_draft(store, MessageKind.UPDATE, grace, latest, TODAY)
    message = start.message
    assert message is not None and message.meeting_id == first.id
    assert message.insight_id == old.id and "trade press" in message.parts.highlight
    assert message.parts.gratitude.startswith("Thank you for the coffee on Saturday")
    items = {i.name: i.ok for i in workflows.checklist_for(store, message, TODAY)}
    assert items["Highlight"] and items["News"], items
    assert not any("thank-you" in n.text for n in start.notes)  # it is an update


def test_an_update_before_anything_went_out_says_the_thank_you_comes_first(store: Store) -> None:
    """QA: "No thank-you has gone out for this meeting yet ... the follow-up comes ..."."""
    grace, meeting = grace_met(store, Insight("Ask why", favourite=True))
    start = workflows.start_draft(store, MessageKind.UPDATE, grace, meeting, TODAY)
    assert [n.text for n in start.notes] == [
        "Nothing has gone out to Grace Hopper yet: the thank-you comes first (t), then the "
        "follow-up (f); updates come after them."
    ]


def test_an_update_with_nothing_new_says_so_not_that_no_benefit_is_recorded(store: Store) -> None:
    """QA (the demo's Barbara Liskov): "No benefit is recorded" when one was, and went out."""
    told = Insight("Read papers", favourite=True, status=Homework.DONE, benefit="I read two")
    grace, meeting = followed_up(store, told)
    start = workflows.start_draft(store, MessageKind.UPDATE, grace, meeting, TODAY)
    assert start.part == "benefit"
    assert [n.text for n in start.notes] == [
        "Nothing new is recorded since Thu 5 Nov: say in the benefit what you did or what came "
        "of it (h marks homework done, b records a benefit)."
    ]


def test_an_open_update_takes_in_news_recorded_after_it_was_drafted(store: Store) -> None:
    """QA: b on an insight, then u again: the update stayed "nothing new"."""
    advice = Insight(
        "Go to the SRE meetup", favourite=True, status=Homework.DONE, benefit="Met two"
    )
    grace, meeting = followed_up(store, advice)
    first = workflows.start_draft(store, MessageKind.UPDATE, grace, meeting, TODAY)
    assert first.message is not None and first.message.parts.benefit == ""
    said = workflows.record_benefit(store, meeting.id, advice.id, "got an interview there", TODAY)[
        1
    ]
    assert "your next update will mention it" in said  # the follow-up went out already
    again = workflows.start_draft(store, MessageKind.UPDATE, grace, meeting, TODAY)
    message = again.message
    assert again.opened is Opened.REFRESHED and again.saved
    assert message is not None and message.id == first.message.id
    assert message.parts.benefit == "I got an interview there."
    assert message.subject == "Your advice is paying off: a quick update"
    assert "paying off" in message.parts.highlight
    assert {i.name: i.ok for i in workflows.checklist_for(store, message, TODAY)}["News"]
    assert "brought up to date" in again.notes[0].text
    assert store.message(message.id) == message  # saved


def test_refreshing_an_update_keeps_what_the_user_wrote(store: Store) -> None:
    advice = Insight(
        "Go to the SRE meetup", favourite=True, status=Homework.DONE, benefit="Met two"
    )
    grace, meeting = followed_up(store, advice)
    first = workflows.start_draft(store, MessageKind.UPDATE, grace, meeting, TODAY)
    assert first.message is not None
    mine = replace(first.message.parts, highlight="The meetup was a revelation.")
    store.save_message(replace(first.message, parts=mine))
    workflows.record_benefit(store, meeting.id, advice.id, "got an interview there", TODAY)
    again = workflows.start_draft(store, MessageKind.UPDATE, grace, meeting, TODAY)
    assert again.message is not None
    assert again.message.parts.highlight == "The meetup was a revelation."
    assert again.message.parts.benefit == "I got an interview there."


def test_a_benefit_before_the_follow_up_is_for_the_follow_up(store: Store) -> None:
    _, meeting = grace_met(store, Insight("Read papers", favourite=True))
    insight = meeting.insights[0]
    said = workflows.record_benefit(store, meeting.id, insight.id, "I sound fluent", TODAY)[1]
    assert said.startswith("Benefit recorded: the follow-up will mention it.")


def test_no_thank_you_for_a_meeting_that_has_not_happened(store: Store) -> None:
    """QA: a meeting logged for tomorrow got a thank-you saying "today"."""
    grace, meeting = grace_met(store, Insight("Ask why"), when=TODAY + timedelta(days=1))
    start = workflows.start_draft(store, MessageKind.THANK_YOU, grace, meeting, TODAY)
    assert start.message is None and store.messages_of(grace.id) == []
    assert start.notes[0].text == (
        "The meeting with Grace Hopper is tomorrow (Thu 26 Nov): the thank-you comes after it."
    )


@pytest.mark.parametrize(
    ("days_ago", "said"),
    [
        (0, "Meeting logged. Press t to draft the thank-you while it is fresh."),
        (2, "Meeting logged. Press t to draft the thank-you while it is fresh."),
        (
            91,
            "Meeting logged, 3 months ago. Press t for the thank-you: it says it is late, and a "
            "late thank-you beats none.",
        ),
    ],
)
def test_logging_a_meeting_says_what_comes_next_prompt_or_late(days_ago: int, said: str) -> None:
    """QA: "... while it is fresh" for a meeting logged three months late."""
    meeting = Meeting(1, TODAY - timedelta(days=days_ago))
    assert workflows.logged_note(meeting, TODAY) == said


def test_discard_acts_on_the_selected_draft_else_the_editors_never_a_sent_message(
    store: Store,
) -> None:
    """QA 13.11: a draft started by mistake could not be removed."""
    grace, meeting = grace_met(store)
    draft = workflows.start_draft(store, MessageKind.THANK_YOU, grace, meeting, TODAY).message
    assert draft is not None
    other = store.save_message(Message(grace.id, meeting.id, MessageKind.FOLLOW_UP))
    assert workflows.discard_target(store, draft, other) == (draft, "")
    assert workflows.discard_target(store, None, other) == (other, "")
    sent = store.mark_sent(draft.id, TODAY)
    target, why = workflows.discard_target(store, sent, None)
    assert target is None and why.startswith("That thank-you was sent: it is part of the record")
    assert workflows.discard_target(store, sent, other)[0] == other  # the editor's, then
    assert workflows.discard_target(store, None, None)[1].startswith("No draft to discard")
    question = workflows.discard_question(store, other, TODAY)
    assert question.startswith("Discard your follow-up draft to Grace Hopper")
    assert "deleted for good" in question
    assert workflows.discard_draft(store, other.id) == "Follow-up draft to Grace Hopper discarded."
    assert store.message(other.id) is None and store.message(sent.id) is not None
