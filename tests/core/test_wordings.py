"""Drafts a person would send: subjects that name the occasion, late thank-yous, other wordings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from threety_tui.core import compose
from threety_tui.core.compose import checklist, context, default_parts, new_draft, subject_for
from threety_tui.core.models import (
    Channel,
    Contact,
    Homework,
    Insight,
    Kind,
    Meeting,
    MessageKind,
)
from threety_tui.core.news import News
from threety_tui.core.wordings import LATE_DAYS, PARTS, next_wording, wordings

FRI = date(2026, 11, 27)  # a Friday
GRACE = Contact("Grace Hopper", "grace@navy.example", kind=Kind.BOOSTER, id=1)
LINUS = Contact("Linus Pauling", kind=Kind.OBLIGATE, id=2)
SHADOW = Insight("Ask for a shadow day with the product team at your own company", True, id="s")
PRESS = Insight(
    "Read the trade press every week",
    True,
    Homework.DONE,
    "reading the trade press has made me fluent in the field's vocabulary",
    id="p",
)


def meeting(days_ago: int, channel: Channel = Channel.COFFEE, insight: Insight = SHADOW) -> Meeting:
    return Meeting(1, FRI - timedelta(days=days_ago), channel=channel, insights=(insight,), id=1)


# -- subjects ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_ago", "channel", "subject"),
    [
        (0, Channel.COFFEE, "Thank you for the coffee today"),
        (1, Channel.CALL, "Thank you for the call yesterday"),
        (3, Channel.COFFEE, "Thank you for the coffee on Tuesday"),
        (4, Channel.VIDEO, "Thank you for the video call on Monday"),
        (2, Channel.EVENT, "Thank you for our chat at the event on Wednesday"),
        (9, Channel.OTHER, "Thank you for our conversation last week"),
        (98, Channel.COFFEE, "Thank you for the coffee on 21 August"),
    ],
)
def test_a_thank_you_subject_names_the_occasion(
    days_ago: int, channel: Channel, subject: str
) -> None:
    assert subject_for(MessageKind.THANK_YOU, GRACE, meeting(days_ago, channel), FRI) == subject


def test_an_obligate_gets_the_shorter_thanks() -> None:
    assert subject_for(MessageKind.THANK_YOU, LINUS, meeting(1, Channel.CALL), FRI) == (
        "Thanks for the call yesterday"
    )


def test_follow_up_and_update_subjects_look_back() -> None:
    coffee = meeting(35, insight=PRESS)
    assert subject_for(MessageKind.FOLLOW_UP, GRACE, coffee, FRI) == (
        "Following up on our coffee last month"
    )
    plain = subject_for(MessageKind.UPDATE, GRACE, coffee, FRI, news=News(FRI))
    assert plain == "A quick update, and thanks again"
    with_benefit = subject_for(
        MessageKind.UPDATE, GRACE, coffee, FRI, news=News(FRI, benefits=(PRESS,))
    )
    assert with_benefit == "Your advice is paying off: a quick update"


def test_subjects_are_not_one_for_everyone() -> None:
    seen = {
        subject_for(kind, GRACE, meeting(days, channel), FRI)
        for kind in MessageKind
        for days in (1, 3, 40)
        for channel in (Channel.COFFEE, Channel.CALL)
    }
    assert len(seen) >= 8


def test_new_draft_uses_the_occasion_subject() -> None:
    draft = new_draft(MessageKind.THANK_YOU, GRACE, meeting(3), FRI, your_name="Sam")
    assert draft.subject == "Thank you for the coffee on Tuesday"


# -- late thank-yous --------------------------------------------------------------------------


@pytest.mark.parametrize("days_ago", [0, 1, 2])
def test_a_prompt_thank_you_promises_to_act(days_ago: int) -> None:
    parts = default_parts(MessageKind.THANK_YOU, GRACE, meeting(days_ago), FRI)
    assert "Sorry" not in parts.gratitude
    assert parts.highlight.endswith("I am going to act on it this week.")


@pytest.mark.parametrize("days_ago", [LATE_DAYS, 5, 12, 40, 98])
@pytest.mark.parametrize("contact", [GRACE, LINUS])
def test_a_late_thank_you_says_so_and_promises_nothing_odd(days_ago: int, contact: Contact) -> None:
    parts = default_parts(MessageKind.THANK_YOU, contact, meeting(days_ago), FRI)
    assert parts.gratitude.startswith(("Sorry this is late.", "Sorry this is so late."))
    for option in wordings(
        "highlight", context(MessageKind.THANK_YOU, contact, meeting(days_ago), FRI)
    ):
        assert "this week" not in option and "going to" not in option, option
    for option in wordings(
        "gratitude", context(MessageKind.THANK_YOU, contact, meeting(days_ago), FRI)
    ):
        assert option.startswith("Sorry"), option
    items = checklist(
        MessageKind.THANK_YOU, replace(parts, signoff="Best,\nSam"), insights=(SHADOW,)
    )
    assert all(i.ok for i in items), items


def test_three_months_late_is_so_late() -> None:
    parts = default_parts(MessageKind.THANK_YOU, GRACE, meeting(98), FRI)
    assert parts.gratitude == (
        "Sorry this is so late. Thank you for your time and advice on 21 August; "
        "I really appreciated it."
    )
    assert parts.highlight == (
        "What stayed with me most was your advice to ask for a shadow day with the product team "
        "at my own company."
    )


def test_a_late_thank_you_for_advice_already_acted_on_says_that() -> None:
    doing = replace(SHADOW, status=Homework.DOING)
    parts = default_parts(MessageKind.THANK_YOU, GRACE, meeting(10, insight=doing), FRI)
    assert parts.highlight.endswith("I have started on it since.")


def test_follow_ups_are_never_late() -> None:
    parts = default_parts(MessageKind.FOLLOW_UP, GRACE, meeting(40, insight=PRESS), FRI)
    assert "Sorry" not in parts.gratitude


# -- the highlight in the writer's voice ------------------------------------------------------


def test_the_highlight_says_my_own_company() -> None:
    parts = default_parts(MessageKind.THANK_YOU, GRACE, meeting(1), FRI)
    assert "at my own company" in parts.highlight
    assert "your own company" not in parts.highlight
    assert "\u201c" not in parts.highlight  # a sentence, not the order pasted back in quotes
    options = wordings("highlight", context(MessageKind.THANK_YOU, GRACE, meeting(1), FRI))
    assert any("your suggestion to ask for a shadow day" in o.lower() for o in options)


def test_the_highlight_still_names_the_insight_for_the_checklist() -> None:
    for kind in (MessageKind.THANK_YOU, MessageKind.FOLLOW_UP):
        ctx = context(kind, GRACE, meeting(1), FRI)
        for option in wordings("highlight", ctx):
            assert compose.names_insight(option, SHADOW), option


def test_a_follow_up_says_the_advice_was_acted_on() -> None:
    parts = default_parts(MessageKind.FOLLOW_UP, GRACE, meeting(35, insight=PRESS), FRI)
    assert parts.highlight == "I acted on your advice to read the trade press every week."
    assert parts.benefit == "Reading the trade press has made me fluent in the field's vocabulary."


def test_a_benefit_without_a_subject_gets_one() -> None:
    met_them = replace(PRESS, benefit="met two hiring managers there")
    parts = default_parts(MessageKind.FOLLOW_UP, GRACE, meeting(35, insight=met_them), FRI)
    assert parts.benefit == "I met two hiring managers there."


# -- cycling wordings ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [MessageKind.THANK_YOU, MessageKind.FOLLOW_UP, MessageKind.UPDATE])
def test_each_part_has_a_few_short_wordings(kind: MessageKind) -> None:
    news = News(FRI - timedelta(days=5), done=(PRESS,), benefits=(PRESS,))
    ctx = context(kind, GRACE, meeting(35, insight=PRESS), FRI, news=news, your_name="Sam")
    for part in ("subject", "greeting", "gratitude", "highlight", "ask", "signoff"):
        options = wordings(part, ctx)
        assert 2 <= len(options) <= 4, (part, options)
        assert len(set(options)) == len(options)
        for option in options:
            assert len(option.split()) <= 30, option  # short and plain
    if kind is not MessageKind.THANK_YOU:
        assert len(wordings("benefit", ctx)) >= 2


def test_next_wording_cycles_and_comes_back() -> None:
    ctx = context(MessageKind.THANK_YOU, GRACE, meeting(1), FRI)
    for part in PARTS:
        options = wordings(part, ctx)
        if not options:
            continue
        current = options[0]
        seen = [current]
        for _ in range(len(options)):
            current = next_wording(part, current, ctx)
            seen.append(current)
        assert seen[-1] == options[0], part  # round the cycle
        assert seen[:-1] == list(options), part


def test_next_wording_replaces_the_users_own_text_with_the_first() -> None:
    ctx = context(MessageKind.THANK_YOU, GRACE, meeting(1), FRI)
    first = wordings("ask", ctx)[0]
    assert next_wording("ask", "Can we talk again?", ctx) == first
    # Spacing does not hide a known wording.
    second = wordings("ask", ctx)[1]
    assert next_wording("ask", "  " + first.replace(" ", "  ") + "\n", ctx) == second


def test_a_part_with_nothing_to_offer_stays_as_it_is() -> None:
    bare = Meeting(1, FRI - timedelta(days=1), insights=(), id=1)
    ctx = context(MessageKind.THANK_YOU, GRACE, bare, FRI)
    assert next_wording("highlight", "My own words.", ctx) == "My own words."
    assert next_wording("benefit", "", ctx) == ""
    assert next_wording("no such part", "x", ctx) == "x"


def test_signoff_wordings_keep_the_name_and_start_with_the_settings_closing() -> None:
    ctx = context(
        MessageKind.THANK_YOU, GRACE, meeting(1), FRI, your_name="Sam Rivera", sign_off="Thanks,"
    )
    options = wordings("signoff", ctx)
    assert options[0] == "Thanks,\nSam Rivera"
    assert all(o.endswith("\nSam Rivera") for o in options)


def test_a_follow_up_without_a_benefit_says_stayed_with_me_once() -> None:
    """QA: "your advice has stayed with me." then "Your advice to ... has stayed with me."."""
    todo = replace(SHADOW, status=Homework.TODO, benefit="")
    ctx = context(MessageKind.FOLLOW_UP, GRACE, meeting(35, insight=todo), FRI)
    parts = default_parts(MessageKind.FOLLOW_UP, GRACE, meeting(35, insight=todo), FRI)
    assert f"{parts.gratitude} {parts.highlight}".count("stayed with me") == 1
    for gratitude in wordings("gratitude", ctx):
        for highlight in wordings("highlight", ctx):
            assert f"{gratitude} {highlight}".count("stayed with me") <= 1, (gratitude, highlight)


def test_a_last_first_name_is_greeted_by_the_first_name() -> None:
    """QA: "O'Brien, Pat" was greeted "Hi O'Brien,"."""
    pat = Contact("O'Brien, Pat", "pat@example.com", id=3)
    parts = default_parts(MessageKind.THANK_YOU, pat, meeting(1), FRI)
    assert parts.greeting == "Hi Pat,"


@pytest.mark.parametrize(
    ("said", "follow_up", "update"),
    [
        (
            "Call me if you get stuck",
            "I took you up on your invitation to call you if I get stuck.",
            "Since my last note, I have taken you up on your invitation to call you if I get stuck.",
        ),
        (
            "You'll do great, you've got this",
            "I took to heart what you said: \u201cYou'll do great, you've got this\u201d.",
            "Since my last note, I have taken to heart what you said: "
            "\u201cYou'll do great, you've got this\u201d.",
        ),
        (
            "Read the trade press every week",
            "I acted on your advice to read the trade press every week.",
            "Since my last note, I have acted on your advice to read the trade press every week.",
        ),
    ],
)
def test_what_was_acted_on_reads_in_the_right_tense(said: str, follow_up: str, update: str) -> None:
    """An update "since my last note" says "I have ...", and encouragement is taken to heart."""
    done = Insight(said, True, Homework.DONE, id="d")
    met = meeting(60, insight=done)
    news = News(FRI - timedelta(days=20), done=(done,))
    assert wordings("highlight", context(MessageKind.FOLLOW_UP, GRACE, met, FRI))[0] == follow_up
    ctx = context(MessageKind.UPDATE, GRACE, met, FRI, news=news)
    assert wordings("highlight", ctx)[0] == update


def test_ctrl_n_brings_back_the_pre_filled_connection_of_a_meeting_request() -> None:
    """QA 13.12: a meeting request's parts had no wordings, so the cycle could not return."""
    ada = Contact("Ada Lovelace", company="Acme", role="CTO", how_met="Introduced by Joan Clarke")
    from threety_tui.core import outreach

    request = outreach.new_draft(ada, FRI)
    ctx = compose.context_for(request, ada, None, FRI)
    pre_filled = request.parts.gratitude
    assert next_wording("gratitude", "Words of my own.", ctx) == pre_filled
    options = wordings("gratitude", ctx)
    assert options[0] == pre_filled and len(options) > 1
    cycled, seen = pre_filled, []
    for _ in options:
        cycled = next_wording("gratitude", cycled, ctx)
        seen.append(cycled)
    assert seen[-1] == pre_filled and set(seen) == set(options)
    for part in ("subject", "highlight", "benefit", "ask"):
        current = request.subject if part == "subject" else getattr(request.parts, part)
        assert wordings(part, ctx)[0] == current, part


def test_the_follow_up_to_a_request_cycles_its_own_wordings() -> None:
    from dataclasses import replace as copy

    from threety_tui.core import outreach
    from threety_tui.core.models import MessageStatus

    ada = Contact("Ada Lovelace", company="Acme", how_met="Alumni network")
    request = copy(outreach.new_draft(ada, FRI), status=MessageStatus.SENT, sent=FRI, id=4)
    note = outreach.follow_up_once_draft(ada, request, FRI, your_name="Sam")
    ctx = compose.context_for(note, ada, None, FRI, settings=None)
    assert ctx.follow_up
    for part in ("gratitude", "highlight", "ask"):
        assert wordings(part, ctx)[0] == getattr(note.parts, part), part
    assert "earlier email" in next_wording("gratitude", note.parts.gratitude, ctx)
