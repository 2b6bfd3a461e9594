"""The adviser's words in the writer's voice: the pronoun flip and the advice as a phrase."""

from __future__ import annotations

import pytest

from threety_tui.core.voice import Form, advice, first_person, voice_of

# (as logged, as the writer says it back). Real-looking advice from networking meetings.
FLIPPED = [
    (
        "Ask for a shadow day with the product team at your own company",
        "Ask for a shadow day with the product team at my own company",
    ),
    ("You should talk to the flight software teams", "I should talk to the flight software teams"),
    ("Ask your manager for a stretch project", "Ask my manager for a stretch project"),
    ("You are more qualified than you think", "I am more qualified than I think"),
    ("Don't sell yourself short in interviews", "Don't sell myself short in interviews"),
    ("Your network is your net worth", "My network is my net worth"),
    ("Tell them I sent you", "Tell them you sent me"),
    ("It will serve you well", "It will serve me well"),
    (
        "The people you meet at meetups matter more than the talks",
        "The people I meet at meetups matter more than the talks",
    ),
    (
        "You're better off with a referral than the portal",
        "I'm better off with a referral than the portal",
    ),
    (
        "You\u2019ve got more to offer than you realise",
        "I\u2019ve got more to offer than I realise",
    ),
    ("Are you sure you want a management track?", "Am I sure I want a management track?"),
    ("Find a mentor who challenges you", "Find a mentor who challenges me"),
    (
        "Surround yourself with people smarter than you",
        "Surround myself with people smarter than me",
    ),
    ("Let recruiters come to you", "Let recruiters come to me"),
    (
        "Email me when you have a draft and I'll review it",
        "Email you when I have a draft and you'll review it",
    ),
    ("Send me your CV and I will pass it on", "Send you my CV and you will pass it on"),
    ("Put your projects on GitHub like mine", "Put my projects on GitHub like yours"),
    ("Your CV should fit on one page; mine does", "My CV should fit on one page; yours does"),
    ("I think you should learn SQL before Python", "You think I should learn SQL before Python"),
    (
        "What you did at your last startup is your best story",
        "What I did at my last startup is my best story",
    ),
    (
        "Don't wait for a posting: you can ask for an informational interview any time",
        "Don't wait for a posting: I can ask for an informational interview any time",
    ),
    ("Mention my name when you apply", "Mention your name when I apply"),
    (
        "You can reach out to Dana at Stripe and say I sent you",
        "I can reach out to Dana at Stripe and say you sent me",
    ),
    ("Ask yourself what you would do for free", "Ask myself what I would do for free"),
    (
        "Make sure your LinkedIn headline says what you want next",
        "Make sure my LinkedIn headline says what I want next",
    ),
    ("Nobody will hand you a career plan", "Nobody will hand me a career plan"),
    (
        "Recruiters will call you back if you follow up",
        "Recruiters will call me back if I follow up",
    ),
    (
        "Learn to say no to projects that don't help you grow",
        "Learn to say no to projects that don't help me grow",
    ),
    (
        "If I were you, I'd apply through a referral",
        "If you were me, you'd apply through a referral",
    ),
    (
        "If you were in my shoes, you would call the hiring manager directly",
        "If I were in your shoes, I would call the hiring manager directly",
    ),
    ("Have you tried cold emailing the team leads?", "Have I tried cold emailing the team leads?"),
    ("Does your manager know you want to move?", "Does my manager know I want to move?"),
    (
        "YouTube talks from the conference are worth your time",
        "YouTube talks from the conference are worth my time",
    ),
    ("Write to people whose work you admire", "Write to people whose work I admire"),
    (
        "Give yourself a deadline for each application",
        "Give myself a deadline for each application",
    ),
    ("Tell your story in three sentences", "Tell my story in three sentences"),
    # A quoted title stays as it is; the rest is flipped.
    (
        "Read \u201cYour Money or Your Life\u201d if you want to negotiate",
        "Read \u201cYour Money or Your Life\u201d if I want to negotiate",
    ),
    # An idiom stays; the rest is flipped.
    (
        "You never know who is hiring, so keep your profile current",
        "You never know who is hiring, so keep my profile current",
    ),
    ("Thank you notes matter more than you'd think", "Thank you notes matter more than I'd think"),
    ("YOUR CV IS YOUR PITCH", "MY CV IS MY PITCH"),
]

# Left exactly as they are.
UNCHANGED = [
    "Read the trade press every week",
    "Pick one niche and write about it publicly",
    "Keep a learning log and review it monthly",
    "Bring questions about their tooling, not about openings",
    "Ask hiring managers what broke last quarter",
    # Already the writer's voice: "you" is the adviser.
    "As you said, networking beats applying cold",
    "Like you did at Acme, start with the support tickets",
    "You told me to read the standards first",
    "Your advice about the portfolio was spot on",
    # A report in the third person: "I" is the writer.
    "She said I should apply through a referral",
    "He suggested I look at the regulatory side",
    # The writer's own note, no second person: "I" is the writer.
    "I should follow up with her team after the talk",
    "As I said, nobody reads cover letters",
    # Quoted words are theirs to keep.
    'Ask them "what would you change about your team?"',
    "Ask every interviewer \u201chow do you measure success in the first 90 days?\u201d",
    # Titles and names.
    "Listen to the Build Your Own Career podcast",
    "Your Money or Your Life changed how I think about salary",
    # Idioms.
    "If you ask me, portfolios beat CVs",
    "Trust me, referrals beat the portal",
    "",
]


@pytest.mark.parametrize(("said", "written"), FLIPPED)
def test_second_person_becomes_first_person(said: str, written: str) -> None:
    assert first_person(said) == written


@pytest.mark.parametrize("said", UNCHANGED)
def test_what_must_be_left_alone_is(said: str) -> None:
    assert first_person(said) == said


def test_the_table_is_big_enough() -> None:
    assert len(FLIPPED) + len(UNCHANGED) >= 30
    assert len(FLIPPED) >= 30


def test_voice_of_tells_the_adviser_from_the_writer() -> None:
    assert voice_of("Send me your CV").first and voice_of("Send me your CV").second
    assert voice_of("Read my blog").first  # an order: "my" is the adviser's
    assert not voice_of("I should read more papers").first  # the writer's own note
    assert not voice_of("As you said, read more").second


@pytest.mark.parametrize(
    ("said", "form", "phrase"),
    [
        (
            "Ask for a shadow day with the product team at your own company",
            Form.TO,
            "your suggestion to ask for a shadow day with the product team at my own company",
        ),
        (
            "You should talk to the flight software teams",
            Form.TO,
            "your suggestion to talk to the flight software teams",
        ),
        ("Don't sell yourself short", Form.TO, "your suggestion not to sell myself short"),
        (
            "Never apply through the portal",
            Form.TO,
            "your suggestion never to apply through the portal",
        ),
        (
            "Always ask for the next step",
            Form.TO,
            "your suggestion to always ask for the next step",
        ),
        (
            "If I were you, I'd apply through a referral",
            Form.TO,
            "your suggestion to apply through a referral",
        ),
        ("I think you should learn SQL first", Form.TO, "your suggestion to learn SQL first"),
        ("Read SICP.", Form.TO, "your suggestion to read SICP"),
        (
            "You are more qualified than you think",
            Form.THAT,
            "your point that I am more qualified than I think",
        ),
        (
            "The best jobs are never advertised",
            Form.THAT,
            "your point that the best jobs are never advertised",
        ),
        ("If you ask me, portfolios beat CVs", Form.THAT, "your point that portfolios beat CVs"),
        (
            "As you said, networking beats applying cold",
            Form.THAT,
            "your point that networking beats applying cold",
        ),
        (
            "I got my first job through a referral",
            Form.QUOTE,
            "your suggestion \u201cI got my first job through a referral\u201d",
        ),
        (
            "Are you sure you want a management track?",
            Form.QUOTE,
            "your question \u201cAm I sure I want a management track?\u201d",
        ),
        (
            "LinkedIn is where recruiters look first",
            Form.QUOTE,
            "your suggestion \u201cLinkedIn is where recruiters look first\u201d",
        ),
        (
            "Go to the SRE meetup; you will meet hiring managers there",
            Form.QUOTE,
            "your suggestion \u201cGo to the SRE meetup; I will meet hiring managers there\u201d",
        ),
    ],
)
def test_advice_sits_inside_a_sentence(said: str, form: Form, phrase: str) -> None:
    found = advice(said)
    assert found is not None
    assert found.form is form
    assert found.phrase("suggestion") == phrase


def test_a_positive_order_also_has_its_bare_verb() -> None:
    found = advice("Ask for a shadow day at your own company")
    assert found is not None and found.bare == "ask for a shadow day at my own company"
    negative = advice("Don't sell yourself short")
    assert negative is not None and negative.bare == ""


def test_empty_advice_is_none() -> None:
    assert advice("  ") is None
    assert advice(" . ") is None
