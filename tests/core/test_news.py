"""An update tells what is new since the last message: homework done, benefits, meetings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from threety_tui.core import compose
from threety_tui.core.compose import checklist, new_draft
from threety_tui.core.demo import populate
from threety_tui.core.models import (
    Channel,
    Contact,
    Homework,
    Insight,
    Kind,
    Meeting,
    Message,
    MessageKind,
    MessageStatus,
)
from threety_tui.core.news import News, whats_new
from threety_tui.core.store import Store
from threety_tui.core.wordings import next_wording, wordings

TODAY = date(2026, 11, 27)
GRACE = Contact("Grace Hopper", kind=Kind.BOOSTER, id=1)
PRESS = Insight(
    "Read the trade press every week",
    True,
    Homework.DONE,
    "reading the trade press has made me fluent in the field's vocabulary",
    done=TODAY - timedelta(days=50),
    id="press",
)
BROKE = Insight("Ask hiring managers what broke last quarter", id="broke")
MET = Meeting(1, TODAY - timedelta(days=60), insights=(PRESS, BROKE), id=1)


def sent(kind: MessageKind, days_ago: int, meeting: Meeting = MET, id: int = 0) -> Message:
    """A message as the composer wrote it on the day it went out."""
    day = TODAY - timedelta(days=days_ago)
    draft = new_draft(kind, GRACE, meeting, day, your_name="Sam")
    return replace(draft, status=MessageStatus.SENT, sent=day, id=id or days_ago)


THANKS = sent(MessageKind.THANK_YOU, 59)
FOLLOW_UP = sent(MessageKind.FOLLOW_UP, 20)


def test_after_the_follow_up_there_is_nothing_new() -> None:
    news = whats_new([MET], [THANKS, FOLLOW_UP])
    assert news.since == TODAY - timedelta(days=20)
    assert news.done == () and news.benefits == () and news.meetings == ()
    assert news.empty
    assert len(news.said) == 2


def test_the_update_does_not_resend_the_follow_ups_benefit() -> None:
    news = whats_new([MET], [THANKS, FOLLOW_UP])
    draft = new_draft(MessageKind.UPDATE, GRACE, MET, TODAY, your_name="Sam", news=news)
    assert "fluent" in FOLLOW_UP.body  # the follow-up sent it
    assert "fluent" not in draft.body
    assert draft.parts.benefit == ""
    items = checklist(MessageKind.UPDATE, draft.parts, insights=MET.insights, news=news)
    news_item = next(i for i in items if i.name == "News")
    assert not news_item.ok
    assert "nothing new since" in news_item.detail
    assert "Benefit" not in [i.name for i in items]  # the News item takes its place


def test_every_nothing_new_wording_is_flagged() -> None:
    news = whats_new([MET], [THANKS, FOLLOW_UP])
    ctx = compose.context(MessageKind.UPDATE, GRACE, MET, TODAY, news=news)
    for highlight in wordings("highlight", ctx):
        parts = replace(
            compose.default_parts(MessageKind.UPDATE, GRACE, MET, TODAY, news=news),
            highlight=highlight,
        )
        item = next(i for i in checklist(MessageKind.UPDATE, parts, news=news) if i.name == "News")
        assert not item.ok, highlight


def test_homework_done_since_is_news() -> None:
    done = replace(BROKE, status=Homework.DONE, done=TODAY - timedelta(days=10))
    meeting = replace(MET, insights=(PRESS, done))
    news = whats_new([meeting], [THANKS, FOLLOW_UP])
    assert [i.id for i in news.done] == ["broke"]
    assert news.benefits == ()
    draft = new_draft(MessageKind.UPDATE, GRACE, meeting, TODAY, your_name="Sam", news=news)
    assert draft.insight_id == "broke"
    assert draft.parts.highlight == (
        "Since my last note, I have acted on your advice to ask hiring managers what broke last "
        "quarter."
    )
    assert draft.subject == "A quick update on your advice"
    items = checklist(MessageKind.UPDATE, draft.parts, insights=meeting.insights, news=news)
    assert all(i.ok for i in items), items


def test_a_new_benefit_is_news_and_fills_the_benefit() -> None:
    worked = replace(
        BROKE,
        status=Homework.DONE,
        done=TODAY - timedelta(days=10),
        benefit="two interviewers said it was the best question they got",
    )
    meeting = replace(MET, insights=(PRESS, worked))
    news = whats_new([meeting], [THANKS, FOLLOW_UP])
    assert [i.id for i in news.benefits] == ["broke"]
    draft = new_draft(MessageKind.UPDATE, GRACE, meeting, TODAY, your_name="Sam", news=news)
    assert draft.parts.benefit == "Two interviewers said it was the best question they got."
    assert "fluent" not in draft.body
    assert draft.subject == "Your advice is paying off: a quick update"


def test_a_reported_homework_is_not_news_again() -> None:
    done = replace(BROKE, status=Homework.DONE, done=TODAY - timedelta(days=10))
    meeting = replace(MET, insights=(PRESS, done))
    first_update = sent(MessageKind.UPDATE, 5, meeting, id=99)
    first_update = replace(
        first_update,
        parts=replace(
            first_update.parts,
            highlight="Since my last note, I have acted on your advice to ask hiring managers "
            "what broke last quarter.",
        ),
    )
    news = whats_new([meeting], [THANKS, FOLLOW_UP, first_update])
    assert news.empty


def test_homework_done_before_the_last_message_but_never_told_is_news() -> None:
    done = replace(BROKE, status=Homework.DONE, done=TODAY - timedelta(days=30))
    news = whats_new([replace(MET, insights=(PRESS, done))], [THANKS, FOLLOW_UP])
    assert [i.id for i in news.done] == ["broke"]


def test_meetings_since_the_last_message_are_news() -> None:
    again = Meeting(1, TODAY - timedelta(days=3), channel=Channel.CALL, id=2)
    old = Meeting(1, TODAY - timedelta(days=90), id=3)
    news = whats_new([MET, again, old], [THANKS, FOLLOW_UP])
    assert news.meetings == (again,)
    draft = new_draft(MessageKind.UPDATE, GRACE, MET, TODAY, your_name="Sam", news=news)
    assert draft.parts.gratitude == "Thank you for the call on Tuesday; here is a short update."


def test_deleted_meetings_and_drafts_do_not_count() -> None:
    gone = replace(
        MET, deleted=datetime(2026, 11, 20), insights=(replace(BROKE, status=Homework.DONE),)
    )
    draft = replace(FOLLOW_UP, status=MessageStatus.DRAFT, sent=None, id=7)
    news = whats_new([gone], [THANKS, draft])
    assert news.done == () and news.since == THANKS.sent


def test_as_it_stood_on_a_day() -> None:
    done = replace(BROKE, status=Homework.DONE, done=TODAY - timedelta(days=10))
    meeting = replace(MET, insights=(PRESS, done))
    then = whats_new([meeting], [THANKS, FOLLOW_UP], TODAY - timedelta(days=15))
    assert then.done == ()  # done five days later
    assert [i.id for i in whats_new([meeting], [THANKS, FOLLOW_UP]).done] == ["broke"]


def test_with_nothing_sent_everything_recorded_is_news() -> None:
    news = whats_new([MET], [])
    assert news.since is None
    assert [i.id for i in news.done] == ["press"]
    assert [i.id for i in news.benefits] == ["press"]


def test_news_tells_checks_the_words_not_the_template() -> None:
    news = News(TODAY, said=("Thanks for the coffee; your advice to read the trade press stuck.",))
    ignore = frozenset({"since", "last", "note"})
    assert not news.tells("Your advice to read the trade press stuck.", ignore=ignore)
    assert news.tells("I got an interview at Acme Rockets next week.", ignore=ignore)


def test_the_demo_has_an_update_with_news_and_one_without(tmp_path: Path) -> None:
    with Store.open(tmp_path / "demo.json") as store:
        populate(store, TODAY)
        people = {c.name: c for c in store.contacts()}

        def news_of(name: str) -> News:
            contact = people[name]
            return whats_new(store.meetings_of(contact.id), store.messages_of(contact.id))

        assert not news_of("Katherine Johnson").empty
        assert news_of("Katherine Johnson").benefits
        grace = news_of("Grace Hopper")
        assert not grace.done and not grace.benefits


def test_an_open_update_draft_cycles_and_checks_with_its_news() -> None:
    done = replace(BROKE, status=Homework.DONE, done=TODAY - timedelta(days=10))
    meeting = replace(MET, insights=(PRESS, done))
    news = whats_new([meeting], [THANKS, FOLLOW_UP])
    draft = new_draft(MessageKind.UPDATE, GRACE, meeting, TODAY, your_name="Sam", news=news)
    ctx = compose.context_for(draft, GRACE, meeting, TODAY, news=news)
    assert ctx.insight is not None and ctx.insight.id == "broke"
    second = wordings("highlight", ctx)[1]
    assert next_wording("highlight", draft.parts.highlight, ctx) == second
    assert (
        second
        == "You suggested I ask hiring managers what broke last quarter, and I have now done it."
    )
    items = compose.draft_checklist(draft, GRACE, meeting, news=news)
    assert [i.name for i in items] == ["Gratitude", "Highlight", "News", "Ask", "Signed", "Length"]
    assert compose.send_question(items) is None
    stale = replace(
        draft, parts=replace(draft.parts, highlight="Still thinking about the trade press.")
    )
    question = compose.send_question(compose.draft_checklist(stale, GRACE, meeting, news=news))
    assert question is not None and "News: nothing new since" in question
