"""Issue 12 on screen: drafts a mail client takes as they are, and a first run that signs them.

`c` copies the body alone; the palette copies the subject, the address, or the
whole draft as an email (parsed here with Python's `email` package); the first
draft on a database without a sender name asks for it once; ctrl+n cycles a
part's wordings; Mark sent asks when the checklist is amber; a late thank-you
says so; the footer shows one key per command; the preview wraps to its width.
"""

from __future__ import annotations

import email.policy
from dataclasses import replace
from datetime import date, timedelta
from email.parser import Parser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from app_support import (
    NARROW,
    WIDE,
    copied_body,
    draft_message,
    editor,
    enter_text,
    main_screen,
    notifications,
    read_db,
    rendered_text,
    resize,
    run_from_palette,
    select_contact,
    settle,
    wait_for_screen,
    wait_until,
)
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from threety_tui.app import ThreetyApp
from threety_tui.core import outreach
from threety_tui.core.models import (
    Channel,
    Contact,
    Insight,
    Meeting,
    Message,
    MessageKind,
    MessageStatus,
    Parts,
    Settings,
)
from threety_tui.core.store import Store
from threety_tui.screens.confirm import Confirm
from threety_tui.screens.main import MainScreen
from threety_tui.screens.sender_form import SenderForm
from threety_tui.screens.sent_form import SentForm
from threety_tui.screens.settings_form import SettingsForm
from threety_tui.widgets.preview import EmailPreview

if TYPE_CHECKING:
    from conftest import FakeClipboard

TODAY = date(2026, 11, 25)
SHADOW_DAY = "Ask for a shadow day with the product team at your own company"


def checklist(app: ThreetyApp) -> str:
    return rendered_text(editor(app).query_one("#checklist"))


def preview(app: ThreetyApp) -> EmailPreview:
    return editor(app).query_one("#preview", EmailPreview)


async def open_draft(pilot: Pilot[Any], name: str, key: str = "t") -> Message:
    await select_contact(pilot, name)
    await pilot.press(key)
    await wait_until(pilot, lambda: editor(pilot.app).draft is not None, f"{name}'s draft")
    await pilot.pause()
    return draft_message(pilot.app)


# -- what the mail client gets -----------------------------------------------------------


async def test_c_copies_the_body_alone_in_the_advisers_words_turned_to_mine(
    demo_db: Path, fake_clipboard: FakeClipboard
) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        message = await open_draft(pilot, "Tim Berners-Lee")
        await pilot.press("escape", "c")
        await settle(pilot)
        text = fake_clipboard.text
        assert text == copied_body(message) == app.clipboard
        paragraphs = text.split("\n\n")
        assert paragraphs[0] == "Hi Tim,"
        assert "Subject" not in text and message.subject not in text
        assert "at my own company" in text and "your own company" not in text
        assert paragraphs[-1] == "Best wishes,\nSam Rivera"
        assert all("\n" not in p for p in paragraphs[:-1]), "one line per paragraph"
        assert any(len(p) > 72 for p in paragraphs), "no hard wraps at 72 columns"
        said = notifications(app)[-1]
        assert said.startswith(f"Copied the body of \u201c{message.subject}\u201d")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Copy subject", "Thank you for the coffee on Monday"),
        ("Copy email address", "tim@webfoundry.example"),
    ],
)
async def test_the_palette_copies_the_subject_or_the_address_alone(
    demo_db: Path, fake_clipboard: FakeClipboard, title: str, expected: str
) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        message = await open_draft(pilot, "Tim Berners-Lee")
        assert message.subject == "Thank you for the coffee on Monday"  # names the occasion
        await run_from_palette(pilot, title)
        await settle(pilot)
        assert fake_clipboard.text == expected
        assert expected in notifications(app)[-1]


async def test_copy_as_email_parses_as_an_email_to_them(
    demo_db: Path, fake_clipboard: FakeClipboard
) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        message = await open_draft(pilot, "Tim Berners-Lee")
        await run_from_palette(pilot, "Copy as email")
        await settle(pilot)
        parsed = Parser(policy=email.policy.default).parsestr(fake_clipboard.text)
        assert parsed["To"].addresses[0].addr_spec == "tim@webfoundry.example"
        assert parsed["To"].addresses[0].display_name == "Tim Berners-Lee"
        assert parsed["Subject"] == message.subject == "Thank you for the coffee on Monday"
        body = parsed.get_content()
        assert body.rstrip("\n") == copied_body(message)
        assert "as an email to Tim Berners-Lee" in notifications(app)[-1]


async def test_copy_as_email_without_an_address_says_the_to_line_is_empty(
    empty_db: Path, fake_clipboard: FakeClipboard
) -> None:
    met(empty_db, email="", signed=True)
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await open_draft(pilot, "Grace Hopper")
        await run_from_palette(pilot, "Copy email address")
        await settle(pilot)
        assert fake_clipboard.copies == []
        assert "Grace Hopper has no email address" in notifications(app)[-1]
        await run_from_palette(pilot, "Copy as email")
        await settle(pilot)
        assert fake_clipboard.text.startswith(
            "To:\nSubject: Thank you for the call yesterday\n\nHi Grace,"
        )
        assert "the To: line is empty" in notifications(app)[-1]


# -- the first run ----------------------------------------------------------------------


def met(
    path: Path,
    *,
    days_ago: int = 1,
    email: str = "grace@navy.example",
    signed: bool = False,
    name: str = "Grace Hopper",
) -> None:
    """A contact met `days_ago` days before TODAY with one favourite insight; maybe signed."""
    with Store.open(path) as store:
        if signed:
            store.update_settings(Settings(your_name="Sam Rivera"))
        contact = store.add_contact(Contact(name, email))
        store.add_meeting(
            Meeting(
                contact.id,
                TODAY - timedelta(days=days_ago),
                channel=Channel.CALL,
                insights=(Insight(SHADOW_DAY, favourite=True),),
            )
        )


async def test_the_first_draft_asks_who_signs_once_and_signs_the_open_draft(
    empty_db: Path,
) -> None:
    met(empty_db)
    met(empty_db, name="Ada Lovelace", email="ada@example.com")
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await open_draft(pilot, "Grace Hopper")
        form = await wait_for_screen(pilot, SenderForm)
        assert app.focused is form.query_one("#your_name", Input)
        assert form.query_one("#sign_off", Input).value == "Best wishes,"
        assert draft_message(app).parts.signoff == "Best wishes,"  # unsigned until answered
        await enter_text(pilot, "Sam Rivera")
        await pilot.press("tab", "ctrl+u")
        await enter_text(pilot, "Thanks again,")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)

        # The open draft is signed, in the editor, the checklist and the store.
        message = draft_message(app)
        assert message.parts.signoff == "Thanks again,\nSam Rivera"
        assert editor(app).query_one("#part-signoff", TextArea).text == "Thanks again,\nSam Rivera"
        assert "✓ Signed" in checklist(app)
        assert preview(app).text.endswith("\n\nThanks again,\nSam Rivera")
        stored = app.store.message(message.id)
        assert stored is not None and stored.body.endswith("Thanks again,\nSam Rivera\n")
        settings = app.store.settings
        assert (settings.your_name, settings.sign_off) == ("Sam Rivera", "Thanks again,")

        # Never asked again: the next draft is signed from the start.
        await pilot.press("escape")
        ada = await open_draft(pilot, "Ada Lovelace")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert ada.parts.signoff == "Thanks again,\nSam Rivera"
    assert read_db(empty_db)["meta"]["1"]["settings"]["your_name"] == "Sam Rivera"


async def test_declining_is_remembered_and_the_checklist_keeps_saying_unsigned(
    empty_db: Path,
) -> None:
    met(empty_db)
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await open_draft(pilot, "Grace Hopper")
        await wait_for_screen(pilot, SenderForm)
        await pilot.press("escape")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        assert "! Signed" in checklist(app)
        assert any("Drafts stay unsigned" in n for n in notifications(app))
        await pilot.press("escape", "t")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen), "not asked a second time"
    settings = read_db(empty_db)["meta"]["1"]["settings"]
    assert settings["name_asked"] is True and settings["your_name"] == ""
    app = ThreetyApp(db_path=empty_db, today=TODAY)  # nor after a restart
    async with app.run_test(size=WIDE) as pilot:
        await open_draft(pilot, "Grace Hopper")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_settings_has_the_sign_off_and_a_new_name_signs_the_open_draft(
    empty_db: Path,
) -> None:
    met(empty_db, signed=True)
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        message = await open_draft(pilot, "Grace Hopper")
        assert message.parts.signoff == "Best wishes,\nSam Rivera"
        await run_from_palette(pilot, "Settings")
        form = await wait_for_screen(pilot, SettingsForm)
        form.query_one("#your_name", Input).value = "Samantha Rivera"
        form.query_one("#sign_off", Input).value = "Kind regards,"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        assert draft_message(app).parts.signoff == "Kind regards,\nSamantha Rivera"
        assert app.store.settings.sign_off == "Kind regards,"
        assert any("1 open draft signed" in n for n in notifications(app))


# -- drafts a person would send -------------------------------------------------------------


async def test_a_thank_you_three_months_late_says_so_in_the_editor_and_on_the_clipboard(
    empty_db: Path, fake_clipboard: FakeClipboard
) -> None:
    met(empty_db, days_ago=91, signed=True)
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        message = await open_draft(pilot, "Grace Hopper")
        gratitude = editor(app).query_one("#part-gratitude", TextArea).text
        assert gratitude.startswith("Sorry this is so late.")
        assert "this week" not in message.parts.highlight  # no promise a late date makes odd
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert fake_clipboard.text.split("\n\n")[1].startswith("Sorry this is so late. Thank you")


async def test_ctrl_n_cycles_the_part_and_the_preview_follows_in_the_same_frame(
    demo_db: Path,
) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await open_draft(pilot, "Tim Berners-Lee")
        main = main_screen(app)
        highlight = editor(app).query_one("#part-highlight", TextArea)
        assert app.focused is highlight
        first = highlight.text
        assert first.startswith("What stayed with me most was your advice")

        # Called as the key calls it, with no frame in between: field and preview agree.
        main.action_cycle_wording()
        second = highlight.text
        assert second != first and "my own company" in second
        assert second in preview(app).text and first not in preview(app).text
        assert draft_message(app).parts.highlight == second

        # Round the cycle by key, back to the first wording; ctrl+z undoes like typing.
        for _ in range(5):
            await pilot.press("ctrl+n")
            if highlight.text == first:
                break
        assert highlight.text == first
        await pilot.press("ctrl+z")
        assert highlight.text != first

        # An amber part turns green with a wording: the checklist follows.
        highlight.clear()
        await pilot.pause()
        assert "! Highlight" in checklist(app)
        await pilot.press("ctrl+n")
        assert highlight.text == first
        assert "✓ Highlight" in checklist(app)

        # The subject, the greeting and the sign-off cycle too.
        for part, after in (
            ("subject", "Thanks for the coffee on Monday"),
            ("greeting", "Hello Tim,"),
            ("signoff", "With thanks,\nSam Rivera"),
        ):
            editor(app).focus_part(part)
            await pilot.pause()
            await pilot.press("ctrl+n")
            field = editor(app).query_one(f"#part-{part}")
            assert (field.value if isinstance(field, Input) else field.text) == after  # type: ignore[attr-defined]
            assert after.split("\n")[0] in preview(app).text


async def test_words_of_my_own_come_back_round_the_cycle(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await open_draft(pilot, "Tim Berners-Lee")
        editor(app).focus_part("subject")
        await pilot.pause()
        subject = editor(app).query_one("#part-subject", Input)
        subject.value = "Coffee, and a shadow day"
        await pilot.pause()
        seen = []
        for _ in range(4):  # three wordings, then back to mine
            await pilot.press("ctrl+n")
            seen.append(subject.value)
        assert seen == [
            "Thank you for the coffee on Monday",
            "Thanks for the coffee on Monday",
            "Thank you for your time and advice on Monday",
            "Coffee, and a shadow day",
        ]
        assert draft_message(app).subject == "Coffee, and a shadow day"


async def test_a_part_with_no_other_wording_says_so(empty_db: Path) -> None:
    with Store.open(empty_db) as store:
        store.update_settings(Settings(your_name="Sam Rivera"))
        grace = store.add_contact(Contact("Grace Hopper", "grace@navy.example"))
        meeting = store.add_meeting(
            Meeting(grace.id, TODAY - timedelta(days=31), insights=(Insight(SHADOW_DAY, True),))
        )
        thanks = store.save_message(
            Message(grace.id, meeting.id, MessageKind.THANK_YOU, Parts("Hi"), "Thanks", "Hi")
        )
        store.mark_sent(thanks.id, TODAY - timedelta(days=30))
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await open_draft(pilot, "Grace Hopper", "f")
        benefit = editor(app).query_one("#part-benefit", TextArea)
        assert app.focused is benefit and benefit.text == ""  # nothing recorded to say
        await pilot.press("ctrl+n")
        assert benefit.text == ""
        assert "No other wording for the benefit: type your own." in notifications(app)


async def test_a_meeting_request_names_its_own_parts(demo_db: Path) -> None:
    with Store.open(demo_db) as store:
        store.add_contact(Contact("Joan Clarke", "joan@example.com"))  # how met: not recorded
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        message = await open_draft(pilot, "Joan Clarke", "w")
        assert message.kind is MessageKind.OUTREACH
        editor(app).focus_part("gratitude")  # labelled "1 Connection" in a request
        await pilot.pause()
        await pilot.press("ctrl+n")
        assert "No other wording for the connection: type your own." in notifications(app)
        editor(app).focus_part("signoff")
        await pilot.pause()
        await pilot.press("ctrl+n")
        assert draft_message(app).parts.signoff == "With thanks,\nSam Rivera"


async def test_f7_selects_the_whole_part_so_typing_replaces_it(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await open_draft(pilot, "Tim Berners-Lee")
        editor(app).focus_part("subject")
        await pilot.pause()
        await pilot.press("f7", "N", "e", "w")
        assert editor(app).query_one("#part-subject", Input).value == "New"
        assert "Subject: New\n" in preview(app).text
        hint = rendered_text(editor(app).query_one("#editor-hint"))
        assert "ctrl+n" in hint and "F7" in hint  # said on screen, not only in the help


async def test_an_update_checks_for_news(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        message = await open_draft(pilot, "Barbara Liskov", "u")
        assert message.kind is MessageKind.UPDATE
        text = checklist(app)
        assert "! News: nothing new since" in text and "Benefit" not in text


# -- mark sent --------------------------------------------------------------------------


async def test_mark_sent_with_amber_items_asks_first(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        message = await open_draft(pilot, "Tim Berners-Lee")
        editor(app).query_one("#part-ask", TextArea).load_text("Let me know if I can help.")
        editor(app)._changed()
        await pilot.press("ctrl+r")
        question = await wait_for_screen(pilot, Confirm)
        asked = rendered_text(question.query_one(Static))
        assert "1 item is still amber" in asked and "Ask:" in asked
        await pilot.press("n")
        await wait_for_screen(pilot, MainScreen)
        await settle(pilot)
        stored = app.store.message(message.id)
        assert stored is not None and stored.status is MessageStatus.DRAFT
        assert stored.parts.ask == "Let me know if I can help."

        await pilot.press("ctrl+r")  # yes: on to the date
        await wait_for_screen(pilot, Confirm)
        await pilot.press("y")
        await wait_for_screen(pilot, SentForm)
        await pilot.press("enter")
        await settle(pilot)
        stored = app.store.message(message.id)
        assert stored is not None and stored.status is MessageStatus.SENT


async def test_mark_sent_all_green_goes_straight_to_the_date(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await open_draft(pilot, "Tim Berners-Lee")
        assert "!" not in checklist(app)
        await pilot.press("ctrl+r")
        await wait_for_screen(pilot, SentForm)


# -- the footer and the preview ---------------------------------------------------------------


def footer_keys(app: ThreetyApp) -> list[str]:
    from threety_tui.widgets.key_bar import KeyBar

    bar = main_screen(app).query_one(KeyBar)
    return [key.display for key in bar._fitting(bar.size.width)]


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
async def test_the_footer_shows_one_key_per_command(demo_db: Path, size: tuple[int, int]) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await open_draft(pilot, "Tim Berners-Lee")
        await settle(pilot)
        typing = footer_keys(app)  # in the highlight: the control keys, no letters
        panes = ["F2 F3 F4"] if size == NARROW else []  # the tabs' keys, below 100 columns
        assert typing[:6] == [*panes, "^g", "^r", "^o", "^n", "F7", "esc"][:6], typing
        assert "c" not in typing and "s" not in typing
        editor(app).query_one("#insight-pick").focus()  # in the editor, not in a text field
        await pilot.pause()
        await settle(pilot)
        keys = footer_keys(app)
        assert {"c", "s", "o"} <= set(keys), keys
        assert not {"^g", "^r", "^o", "^n", "F7"} & set(keys), keys
        assert keys.index("c") < keys.index("s") < keys.index("o")  # by importance


async def test_the_preview_wraps_to_its_width_and_again_on_resize(demo_db: Path) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(160, 45)) as pilot:
        message = await open_draft(pilot, "Tim Berners-Lee")
        view = preview(app)
        await settle(pilot)
        heights = []
        for size in ((160, 45), (120, 40), (80, 40)):
            await resize(pilot, *size)
            await settle(pilot)
            width = view.size.width
            drawn = [
                "".join(s.text for s in view.render_line(y)).rstrip()
                for y in range(view.size.height)
            ]
            assert all(len(line) <= width for line in drawn)
            assert len(drawn) > len(view.text.split("\n")), "long paragraphs wrap"
            words = " ".join(drawn).split()
            assert words == f"Subject: {message.subject}\n{copied_body(message)}".split()
            assert view.text.split("\n")[0] == f"Subject: {message.subject}"  # not wrapped
            heights.append((width, len(drawn)))
        (wide, tall), (narrow, short) = max(heights), min(heights)
        assert narrow < wide and short > tall, heights  # re-wrapped at each width


async def test_a_new_draft_is_signed_from_the_settings_and_an_update_tells_the_news(
    demo_db: Path,
) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        with app.store.batch():
            settings = app.store.settings
            app.store.update_settings(replace(settings, sign_off="Thanks,"))
        message = await open_draft(pilot, "Alan Turing", "u")
        assert message.parts.signoff == "Thanks,\nSam Rivera"
        assert "✓ News" in checklist(app)


async def test_ctrl_n_brings_back_the_pre_filled_connection_and_then_your_own(
    demo_db: Path,
) -> None:
    """QA 13.12: after overwriting a request's pre-filled Connection, ctrl+n brings it back, then
    the other wordings, then the user's own words."""
    with Store.open(demo_db) as store:
        store.add_contact(
            Contact("Joan Clarke", "joan@example.com", how_met="Women in Aerospace meetup")
        )
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await open_draft(pilot, "Joan Clarke", "w")
        connection = editor(app).query_one("#part-gratitude", TextArea)
        pre_filled = connection.text
        assert pre_filled == "We met at the Women in Aerospace meetup."
        editor(app).focus_part("gratitude")
        await pilot.pause()
        await pilot.press("f7", *"Mine.")  # overwrite it, as a person would
        assert connection.text == "Mine."
        await pilot.press("ctrl+n")
        assert connection.text == pre_filled
        assert pre_filled in preview(app).text
        others = outreach.wordings("gratitude", editor(app).draft.contact)  # type: ignore[union-attr]
        assert others is not None and others[0] == pre_filled
        for wording in others[1:]:
            await pilot.press("ctrl+n")
            assert connection.text == wording
        await pilot.press("ctrl+n")
        assert connection.text == "Mine."  # round the cycle: nothing typed is lost to the key
        await pilot.press("ctrl+n")
        assert connection.text == pre_filled
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert draft_message(app).parts.gratitude == pre_filled


async def test_a_part_with_one_wording_cycles_between_it_and_your_own(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a single wording ctrl+n said "No other wording" and the user's words were gone."""
    from threety_tui.core import wordings

    with Store.open(demo_db) as store:
        store.add_contact(Contact("Joan Clarke", "joan@example.com", how_met="Alan Turing"))
    single = "I found your name through Alan Turing."
    real = wordings.wordings
    monkeypatch.setattr(
        wordings,
        "wordings",
        lambda part, ctx: (single,) if part == "gratitude" else real(part, ctx),
    )
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await open_draft(pilot, "Joan Clarke", "w")
        connection = editor(app).query_one("#part-gratitude", TextArea)
        editor(app).focus_part("gratitude")
        await pilot.pause()
        await pilot.press("f7", *"Mine.")
        for expected in (single, "Mine.", single):
            await pilot.press("ctrl+n")
            assert connection.text == expected
        assert not any("No other wording" in n for n in notifications(app))


@pytest.mark.parametrize("size", [(100, 30), (140, 45), (80, 24)])
async def test_the_checklist_wraps_between_items_never_inside_one(
    demo_db: Path, size: tuple[int, int]
) -> None:
    """Seen in use at 140x45 and 100x30: "… ✓ Signed  ✓" then "Length" on the next line."""
    with Store.open(demo_db) as store:
        store.add_contact(Contact("Joan Clarke", "joan@example.com", "Langley", how_met="PyCon"))
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await open_draft(pilot, "Joan Clarke", "w")
        await pilot.pause()
        lines = [line.strip() for line in checklist(app).splitlines() if line.strip()]
        names = ("Connection", "Advice", "Question", "About them", "Signed", "Length")
        for name in names:
            assert any(f"✓ {name}" in line for line in lines), (name, lines)
        assert not any(line.endswith(("✓", "!")) for line in lines), lines
        # Typing reflows it: an amber item with its hint, still whole items per line.
        editor(app).focus_part("ask")
        await pilot.pause()
        await pilot.press("f7", *"Any jobs?")
        await pilot.pause()
        lines = [line.strip() for line in checklist(app).splitlines() if line.strip()]
        assert any(line.startswith("! ") for line in lines), lines
        assert not any(line.endswith(("✓", "!")) for line in lines), lines
