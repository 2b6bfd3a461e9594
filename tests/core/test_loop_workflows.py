"""What the keys of the whole loop decide (core.loop_workflows), on the demo, without Textual."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from threety_tui.core import demo, loop_workflows, workflows
from threety_tui.core.errors import InputError
from threety_tui.core.models import Contact, Kind, KindSource, MessageKind
from threety_tui.core.rules import Nudge
from threety_tui.core.store import Store
from threety_tui.core.workflows import Opened

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "demo.json") as opened:
        demo.populate(opened, TODAY)
        yield opened


def person(store: Store, name: str) -> Contact:
    return next(c for c in store.contacts() if c.name == name)


def nudge_of(store: Store, name: str) -> object:
    steps = store.reminders_of(person(store, name).id, TODAY)
    return next((r for r in steps if r.nudge is not None), None)


def test_a_meeting_request_is_drafted_once_and_says_what_is_missing(store: Store) -> None:
    joan = store.add_contact(Contact("Joan Clarke", company="Bletchley Analytics"))
    start = loop_workflows.start_request(store, joan, TODAY)
    assert start.opened is Opened.NEW and start.part == "gratitude"
    assert start.message is not None and start.message.kind is MessageKind.OUTREACH
    assert start.message.meeting_id is None and start.message.id
    assert any("how you are connected" in n.text for n in start.notes)  # no how_met
    again = loop_workflows.start_request(store, joan, TODAY)
    assert again.opened is Opened.EXISTING and again.message == start.message


def test_w_while_a_request_is_unanswered_opens_the_one_follow_up_to_it(store: Store) -> None:
    hedy = person(store, "Hedy Lamarr")
    step = nudge_of(store, "Hedy Lamarr")
    assert step is not None
    start = loop_workflows.start_request(store, hedy, TODAY)
    assert start.opened is Opened.NEW and start.message is not None
    assert start.message.follows == step.message_id  # type: ignore[attr-defined]
    assert start.message.label == "Follow-up to meeting request"
    assert any("this is the one follow-up to it" in n.text for n in start.notes)
    assert any(n.severity == "warning" for n in start.notes)
    again = loop_workflows.start_request(store, hedy, TODAY)
    assert again.opened is Opened.EXISTING and again.message == start.message
    enter = loop_workflows.follow_up_once(store, step, TODAY)  # type: ignore[arg-type]
    assert enter.opened is Opened.EXISTING and enter.message == start.message


def test_w_never_reopens_the_follow_up_note_as_a_meeting_request(store: Store) -> None:
    """QA 13.1: find_draft told the note and a request apart by nothing."""
    john = person(store, "John von Neumann")
    for draft in [m for m in store.messages_of(john.id) if not m.is_sent]:
        store.delete_draft(draft.id)
    step = nudge_of(store, "John von Neumann")
    note = loop_workflows.follow_up_once(store, step, TODAY).message  # type: ignore[arg-type]
    assert note is not None
    store.mark_sent(note.id, TODAY)  # the one follow-up is out: the nudges are over
    assert nudge_of(store, "John von Neumann") is None
    fresh = loop_workflows.start_request(store, john, TODAY)
    assert fresh.opened is Opened.NEW and fresh.message is not None
    assert fresh.message.follows is None and fresh.message.id != note.id
    assert fresh.message.label == "Meeting request"


def test_the_follow_up_once_note_is_written_once_then_reopened(store: Store) -> None:
    john = person(store, "John von Neumann")
    for draft in [m for m in store.messages_of(john.id) if not m.is_sent]:
        store.delete_draft(draft.id)
    step = nudge_of(store, "John von Neumann")
    assert step is not None and step.nudge is Nudge.FOLLOW_UP_ONCE  # type: ignore[attr-defined]
    first = loop_workflows.follow_up_once(store, step, TODAY)  # type: ignore[arg-type]
    second = loop_workflows.follow_up_once(store, step, TODAY)  # type: ignore[arg-type]
    assert first.opened is Opened.NEW and second.opened is Opened.EXISTING
    assert first.message is not None and first.message == second.message
    assert first.message.subject.startswith("Re: ")
    assert len([m for m in store.messages_of(john.id) if not m.is_sent]) == 1


def test_the_second_contact_is_someone_at_the_same_employer(store: Store) -> None:
    step = nudge_of(store, "Hedy Lamarr")
    found = loop_workflows.second_contact(store, step)  # type: ignore[arg-type]
    assert found is not None
    assert [c.name for c in found.mates] == ["Margaret Hamilton"]
    assert found.heading == "No reply from Hedy: try a second contact at Apollo Software."
    alone = replace(found, mates=())
    assert "no one else at Apollo Software" in alone.heading
    nowhere = replace(found, contact=replace(found.contact, company=""), mates=())
    assert "no employer is recorded" in nowhere.heading


def test_the_reply_target_is_the_selected_sent_message_else_the_latest(store: Store) -> None:
    margaret = person(store, "Margaret Hamilton")
    messages = store.messages_of(margaret.id)
    sent = [m for m in messages if m.is_sent]
    oldest = min(sent, key=lambda m: m.sent or date.min)
    draft = next(m for m in messages if not m.is_sent)
    assert loop_workflows.reply_target(store, margaret, oldest).message == oldest
    assert loop_workflows.reply_target(store, margaret).message == max(
        sent, key=lambda m: m.sent or date.min
    )
    refused = loop_workflows.reply_target(store, margaret, draft)
    assert refused.message is None and "is a draft" in refused.problem
    nobody = store.add_contact(Contact("New Person"))
    none = loop_workflows.reply_target(store, nobody)
    assert none.message is None and "Nothing has been sent to New Person" in none.problem


def test_a_reply_closes_the_nudges_of_the_employer_and_says_so(store: Store) -> None:
    margaret = person(store, "Margaret Hamilton")
    oldest = min(
        (m for m in store.messages_of(margaret.id) if m.is_sent), key=lambda m: m.sent or date.min
    )
    assert nudge_of(store, "Hedy Lamarr") is not None
    done = loop_workflows.record_reply(store, oldest.id, TODAY, TODAY)
    assert done.message.replied == TODAY
    assert [c.name for c in done.closed] == ["Hedy Lamarr"]
    assert nudge_of(store, "Hedy Lamarr") is None
    text = done.summary(TODAY)
    assert text.startswith("Reply from Margaret Hamilton recorded, ")
    assert "business days after your thank-you" in text
    assert text.endswith("Nudges closed for Hedy Lamarr.")


def test_a_refused_reply_saves_nothing_and_a_cleared_one_reopens_the_nudge(
    store: Store,
) -> None:
    hedy = person(store, "Hedy Lamarr")
    (request,) = [m for m in store.messages_of(hedy.id) if m.is_sent]
    assert request.sent is not None
    for day in (request.sent - timedelta(days=1), TODAY + timedelta(days=1)):
        with pytest.raises(InputError):
            loop_workflows.record_reply(store, request.id, day, TODAY)
        assert store.message(request.id).replied is None  # type: ignore[union-attr]
    done = loop_workflows.record_reply(store, request.id, request.sent, TODAY)
    assert "the same day as your meeting request" in done.summary(TODAY)
    assert done.suggestion is not None and done.suggestion.kind is Kind.BOOSTER
    assert "Looks like a Booster" in done.summary(TODAY)
    said = loop_workflows.clear_reply(store, request.id, TODAY)
    assert said.endswith("Its nudge is open again.")
    assert store.message(request.id).replied is None  # type: ignore[union-attr]
    assert nudge_of(store, "Hedy Lamarr") is not None


def test_the_reply_preview_counts_business_days(store: Store) -> None:
    hedy = person(store, "Hedy Lamarr")
    (request,) = [m for m in store.messages_of(hedy.id) if m.is_sent]
    assert request.sent == date(2026, 11, 19)  # a Thursday: Monday is 2 business days on
    assert loop_workflows.reply_preview(request, date(2026, 11, 23), TODAY) == (
        "replied after 4 days (2 business days)"
    )
    assert loop_workflows.reply_preview(request, date(2026, 11, 18), TODAY) == ""
    assert loop_workflows.reply_preview(request, TODAY + timedelta(days=1), TODAY) == ""


def test_the_reply_preview_says_each_thing_once(store: Store) -> None:
    """QA 13.9: "replied the same day (the same day)"."""
    hedy = person(store, "Hedy Lamarr")
    (request,) = [m for m in store.messages_of(hedy.id) if m.is_sent]
    sent = request.sent
    assert sent == date(2026, 11, 19)
    preview = loop_workflows.reply_preview
    assert preview(request, sent, TODAY) == "replied the same day"
    assert preview(request, date(2026, 11, 20), TODAY) == "replied after 1 day"  # Thu to Fri
    assert preview(request, date(2026, 11, 21), TODAY) == "replied after 2 days (1 business day)"
    friday = replace(request, sent=date(2026, 11, 20))
    assert preview(friday, date(2026, 11, 22), TODAY) == "replied after 2 days (over a weekend)"


def test_accepting_and_dismissing_a_suggested_kind(store: Store) -> None:
    annie, tim = person(store, "Annie Easley"), person(store, "Tim Berners-Lee")
    note = loop_workflows.accept_suggestion(store, annie.id, TODAY)
    assert note.severity == "information" and "Annie Easley is now a Booster" in note.text
    assert (store.contact(annie.id).kind, store.contact(annie.id).kind_source) == (  # type: ignore[union-attr]
        Kind.BOOSTER,
        KindSource.EVIDENCE,
    )
    john = person(store, "John von Neumann")
    note = loop_workflows.accept_suggestion(store, john.id, TODAY)
    assert note.text.startswith("John von Neumann is now an Obligate (no answer")
    note = loop_workflows.dismiss_suggestion(store, tim.id, TODAY)
    assert "stays without a kind" in note.text
    assert store.contact(tim.id).kind is Kind.UNKNOWN  # type: ignore[union-attr]
    again = loop_workflows.accept_suggestion(store, tim.id, TODAY)
    assert again.severity == "warning" and store.contact(tim.id).kind is Kind.UNKNOWN  # type: ignore[union-attr]


def test_the_journey_of_one_contact_is_exactly_them(store: Store, tmp_path: Path) -> None:
    hedy = person(store, "Hedy Lamarr")
    store.add_contact(Contact("Hedy Lamarr", company="Elsewhere"))  # the same name, no data
    path = tmp_path / "hedy.md"
    assert loop_workflows.export_journey(store, path, TODAY, hedy) == 1
    text = path.read_text(encoding="utf-8")
    assert text.count("## Hedy Lamarr") == 1 and "Apollo Software" in text
    everyone = tmp_path / "all.md"
    count = loop_workflows.export_journey(store, everyone, TODAY)
    assert count == everyone.read_text(encoding="utf-8").count("\n## ") > 10


def test_mark_sent_on_a_request_says_it_awaits_a_reply(store: Store) -> None:
    from threety_tui.core import workflows

    joan = store.add_contact(Contact("Joan Clarke", company="Bletchley Analytics"))
    request = loop_workflows.start_request(store, joan, TODAY).message
    assert request is not None
    sent = workflows.mark_sent(store, request.id, TODAY, TODAY)
    assert sent.summary(TODAY) == (
        "Marked sent: awaiting a reply. With none by Mon 30 Nov (3 business days), try a "
        "second contact at Bletchley Analytics; by Fri 4 Dec (7), follow up once."
    )
    john = person(store, "John von Neumann")
    (note,) = [m for m in store.messages_of(john.id) if not m.is_sent]
    done = workflows.mark_sent(store, note.id, TODAY, TODAY)  # the one follow-up
    assert done.summary(TODAY).endswith(
        "That was the one follow-up to your request: no more nudges."
    )
    assert nudge_of(store, "John von Neumann") is None


def test_w_after_an_answered_request_points_to_m_and_drafts_nothing(store: Store) -> None:
    """QA: w on someone who answered the request started a second one, silently."""
    annie = person(store, "Annie Easley")
    before = store.messages_of(annie.id)
    start = loop_workflows.start_request(store, annie, TODAY)
    assert start.message is None and store.messages_of(annie.id) == before
    (note,) = start.notes
    assert note.severity == "warning"
    assert note.text == (
        "You asked Annie Easley for a meeting on Tue 17 Nov and they replied on Wed 18 Nov: "
        "press m to log the meeting you had."
    )


def test_w_after_a_request_just_sent_says_it_awaits_a_reply(store: Store) -> None:
    joan = store.add_contact(Contact("Joan Clarke", how_met="Alan introduced us"))
    first = loop_workflows.start_request(store, joan, TODAY).message
    assert first is not None
    store.mark_sent(first.id, TODAY)
    start = loop_workflows.start_request(store, joan, TODAY)
    requests = [m for m in store.messages_of(joan.id) if m.is_request]
    assert requests == [store.message(first.id)], "no second request"
    assert any("awaits a reply" in n.text or "unanswered" in n.text for n in start.notes)


def test_no_draft_note_says_they_were_asked_and_answered(store: Store) -> None:
    annie = person(store, "Annie Easley")
    note = workflows.no_draft_note(store, annie, TODAY)
    assert note.text.startswith("No draft open: you asked Annie Easley for a meeting on Tue 17 Nov")
    assert "replied on Wed 18 Nov" in note.text and "press m" in note.text
    assert "press w" not in note.text


def test_k_or_d_again_after_accepting_says_it_was_accepted(store: Store) -> None:
    """QA: K then K (or D) said the kind "comes from how they answer", though they had."""
    annie = person(store, "Annie Easley")
    loop_workflows.accept_suggestion(store, annie.id, TODAY)
    for again in (loop_workflows.accept_suggestion, loop_workflows.dismiss_suggestion):
        note = again(store, annie.id, TODAY)
        assert note.severity == "warning"
        assert "accepted already" in note.text and "their kind is Booster" in note.text
        assert "comes from how they answer" not in note.text
    assert store.contact(annie.id).kind is Kind.BOOSTER  # type: ignore[union-attr]
