"""The whole loop by keys (spec section 8): w drafts a meeting request, the nudges in the
agenda and the timeline, Enter on each kind of nudge, and the kind from evidence.

The demo is written for TODAY (a Wednesday): Hedy Lamarr's request is past 3
business days (Margaret Hamilton works at the same employer), John von
Neumann's past 7 (his follow-up-once note drafted), Annie Easley and Tim
Berners-Lee answered within a day (Booster suggested).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from app_support import (
    NARROW,
    WIDE,
    copied_body,
    draft_message,
    editor,
    main_screen,
    notifications,
    palette_titles,
    rendered_text,
    select_contact,
    settle,
    wait_for_screen,
    wait_until,
)
from textual.command import CommandInput, CommandPalette
from textual.widgets import Input

from tests.conftest import TODAY
from threety_tui.app import ThreetyApp
from threety_tui.core.models import Contact, Kind, KindSource, MessageKind, MessageStatus
from threety_tui.core.rules import Nudge
from threety_tui.core.store import Store
from threety_tui.core.timeline import EntryKind
from threety_tui.screens.agenda import AgendaList, AgendaScreen
from threety_tui.screens.contact_form import ContactForm
from threety_tui.screens.help import HelpScreen
from threety_tui.screens.main import MainScreen
from threety_tui.screens.mates import MateList, MatesScreen
from threety_tui.screens.sent_form import SentForm
from threety_tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from conftest import FakeClipboard

NEW_COMMANDS = {
    "Draft meeting request": "w",
    "Record reply": "r",
    "Accept suggested kind": "K",
    "Dismiss suggested kind": "D",
    "Import replies": "",
    "Export journey": "",
}


@pytest.fixture
def joan_db(demo_db: Path) -> Path:
    """The demo and Joan Clarke, someone to ask for a meeting (no meeting, no message yet)."""
    with Store.open(demo_db) as store:
        store.add_contact(
            Contact(
                "Joan Clarke",
                "joan@bletchley.example",
                "Bletchley Analytics",
                "Cryptanalyst",
                how_met="Introduced by Alan Turing",
            )
        )
    return demo_db


def flat(text: str) -> str:
    """Rendered text on one line: wrapped words joined again."""
    return " ".join(text.split())


def footer_text(app: ThreetyApp) -> str:
    return rendered_text(app.screen.query_one(KeyBar))


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
async def test_w_drafts_a_meeting_request_and_sending_it_awaits_a_reply(
    joan_db: Path, fake_clipboard: FakeClipboard, size: tuple[int, int]
) -> None:
    app = ThreetyApp(db_path=joan_db, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await select_contact(pilot, "Joan Clarke")
        if size == WIDE:  # no meeting yet: w is where it matters
            assert "w Request" in footer_text(app)
        await pilot.press("w")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the request to open")
        await settle(pilot)
        message = draft_message(app)
        joan = main.contact
        assert joan is not None and joan.name == "Joan Clarke"
        assert (message.kind, message.meeting_id, message.contact_id) == (
            MessageKind.OUTREACH,
            None,
            joan.id,
        )
        assert message.parts.gratitude.startswith("Alan Turing suggested I get in touch")

        # The editor's labels and hints are the meeting request's; so is its checklist.
        view = editor(app)
        labels = [
            rendered_text(view.query_one(f"#label-{n}")).strip()
            for n in ("gratitude", "benefit", "ask")
        ]
        assert labels == ["1 Connection", "+ About you", "3 The request"]
        assert view.query_one("#insight-pick").display is False  # no meeting, no insight
        checklist = rendered_text(view.query_one("#checklist"))
        for item in ("Connection", "Advice", "Question", "About them", "Length"):
            assert item in checklist
        assert "Meeting request to Joan Clarke" in rendered_text(view.query_one("#editor-title"))

        # w again reopens it: never a second draft.
        await pilot.press("escape")
        await pilot.press("w")
        await settle(pilot)
        drafts = [m for m in app.store.messages_of(joan.id) if not m.is_sent]
        assert [m.id for m in drafts] == [message.id]

        # Copy, then mark sent (ctrl+g, ctrl+r while typing in the editor).
        assert draft_message(app).id == message.id
        await pilot.press("ctrl+g")
        await settle(pilot)
        # The body alone, as for a thank-you: the subject goes in the mail client's own field.
        assert fake_clipboard.text == copied_body(draft_message(app))
        assert fake_clipboard.text.startswith("Hi Joan,")
        await pilot.press("ctrl+r")
        form = await wait_for_screen(pilot, SentForm)
        note = rendered_text(form.query_one("#next-touch"))
        assert "awaiting a reply" in note and "Bletchley" in note  # no follow-up cadence here
        await pilot.press("enter")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        sent = app.store.message(message.id)
        assert sent is not None and sent.status is MessageStatus.SENT and sent.sent == TODAY
        assert sent.next_due is None
        (step,) = app.store.reminders_of(joan.id, TODAY)
        assert step.nudge is Nudge.SECOND_CONTACT and step.message_id == message.id

        # Awaiting reply: in the badge, the timeline, and the agenda; the list, the
        # timeline and the editor still show Joan.
        if size == NARROW:
            await pilot.press("f3")
            await pilot.pause()
        assert "Awaiting reply" in rendered_text(main.timeline)
        assert "no reply yet" in rendered_text(main.timeline)
        if size == NARROW:
            await pilot.press("f2")
            await pilot.pause()
        assert "awaiting reply" in rendered_text(main.contacts_pane.list)
        current = main.contacts_pane.list.current
        assert current is not None and current.contact.id == joan.id
        assert editor(app).draft is not None and editor(app).draft.contact.id == joan.id
        assert any("awaiting a reply" in n for n in notifications(app))


async def test_mark_sent_refuses_a_future_day_and_a_late_record_says_its_nudge_is_due(
    joan_db: Path,
) -> None:
    """QA 13.2 and 13.13: "next monday" was accepted; a backdated send promised a past day."""
    app = ThreetyApp(db_path=joan_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await select_contact(pilot, "Joan Clarke")
        await pilot.press("w")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the request to open")
        await settle(pilot)
        message = draft_message(app)
        await pilot.press("ctrl+r")
        form = await wait_for_screen(pilot, SentForm)
        field = form.query_one("#sent", Input)
        field.value = "next monday"
        await pilot.pause()
        error = flat(rendered_text(form.query_one("#error-sent")))
        assert error == "Mon 30 Nov is in the future: a message is sent today or earlier."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and not app.store.message(message.id).is_sent  # type: ignore[union-attr]
        field.value = "7 days ago"  # Wed 18 Nov: its 3 business days were up on Mon 23 Nov
        await pilot.pause()
        note = flat(rendered_text(form.query_one("#next-touch")))
        assert "try a second contact at Bletchley Analytics now" in note
        assert "With none by Mon 23 Nov" not in note
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        assert notifications(app)[-1] == (
            "Marked sent: awaiting a reply. No reply in 3 business days: try a second contact at "
            "Bletchley Analytics now (it is in the agenda); with none by Fri 27 Nov, follow up "
            "once."
        )


async def test_the_nudges_in_the_agenda_say_what_to_do(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        agenda = await wait_for_screen(pilot, AgendaScreen)
        text = rendered_text(agenda.query_one(AgendaList))
        assert "No reply Hedy Lamarr" in text
        assert "No reply from Hedy: try a second contact at Apollo Software" in text
        assert "Follow up once John von Neumann" in text
        assert "Follow up once with John" in text


async def test_enter_on_the_7_day_nudge_opens_the_follow_up_once_note_once(
    demo_db: Path,
) -> None:
    with Store.open(demo_db) as store:  # no note drafted yet: Enter writes it
        john = next(c for c in store.contacts() if c.name == "John von Neumann")
        (note,) = [m for m in store.messages_of(john.id) if not m.is_sent]
        store.delete_draft(note.id)
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        for _ in range(2):  # from the agenda, then again: the same draft
            await pilot.press("escape")
            await pilot.press("g")
            agenda = await wait_for_screen(pilot, AgendaScreen)
            rows = agenda.query_one(AgendaList)
            rows.move_cursor(
                next(
                    i
                    for i, r in enumerate(rows.rows)
                    if r.reminder and r.reminder.nudge is Nudge.FOLLOW_UP_ONCE
                )
            )
            await pilot.press("enter")
            await wait_until(pilot, lambda: editor(app).draft is not None, "the note to open")
            await settle(pilot)
            message = draft_message(app)
            assert (message.kind, message.contact_id) == (MessageKind.OUTREACH, john.id)
            assert message.subject.startswith("Re: ")
            assert "earlier email" in message.parts.gratitude
            assert message.label == "Follow-up to meeting request"
            assert main.contact is not None and main.contact.id == john.id
        drafts = [m for m in app.store.messages_of(john.id) if not m.is_sent]
        assert len(drafts) == 1

        # Sent, it is the one follow-up: the form says so, and the nudges end.
        await pilot.press("ctrl+r")
        form = await wait_for_screen(pilot, SentForm)
        assert "the one follow-up to your request of" in flat(
            rendered_text(form.query_one("#next-touch"))
        )
        await pilot.press("enter")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        assert not any(r.nudge for r in app.store.reminders_of(john.id, TODAY))
        assert notifications(app)[-1].endswith(
            "That was the one follow-up to your request: no more nudges."
        )


async def test_enter_on_the_3_day_nudge_offers_the_company_mates(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await select_contact(pilot, "Hedy Lamarr")
        rows = main.timeline.rows
        main.timeline.move_cursor(
            next(i for i, e in enumerate(rows) if e.reminder and e.reminder.nudge)
        )
        main.timeline.focus()
        await pilot.pause()
        assert "No reply from Hedy: try a second contact" in rendered_text(main.timeline)
        await pilot.press("enter")
        mates = await wait_for_screen(pilot, MatesScreen)
        names = [c.name for c in mates.query_one(MateList).rows]
        assert names == ["Margaret Hamilton"]
        heading = flat(rendered_text(mates.query_one("#mates-heading")))
        assert "try a second contact at Apollo Software" in heading
        await pilot.press("enter")  # jump to her: she becomes current in every pane
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        assert main.contact is not None and main.contact.name == "Margaret Hamilton"
        current = main.contacts_pane.list.current
        assert current is not None and current.contact.name == "Margaret Hamilton"
        assert "Margaret Hamilton" in rendered_text(main.query_one("#timeline-title"))

        # Or add someone who works there: the contact form comes with the employer.
        await select_contact(pilot, "Hedy Lamarr")
        main.timeline.move_cursor(
            next(i for i, e in enumerate(main.timeline.rows) if e.reminder and e.reminder.nudge)
        )
        main.timeline.focus()
        await pilot.press("enter")
        await wait_for_screen(pilot, MatesScreen)
        await pilot.press("a")
        form = await wait_for_screen(pilot, ContactForm)
        assert form.query_one("#company", Input).value == "Apollo Software"
        form.query_one("#name", Input).value = "Grace Murray"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        assert main.contact is not None and main.contact.name == "Grace Murray"
        assert main.contact.company == "Apollo Software"


async def test_a_nudge_in_the_timeline_never_does_nothing_without_an_employer(
    demo_db: Path,
) -> None:
    with Store.open(demo_db) as store:
        hedy = next(c for c in store.contacts() if c.name == "Hedy Lamarr")
        from dataclasses import replace

        store.update_contact(replace(hedy, company=""))
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await select_contact(pilot, "Hedy Lamarr")
        main.timeline.move_cursor(
            next(i for i, e in enumerate(main.timeline.rows) if e.reminder and e.reminder.nudge)
        )
        main.timeline.focus()
        await pilot.press("enter")
        mates = await wait_for_screen(pilot, MatesScreen)
        assert "no employer is recorded" in flat(rendered_text(mates.query_one("#mates-heading")))
        await pilot.press("escape")
        await wait_for_screen(pilot, MainScreen)


async def test_a_suggested_kind_shows_and_is_accepted_or_dismissed_with_one_key(
    demo_db: Path,
) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        contacts = rendered_text(main.contacts_pane.list)
        assert "B?" in contacts and "O?" in contacts  # Annie, Tim; John

        await select_contact(pilot, "Annie Easley")
        suggestion = main.query_one("#kind-suggestion")
        assert suggestion.display
        text = rendered_text(suggestion)
        assert "Suggested: Booster" in text and "K accept" in text and "D dismiss" in text
        assert "K Accept kind" in footer_text(app)
        await pilot.press("K")
        await settle(pilot)
        annie = main.contact
        assert annie is not None
        assert (annie.kind, annie.kind_source) == (Kind.BOOSTER, KindSource.EVIDENCE)
        assert not main.query_one("#kind-suggestion").display
        row = main.contacts_pane.list.current
        assert row is not None and row.contact.kind is Kind.BOOSTER  # the badge follows
        assert app.store.settings.cadence_for(annie) == app.store.settings.cadence_booster

        await select_contact(pilot, "Tim Berners-Lee")
        assert main.query_one("#kind-suggestion").display
        await pilot.press("D")
        await settle(pilot)
        tim = main.contact
        assert tim is not None
        assert (tim.kind, tim.kind_dismissed) == (Kind.UNKNOWN, Kind.BOOSTER)
        assert not main.query_one("#kind-suggestion").display
        await pilot.press("K")  # nothing suggested any more: it says so, changes nothing
        await settle(pilot)
        assert app.store.contact(tim.id) == tim
        assert "No kind to suggest for Tim Berners-Lee" in notifications(app)[-1]


async def test_a_kind_the_user_chose_is_only_changed_by_the_user(demo_db: Path) -> None:
    with Store.open(demo_db) as store:  # Annie answered within a day; the user says Obligate
        annie = next(c for c in store.contacts() if c.name == "Annie Easley")
        from dataclasses import replace

        store.update_contact(replace(annie, kind=Kind.OBLIGATE, kind_source=KindSource.USER))
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await select_contact(pilot, "Annie Easley")
        text = rendered_text(main.query_one("#kind-suggestion"))
        assert "Suggested: Booster" in text and "you chose Obligate" in text
        assert app.store.contact(annie.id).kind is Kind.OBLIGATE  # type: ignore[union-attr]
        await pilot.press("K")
        await settle(pilot)
        assert app.store.contact(annie.id).kind is Kind.BOOSTER  # type: ignore[union-attr]


async def test_every_new_command_is_in_the_palette_the_help_and_the_footer(
    demo_db: Path,
) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        palette = await wait_for_screen(pilot, CommandPalette)
        for title in NEW_COMMANDS:
            palette.query_one(CommandInput).value = title
            await wait_until(
                pilot,
                lambda title=title: palette_titles(palette)[:1] == [title],  # type: ignore[misc]
                f"the palette to offer {title!r}",
            )
        await pilot.press("escape")
        await wait_for_screen(pilot, MainScreen)

        await pilot.press("question_mark")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        shown = " ".join(rendered_text(w) for w in help_screen.query("KeyList"))
        for title, key in NEW_COMMANDS.items():
            if key:
                assert title in shown, title
        await pilot.press("escape")
        await wait_for_screen(pilot, MainScreen)

        await select_contact(pilot, "Hedy Lamarr")  # a nudge open: r is where it matters
        await settle(pilot)
        assert "r Reply" in footer_text(app)
        await select_contact(pilot, "Ada Lovelace")  # met, no nudge, nothing suggested
        await settle(pilot)
        footer = footer_text(app)
        assert "r Reply" not in footer and "w Request" not in footer and "K " not in footer
        rows = main_screen(app).timeline.rows
        assert any(e.kind is EntryKind.MESSAGE for e in rows)


async def test_a_draft_started_by_mistake_is_discarded_with_delete_or_the_palette(
    joan_db: Path,
) -> None:
    """QA 13.11: delete on a draft said "Put the timeline's cursor on a meeting..."."""
    from app_support import run_from_palette

    from threety_tui.screens.confirm import Confirm

    app = ThreetyApp(db_path=joan_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await select_contact(pilot, "Joan Clarke")
        joan = main.contact
        assert joan is not None

        # delete on the draft in the timeline: asked first; "no" keeps it.
        await pilot.press("w")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the request to open")
        await settle(pilot)
        draft = draft_message(app)
        main.show_pane(1)
        await pilot.pause()
        rows = main.timeline.rows
        main.timeline.move_cursor(
            next(i for i, e in enumerate(rows) if e.message and e.message.id == draft.id)
        )
        await pilot.press("delete")
        confirm = await wait_for_screen(pilot, Confirm)
        assert "Discard your meeting request draft to Joan Clarke" in flat(str(confirm.question))
        await pilot.press("n")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        assert app.store.message(draft.id) is not None
        await pilot.press("delete")
        await wait_for_screen(pilot, Confirm)
        await pilot.press("y")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        assert app.store.message(draft.id) is None
        assert [m for m in app.store.messages_of(joan.id)] == []
        assert editor(app).draft is None  # the editor let go of it
        assert notifications(app)[-1] == "Meeting request draft to Joan Clarke discarded."
        assert "Meeting request" not in rendered_text(main.timeline)

        # The palette's Discard draft: the draft open in the editor.
        await pilot.press("w")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the request to open")
        await settle(pilot)
        again = draft_message(app)
        await run_from_palette(pilot, "Discard draft")
        await wait_for_screen(pilot, Confirm)
        await pilot.press("y")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        assert app.store.message(again.id) is None and editor(app).draft is None

        # Nothing to discard: it says why, and a sent message is never one.
        await run_from_palette(pilot, "Discard draft")
        await settle(pilot)
        assert notifications(app)[-1].startswith("No draft to discard")


async def test_w_after_an_answered_request_says_so_and_opens_no_draft(demo_db: Path) -> None:
    """QA: w on someone who answered the meeting request started a second request."""
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await select_contact(pilot, "Annie Easley")
        annie = main.contact
        assert annie is not None
        before = app.store.messages_of(annie.id)
        await pilot.press("w")
        await settle(pilot)
        assert notifications(app)[-1] == (
            "You asked Annie Easley for a meeting on Tue 17 Nov and they replied on Wed 18 Nov: "
            "press m to log the meeting you had."
        )
        assert main.editor.draft is None and app.store.messages_of(annie.id) == before
        await pilot.press("c")
        await settle(pilot)
        assert notifications(app)[-1].startswith("No draft open: you asked Annie Easley")
        await pilot.press("K", "K")
        await settle(pilot)
        assert "the suggestion was accepted already" in notifications(app)[-1]
