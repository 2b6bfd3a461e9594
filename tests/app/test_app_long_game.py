"""The method's second half, driven like a user: follow-up with the benefit,
homework, the agenda with snooze and close, updates, stats, calendar, import."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from icalendar import Calendar

from tests.app.app_support import (
    WIDE,
    editor,
    enter_text,
    main_screen,
    notifications,
    rendered_text,
    run_from_palette,
    settle,
    wait_for_screen,
    wait_until,
)
from tests.conftest import TODAY
from threety_tui.app import ThreetyApp
from threety_tui.core.models import (
    Contact,
    Homework,
    Insight,
    Kind,
    Meeting,
    Message,
    MessageKind,
    MessageStatus,
    Parts,
    Settings,
)
from threety_tui.core.store import Store
from threety_tui.screens.agenda import AgendaList, AgendaScreen
from threety_tui.screens.confirm import Confirm
from threety_tui.screens.export_form import ExportForm
from threety_tui.screens.import_form import ImportForm
from threety_tui.screens.sent_form import SentForm
from threety_tui.screens.snooze_form import BenefitForm, SnoozeForm
from threety_tui.screens.stats import StatsScreen
from threety_tui.widgets.preview import EmailPreview

ADVICE = "Read the trade press every week"
BENEFIT = "reading the trade press has made me far more fluent in the field's vocabulary"


def thanked_contact(path: Path, *, benefit: str = BENEFIT, sent_days_ago: int = 30) -> None:
    """Grace: met, thanked the day after, the favourite insight acted on (maybe); signed."""
    met = TODAY - timedelta(days=sent_days_ago + 1)
    with Store.open(path) as store:
        store.update_settings(Settings(your_name="Sam Rivera"))
        grace = store.add_contact(Contact("Grace Hopper", "grace@navy.example", kind=Kind.BOOSTER))
        insight = Insight(ADVICE, favourite=True, status=Homework.DONE, benefit=benefit)
        meeting = store.add_meeting(Meeting(grace.id, met, insights=(insight,)))
        sent = store.save_message(
            Message(
                grace.id,
                meeting.id,
                MessageKind.THANK_YOU,
                Parts(),
                "Thanks",
                "Hi",
                insight_id=insight.id,
            )
        )
        store.mark_sent(sent.id, met + timedelta(days=1))


def checklist(app: ThreetyApp) -> str:
    return rendered_text(editor(app).query_one("#checklist"))


async def test_follow_up_with_a_recorded_benefit_passes_the_checklist_untouched(
    empty_db: Path,
) -> None:
    thanked_contact(empty_db)
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the follow-up draft")
        draft = editor(app).draft
        assert draft is not None and draft.message.kind is MessageKind.FOLLOW_UP
        parts = draft.message.parts
        assert ADVICE.lower() in parts.highlight  # in the writer's words: "your advice to read"
        assert BENEFIT[1:] in parts.benefit and parts.benefit.startswith("R")
        await wait_until(pilot, lambda: "✓" in checklist(app), "the checklist")
        text = checklist(app)
        assert "!" not in text, text
        for item in ("Gratitude", "Highlight", "Benefit", "Ask", "Signed", "Length"):
            assert f"✓ {item}" in text
        # The preview's text (the lines it shows; wrapping them to its width is the widget's).
        preview = editor(app).query_one("#preview", EmailPreview).text
        assert "Hi Grace," in preview and "fluent" in preview


async def test_follow_up_without_a_benefit_asks_for_it_until_it_is_filled(empty_db: Path) -> None:
    thanked_contact(empty_db, benefit="")
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the follow-up draft")
        await settle(pilot)
        assert "! Benefit" in checklist(app)
        assert any("No benefit is recorded" in n for n in notifications(app))
        assert app.screen.focused is not None and app.screen.focused.id == "part-benefit"
        await enter_text(pilot, "It got me two interviews.")
        await wait_until(
            pilot, lambda: "✓ Benefit" in checklist(app), "the benefit item to turn green"
        )
        await pilot.press("ctrl+r")
        await wait_for_screen(pilot, SentForm)
        await pilot.press("enter")
        await settle(pilot)
    with Store.open(empty_db, readonly=True) as store:
        follow_up = next(m for m in store.all_messages() if m.kind is MessageKind.FOLLOW_UP)
        assert follow_up.status is MessageStatus.SENT and follow_up.sent == TODAY
        meeting = store.all_meetings()[0]
        favourite = meeting.favourite
        assert favourite is not None and favourite.benefit == "It got me two interviews."
        [step] = store.reminders(TODAY)
        assert step.kind is MessageKind.UPDATE and step.due == TODAY + timedelta(days=30)


async def test_homework_and_benefit_from_the_timeline(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.press("f3")
        timeline = screen.timeline
        await wait_until(pilot, lambda: app.screen.focused is timeline, "the timeline")
        await wait_until(pilot, lambda: app.store.loaded and timeline.rows, "the meetings")
        index = next(i for i, e in enumerate(timeline.rows) if e.kind.value == "insight")
        timeline.move_cursor(index)
        await pilot.pause()
        insight = timeline.rows[index].insight
        assert insight is not None
        before = insight.status
        await pilot.press("h")
        await settle(pilot)
        meeting = app.store.meeting(timeline.rows[index].meeting.id)  # type: ignore[union-attr]
        assert meeting is not None
        after = meeting.insight(insight.id)
        assert after is not None and after.status is not before
        await pilot.press("b")
        form = await wait_for_screen(pilot, BenefitForm)
        await pilot.press("ctrl+a", "ctrl+k")
        await enter_text(pilot, "Two recruiters got in touch")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is not form, "the benefit form to close")
        meeting = app.store.meeting(meeting.id)
        recorded = meeting.insight(insight.id) if meeting else None
        assert recorded is not None and recorded.benefit == "Two recruiters got in touch"


async def open_agenda_on_first_step(pilot, app: ThreetyApp) -> AgendaScreen:  # type: ignore[no-untyped-def]
    await pilot.press("g")
    agenda = await wait_for_screen(pilot, AgendaScreen)
    rows = agenda.query_one(AgendaList)
    first = next(i for i, r in enumerate(rows.rows) if r.reminder is not None)
    rows.move_cursor(first)
    await pilot.pause()
    return agenda


async def test_agenda_lists_oldest_first_and_marks_urgent_thank_yous(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        agenda = await open_agenda_on_first_step(pilot, app)
        steps = [r.reminder for r in agenda.query_one(AgendaList).rows if r.reminder is not None]
        assert steps and [s.due for s in steps] == sorted(s.due for s in steps)
        assert all(s.due <= TODAY + timedelta(days=7) for s in steps)
        assert any(s.urgent for s in steps)
        text = rendered_text(agenda.query_one(AgendaList))
        assert "URGENT" in text and "Open homework" in text


async def test_snooze_from_the_agenda_with_a_reason_shows_in_the_timeline(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        agenda = await open_agenda_on_first_step(pilot, app)
        step = agenda.query_one(AgendaList).current.reminder  # type: ignore[union-attr]
        assert step is not None
        await pilot.press("z")
        form = await wait_for_screen(pilot, SnoozeForm)
        await pilot.click("#snooze-week")
        await enter_text(pilot, "waiting for the referral")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is agenda, "back in the agenda")
        assert form is not app.screen
        moved = next(r for r in app.store.reminders(TODAY) if r.key == step.key)
        assert moved.due == TODAY + timedelta(days=7) and moved.snoozed
        assert moved.snooze_reason == "waiting for the referral"
        await pilot.press("escape")
        screen = main_screen(app)
        await wait_until(pilot, lambda: app.screen is screen, "the main screen")
        screen.contacts_pane.list.move_cursor(
            next(
                i
                for i, r in enumerate(screen.contacts_pane.list.rows)
                if r.contact.id == step.contact_id
            )
        )
        await settle(pilot)
        assert "snoozed to Wed 2 Dec: waiting" in rendered_text(screen.timeline)
        shown = [e.reminder for e in screen.timeline.rows if e.reminder is not None]
        assert any(r.snooze_reason == "waiting for the referral" for r in shown)


async def test_snooze_and_close_from_the_palette(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        agenda = await open_agenda_on_first_step(pilot, app)
        step = agenda.query_one(AgendaList).current.reminder  # type: ignore[union-attr]
        assert step is not None
        await run_from_palette(pilot, "Close without message")
        confirm = await wait_for_screen(pilot, Confirm)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is agenda, "back in the agenda")
        assert confirm is not app.screen
        assert step.key not in {r.key for r in app.store.reminders(TODAY)}
        rows = agenda.query_one(AgendaList)
        assert step.key not in {r.reminder.key for r in rows.rows if r.reminder}
        rows.move_cursor(next(i for i, r in enumerate(rows.rows) if r.reminder is not None))
        await pilot.pause()
        second = rows.current.reminder  # type: ignore[union-attr]
        assert second is not None
        await run_from_palette(pilot, "Snooze")
        await wait_for_screen(pilot, SnoozeForm)
        await pilot.press("ctrl+a", "ctrl+k")
        await enter_text(pilot, "2026-12-24")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is agenda, "back in the agenda")
        moved = next(r for r in app.store.reminders(TODAY) if r.key == second.key)
        assert moved.due == date(2026, 12, 24)


async def test_close_with_x_and_open_a_step_with_enter(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        agenda = await open_agenda_on_first_step(pilot, app)
        rows = agenda.query_one(AgendaList)
        step = rows.current.reminder  # type: ignore[union-attr]
        assert step is not None
        await pilot.press("x")
        await wait_for_screen(pilot, Confirm)
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is agenda, "back in the agenda")
        assert step.key in {r.key for r in app.store.reminders(TODAY)}, "n keeps the step"
        await pilot.press("enter")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the step's draft")
        draft = editor(app).draft
        assert draft is not None
        assert draft.message.kind is step.kind and draft.message.meeting_id == step.meeting_id


async def test_update_after_the_follow_up_keeps_the_chain_going(empty_db: Path) -> None:
    thanked_contact(empty_db, sent_days_ago=40)
    with Store.open(empty_db) as store:
        meeting = store.all_meetings()[0]
        follow = store.save_message(Message(meeting.contact_id, meeting.id, MessageKind.FOLLOW_UP))
        store.mark_sent(follow.id, TODAY - timedelta(days=5))
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await run_from_palette(pilot, "Draft update")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the update draft")
        draft = editor(app).draft
        assert draft is not None and draft.message.kind is MessageKind.UPDATE
        await pilot.press("ctrl+r")
        await wait_for_screen(pilot, SentForm)
        await pilot.press("enter")
        await settle(pilot)
        [step] = app.store.reminders(TODAY)
        assert step.kind is MessageKind.UPDATE and step.due == TODAY + timedelta(days=30)


async def test_stats_from_the_palette_shows_the_score(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await run_from_palette(pilot, "Stats")
        stats = await wait_for_screen(pilot, StatsScreen)
        text = "\n".join(rendered_text(w) for w in stats.query("Static, Report"))
        assert "Follow-through score:" in text and "%" in text
        assert "Meetings you have not thanked" in text


async def test_export_reminders_writes_an_ics_and_can_keep_it_updated(
    demo_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "cal.ics"
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await run_from_palette(pilot, "Export reminders")
        await wait_for_screen(pilot, ExportForm)
        form = app.screen
        form.query_one("#file").value = str(target)  # type: ignore[attr-defined]
        form.query_one("#keep").value = True  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: target.exists(), "the .ics file")
        assert app.store.settings.ics_path == str(target)
    events = [c for c in Calendar.from_ical(target.read_bytes()).walk("VEVENT")]
    assert events and all(e.get("UID") for e in events)
    assert target.stat().st_mode & 0o777 == 0o600


async def test_import_contacts_shows_a_preview_before_writing(empty_db: Path) -> None:
    source = Path(__file__).resolve().parent.parent / "data" / "import" / "linkedin_connections.csv"
    with Store.open(empty_db):
        pass
    before = empty_db.read_bytes()
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await run_from_palette(pilot, "Import contacts")
        form = await wait_for_screen(pilot, ImportForm)
        await enter_text(pilot, str(source))
        await pilot.press("enter")
        await wait_until(pilot, lambda: form.plan is not None, "the preview")
        preview = form.query_one("#preview-report")
        await wait_until(pilot, lambda: "ctrl+s" in rendered_text(preview), "the report")
        report = rendered_text(preview)
        assert "added" in report and "Press ctrl+s to import." in report
        assert app.store.contacts() == [] and empty_db.read_bytes() == before
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is main_screen(app), "the import to finish")
        assert len(app.store.contacts()) == len(form.plan.added)  # type: ignore[union-attr]
        assert any(n.startswith("Imported:") for n in notifications(app))


async def test_the_format_hint_follows_the_format_detected(empty_db: Path) -> None:
    """QA 13.13: after a .vcf path set the format to vCard, the hint still told LinkedIn's path."""
    source = Path(__file__).resolve().parent.parent / "data" / "import" / "google_contacts.vcf"
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await run_from_palette(pilot, "Import contacts")
        form = await wait_for_screen(pilot, ImportForm)
        hint = form.query_one("#error-format")
        assert "LinkedIn: Settings" in rendered_text(hint)
        await enter_text(pilot, str(source))
        await pilot.pause()
        shown = " ".join(rendered_text(hint).split())
        assert shown.startswith("vCard: export the contacts") and "LinkedIn" not in shown
        await pilot.press("enter")
        await wait_until(pilot, lambda: form.plan is not None, "the preview")
        assert "vCard" in rendered_text(hint)
