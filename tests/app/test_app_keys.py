"""Spec section 7: every action from its key and from the command palette.

Single letters act only when focus is not in a text field; the editor's
control keys (ctrl+g copy, ctrl+o mail, ctrl+r sent) work while typing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest
from app_support import (
    WIDE,
    copied_body,
    draft_message,
    editor,
    main_screen,
    notifications,
    run_from_palette,
    select_contact,
    settle,
    type_text,
    wait_for_screen,
    wait_until,
)
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from threety_tui.actions import COMMANDS, Target, palette
from threety_tui.app import ThreetyApp
from threety_tui.core.io import mailto
from threety_tui.core.models import MessageKind, MessageStatus
from threety_tui.screens.agenda import AgendaScreen
from threety_tui.screens.confirm import Confirm
from threety_tui.screens.contact_form import ContactForm
from threety_tui.screens.help import HelpScreen
from threety_tui.screens.main import MainScreen
from threety_tui.screens.meeting_form import MeetingForm
from threety_tui.screens.sent_form import SentForm

if TYPE_CHECKING:
    from conftest import FakeClipboard

SPEC_KEYS = {
    "Add contact": "a",
    "Edit contact": "e",
    "Log meeting": "m",
    "Draft thank-you": "t",
    "Draft follow-up": "f",
    "Copy draft": "c",
    "Open draft in mail client": "o",
    "Mark sent": "s",
    "Agenda": "g",
    "Search contacts": "slash",
    "Help": "question_mark",
    "Quit": "q",
}
"""Spec section 7, verbatim: palette title -> key (Textual's name for / and ?)."""


def test_the_action_table_matches_the_spec() -> None:
    keys = {c.title: c.key for c in COMMANDS if c.title in SPEC_KEYS}
    assert keys == SPEC_KEYS
    assert len({c.title for c in COMMANDS}) == len(COMMANDS)  # palette titles are unique


class OpenedUrls(list[str]):
    """What `open_url` was handed; `answer` is what it reports back."""

    answer = True


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> OpenedUrls:
    urls = OpenedUrls()

    def fake_open_url(url: str, **_: Any) -> bool:
        urls.append(url)
        return urls.answer

    monkeypatch.setattr(mailto, "open_url", fake_open_url)
    return urls


async def trigger(pilot: Pilot[Any], via: str, title: str) -> None:
    if via == "key":
        await pilot.press(SPEC_KEYS[title])
    else:
        await run_from_palette(pilot, title)
    await pilot.pause()


async def open_existing_draft(pilot: Pilot[Any]) -> None:
    """Grace Hopper's thank-you draft in the editor, focus back out of the text fields."""
    app = pilot.app
    await select_contact(pilot, "Grace Hopper")
    await pilot.press("t")
    await wait_until(pilot, lambda: editor(app).draft is not None, "the draft to open")
    await pilot.press("escape")  # leave the editor: single letters act again
    await pilot.pause()
    assert not isinstance(app.focused, Input | TextArea)


Check = Callable[[Pilot[Any], str, "FakeClipboard", OpenedUrls], Awaitable[None]]


async def check_add_contact(pilot: Pilot[Any], via: str, *_: Any) -> None:
    await trigger(pilot, via, "Add contact")
    form = await wait_for_screen(pilot, ContactForm)
    assert form.form_title == "Add contact"
    assert form.query_one("#name", Input).value == ""


async def check_edit_contact(pilot: Pilot[Any], via: str, *_: Any) -> None:
    await select_contact(pilot, "Ada Lovelace")
    await trigger(pilot, via, "Edit contact")
    form = await wait_for_screen(pilot, ContactForm)
    assert form.form_title == "Edit contact"
    assert form.query_one("#name", Input).value == "Ada Lovelace"


async def check_log_meeting(pilot: Pilot[Any], via: str, *_: Any) -> None:
    await select_contact(pilot, "Ada Lovelace")
    await trigger(pilot, via, "Log meeting")
    form = await wait_for_screen(pilot, MeetingForm)
    assert form.form_title == "Log meeting with Ada Lovelace"


async def check_draft(
    pilot: Pilot[Any], via: str, title: str, name: str, kind: MessageKind
) -> None:
    app = pilot.app
    await select_contact(pilot, name)
    contact = main_screen(app).contact
    assert contact is not None
    before = app.store.messages_of(contact.id)
    await trigger(pilot, via, title)
    await wait_until(pilot, lambda: editor(app).draft is not None, "the draft to open")
    draft = editor(app).draft
    assert draft is not None
    assert (draft.contact.name, draft.message.kind) == (name, kind)
    latest = max(app.store.meetings_of(contact.id), key=lambda m: m.when)
    assert draft.meeting == latest
    after = app.store.messages_of(contact.id)
    assert len(after) == len(before) + 1
    assert draft.message.id in {m.id for m in after}
    assert app.focused is not None and editor(app) in app.focused.ancestors


async def check_draft_thank_you(pilot: Pilot[Any], via: str, *_: Any) -> None:
    # Katherine Johnson met us yesterday and has no thank-you yet.
    await check_draft(pilot, via, "Draft thank-you", "Katherine Johnson", MessageKind.THANK_YOU)


async def check_draft_follow_up(pilot: Pilot[Any], via: str, *_: Any) -> None:
    # Alan Turing's latest meeting was thanked the day after; the follow-up is next.
    await check_draft(pilot, via, "Draft follow-up", "Alan Turing", MessageKind.FOLLOW_UP)
    assert editor(pilot.app).query_one("#part-benefit").display


async def check_copy_draft(pilot: Pilot[Any], via: str, clipboard: FakeClipboard, *_: Any) -> None:
    await open_existing_draft(pilot)
    message = draft_message(pilot.app)
    await trigger(pilot, via, "Copy draft")
    await settle(pilot)
    expected = copied_body(message)
    assert pilot.app.clipboard == expected
    assert clipboard.text == expected


async def check_open_mail(pilot: Pilot[Any], via: str, _: Any, urls: OpenedUrls) -> None:
    await open_existing_draft(pilot)
    await trigger(pilot, via, "Open draft in mail client")
    await settle(pilot)
    assert len(urls) == 1
    assert urls[0].startswith("mailto:grace@navy-compilers.example?subject=Thank%20you")
    # The body as `c` copies it: one line per paragraph, whatever its length.
    body = parse_qs(urlsplit(urls[0]).query)["body"][0]
    expected = copied_body(draft_message(pilot.app))
    assert body.rstrip("\r\n") == expected.replace("\n", "\r\n")
    assert any(len(line) > 72 for line in body.split("\r\n"))
    assert "Opened in your mail program." in notifications(pilot.app)


async def check_mark_sent(pilot: Pilot[Any], via: str, *_: Any) -> None:
    app = pilot.app
    await open_existing_draft(pilot)
    message_id = draft_message(app).id
    await trigger(pilot, via, "Mark sent")
    await wait_for_screen(pilot, SentForm)
    await pilot.press("enter")
    await wait_for_screen(pilot, MainScreen)
    sent = app.store.message(message_id)
    assert sent is not None and sent.status is MessageStatus.SENT


async def check_agenda(pilot: Pilot[Any], via: str, *_: Any) -> None:
    await trigger(pilot, via, "Agenda")
    agenda = await wait_for_screen(pilot, AgendaScreen)
    assert "overdue" in str(agenda.query_one("#agenda-summary", Static).render())


async def check_search(pilot: Pilot[Any], via: str, *_: Any) -> None:
    await trigger(pilot, via, "Search contacts")
    await pilot.pause()
    assert pilot.app.focused is main_screen(pilot.app).query_one("#contact-filter")


async def check_help(pilot: Pilot[Any], via: str, *_: Any) -> None:
    await trigger(pilot, via, "Help")
    await wait_for_screen(pilot, HelpScreen)


async def check_quit(pilot: Pilot[Any], via: str, *_: Any) -> None:
    await trigger(pilot, via, "Quit")
    await wait_until(pilot, lambda: not pilot.app.is_running, "the app to quit")


CHECKS: dict[str, Check] = {
    "Add contact": check_add_contact,
    "Edit contact": check_edit_contact,
    "Log meeting": check_log_meeting,
    "Draft thank-you": check_draft_thank_you,
    "Draft follow-up": check_draft_follow_up,
    "Copy draft": check_copy_draft,
    "Open draft in mail client": check_open_mail,
    "Mark sent": check_mark_sent,
    "Agenda": check_agenda,
    "Search contacts": check_search,
    "Help": check_help,
    "Quit": check_quit,
}


def test_every_spec_action_has_a_check() -> None:
    assert CHECKS.keys() == SPEC_KEYS.keys()


@pytest.mark.parametrize("title", list(SPEC_KEYS))
async def test_action_from_its_key(
    demo_db: Path,
    today: date,
    fake_clipboard: FakeClipboard,
    opened: OpenedUrls,
    title: str,
) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert app.focused is main_screen(app).contacts_pane.list
        await CHECKS[title](pilot, "key", fake_clipboard, opened)


@pytest.mark.parametrize("title", ["Draft thank-you", "Mark sent"])
async def test_action_from_the_palette(
    demo_db: Path,
    today: date,
    fake_clipboard: FakeClipboard,
    opened: OpenedUrls,
    title: str,
) -> None:
    """The palette UI end to end, for two actions; every title's routing is checked
    without the UI by test_every_command_is_in_the_palette_under_its_title."""
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await CHECKS[title](pilot, "palette", fake_clipboard, opened)


def test_every_command_is_in_the_palette_under_its_title(demo_db: Path, today: date) -> None:
    """Palette routing as a unit: each title runs its action on the screen that owns it."""
    app = ThreetyApp(db_path=demo_db, today=today)
    main, agenda = MainScreen(), AgendaScreen()
    for screen, targets in ((main, (Target.SCREEN, Target.TIMELINE)), (agenda, (Target.AGENDA,))):
        entries = {title: callback for title, _, callback in screen.palette_commands()}
        wanted = {c.title: c.action for t in targets for c in palette(t)}
        assert entries.keys() == wanted.keys()
        for title, action in wanted.items():
            callback = entries[title]
            assert getattr(callback, "__self__", None) is screen, title
            assert callback.__name__ == f"action_{action}", title
        offered = [command.title for command in app.get_system_commands(screen)]
        assert offered[: len(wanted)] == list(wanted), "ours first, in the table's order"
        assert "Theme" in offered[len(wanted) :] or "Change theme" in offered[len(wanted) :]
    titles = {c.title for c in COMMANDS if c.palette}
    assert set(SPEC_KEYS) <= titles


async def test_draft_reopens_the_existing_draft_instead_of_a_new_one(
    demo_db: Path, today: date
) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await select_contact(pilot, "Grace Hopper")
        contact = main_screen(app).contact
        assert contact is not None
        drafts = [m for m in app.store.messages_of(contact.id) if not m.is_sent]
        assert len(drafts) == 1  # the demo's thank-you draft for the latest meeting
        for _ in range(2):
            await pilot.press("t")
            await wait_until(pilot, lambda: editor(app).draft is not None, "the draft")
            assert draft_message(app).id == drafts[0].id
            await pilot.press("escape")
        assert [m.id for m in app.store.messages_of(contact.id) if not m.is_sent] == [drafts[0].id]


async def test_no_mail_program_offers_copy_draft(
    demo_db: Path, today: date, fake_clipboard: FakeClipboard, opened: OpenedUrls
) -> None:
    opened.answer = False
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await open_existing_draft(pilot)
        message = draft_message(app)
        await pilot.press("o")
        question = await wait_for_screen(pilot, Confirm)
        assert len(opened) == 1
        assert "Copy draft" in str(question.query_one("#yes").label)
        await pilot.press("y")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        assert fake_clipboard.text == copied_body(message)


async def test_letters_type_into_the_search_box(demo_db: Path, today: date) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "aq?")
        await pilot.pause()
        main = main_screen(app)
        assert app.screen is main and app.is_running  # no form, no help, no quit
        assert main.query_one("#contact-filter", Input).value == "aq?"
        assert main.contacts_pane.list.rows == []  # nobody matches "aq?"
        await pilot.press("backspace", "backspace", "backspace")
        await type_text(pilot, "ada")
        await pilot.pause()
        assert [row.contact.name for row in main.contacts_pane.list.rows] == ["Ada Lovelace"]


async def test_letters_type_into_the_editor(
    demo_db: Path, today: date, fake_clipboard: FakeClipboard, opened: OpenedUrls
) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await select_contact(pilot, "Grace Hopper")
        await pilot.press("t")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the draft")
        await pilot.pause()
        area = app.focused
        assert isinstance(area, TextArea) and area.id == "part-highlight"
        before = area.text
        await type_text(pilot, " acosgmteq")
        await pilot.pause()
        assert area.text == before + " acosgmteq"
        assert app.screen is main_screen(app) and app.is_running
        assert fake_clipboard.copies == [] and app.clipboard == ""
        assert opened == []
        assert draft_message(app).status is MessageStatus.DRAFT


async def test_editor_control_keys_work_while_typing(
    demo_db: Path, today: date, fake_clipboard: FakeClipboard, opened: OpenedUrls
) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await select_contact(pilot, "Grace Hopper")
        await pilot.press("t")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the draft")
        await pilot.pause()
        await type_text(pilot, " Thanks")
        assert isinstance(app.focused, TextArea)

        # The footer shows the control keys while typing.
        shown = {
            key: active.binding.description
            for key, active in app.screen.active_bindings.items()
            if active.binding.show
        }
        assert {"ctrl+g", "ctrl+o", "ctrl+r"} <= shown.keys(), shown

        await pilot.press("ctrl+g")
        await settle(pilot)
        message = app.store.message(draft_message(app).id)
        assert message is not None and message.parts.highlight.endswith(" Thanks")
        assert fake_clipboard.text == copied_body(message)
        assert isinstance(app.focused, TextArea)  # still typing

        await pilot.press("ctrl+o")
        await settle(pilot)
        assert len(opened) == 1 and opened[0].startswith("mailto:")

        await pilot.press("ctrl+r")
        await wait_for_screen(pilot, SentForm)
        await pilot.press("enter")
        await wait_for_screen(pilot, MainScreen)
        sent = app.store.message(message.id)
        assert sent is not None and sent.status is MessageStatus.SENT
