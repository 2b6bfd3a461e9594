"""The meeting request (spec section 8): its pre-filled draft and its own checklist."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from threety_tui.core import compose, outreach
from threety_tui.core.compose import Check
from threety_tui.core.models import Contact, Message, MessageKind, MessageStatus, Parts, Settings

TODAY = date(2026, 11, 25)
ADA = Contact(
    "Ada Lovelace",
    "ada@analytical.example",
    "Analytical Engines",
    "CTO",
    how_met="Introduced by Charles Babbage",
    id=4,
)


def results(parts: Parts) -> dict[str, Check]:
    return {i.name: i.result for i in compose.checklist(MessageKind.OUTREACH, parts)}


def good() -> Parts:
    return outreach.default_parts(ADA, TODAY, your_name="Sam")


def test_a_new_draft_needs_no_meeting_and_uses_how_they_are_known() -> None:
    draft = compose.new_draft(MessageKind.OUTREACH, ADA, None, TODAY, your_name="Sam")
    assert (draft.kind, draft.meeting_id, draft.contact_id) == (MessageKind.OUTREACH, None, 4)
    assert draft.status is MessageStatus.DRAFT
    assert draft.parts.greeting == "Hi Ada,"
    assert draft.parts.gratitude == "Charles Babbage suggested I get in touch with you."
    assert "CTO at Analytical Engines" in draft.parts.highlight
    assert draft.parts.ask.endswith("?") and "advice" in draft.parts.ask
    assert draft.subject == "Could I ask your advice about Analytical Engines?"
    assert draft.body == compose.render_body(draft.parts)
    assert draft.body.index("Charles Babbage") < draft.body.index("CTO")  # connection first
    assert draft.parts.signoff.endswith("Sam")


def test_the_pre_filled_draft_passes_its_checklist() -> None:
    assert set(results(good()).values()) == {Check.OK}


@pytest.mark.parametrize(
    ("how_met", "expected"),
    [
        ("Introduced by Joan Clarke", "Joan Clarke suggested I get in touch with you."),
        ("referred by Sam", "Sam suggested I get in touch with you."),
        ("Met at the PyCon sprints", "We met at the PyCon sprints."),
        ("Alumni network", "I found your name through the alumni network."),
        ("Alumni directory", "I found your name in the alumni directory."),
        ("Friend of a friend", "A friend of a friend passed on your name."),
        ("Cold email via LinkedIn", "I came across your profile on LinkedIn."),
        ("LinkedIn connection since 25 Nov 2026", "We are connected on LinkedIn."),
        ("Women in Aerospace meetup", "We met at the Women in Aerospace meetup."),
        ("Career fair", "We met at the career fair."),
        ("Conference panel Q&A", "We met at the conference panel Q&A."),
        ("Hackathon judge", "We crossed paths when you were a hackathon judge."),
        ("Mentoring programme", "I found your name through the mentoring programme."),
        ("Asked by my former manager", "My former manager suggested I get in touch with you."),
        ("via Ada", "Ada suggested I get in touch with you."),
        ("Friend of Maria", "Maria passed on your name."),
        ("Stripe offsite", "We met at the Stripe offsite."),
        ("PyCon 2025", "I found your name through PyCon 2025."),
        ("", ""),
    ],
)
def test_connection_sentence(how_met: str, expected: str) -> None:
    assert outreach.connection_sentence(replace(ADA, how_met=how_met)) == expected


def test_without_a_known_connection_the_part_is_left_for_the_user() -> None:
    """QA 13.4: no stock sentence that fails the checklist stands in for the connection."""
    parts = outreach.default_parts(Contact("Bo"), TODAY)
    assert parts.gratitude == ""
    item = next(i for i in outreach.checklist(parts) if i.name == "Connection")
    assert item.result is Check.WARN and item.detail.startswith("add how you are connected")
    checks = results(parts)
    assert checks["Advice"] is checks["Question"] is checks["Length"] is Check.OK
    assert checks["About them"] is Check.OK
    assert "Bo" in parts.greeting and "field" in parts.highlight
    assert outreach.wordings("gratitude", Contact("Bo")) == []


HOW_MET = [
    "Introduced by Joan Clarke",
    "Met at the PyCon sprints",
    "Alumni network",
    "Alumni directory",
    "Friend of a friend",
    "Cold email via LinkedIn",
    "LinkedIn connection since 25 Nov 2026",
    "Women in Aerospace meetup",
    "Hackathon judge",
    "Conference panel Q&A",
    "Mentoring programme",
    "Asked by my former manager",
    "Stripe offsite",
    "PyCon 2025",
    "Career fair",
]


@pytest.mark.parametrize("how_met", HOW_MET)
@pytest.mark.parametrize("follow_up", [False, True])
def test_every_wording_the_app_offers_passes_its_own_checklist(
    how_met: str, follow_up: bool
) -> None:
    """QA 13.4: pre-filled or cycled with ctrl+n, no part the app writes fails the checklist."""
    contact = replace(ADA, how_met=how_met)
    request = replace(outreach.new_draft(contact, TODAY), status=MessageStatus.SENT, id=9)
    draft = (
        outreach.follow_up_once_draft(contact, request, TODAY, your_name="Sam")
        if follow_up
        else outreach.new_draft(contact, TODAY, your_name="Sam")
    )
    assert set(results(draft.parts).values()) == {Check.OK}, draft.parts
    for part in ("gratitude", "highlight", "benefit", "ask"):
        for option in outreach.wordings(part, contact, follow_up=follow_up) or []:
            parts = replace(draft.parts, **{part: option})
            assert set(results(parts).values()) == {Check.OK}, (part, option)
            assert "connection:" not in option and " once" not in option
    first = outreach.wordings("gratitude", contact, follow_up=follow_up)
    assert first and first[0] == draft.parts.gratitude  # ctrl+n comes back to it


def test_asking_for_a_job_is_flagged() -> None:
    items = compose.checklist(
        MessageKind.OUTREACH, replace(good(), ask="Do you have any job openings on your team?")
    )
    advice = next(i for i in items if i.name == "Advice")
    assert advice.result is Check.WARN
    assert (
        advice.detail == "leave out the job ask (in the request): ask for their advice or insight"
    )


def test_a_job_ask_anywhere_in_the_request_is_flagged() -> None:
    """QA 13.8: the job ask hid in the connection, and only the request was checked."""
    parts = replace(good(), gratitude="Joan said you might refer me for a position at Acme.")
    advice = next(i for i in compose.checklist(MessageKind.OUTREACH, parts) if i.name == "Advice")
    assert advice.result is Check.WARN and "(in the connection)" in advice.detail


@pytest.mark.parametrize(
    "connection",
    ["We have not met before.", "We have never met.", "We don't know each other yet."],
)
def test_a_denied_connection_names_none(connection: str) -> None:
    """QA 13.8: "We have not met before." passed Connection on the word "met"."""
    assert results(replace(good(), gratitude=connection))["Connection"] is Check.WARN
    assert (
        results(replace(good(), gratitude=f"{connection} Joan suggested I write."))["Connection"]
        is Check.OK
    )


def test_as_much_about_you_as_about_them_says_so() -> None:
    """QA 13.8: equal counts read "more about you (5) than about them (5)"."""
    parts = Parts(
        gratitude="Joan suggested I write.",  # I
        highlight="Your work inspires me.",  # your, me
        ask="Could you share your advice with me?",  # you, your, me
    )
    them, you = outreach.about_counts(parts)
    assert them == you == 3
    item = next(i for i in outreach.checklist(parts) if i.name == "About them")
    assert item.result is Check.WARN
    assert item.detail == "as much about you (3) as about them (3): say why them"


def test_the_request_must_be_a_question() -> None:
    checks = results(replace(good(), ask="I would value your advice on getting started."))
    assert checks["Question"] is Check.WARN
    assert checks["Advice"] is Check.OK


def test_more_about_them_than_about_you() -> None:
    me = replace(
        good(),
        highlight="I have worked in my field for years and I love my job.",
        benefit="I am now exploring what I might do next, and I think I could help.",
    )
    item = next(i for i in compose.checklist(MessageKind.OUTREACH, me) if i.name == "About them")
    assert item.result is Check.WARN and "more about you" in item.detail
    assert outreach.about_counts(good())[0] > outreach.about_counts(good())[1]


def test_at_most_100_words() -> None:
    long = replace(good(), benefit="I am exploring roles in this area. " * 12)
    checks = results(long)
    assert checks["Length"] is Check.WARN
    words = compose.word_count(compose.render_body(long))
    assert words > outreach.MAX_WORDS
    assert compose.word_count(compose.render_body(good())) <= outreach.MAX_WORDS


def test_an_empty_request_warns_on_every_part() -> None:
    checks = results(Parts())
    assert checks["Connection"] is checks["Advice"] is checks["Question"] is Check.WARN


def test_follow_up_once_draft_refers_to_the_request() -> None:
    request = replace(
        compose.new_draft(MessageKind.OUTREACH, ADA, None, TODAY),
        status=MessageStatus.SENT,
        sent=date(2026, 11, 16),
        id=9,
    )
    note = outreach.follow_up_once_draft(ADA, request, TODAY, your_name="Sam")
    assert (note.kind, note.meeting_id) == (MessageKind.OUTREACH, None)
    assert note.subject == f"Re: {request.subject}"
    assert note.follows == request.id and note.label == "Follow-up to meeting request"
    assert "my earlier email" in note.parts.gratitude
    assert "once" not in note.body  # the app's word for it, not the email's (QA 13.4)
    assert note.parts.gratitude.startswith("Charles Babbage suggested I get in touch")
    assert note.parts.ask.endswith("?")
    assert compose.word_count(note.body) <= outreach.MAX_WORDS
    checks = results(note.parts)
    assert checks["Question"] is checks["Advice"] is checks["Length"] is Check.OK
    assert checks["Connection"] is Check.OK  # the note the app drafts passes its own checklist


def test_compose_hands_the_outreach_kind_over_and_nothing_else() -> None:
    assert compose.subject_for(MessageKind.OUTREACH, ADA) == outreach.subject(ADA)
    parts = compose.default_parts(MessageKind.OUTREACH, ADA, None, TODAY)
    assert parts == outreach.default_parts(ADA, TODAY)
    thank_you = compose.checklist(MessageKind.THANK_YOU, good())
    assert "Gratitude" in [i.name for i in thank_you]  # the 3TY checklist is untouched
    assert [i.name for i in compose.checklist(MessageKind.OUTREACH, good())] == [
        "Connection",
        "Advice",
        "Question",
        "About them",
        "Signed",
        "Length",
    ]
    assert set(outreach.PART_LABELS) <= set(Parts().to_doc())
    assert isinstance(
        compose.new_draft(MessageKind.OUTREACH, ADA, None, TODAY), Message
    )  # no meeting needed


def test_a_meeting_request_is_signed_with_the_senders_name_and_sign_off() -> None:
    settings = Settings(your_name="Sam Rivera", sign_off="Warm regards,")
    draft = compose.new_draft(MessageKind.OUTREACH, ADA, None, TODAY, settings=settings)
    assert draft.parts.signoff == "Warm regards,\nSam Rivera"
    assert draft.body.rstrip().endswith("Warm regards,\nSam Rivera")
    unsigned = compose.new_draft(MessageKind.OUTREACH, ADA, None, TODAY)
    checks = {i.name: i.result for i in compose.checklist(MessageKind.OUTREACH, unsigned.parts)}
    assert checks["Signed"] is Check.WARN


@pytest.mark.parametrize(
    ("role", "company", "first"),
    [
        ("Engineer", "Langley Research", "How you became an Engineer at Langley Research is"),
        ("CTO", "Acme", "How you became a CTO at Acme is"),
        ("Engineer", "", "How you became an Engineer is"),
    ],
)
def test_about_them_names_the_role_as_a_person_would(role: str, company: str, first: str) -> None:
    """Seen in use: "Your path to Engineer at Langley Research" (a role without its article)."""
    contact = replace(ADA, role=role, company=company)
    options = outreach.about_them_sentences(contact)
    assert options[0].startswith(first)
    assert all(f"as {role}" not in option for option in options)
    draft = outreach.new_draft(contact, TODAY, your_name="Sam")
    for option in options:
        parts = replace(draft.parts, highlight=option)
        assert set(results(parts).values()) == {Check.OK}, option
