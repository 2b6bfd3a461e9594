"""A realistic demo database, all dates relative to today.

A job seeker (Sam) a few months into a search: Boosters and Obligates, meetings
with insights and homework, thank-yous sent on time and late, follow-ups with a
recorded benefit, drafts, snoozes, and a few things overdue. Some insights are
logged as the adviser said them ("at your own company"), one thank-you is
drafted days late, and one adviser has news waiting for an update.

And the loop around the 3TY (spec section 8): meeting requests, one awaiting a
reply past 3 business days (Hedy, at Margaret's employer: "try a second
contact"), one past 7 (John: "follow up once", with the note drafted), two
answered within a day (Annie, and Tim before his first coffee: Booster
suggested), replies recorded on thank-yous, follow-ups and updates, and
Obligates who never answered.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from threety_tui.core import business_days, compose, outreach
from threety_tui.core.models import (
    Channel,
    Contact,
    Homework,
    Insight,
    Kind,
    Meeting,
    MessageKind,
    Settings,
)
from threety_tui.core.news import whats_new
from threety_tui.core.store import Store

YOUR_NAME = "Sam Rivera"

CONTACTS = (
    Contact("Grace Hopper", "grace@navy-compilers.example", "Navy Compilers", "Director of Engineering",
            Kind.BOOSTER, "Alumni network", "https://www.linkedin.com/in/gracehopper-demo",
            ("alumni", "compilers"), "Loves a good war story about bugs."),
    Contact("Alan Turing", "alan@bletchley.example", "Bletchley Analytics", "Principal Scientist",
            Kind.BOOSTER, "Introduced by Joan Clarke", "https://www.linkedin.com/in/alanturing-demo",
            ("ml", "research")),
    Contact("Katherine Johnson", "katherine@orbital.example", "Orbital Dynamics", "Flight Analyst",
            Kind.BOOSTER, "Women in Aerospace meetup", "", ("aerospace",)),
    Contact("Linus Pauling", "linus@chemworks.example", "ChemWorks", "VP Research",
            Kind.OBLIGATE, "Asked by my former manager", "", ("chemistry",),
            "Rescheduled twice; keep messages short."),
    Contact("Ada Lovelace", "ada@analytical.example", "Analytical Engines Ltd", "CTO",
            Kind.BOOSTER, "Conference panel Q&A", "https://www.linkedin.com/in/adalovelace-demo",
            ("cto", "startups")),
    Contact("Edsger Dijkstra", "edsger@shortestpath.example", "ShortestPath", "Staff Engineer",
            Kind.OBLIGATE, "Cold email via LinkedIn", "", ("algorithms",)),
    Contact("Margaret Hamilton", "margaret@apollo-sw.example", "Apollo Software", "Head of Reliability",
            Kind.BOOSTER, "Alumni network", "", ("reliability", "alumni")),
    Contact("Claude Shannon", "claude@infotheory.example", "Info Theory Labs", "Research Lead",
            Kind.UNKNOWN, "Hackathon judge", "", ("research",)),
    Contact("Barbara Liskov", "barbara@substitution.example", "Substitution Systems", "Engineering Manager",
            Kind.BOOSTER, "Introduced by Ada Lovelace", "https://www.linkedin.com/in/barbaraliskov-demo",
            ("management",), "", 21),
    Contact("Dennis Ritchie", "dennis@unixworks.example", "UnixWorks", "Principal Engineer",
            Kind.OBLIGATE, "Career fair", "", ("systems",)),
    Contact("Frances Allen", "frances@optimizers.example", "Optimizers Inc", "Fellow",
            Kind.BOOSTER, "Mentoring programme", "", ("compilers", "mentor")),
    Contact("Tim Berners-Lee", "tim@webfoundry.example", "WebFoundry", "Product Director",
            Kind.UNKNOWN, "Friend of a friend", "", ("product",)),
    Contact("Hedy Lamarr", "hedy@apollo-sw.example", "Apollo Software", "Principal Engineer",
            Kind.UNKNOWN, "Introduced by Margaret Hamilton", "", ("reliability",)),
    Contact("John von Neumann", "john@gametheory.example", "Game Theory Partners", "Partner",
            Kind.UNKNOWN, "Alumni directory", "", ("alumni", "strategy")),
    Contact("Annie Easley", "annie@orbital.example", "Orbital Dynamics", "Software Lead",
            Kind.UNKNOWN, "Met at the Women in Aerospace meetup", "", ("aerospace",)),
)  # fmt: skip


@dataclass(frozen=True)
class _Plan:
    """One demo meeting and what happened after it, in days before today."""

    contact: int
    days_ago: int
    channel: Channel
    notes: str
    insights: tuple[tuple[str, bool, Homework, str] | tuple[str, bool, Homework, str, int], ...]
    """(text, favourite, homework, benefit[, days after the meeting it was done: 10])."""
    thank_you: int | None = None
    """Days after the meeting the thank-you went out; None: not sent."""
    thank_you_draft: bool = False
    follow_up: int | None = None
    """Days after the thank-you the follow-up went out."""
    follow_up_draft: bool = False
    update: int | None = None
    snooze: tuple[int, str] | None = None
    """(days from today, reason) for the open next step."""
    closed: bool = False
    replies: tuple[int | None, ...] = ()
    """Days after the thank-you, follow-up and update went out that each was answered."""


_PLANS = (
    _Plan(0, 45, Channel.COFFEE, "Coffee near her office. Very generous with time.",
          (("Read the trade press every week, starting with the compiler newsletters", True,
            Homework.DONE, "reading the trade press has made me far more fluent in the field's vocabulary"),
           ("Ask hiring managers what broke last quarter", False, Homework.DOING, "")),
          thank_you=1, follow_up=30, replies=(1, 1)),
    _Plan(0, 3, Channel.CALL, "Quick call about her team's opening.",
          (("Apply through a referral, not the portal", True, Homework.TODO, ""),),
          thank_you_draft=True),
    _Plan(1, 38, Channel.VIDEO, "Video call; he sketched the team structure.",
          (("Publish a small project that shows data cleaning end to end", True, Homework.DONE,
            "my cleaned-data notebook got two recruiters to reach out"),
           ("Learn the basics of experiment design", False, Homework.TODO, "")),
          thank_you=0, replies=(2,)),
    _Plan(2, 1, Channel.COFFEE, "Met at the meetup after her talk.",
          (("Talk to the flight software teams, not just analytics", True, Homework.TODO, ""),
           ("Bring questions about their tooling, not about openings", False, Homework.TODO, ""))),
    _Plan(3, 20, Channel.CALL, "Short call, he was distracted.",
          (("Look at the regulatory side of the industry", True, Homework.DOING, ""),),
          thank_you=2),
    _Plan(4, 70, Channel.EVENT, "Panel Q&A then ten minutes afterwards.",
          (("Pick one niche and write about it publicly", True, Homework.DONE,
            "three posts in, and a founder asked me to chat about the niche"),),
          thank_you=1, follow_up=31, update=28, replies=(2, None, 1)),
    _Plan(4, 6, Channel.VIDEO, "Second chat, about startups hiring now.",
          (("Reach out to seed-stage founders directly", True, Homework.TODO, ""),),
          thank_you=1),
    _Plan(5, 12, Channel.COFFEE, "He answered every question with a question.",
          (("Practise whiteboard problems out loud", True, Homework.DOING, ""),),
          thank_you_draft=True),
    _Plan(6, 33, Channel.VIDEO, "Walked me through incident reviews.",
          (("Read five public post-mortems and summarise the patterns", True, Homework.DONE,
            "I used the patterns in an interview and it went really well"),
           ("Join the reliability community calls", False, Homework.DONE, "")),
          thank_you=1, follow_up_draft=True, replies=(3,)),
    _Plan(7, 9, Channel.EVENT, "Hackathon; he judged our team.",
          (("Write up the hackathon project properly", True, Homework.TODO, ""),),
          snooze=(3, "waiting until the write-up is done")),
    _Plan(8, 50, Channel.COFFEE, "Coffee; talked about managing up.",
          (("Ask every interviewer how they measure success in the first 90 days", True,
            Homework.DONE, "two interviewers said it was the best question they got"),),
          thank_you=3, follow_up=20, replies=(None, 1)),
    _Plan(9, 16, Channel.CALL, "Polite but brief.",
          (("Contribute a small patch to an open source tool", True, Homework.TODO, ""),),
          closed=True),
    _Plan(10, 26, Channel.VIDEO, "Mentoring session one.",
          (("Keep a learning log and review it monthly", True, Homework.DOING, ""),
           ("Read one compiler paper a month", False, Homework.TODO, "")),
          thank_you=0, replies=(1,)),
    _Plan(11, 2, Channel.COFFEE, "Chatted about product roles.",
          (("Ask for a shadow day with the product team at your own company", True,
            Homework.TODO, ""),
           ("You should write one-page product briefs for features you use", False,
            Homework.TODO, ""))),
    _Plan(1, 8, Channel.COFFEE, "Follow-up coffee to talk about his team's research.",
          (("Read the team's last two papers before applying", True, Homework.TODO, ""),),
          thank_you=1),
    _Plan(6, 90, Channel.EVENT, "First met at an alumni event.",
          (("Go to the SRE meetup", True, Homework.DONE, "met two hiring managers there"),),
          thank_you=5),
    _Plan(2, 120, Channel.EVENT, "A conference hallway chat.",
          (("Learn orbital mechanics basics", True, Homework.DONE, "finished the online course"),
           ("Build a small trajectory simulator you can show in interviews", False, Homework.DONE,
            "the simulator got me a second interview at a launch company", 100)),
          thank_you=1, follow_up=30, update=30),
    _Plan(3, 100, Channel.OTHER, "Exchanged a few emails first.",
          (("Find the people who write the industry's standards", True, Homework.TODO, ""),)),
    _Plan(10, 60, Channel.COFFEE, "Introductory coffee.",
          (("Ask for informational interviews before there is an opening", True, Homework.DONE,
            "it got me this mentoring programme"),),
          thank_you=1),
    _Plan(11, 40, Channel.EVENT, "Product meetup, short chat.",
          (("Read the product teardown newsletter", True, Homework.TODO, ""),),
          thank_you=4),
)  # fmt: skip


@dataclass(frozen=True)
class _Request:
    """A meeting request: sent some business days before today, answered or not."""

    contact: int
    sent: int
    """Business days before today."""
    replied: int | None = None
    """Business days after it went out; None: no reply (yet)."""
    follow_up_draft: bool = False
    """The follow-up-once note the 7-day nudge opens, drafted."""
    days_ago: int | None = None
    """Calendar days before today instead of `sent` (before a meeting in `_PLANS`)."""


_REQUESTS = (
    _Request(12, sent=4),  # Hedy: past 3 business days, Margaret is at the same employer
    _Request(13, sent=9, follow_up_draft=True),  # John: past 7; no reply suggests Obligate
    _Request(14, sent=6, replied=1),  # Annie: answered the next business day: Booster?
    _Request(11, sent=0, replied=1, days_ago=44),  # Tim, before the coffee 40 days ago
    _Request(5, sent=0, replied=9, days_ago=30),  # Edsger answered slowly: an Obligate indeed
)


def populate(store: Store, today: date) -> None:
    """Fill an empty store with the demo data (one write)."""
    with store.batch():
        store.update_settings(Settings(your_name=YOUR_NAME))
        contacts = store.add_contacts(CONTACTS)
        for plan in _PLANS:
            _play(store, contacts[plan.contact], plan, today)
        for request in _REQUESTS:
            _ask(store, contacts[request.contact], request, today)


def _ask(store: Store, contact: Contact, plan: _Request, today: date) -> None:
    if plan.days_ago is not None:
        sent = today - timedelta(days=plan.days_ago)
    else:
        sent = business_days.add(today, -plan.sent)
    draft = outreach.new_draft(contact, sent, your_name=YOUR_NAME)
    message = store.mark_sent(store.save_message(draft).id, sent, today=today)
    if plan.replied is not None:
        store.record_reply(message.id, business_days.add(sent, plan.replied), today=today)
    if plan.follow_up_draft:
        store.save_message(
            outreach.follow_up_once_draft(contact, message, today, your_name=YOUR_NAME)
        )


def _play(store: Store, contact: Contact, plan: _Plan, today: date) -> None:
    when = today - timedelta(days=plan.days_ago)
    insights = tuple(
        Insight(
            text,
            favourite=favourite,
            status=status,
            benefit=benefit,
            done=when + timedelta(days=(*rest, 10)[0]) if status is Homework.DONE else None,
        )
        for text, favourite, status, benefit, *rest in plan.insights
    )
    meeting = store.add_meeting(Meeting(contact.id, when, "", plan.channel, plan.notes, insights))
    sent_on = None
    replies = iter(plan.replies)
    if plan.thank_you is not None:
        sent_on = when + timedelta(days=plan.thank_you)
        _message(
            store, contact, meeting, MessageKind.THANK_YOU, today, sent_on, next(replies, None)
        )
    elif plan.thank_you_draft:
        _message(store, contact, meeting, MessageKind.THANK_YOU, today, None)
    if sent_on is not None and plan.follow_up is not None:
        sent_on = sent_on + timedelta(days=plan.follow_up)
        _message(
            store, contact, meeting, MessageKind.FOLLOW_UP, today, sent_on, next(replies, None)
        )
        if plan.update is not None:
            sent_on = sent_on + timedelta(days=plan.update)
            _message(
                store, contact, meeting, MessageKind.UPDATE, today, sent_on, next(replies, None)
            )
    elif plan.follow_up_draft:
        _message(store, contact, meeting, MessageKind.FOLLOW_UP, today, None)
    if plan.snooze:
        days, reason = plan.snooze
        reminder = store.reminders_of(contact.id, today)[0]
        store.snooze(reminder.key, today + timedelta(days=days), reason)
    if plan.closed:
        store.close_reminder(f"thank_you:{meeting.id}", when + timedelta(days=7))


def _as_of(meeting: Meeting, day: date, today: date) -> Meeting:
    """The meeting as it stood on `day`: homework done later was still to do, with no benefit.

    Homework in progress now (no date) is taken to have started after any
    message written before today.
    """

    def then(insight: Insight) -> Insight:
        if insight.done and insight.done > day:
            return replace(insight, status=Homework.TODO, benefit="", done=None)
        if insight.status is Homework.DOING and day < today:
            return replace(insight, status=Homework.TODO)
        return insight

    return replace(meeting, insights=tuple(then(i) for i in meeting.insights))


def _message(
    store: Store,
    contact: Contact,
    meeting: Meeting,
    kind: MessageKind,
    today: date,
    sent: date | None,
    replied: int | None = None,
) -> None:
    """A draft, or a message sent on `sent` and answered `replied` days later."""
    written = sent or today
    news = None
    if kind is MessageKind.UPDATE:
        news = whats_new(store.meetings_of(contact.id), store.messages_of(contact.id), written)
    then = _as_of(meeting, written, today)
    draft = compose.new_draft(kind, contact, then, written, settings=store.settings, news=news)
    message = store.save_message(draft)
    if sent is not None:
        message = store.mark_sent(message.id, sent, today=today)
        if replied is not None and sent + timedelta(days=replied) <= today:
            store.save_message(replace(message, replied=sent + timedelta(days=replied)))
