"""Hearing back, by keys (spec section 8): r records a reply (or moves or clears it),
Import replies reads a mailbox, Export journey writes the Markdown, and Stats
shows the reply rates.

On the demo for TODAY: Hedy Lamarr's meeting request awaits a reply past 3
business days, and Margaret Hamilton works at the same employer.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from app_support import (
    NARROW,
    WIDE,
    main_screen,
    notifications,
    read_db,
    rendered_text,
    run_from_palette,
    select_contact,
    settle,
    wait_for_screen,
    wait_until,
)
from textual.widgets import Button, Input, Select, Static

from tests.conftest import TODAY
from tests.core.core_support import count_saves
from tests.core.mail_support import write_maildir, write_mbox
from threety_tui.app import ThreetyApp
from threety_tui.core.models import MessageKind
from threety_tui.core.timeline import EntryKind
from threety_tui.screens.agenda import AgendaList, AgendaScreen
from threety_tui.screens.journey_form import CURRENT, JourneyForm
from threety_tui.screens.main import MainScreen
from threety_tui.screens.replies_form import RepliesForm
from threety_tui.screens.reply_form import ReplyForm
from threety_tui.screens.stats import StatsScreen

YESTERDAY = TODAY - timedelta(days=1)


def flat(text: str) -> str:
    return " ".join(text.split())


def error_of(form: ReplyForm | RepliesForm | JourneyForm, field: str) -> str:
    return flat(str(form.query_one(f"#error-{field}", Static).render()))


def nudged(app: ThreetyApp, name: str) -> bool:
    contact = next(c for c in app.store.contacts() if c.name == name)
    return any(r.nudge for r in app.store.reminders_of(contact.id, TODAY))


async def set_value(pilot: object, form: ReplyForm, text: str) -> None:
    form.query_one("#replied", Input).value = text
    await pilot.pause()  # type: ignore[attr-defined]


async def test_r_on_the_latest_message_refuses_bad_dates_inline_then_records_and_clears(
    demo_db: Path,
) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await select_contact(pilot, "Hedy Lamarr")
        hedy = main.contact
        assert hedy is not None
        (request,) = [m for m in app.store.messages_of(hedy.id) if m.is_sent]
        assert request.kind is MessageKind.OUTREACH and request.sent is not None
        main.contacts_pane.list.focus()  # from the list: the latest sent message
        before_badges = rendered_text(main.contacts_pane.list)
        await pilot.press("r")
        form = await wait_for_screen(pilot, ReplyForm)
        assert form.query_one("#replied", Input).value == "today"
        assert "Reply from Hedy Lamarr to your meeting request" in form.form_title

        # Refused inline as it is typed (QA 13.9), nothing saved: before the request
        # went out, in the future; in the app's dates, not ISO ones.
        before = (request.sent - timedelta(days=1)).isoformat()
        await set_value(pilot, form, before)
        assert error_of(form, "replied") == (
            "Wed 18 Nov is before your message went out (Thu 19 Nov): "
            "a reply comes on Thu 19 Nov or later."
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        await set_value(pilot, form, "tomorrow")
        assert error_of(form, "replied") == (
            "Thu 26 Nov is in the future: give today or an earlier day."
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        await set_value(pilot, form, "not a date")
        assert "Cannot read 'not a date' as a date" in error_of(form, "replied")
        assert app.store.message(request.id).replied is None  # type: ignore[union-attr]

        # The same date words as the meeting form; the preview says what it records.
        await set_value(pilot, form, request.sent.isoformat())
        assert error_of(form, "replied") == "→ Thu 19 Nov: replied the same day"
        await set_value(pilot, form, "yesterday")
        assert error_of(form, "replied") == "→ Tue 24 Nov: replied after 5 days (3 business days)"
        await pilot.press("enter")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        assert app.store.message(request.id).replied == YESTERDAY  # type: ignore[union-attr]
        said = notifications(app)[-1]
        assert said.startswith("Reply from Hedy Lamarr recorded")
        assert "Nudges closed for Hedy Lamarr" in said

        # At once: the badge, the timeline, the agenda.
        assert not nudged(app, "Hedy Lamarr")
        assert "no reply" in before_badges and "no reply" not in rendered_text(
            main.contacts_pane.list
        )
        timeline = flat(rendered_text(main.timeline))
        assert "replied after" in timeline and "No reply" not in timeline

        # r again: the recorded reply can be moved, or cleared if it was a mistake.
        await pilot.press("r")
        form = await wait_for_screen(pilot, ReplyForm)
        assert form.query_one("#replied", Input).value == YESTERDAY.isoformat()
        assert "Recorded: replied after" in flat(rendered_text(form.query_one("#reply-recorded")))
        form.query_one("#clear-reply", Button).press()
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        assert app.store.message(request.id).replied is None  # type: ignore[union-attr]
        assert nudged(app, "Hedy Lamarr")
        assert "Its nudge is open again" in notifications(app)[-1]


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
async def test_r_on_the_selected_message_closes_the_nudges_of_the_employer(
    demo_db: Path, size: tuple[int, int]
) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        main = main_screen(app)
        assert nudged(app, "Hedy Lamarr")
        await select_contact(pilot, "Margaret Hamilton")
        rows = main.timeline.rows
        # Her first thank-you, never answered (the latest one was).
        index, entry = next(
            (i, e)
            for i, e in reversed(list(enumerate(rows)))
            if e.kind is EntryKind.MESSAGE and e.message and e.message.is_sent
        )
        assert entry.message is not None and entry.message.replied is None
        await pilot.press("f3")
        main.timeline.move_cursor(index)
        await pilot.pause()
        await pilot.press("r")
        form = await wait_for_screen(pilot, ReplyForm)
        assert "to your thank-you" in form.form_title
        await pilot.press("ctrl+s")  # today
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        assert app.store.message(entry.message.id).replied == TODAY  # type: ignore[union-attr]
        assert "Nudges closed for Hedy Lamarr" in notifications(app)[-1]
        assert not nudged(app, "Hedy Lamarr")  # a reply from anyone at Apollo Software
        assert main.contact is not None and main.contact.name == "Margaret Hamilton"
        assert "replied the same day" not in rendered_text(main.timeline)  # 2 months on
        # Hedy's request says why its nudges ended, not only "no reply yet" (QA 13.13).
        await select_contact(pilot, "Hedy Lamarr")
        shown = " ".join(rendered_text(main.timeline).split())
        assert "closed: Margaret Hamilton answered on" in shown
        assert "no reply yet" not in shown

        await pilot.press("g")
        agenda = await wait_for_screen(pilot, AgendaScreen)
        assert "Hedy Lamarr" not in rendered_text(agenda.query_one(AgendaList))


async def test_r_in_the_agenda_answers_the_nudge_under_the_cursor(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        agenda = await wait_for_screen(pilot, AgendaScreen)
        rows = agenda.query_one(AgendaList)
        rows.move_cursor(
            next(
                i for i, r in enumerate(rows.rows) if r.contact and r.contact.name == "Hedy Lamarr"
            )
        )
        await pilot.press("r")
        await wait_for_screen(pilot, ReplyForm)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, AgendaScreen)
        await settle(pilot)
        assert not nudged(app, "Hedy Lamarr")
        assert "No reply Hedy Lamarr" not in rendered_text(agenda.query_one(AgendaList))


async def test_r_on_a_draft_says_why_not(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await select_contact(pilot, "Grace Hopper")
        index = next(
            i
            for i, e in enumerate(main.timeline.rows)
            if e.kind is EntryKind.MESSAGE and e.message and not e.message.is_sent
        )
        main.timeline.move_cursor(index)
        main.timeline.focus()
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is main
        assert "is a draft: only a sent message can have a reply" in notifications(app)[-1]


async def test_import_replies_previews_then_records_in_one_write(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    noon = datetime(YESTERDAY.year, YESTERDAY.month, YESTERDAY.day, 12).astimezone()
    maildir = write_maildir(
        tmp_path / "Maildir",
        [
            ('"John" <JOHN@GameTheory.example>', noon, "Re: advice"),  # any case
            ("stranger@example.org", noon, "hello"),
        ],
    )
    mbox = write_mbox(tmp_path / "replies.mbox", [("hedy@apollo-sw.example", noon, "Re: hi")])
    saves = count_saves(monkeypatch)
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert nudged(app, "John von Neumann")

        # A path that is neither: refused in the form, nothing written.
        await run_from_palette(pilot, "Import replies")
        form = await wait_for_screen(pilot, RepliesForm)
        form.query_one("#mailbox", Input).value = str(tmp_path / "nothing-here")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "no such file" in error_of(form, "mailbox"), "the error")
        (tmp_path / "notes.txt").write_text("not mail\n")
        form.query_one("#mailbox", Input).value = str(tmp_path / "notes.txt")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "is not a Maildir" in error_of(form, "mailbox"), "refused")

        # The Maildir: a preview first (nothing written), then ctrl+s records it.
        form.query_one("#mailbox", Input).value = str(maildir)
        await pilot.press("enter")
        report = form.query_one("#preview-report", Static)
        await wait_until(pilot, lambda: "1 new reply" in str(report.render()), "the preview")
        assert "John von Neumann: replied" in flat(str(report.render()))
        await pilot.pause(0.3)  # a save would have started by now
        assert saves == []
        john = next(c for c in app.store.contacts() if c.name == "John von Neumann")
        on_disk = [m for m in read_db(demo_db)["messages"].values() if m["contact_id"] == john.id]
        assert all(m["replied"] is None for m in on_disk)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        await wait_until(pilot, lambda: saves, "the save")
        await pilot.pause(0.3)
        assert saves == [demo_db]  # one write
        assert not nudged(app, "John von Neumann")
        assert "Recorded 1 reply from John von Neumann" in notifications(app)[-1]
        assert {m.replied for m in app.store.messages_of(john.id) if m.is_sent} == {YESTERDAY}

        # An mbox too; and the same mailbox again records nothing.
        saves.clear()
        for path, expected in ((mbox, "1 new reply"), (maildir, "0 new replies")):
            await run_from_palette(pilot, "Import replies")
            form = await wait_for_screen(pilot, RepliesForm)
            form.query_one("#mailbox", Input).value = str(path)
            await pilot.press("enter")
            report = form.query_one("#preview-report", Static)
            await wait_until(
                pilot,
                lambda report=report, expected=expected: expected in str(report.render()),  # type: ignore[misc]
                expected,
            )
            await pilot.press("ctrl+s")
            await wait_for_screen(pilot, MainScreen)
            await settle(pilot)
        await pilot.pause(0.3)
        assert saves == [demo_db]  # the mbox's reply; nothing for the second run
        assert not nudged(app, "Hedy Lamarr")
        assert "no reply" not in rendered_text(main_screen(app).contacts_pane.list)


async def test_export_journey_writes_everyone_or_the_current_contact(
    demo_db: Path, tmp_path: Path
) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await select_contact(pilot, "Hedy Lamarr")

        await run_from_palette(pilot, "Export journey")
        form = await wait_for_screen(pilot, JourneyForm)
        assert form.query_one("#file", Input).value == str(Path.home() / "threety-journey.md")
        form.query_one("#file", Input).value = str(tmp_path / "missing" / "journey.md")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "does not exist" in error_of(form, "file")

        everyone = tmp_path / "journey.md"
        form.query_one("#file", Input).value = str(everyone)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        text = everyone.read_text(encoding="utf-8")
        assert text.startswith("# Journey") and "## Hedy Lamarr" in text
        assert "## Grace Hopper" in text
        said = notifications(app)[-1]
        assert said.startswith("Journey of ") and str(everyone) in said
        assert f"Journey of {text.count(chr(10) + '## ')} contacts" in said

        await run_from_palette(pilot, "Export journey")
        form = await wait_for_screen(pilot, JourneyForm)
        one = tmp_path / "hedy.md"
        form.query_one("#file", Input).value = str(one)
        form.query_one("#who", Select).value = CURRENT
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        text = one.read_text(encoding="utf-8")
        assert "## Hedy Lamarr" in text and "## Grace Hopper" not in text
        assert "meeting request sent" in text
        assert notifications(app)[-1].startswith("Journey of 1 contact written to")


async def test_stats_show_reply_rates_readable_at_80x24(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await run_from_palette(pilot, "Stats")
        stats = await wait_for_screen(pilot, StatsScreen)
        report = "\n".join(rendered_text(w) for w in stats.query("Static, Report"))
        for line in ("Replies", "Meeting requests:", "All messages:", "median"):
            assert line in report, line
        assert "Meetings you have not thanked" in report and "Who never answered" in report
        box = stats.query_one("VerticalScroll")
        assert box.region.right <= 80 and box.region.bottom <= 24
        replies = report.split("Replies", 1)[1]  # the reply rates and the lists of people
        assert max(len(line) for line in replies.splitlines()) <= box.content_region.width
