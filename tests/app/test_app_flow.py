"""The whole 3TY flow, by keys, as a new user does it, wide and at 80x24.

add contact -> log a meeting with two insights (the second the favourite) ->
draft the thank-you -> copy it -> mark it sent -> the follow-up is scheduled
about 30 days later: in the timeline, in the contact's badge, and on disk.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from app_support import (
    NARROW,
    WIDE,
    enter_text,
    main_screen,
    read_db,
    rendered_text,
    settle,
    wait_for_screen,
    wait_until,
)

from threety_tui.app import ThreetyApp
from threety_tui.core.models import MessageKind, MessageStatus
from threety_tui.core.timeline import EntryKind
from threety_tui.screens.contact_form import ContactForm
from threety_tui.screens.main import MainScreen
from threety_tui.screens.meeting_form import MeetingForm
from threety_tui.screens.sender_form import SenderForm
from threety_tui.screens.sent_form import SentForm
from threety_tui.widgets.preview import EmailPreview

if TYPE_CHECKING:
    from conftest import FakeClipboard

FIRST_INSIGHT = "Read papers"
FAVOURITE = "Ask why"


def visible_pane(main: MainScreen) -> list[str]:
    """Ids of the panes that take up room on the screen."""
    return [
        pane
        for pane in ("contacts-pane", "timeline-pane", "editor-pane")
        if main.query_one(f"#{pane}").region.area > 0
    ]


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
async def test_contact_to_sent_thank_you_schedules_the_follow_up(
    empty_db: Path, today: date, fake_clipboard: FakeClipboard, size: tuple[int, int]
) -> None:
    app = ThreetyApp(db_path=empty_db, today=today)
    async with app.run_test(size=size) as pilot:
        main = main_screen(app)
        store = app.store

        # Add contact: the form opens with the name focused; ctrl+s saves.
        await pilot.press("a")
        form = await wait_for_screen(pilot, ContactForm)
        assert app.focused is form.query_one("#name")
        await enter_text(pilot, "Grace Hopper")
        await pilot.press("tab")
        await enter_text(pilot, "g@ex.io")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        (grace,) = store.contacts()
        assert (grace.name, grace.email) == ("Grace Hopper", "g@ex.io")
        assert main.contact is not None and main.contact.id == grace.id

        # Log meeting: date pre-filled with today, two insights, the second the favourite.
        await pilot.press("m")
        form = await wait_for_screen(pilot, MeetingForm)
        assert app.focused is form.query_one("#when")
        await pilot.press("tab", "tab", "tab", "tab")  # time, channel, notes, first insight
        assert "insight-text" in app.focused.classes
        await enter_text(pilot, FIRST_INSIGHT)
        await pilot.press("enter")  # enter adds another insight and moves to it
        await enter_text(pilot, FAVOURITE)
        await pilot.press("ctrl+f")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        (meeting,) = store.meetings_of(grace.id)
        assert meeting.when == today
        assert [(i.text, i.favourite) for i in meeting.insights] == [
            (FIRST_INSIGHT, False),
            (FAVOURITE, True),
        ]

        # Draft the thank-you: the editor shows it, the preview is the finished email.
        await pilot.press("t")
        await wait_until(pilot, lambda: main.editor.draft is not None, "the draft to open")
        # A new database has no sender name: the first draft asks for it, once.
        sender_form = await wait_for_screen(pilot, SenderForm)
        assert app.focused is sender_form.query_one("#your_name")
        await enter_text(pilot, "Sam Rivera")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        assert visible_pane(main)[-1] == "editor-pane"
        draft = main.editor.draft
        assert draft is not None and draft.message.kind is MessageKind.THANK_YOU
        assert draft.message.parts.signoff == "Best wishes,\nSam Rivera"
        preview = main.editor.query_one("#preview", EmailPreview).text
        assert "Hi Grace," in preview
        assert f"your advice to {FAVOURITE.lower()}" in preview  # the advice, in the writer's words
        assert FIRST_INSIGHT.lower() not in preview.lower()

        # Copy (ctrl+g works while typing in the editor).
        assert main.editor in app.focused.ancestors
        await pilot.press("ctrl+g")
        await settle(pilot)
        message = store.message(draft.message.id)
        assert message is not None
        expected = message.body.rstrip("\n")  # the body alone: greeting to sign-off
        assert expected.startswith("Hi Grace,") and expected.endswith("Sam Rivera")
        assert message.subject and message.subject not in expected
        assert app.clipboard == expected
        assert fake_clipboard.text == expected

        # Mark sent: all green, so straight to the date; it defaults to today, enter confirms.
        await pilot.press("ctrl+r")
        sent_form = await wait_for_screen(pilot, SentForm)
        assert sent_form.query_one("#sent").value == "today"
        await pilot.press("enter")
        await wait_for_screen(pilot, MainScreen)
        sent = store.message(message.id)
        assert sent is not None
        assert (sent.status, sent.sent, sent.next_due) == (
            MessageStatus.SENT,
            today,
            today + timedelta(days=30),
        )

        # The follow-up shows in the timeline, now, with its relative date ...
        await settle(pilot)
        assert visible_pane(main)[-1] in ("timeline-pane", "editor-pane")
        reminders = [e.reminder for e in main.timeline.rows if e.kind is EntryKind.REMINDER]
        assert [(r.kind, r.due) for r in reminders if r] == [
            (MessageKind.FOLLOW_UP, today + timedelta(days=30))
        ]
        if size == NARROW:
            await pilot.press("f3")
            await pilot.pause()
        assert "Follow-up due in 4 weeks" in rendered_text(main.timeline)

        # ... and in the contact's badge.
        if size == NARROW:
            await pilot.press("f2")
            await pilot.pause()
        assert "follow-up in 4 weeks" in rendered_text(main.contacts_pane.list)

        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    app.finish()  # the last save, as `threety` waits for it after run()

    # On disk: the thank-you is sent, and the follow-up is due 30 days later.
    data = read_db(empty_db)
    (saved,) = data["messages"].values()
    assert saved["kind"] == "thank_you"
    assert saved["status"] == "sent"
    assert saved["sent"] == today.isoformat()
    assert saved["next_due"] == (today + timedelta(days=30)).isoformat()
    assert saved["body"] == message.body
