"""The adviser's words in the writer's voice: the pronoun flip, and what they said as a phrase.

The big table (`HIGHLIGHTS`) is read as a person reads a thank-you: every
example QA found (the wrong ones and the right ones) and more of our own, each
with the exact sentence the draft opens with. Whatever is in quotation marks is
their words exactly; a point, an offer or a question gets no promise to act.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from threety_tui.core import compose
from threety_tui.core.advice import Form, advice
from threety_tui.core.compose import DraftContext, context
from threety_tui.core.models import Channel, Contact, Homework, Insight, Kind, Meeting, MessageKind
from threety_tui.core.news import News
from threety_tui.core.voice import first_person, voice_of
from threety_tui.core.wordings import wordings

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
    # Grammar that goes with the flip.
    (
        "Someone like you should aim for APM programmes",
        "Someone like me should aim for APM programmes",
    ),
    ("You and I should talk again in a month", "We should talk again in a month"),
    (
        "Send a thank-you within a day; it shows you care",
        "Send a thank-you within a day; it shows I care",
    ),
    # The adviser's company: "our" is theirs.
    (
        "Talk to Omar in our design team and tell him I sent you",
        "Talk to Omar in your design team and tell him you sent me",
    ),
    (
        "Send me your CV and I'll pass it to our hiring manager",
        "Send you my CV and you'll pass it to your hiring manager",
    ),
    ("We hire people like you every spring", "Your team hires people like me every spring"),
    (
        "We're hiring in Q3, so apply to us directly",
        "Your team is hiring in Q3, so apply to your team directly",
    ),
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
    "Between you and me, the team is in trouble",
    # "we" is the two of them.
    "We should grab coffee again",
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
        ("I'd say you should learn SQL", Form.TO, "your suggestion to learn SQL"),
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
            "LinkedIn is where recruiters look first",
            Form.THAT,
            "your point that LinkedIn is where recruiters look first",
        ),
        (
            "Send me your CV and I'll pass it to our hiring manager",
            Form.OFFER,
            "your offer to pass my CV to your hiring manager",
        ),
        ("Keep me posted", Form.OFFER, "your invitation to keep you posted"),
        (
            "Are you sure you want a management track?",
            Form.QUESTION,
            "your question whether I am sure I want a management track",
        ),
        (
            "Does your manager know you want to move?",
            Form.QUESTION,
            "your question: \u201cDoes your manager know you want to move?\u201d",
        ),
        (
            "Your advice about the portfolio was spot on",
            Form.ABOUT,
            "your advice about the portfolio",
        ),
        (
            "I got my first job through a referral",
            Form.SAID,
            "what you said: \u201cI got my first job through a referral\u201d",
        ),
        (
            "Go to the SRE meetup; you will meet hiring managers there",
            Form.TO,
            "your suggestion to go to the SRE meetup, since I will meet hiring managers there",
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
    title = advice("Look at What Color Is Your Parachute?")  # "You suggested I look at ...?, and"
    assert title is not None and title.form is Form.TO and title.bare == ""


def test_empty_advice_is_none() -> None:
    assert advice("  ") is None
    assert advice(" . ") is None


# -- the highlight a thank-you opens with, read as a person reads it -------------------------

FRI = date(2026, 11, 27)
GRACE = Contact("Grace Hopper", kind=Kind.BOOSTER, id=1)
PROMISE = " I am going to act on it this week."

# (as logged, the highlight of a thank-you written the day after).
HIGHLIGHTS = [
    # QA's findings: meaning, quotes, grammar, "our", offers, a title, facts.
    (
        "I'd say you should learn SQL",
        "What stayed with me most was your advice to learn SQL. I am going to act on it this week.",
    ),
    (
        "If you want my honest opinion, you should specialise",
        "What stayed with me most was your advice to specialise. I am going to act on it this week.",
    ),
    (
        "Don't undersell yourself in interviews",
        "What stayed with me most was your advice not to undersell myself in interviews. I am going to act on it this week.",
    ),
    (
        "When they ask you about salary, say you're flexible",
        "What stayed with me most was your advice to say I'm flexible when they ask me about salary. I am going to act on it this week.",
    ),
    (
        "Join the Mind the Product Slack; you'll meet people who are hiring",
        "What stayed with me most was your advice to join the Mind the Product Slack, since I'll meet people who are hiring. I am going to act on it this week.",
    ),
    (
        "Product people love it when you bring data",
        "What stayed with me most was your point that product people love it when I bring data.",
    ),
    (
        "Honestly, you should just apply",
        "What stayed with me most was your advice to just apply. I am going to act on it this week.",
    ),
    (
        "Talk to Joan Clarke; tell her you're a friend of mine",
        "What stayed with me most was your advice to talk to Joan Clarke and tell her I'm a friend of yours. I am going to act on it this week.",
    ),
    (
        "Ask yourself: would you enjoy this job in five years?",
        "What stayed with me most was your advice to ask myself whether I would enjoy this job in five years. I am going to act on it this week.",
    ),
    (
        "Someone like you should aim for APM programmes",
        "What stayed with me most was your advice that someone like me should aim for APM programmes. I am going to act on it this week.",
    ),
    (
        "You and I should talk again in a month",
        "What stayed with me most was your offer to talk again in a month.",
    ),
    (
        "Talk to Omar in our design team and tell him I sent you",
        "What stayed with me most was your advice to talk to Omar in your design team and tell him you sent me. I am going to act on it this week.",
    ),
    (
        "Send me your CV and I'll pass it to our hiring manager",
        "What stayed with me most was your offer to pass my CV to your hiring manager.",
    ),
    (
        "Write to me when you have a portfolio and I'll look at it",
        "What stayed with me most was your offer to look at my portfolio.",
    ),
    (
        "Look at What Color Is Your Parachute?",
        "What stayed with me most was your advice to look at What Color Is Your Parachute? I am going to act on it this week.",
    ),
    (
        "You need a portfolio that shows your thinking, not just your designs",
        "What stayed with me most was your advice that I need a portfolio that shows my thinking, not just my designs. I am going to act on it this week.",
    ),
    # QA found these right: kept.
    (
        "Your manager is your best ally",
        "What stayed with me most was your point that my manager is my best ally.",
    ),
    (
        "Tell them you read their paper",
        "What stayed with me most was your advice to tell them I read their paper. I am going to act on it this week.",
    ),
    (
        "as you said, ask for feedback",
        "What stayed with me most was your advice to ask for feedback. I am going to act on it this week.",
    ),
    (
        'Read "The Mom Test" before you talk to customers',
        'What stayed with me most was your advice to read "The Mom Test" before I talk to customers. I am going to act on it this week.',
    ),
    (
        "Contact my colleague Ben Ortiz and mention you met me",
        "What stayed with me most was your advice to contact your colleague Ben Ortiz and mention I met you. I am going to act on it this week.",
    ),
    (
        "Ask Marta what she'd do in your shoes",
        "What stayed with me most was your advice to ask Marta what she'd do in my shoes. I am going to act on it this week.",
    ),
    (
        "Don't let them tell you you're too junior",
        "What stayed with me most was your advice not to let them tell me I'm too junior. I am going to act on it this week.",
    ),
    (
        "Say \"I don't know, but here's how I'd find out\" when you're stuck",
        "What stayed with me most was your advice to say \"I don't know, but here's how I'd find out\" when I'm stuck. I am going to act on it this week.",
    ),
    (
        'Tell them: "I want your job in five years"',
        'What stayed with me most was your advice to tell them: "I want your job in five years". I am going to act on it this week.',
    ),
    (
        "Read Your Money or Your Life",
        "What stayed with me most was your advice to read Your Money or Your Life. I am going to act on it this week.",
    ),
    (
        "Mention my name when you apply",
        "What stayed with me most was your advice to mention your name when I apply. I am going to act on it this week.",
    ),
    (
        "Talk to my old boss, she'll give you the real picture",
        "What stayed with me most was your advice to talk to your old boss, since she'll give me the real picture. I am going to act on it this week.",
    ),
    (
        "I think you'd love the platform team",
        "What stayed with me most was your point that I'd love the platform team.",
    ),
    (
        "We're hiring in Q3, so apply to us directly",
        "What stayed with me most was your advice to apply to your team directly, since your team is hiring in Q3. I am going to act on it this week.",
    ),
    (
        "Happy to introduce you to Dana at Stripe if you'd like",
        "What stayed with me most was your offer to introduce me to Dana at Stripe.",
    ),
    (
        "Let me know how the interview goes",
        "What stayed with me most was your invitation to let you know how the interview goes.",
    ),
    (
        "If you send me your portfolio, I'll review it before Friday",
        "What stayed with me most was your offer to review my portfolio before Friday.",
    ),
    (
        "Email me your deck and I'll give you feedback",
        "What stayed with me most was your offer to give me feedback if I email you my deck.",
    ),
    (
        "We should grab coffee again after your interview",
        "What stayed with me most was your offer to grab coffee again after my interview.",
    ),
    (
        "Feel free to ping me any time",
        "What stayed with me most was your invitation to ping you any time.",
    ),
    (
        "Are you sure you want a management track?",
        "What stayed with me most was your question whether I am sure I want a management track.",
    ),
    (
        "What would you do if money were no object?",
        "What stayed with me most was your question about what I would do if money were no object.",
    ),
    (
        "Does your manager know you want to move?",
        "What stayed with me most was your question: “Does your manager know you want to move?”",
    ),
    (
        "I got my first job through a referral",
        "What stayed with me most was what you said: “I got my first job through a referral”.",
    ),
    (
        "If I were you, I'd apply through a referral",
        "What stayed with me most was your advice to apply through a referral. I am going to act on it this week.",
    ),
    (
        "You can't go wrong with a referral",
        "What stayed with me most was your point that I can't go wrong with a referral.",
    ),
    (
        "You never know who is hiring, so keep your profile current",
        "What stayed with me most was your advice to keep my profile current, since you never know who is hiring. I am going to act on it this week.",
    ),
    (
        "In interviews, talk about impact, not tasks",
        "What stayed with me most was your advice to talk about impact, not tasks, in interviews. I am going to act on it this week.",
    ),
    (
        "Send a thank-you within a day; it shows you care",
        "What stayed with me most was your advice to send a thank-you within a day, since it shows I care. I am going to act on it this week.",
    ),
    (
        "My advice is to pick one niche and write about it",
        "What stayed with me most was your advice to pick one niche and write about it. I am going to act on it this week.",
    ),
    (
        "Research shows that referrals get hired faster",
        "What stayed with me most was your point that research shows that referrals get hired faster.",
    ),
    (
        "Work experience matters more than a master's degree",
        "What stayed with me most was your point that work experience matters more than a master's degree.",
    ),
    (
        "Go to the SRE meetup; you will meet hiring managers there",
        "What stayed with me most was your advice to go to the SRE meetup, since I will meet hiring managers there. I am going to act on it this week.",
    ),
    (
        "Recruiters will call you back if you follow up",
        "What stayed with me most was your point that recruiters will call me back if I follow up.",
    ),
    (
        "Your CV should fit on one page; mine does",
        "What stayed with me most was what you said: “Your CV should fit on one page; mine does”.",
    ),
    (
        "Stripe hires juniors every spring",
        "What stayed with me most was what you said: “Stripe hires juniors every spring”.",
    ),
    (
        "Never apply through the portal",
        "What stayed with me most was your advice never to apply through the portal. I am going to act on it this week.",
    ),
    (
        "The best jobs are never advertised",
        "What stayed with me most was your point that the best jobs are never advertised.",
    ),
    (
        "Don't wait for a posting: you can ask for an informational interview any time",
        "What stayed with me most was your advice not to wait for a posting, since I can ask for an informational interview any time. I am going to act on it this week.",
    ),
    (
        "She said I should apply through a referral",
        "What stayed with me most was your advice to apply through a referral. I am going to act on it this week.",
    ),
    (
        "He suggested I look at the regulatory side",
        "What stayed with me most was your advice to look at the regulatory side. I am going to act on it this week.",
    ),
    (
        "Your advice about the portfolio was spot on",
        "What stayed with me most was your advice about the portfolio. I am going to act on it this week.",
    ),
    (
        "Like you did at Acme, start with the support tickets",
        "What stayed with me most was your advice to start with the support tickets, as you did at Acme. I am going to act on it this week.",
    ),
    (
        "I should follow up with her team after the talk",
        "What stayed with me most was your advice to follow up with her team after the talk. I am going to act on it this week.",
    ),
    (
        "As I said, nobody reads cover letters",
        "What stayed with me most was your point that nobody reads cover letters.",
    ),
    (
        "You told me to read the standards first",
        "What stayed with me most was your advice to read the standards first. I am going to act on it this week.",
    ),
    (
        "Have you tried cold emailing the team leads?",
        "What stayed with me most was your question whether I have tried cold emailing the team leads.",
    ),
    (
        "Read the trade press every week, starting with the compiler newsletters",
        "What stayed with me most was your advice to read the trade press every week, starting with the compiler newsletters. I am going to act on it this week.",
    ),
    (
        "Publish a small project that shows data cleaning end to end",
        "What stayed with me most was your advice to publish a small project that shows data cleaning end to end. I am going to act on it this week.",
    ),
    (
        "Apply through a referral, not the portal",
        "What stayed with me most was your advice to apply through a referral, not the portal. I am going to act on it this week.",
    ),
    (
        "Be specific in your asks, and keep them small",
        "What stayed with me most was your advice to be specific in my asks, and keep them small. I am going to act on it this week.",
    ),
    (
        "Before you negotiate, find out the salary band",
        "What stayed with me most was your advice to find out the salary band before I negotiate. I am going to act on it this week.",
    ),
    (
        "I'll pass your name to our recruiter",
        "What stayed with me most was your offer to pass my name to your recruiter.",
    ),
    (
        "You should be talking to product managers, not recruiters",
        "What stayed with me most was your advice to be talking to product managers, not recruiters. I am going to act on it this week.",
    ),
    (
        "Honestly, the title matters less than the team",
        "What stayed with me most was your point that the title matters less than the team.",
    ),
    (
        "I can't stress this enough: follow up within 24 hours",
        "What stayed with me most was your advice to follow up within 24 hours. I am going to act on it this week.",
    ),
    (
        "Reach out to alumni on LinkedIn; most will say yes",
        "What stayed with me most was your advice to reach out to alumni on LinkedIn, since most will say yes. I am going to act on it this week.",
    ),
    (
        "Don't apply cold. Find a warm intro first.",
        "What stayed with me most was your advice not to apply cold, and to find a warm intro first. I am going to act on it this week.",
    ),
    (
        "Your portfolio is too long; cut it to three projects",
        "What stayed with me most was what you said: “Your portfolio is too long; cut it to three projects”.",
    ),
    (
        "I'd start with the support tickets",
        "What stayed with me most was your advice to start with the support tickets. I am going to act on it this week.",
    ),
    (
        "Let's talk again after your interview",
        "What stayed with me most was your offer to talk again after my interview.",
    ),
    (
        "I'll keep an eye out for roles on my team",
        "What stayed with me most was what you said: “I'll keep an eye out for roles on my team”.",
    ),
    (
        "You'd be great at developer relations",
        "What stayed with me most was your point that I'd be great at developer relations.",
    ),
    (
        "Apply anyway, even if you don't meet every requirement",
        "What stayed with me most was your advice to apply anyway, even if I don't meet every requirement. I am going to act on it this week.",
    ),
    (
        "What's the worst that could happen?",
        "What stayed with me most was what you said: “What's the worst that could happen?”",
    ),
    (
        "Think about where you want to be in five years",
        "What stayed with me most was your advice to think about where I want to be in five years. I am going to act on it this week.",
    ),
    (
        "Thank you notes matter more than you'd think",
        "What stayed with me most was what you said: “Thank you notes matter more than you'd think”.",
    ),
    (
        "Read the trade press. Most people don't.",
        "What stayed with me most was your advice to read the trade press, since most people don't. I am going to act on it this week.",
    ),
    ("Keep me posted", "What stayed with me most was your invitation to keep you posted."),
    (
        "Never accept the first offer without asking for time to think",
        "What stayed with me most was your advice never to accept the first offer without asking for time to think. I am going to act on it this week.",
    ),
    (
        "When you get an offer, ask for a week to decide",
        "What stayed with me most was your advice to ask for a week to decide when I get an offer. I am going to act on it this week.",
    ),
    (
        "If you want to move into product, volunteer for the next customer research project",
        "What stayed with me most was your advice to volunteer for the next customer research project if I want to move into product. I am going to act on it this week.",
    ),
    # Second review: an opening, a verb that takes a clause, a reason before the order.
    (
        "Whatever you do, don't quit your job before you have an offer",
        "What stayed with me most was your advice not to quit my job before I have an offer. I am going to act on it this week.",
    ),
    (
        "The key is to show you can ship",
        "What stayed with me most was your advice to show I can ship. I am going to act on it this week.",
    ),
    (
        "You're overqualified for that role, aim higher",
        "What stayed with me most was your advice to aim higher, since I'm overqualified for that role. I am going to act on it this week.",
    ),
    (
        "You have to network, there's no way around it",
        "What stayed with me most was your advice to network, since there's no way around it. I am going to act on it this week.",
    ),
    (
        "Write down three wins every Friday",
        "What stayed with me most was your advice to write down three wins every Friday. I am going to act on it this week.",
    ),
    (
        "You can always email me if you get stuck",
        "What stayed with me most was your invitation to email you if I get stuck.",
    ),
    (
        "Call me if you get stuck",
        "What stayed with me most was your invitation to call you if I get stuck.",
    ),
    (
        "Ask me anything, anytime",
        "What stayed with me most was your invitation to ask you anything, anytime.",
    ),
    (
        "You'll do great, you've got this",
        "What stayed with me most was what you said: \u201cYou'll do great, you've got this\u201d.",
    ),
    (
        "Hiring managers care about impact, not tasks",
        "What stayed with me most was your point that hiring managers care about impact, not tasks.",
    ),
    (
        "Your CV is too long; cut it to one page",
        "What stayed with me most was what you said: \u201cYour CV is too long; cut it to one page\u201d.",
    ),
    (
        "Email me your resume and I'll forward it to my team",
        "What stayed with me most was your offer to forward my resume to your team.",
    ),
    (
        "Have you considered moving into data analytics?",
        "What stayed with me most was your question whether I have considered moving into data analytics.",
    ),
]
QA_CORRECT_BEFORE = 12
"""The last of QA's examples in the table are the ones it found right: kept so."""


def thank_you(text: str, days_after: int = 1) -> tuple[Insight, DraftContext]:
    insight = Insight(text, True, id="x")
    when = FRI - timedelta(days=days_after)
    meeting = Meeting(1, when, channel=Channel.COFFEE, insights=(insight,), id=1)
    return insight, context(MessageKind.THANK_YOU, GRACE, meeting, FRI)


@pytest.mark.parametrize(("said", "written"), HIGHLIGHTS)
def test_the_highlight_reads_as_a_person_writes_it(said: str, written: str) -> None:
    insight, ctx = thank_you(said)
    assert compose.default_parts(MessageKind.THANK_YOU, GRACE, ctx.meeting, FRI).highlight == (
        written
    )
    assert compose.names_insight(written, insight)  # the checklist sees it named


@pytest.mark.parametrize(("said", "written"), HIGHLIGHTS)
def test_quotation_marks_hold_only_their_exact_words(said: str, written: str) -> None:
    """In every wording of every kind of message: a quote is theirs, word for word."""
    for kind in (MessageKind.THANK_YOU, MessageKind.FOLLOW_UP, MessageKind.UPDATE):
        for status in (Homework.TODO, Homework.DONE):
            insight = Insight(said, True, status, id="x")
            meeting = Meeting(1, FRI - timedelta(days=40), insights=(insight,), id=1)
            news = News(FRI - timedelta(days=9), done=(insight,))
            ctx = context(kind, GRACE, meeting, FRI, news=news)
            for option in wordings("highlight", ctx):
                for quoted in re.findall("\u201c([^\u201d]*)\u201d", option):
                    assert quoted[:1].lower() + quoted[1:] in said[:1].lower() + said[1:], option
                assert "?." not in option and "  " not in option and ".." not in option, option
                assert "stuck with me stuck" not in option, option


@pytest.mark.parametrize(("said", "written"), HIGHLIGHTS)
def test_only_advice_to_act_gets_a_promise(said: str, written: str) -> None:
    found = advice(said)
    assert found is not None
    assert written.endswith(PROMISE) == found.actionable, written
    if found.form in (Form.OFFER, Form.QUESTION) or "your point" in written:
        assert not written.endswith(PROMISE), written


def test_the_table_holds_every_qa_example_and_twenty_more() -> None:
    qa = [s for s, _ in HIGHLIGHTS[:28]]
    assert "I'd say you should learn SQL" in qa and "Mention my name when you apply" in qa
    assert len(HIGHLIGHTS) >= 28 + 20


def test_a_long_point_reads_in_its_other_wordings() -> None:
    """ "Your point that I need ..., not just my designs stuck with me" could not be parsed."""
    _, ctx = thank_you("You need a portfolio that shows your thinking, not just your designs")
    assert wordings("highlight", ctx)[1:] == (
        "I keep thinking about your suggestion that I need a portfolio that shows my thinking, "
        "not just my designs." + PROMISE,
        "The advice that stuck with me most was that I need a portfolio that shows my thinking, "
        "not just my designs." + PROMISE,
    )


def test_an_offer_is_thanked_in_every_wording_and_never_set_as_homework() -> None:
    _, ctx = thank_you("Send me your CV and I'll pass it to our hiring manager")
    assert wordings("highlight", ctx) == (
        "What stayed with me most was your offer to pass my CV to your hiring manager.",
        "I am grateful for your offer to pass my CV to your hiring manager.",
        "Thank you as well for your offer to pass my CV to your hiring manager.",
    )


def test_the_follow_up_and_update_carry_the_rewording_too() -> None:
    """QA: the follow-up and update rebuilt "your advice to say I should learn SQL"."""
    insight = Insight("I'd say you should learn SQL", True, Homework.DONE, "I passed", id="x")
    meeting = Meeting(1, FRI - timedelta(days=40), insights=(insight,), id=1)
    follow = compose.default_parts(MessageKind.FOLLOW_UP, GRACE, meeting, FRI)
    assert follow.highlight == "I acted on your advice to learn SQL."
    news = News(FRI - timedelta(days=9), done=(insight,))
    update = compose.default_parts(MessageKind.UPDATE, GRACE, meeting, FRI, news=news)
    assert update.highlight == "Since my last note, I have acted on your advice to learn SQL."
