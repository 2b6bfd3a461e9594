"""The 3TY composer: pre-filled parts, the finished email, the checklist."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from threety_tui.core import compose
from threety_tui.core.compose import (
    LONG_WORDS,
    LONG_WORDS_OBLIGATE,
    Check,
    checklist,
    default_parts,
    render_body,
    render_email,
    subject_for,
    word_count,
)
from threety_tui.core.models import Contact, Insight, Kind, Meeting, MessageKind, Parts
from threety_tui.core.news import News

FRI = date(2026, 11, 27)  # a Friday
GRACE = Contact("Grace Brewster Hopper", kind=Kind.BOOSTER)
LINUS = Contact("Linus Pauling", kind=Kind.OBLIGATE)
PRESS = Insight(
    "Read the trade press every week",
    favourite=True,
    benefit="reading the trade press has made me fluent in the field's vocabulary",
)
BROKE = Insight("Ask hiring managers what broke last quarter")
INSIGHTS = (BROKE, PRESS)


def met(days_ago: int, insights: tuple[Insight, ...] = INSIGHTS) -> Meeting:
    return Meeting(1, FRI - timedelta(days=days_ago), insights=insights, id=1)


def item(items: list[compose.CheckItem], name: str) -> compose.CheckItem:
    return next(i for i in items if i.name == name)


# -- default parts -----------------------------------------------------------------------


def test_thank_you_defaults_fill_all_three_parts() -> None:
    parts = default_parts(MessageKind.THANK_YOU, GRACE, met(1), FRI, your_name="Sam Rivera")
    assert parts.greeting == "Hi Grace,"
    assert "Thank you" in parts.gratitude and "yesterday" in parts.gratitude
    assert "your advice to read the trade press every week" in parts.highlight  # the favourite
    assert "broke" not in parts.highlight
    assert parts.benefit == ""
    assert parts.ask.endswith("?")
    assert parts.signoff.splitlines() == ["Best wishes,", "Sam Rivera"]


@pytest.mark.parametrize(
    ("days_ago", "phrase"),
    [(0, "today"), (1, "yesterday"), (3, "on Tuesday"), (5, "on Sunday"), (9, "last week")],
)
def test_gratitude_names_when_you_met_in_words(days_ago: int, phrase: str) -> None:
    for contact in (GRACE, LINUS):
        parts = default_parts(MessageKind.THANK_YOU, contact, met(days_ago), FRI)
        assert f" {phrase}" in parts.gratitude, parts.gratitude


NEWS = News(FRI - timedelta(days=5), done=(PRESS,), benefits=(PRESS,))
"""An update's news: the favourite insight's homework done and its benefit, not yet told."""


@pytest.mark.parametrize("kind", [MessageKind.FOLLOW_UP, MessageKind.UPDATE])
def test_follow_up_and_update_with_news_carry_the_recorded_benefit(kind: MessageKind) -> None:
    news = NEWS if kind is MessageKind.UPDATE else None
    parts = default_parts(kind, GRACE, met(35), FRI, news=news)
    assert parts.benefit == (
        "Reading the trade press has made me fluent in the field's vocabulary."
    )
    assert "read the trade press every week" in parts.highlight
    assert "again" in parts.gratitude
    assert parts.ask.endswith("?")


def test_follow_up_refers_back_to_the_meeting() -> None:
    parts = default_parts(MessageKind.FOLLOW_UP, GRACE, met(33), FRI)
    assert "last month" in parts.gratitude


def test_follow_up_without_a_benefit_leaves_it_blank_for_the_user() -> None:
    meeting = met(35, (replace(PRESS, benefit=""),))
    parts = default_parts(MessageKind.FOLLOW_UP, GRACE, meeting, FRI)
    assert parts.benefit == ""
    assert not item(checklist(MessageKind.FOLLOW_UP, parts), "Benefit").ok


def test_a_chosen_insight_wins_over_the_favourite() -> None:
    parts = default_parts(MessageKind.THANK_YOU, GRACE, met(1), FRI, insight=BROKE)
    assert "what broke last quarter" in parts.highlight
    assert "trade press" not in parts.highlight


def test_no_insight_means_no_highlight_and_the_checklist_asks_for_one() -> None:
    parts = default_parts(MessageKind.THANK_YOU, GRACE, met(1, ()), FRI)
    assert parts.highlight == ""
    assert not item(checklist(MessageKind.THANK_YOU, parts), "Highlight").ok


def test_no_meeting_and_no_name_still_compose() -> None:
    parts = default_parts(MessageKind.THANK_YOU, Contact(""), None, FRI)
    assert parts.greeting == "Hi,"
    assert "today" in parts.gratitude
    assert parts.signoff == "Best wishes,"


THREE_PART = [k for k in MessageKind if k is not MessageKind.OUTREACH]
"""The 3TY kinds; the meeting request has its own parts (tests/core/test_outreach.py)."""


@pytest.mark.parametrize("kind", THREE_PART)
def test_obligates_get_a_shorter_message_with_the_same_parts(kind: MessageKind) -> None:
    news = NEWS if kind is MessageKind.UPDATE else None
    long = default_parts(kind, GRACE, met(1), FRI, news=news)
    short = default_parts(kind, LINUS, met(1), FRI, news=news)
    assert short.greeting == "Hi Linus,"
    assert word_count(render_body(short)) < word_count(render_body(long))
    for name in ("gratitude", "highlight", "ask"):
        assert getattr(short, name), name
    assert short.ask.endswith("?")
    assert "read the trade press every week" in short.highlight


@pytest.mark.parametrize("kind", THREE_PART)
@pytest.mark.parametrize("contact", [GRACE, LINUS, Contact("Claude Shannon")])
def test_defaults_pass_their_own_checklist(kind: MessageKind, contact: Contact) -> None:
    news = NEWS if kind is MessageKind.UPDATE else None
    parts = default_parts(kind, contact, met(1), FRI, your_name="Sam", news=news)
    items = checklist(kind, parts, insights=INSIGHTS, contact_kind=contact.kind, news=news)
    assert [i for i in items if not i.ok] == []


def test_subjects_differ_by_kind() -> None:
    subjects = {subject_for(kind, GRACE) for kind in MessageKind}
    assert len(subjects) == len(MessageKind) and all(subjects)
    with_meeting = {subject_for(kind, GRACE, met(1), FRI) for kind in MessageKind}
    assert len(with_meeting) == len(MessageKind) and all(with_meeting)


# -- the finished email --------------------------------------------------------------------


def test_body_is_greeting_paragraphs_and_sign_off() -> None:
    parts = default_parts(MessageKind.FOLLOW_UP, GRACE, met(35), FRI, your_name="Sam")
    body = render_body(parts)
    blocks = body.rstrip("\n").split("\n\n")
    assert blocks[0] == "Hi Grace,"
    assert blocks[-1] == "Best wishes,\nSam"
    # The benefit follows the highlight in one paragraph: the advice, then what came of it.
    assert "trade press every" in blocks[2] and "fluent" in blocks[2]
    assert blocks[3].replace("\n", " ") == parts.ask
    assert body.endswith("\n") and not body.endswith("\n\n")


def test_body_has_one_line_per_paragraph_and_no_hard_wraps() -> None:
    long_words = " ".join(["consequential"] * 30)
    url = "https://example.com/" + "x" * 90
    parts = Parts(
        greeting="Hi  Grace,",
        gratitude=f"First paragraph {long_words}.\n\nSecond paragraph\nwith a  soft\nbreak.",
        highlight=f"See {url} for it.",
        ask="May I ask more?",
        signoff="Best,\nSam\nSam Rivera",
    )
    body = render_body(parts)
    assert body == (
        "Hi Grace,\n\n"
        f"First paragraph {long_words}.\n\n"
        "Second paragraph with a soft break.\n\n"  # a soft break in a field is a space
        f"See {url} for it.\n\n"
        "May I ask more?\n\n"
        "Best,\nSam\nSam Rivera\n"
    )
    assert max(len(line) for line in body.splitlines()) > 72  # nothing wrapped it


def test_a_draft_body_from_the_defaults_has_one_line_per_paragraph() -> None:
    parts = default_parts(MessageKind.FOLLOW_UP, GRACE, met(35), FRI, your_name="Sam")
    paragraphs = render_body(parts).rstrip("\n").split("\n\n")
    for paragraph in paragraphs[:-1]:  # all but the sign-off
        assert "\n" not in paragraph, paragraph
    assert paragraphs[-1] == "Best wishes,\nSam"


def test_empty_parts_leave_no_empty_paragraphs() -> None:
    body = render_body(Parts(greeting="Hi,", ask="Can we talk?"))
    assert body == "Hi,\n\nCan we talk?\n"


def test_render_email_is_subject_blank_line_body() -> None:
    assert render_email("  Thanks ", "Hi,\n") == "Thanks\n\nHi,\n"


# -- the checklist -------------------------------------------------------------------------


def good_parts(**changes: str) -> Parts:
    parts = Parts(
        greeting="Hi Grace,",
        gratitude="Thanks for your time yesterday.",
        highlight="Your advice to read the trade press every week stuck with me.",
        benefit="",
        ask="May I come back with questions later?",
        signoff="Best,\nSam",
    )
    return replace(parts, **changes)


def test_checklist_items_for_a_thank_you_and_a_follow_up() -> None:
    thank = checklist(MessageKind.THANK_YOU, good_parts(), insights=INSIGHTS)
    assert [i.name for i in thank] == ["Gratitude", "Highlight", "Ask", "Signed", "Length"]
    assert all(i.ok for i in thank)
    for kind in (MessageKind.FOLLOW_UP, MessageKind.UPDATE):
        names = [i.name for i in checklist(kind, good_parts(benefit="It worked."))]
        assert names == ["Gratitude", "Highlight", "Benefit", "Ask", "Signed", "Length"]


@pytest.mark.parametrize("part", ["gratitude", "highlight", "ask"])
def test_a_missing_part_is_flagged(part: str) -> None:
    items = checklist(MessageKind.THANK_YOU, good_parts(**{part: "  "}), insights=INSIGHTS)
    flagged = [i.name for i in items if i.result is Check.WARN]
    assert flagged == [part.capitalize()]
    assert item(items, part.capitalize()).detail  # says what to do


@pytest.mark.parametrize(
    "stock",
    [
        "Thanks for all your great advice!",
        "Everything you said was very helpful.",
        "I learned a lot, it was really insightful.",
    ],
)
def test_a_stock_phrase_highlight_is_flagged(stock: str) -> None:
    with_insights = checklist(MessageKind.THANK_YOU, good_parts(highlight=stock), insights=INSIGHTS)
    assert not item(with_insights, "Highlight").ok
    without = checklist(MessageKind.THANK_YOU, good_parts(highlight=stock))
    assert not item(without, "Highlight").ok


def test_a_highlight_naming_an_insight_is_ok_even_reworded() -> None:
    for text in (
        "Asking hiring managers what broke last quarter is a brilliant idea.",
        "I loved your tip to read the trade press.",
    ):
        items = checklist(MessageKind.THANK_YOU, good_parts(highlight=text), insights=INSIGHTS)
        assert item(items, "Highlight").ok, text


def test_a_specific_highlight_without_recorded_insights_is_ok() -> None:
    text = "Your point about mapping the regulatory side of aerospace changed my plan."
    assert item(checklist(MessageKind.THANK_YOU, good_parts(highlight=text)), "Highlight").ok


@pytest.mark.parametrize(
    ("ask", "ok"),
    [
        ("May I come back with questions later?", True),
        ("Could I ask \u201cwhat next?\u201d", True),
        ("I hope I can come back with questions later.", False),
        ("Let me know if I can ask more", False),
    ],
)
def test_the_ask_must_be_a_question(ask: str, ok: bool) -> None:
    assert item(checklist(MessageKind.THANK_YOU, good_parts(ask=ask)), "Ask").ok is ok


def words_body(total: int) -> Parts:
    """Parts whose rendered body has exactly `total` words."""
    base = good_parts()
    filler = total - word_count(render_body(base))
    return replace(base, gratitude=base.gratitude + " word" * filler)


def test_length_warns_past_150_words() -> None:
    assert word_count(render_body(words_body(LONG_WORDS))) == LONG_WORDS
    ok = item(checklist(MessageKind.THANK_YOU, words_body(LONG_WORDS)), "Length")
    assert ok.ok and ok.detail == f"{LONG_WORDS} words"
    long = item(checklist(MessageKind.THANK_YOU, words_body(LONG_WORDS + 1)), "Length")
    assert not long.ok and str(LONG_WORDS) in long.detail


def test_length_warns_past_100_words_for_an_obligate() -> None:
    parts = words_body(LONG_WORDS_OBLIGATE + 1)
    booster = item(checklist(MessageKind.THANK_YOU, parts, contact_kind=Kind.BOOSTER), "Length")
    obligate = item(checklist(MessageKind.THANK_YOU, parts, contact_kind=Kind.OBLIGATE), "Length")
    assert booster.ok and not obligate.ok
    edge = words_body(LONG_WORDS_OBLIGATE)
    assert item(checklist(MessageKind.THANK_YOU, edge, contact_kind=Kind.OBLIGATE), "Length").ok


def test_benefit_is_checked_only_for_follow_ups_and_updates() -> None:
    thank = checklist(MessageKind.THANK_YOU, good_parts())
    assert "Benefit" not in [i.name for i in thank]
    for kind in (MessageKind.FOLLOW_UP, MessageKind.UPDATE):
        assert not item(checklist(kind, good_parts()), "Benefit").ok
        assert item(checklist(kind, good_parts(benefit="I got an interview.")), "Benefit").ok
