"""First run: the sender's name, asked once, saved, applied to open drafts; the Signed check."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from threety_tui.core.compose import checklist, is_signed, new_draft, send_question
from threety_tui.core.models import (
    Contact,
    Insight,
    Meeting,
    Message,
    MessageKind,
    MessageStatus,
    Settings,
)
from threety_tui.core.sender import (
    declined,
    needs_sender_name,
    resign_drafts,
    signature,
    with_sender,
)
from threety_tui.core.store import Store

TODAY = date(2026, 11, 27)
GRACE = Contact("Grace Hopper", id=1)
MET = Meeting(1, TODAY - timedelta(days=1), insights=(Insight("Read the trade press", True),), id=1)


def draft(settings: Settings, id: int = 1) -> Message:
    return replace(new_draft(MessageKind.THANK_YOU, GRACE, MET, TODAY, settings=settings), id=id)


def test_a_fresh_database_needs_the_name_once() -> None:
    fresh = Settings()
    assert needs_sender_name(fresh)
    assert not needs_sender_name(with_sender(fresh, "Sam Rivera"))
    assert not needs_sender_name(declined(fresh))  # asked once: not again
    assert not needs_sender_name(Settings(your_name="Sam"))


def test_with_sender_keeps_one_line_and_the_closing() -> None:
    settings = with_sender(Settings(), "  Sam\nRivera ", "Thanks, ")
    assert settings.your_name == "Sam Rivera"
    assert settings.sign_off == "Thanks,"
    assert settings.name_asked
    assert with_sender(Settings(), "Sam").sign_off == "Best wishes,"
    assert signature(settings) == "Thanks,\nSam Rivera"


def test_settings_keep_name_sign_off_and_asked(tmp_path: Path) -> None:
    settings = with_sender(Settings(), "Sam Rivera", "Cheers,")
    with Store.open(tmp_path / "db.json") as store:
        store.update_settings(settings)
    with Store.open(tmp_path / "db.json", readonly=True) as store:
        assert store.settings == settings
    # An older database without the new keys reads with the defaults.
    old = Settings.from_doc({"your_name": "Sam"})
    assert old.sign_off == "Best wishes," and old.name_asked is False


def test_an_unsigned_draft_is_flagged_and_a_signed_one_is_not() -> None:
    unsigned = new_draft(MessageKind.THANK_YOU, GRACE, MET, TODAY)
    assert unsigned.parts.signoff == "Best wishes,"
    items = checklist(MessageKind.THANK_YOU, unsigned.parts, insights=MET.insights)
    signed_item = next(i for i in items if i.name == "Signed")
    assert not signed_item.ok and "name" in signed_item.detail
    signed = new_draft(
        MessageKind.THANK_YOU, GRACE, MET, TODAY, settings=with_sender(Settings(), "Sam")
    )
    assert signed.parts.signoff == "Best wishes,\nSam"
    items = checklist(MessageKind.THANK_YOU, signed.parts, insights=MET.insights)
    assert all(i.ok for i in items)


@pytest.mark.parametrize(
    ("signoff", "ok"),
    [
        ("Best wishes,\nSam", True),
        ("Cheers, Sam", True),
        ("Sam", True),
        ("Thanks again,\n\nSam Rivera\nsam.example", True),
        ("Best wishes,", False),
        ("Best wishes", False),
        ("Kind regards,", False),
        ("Thanks!", False),
        ("", False),
        ("   \n  ", False),
    ],
)
def test_is_signed(signoff: str, ok: bool) -> None:
    assert is_signed(signoff) is ok


def test_is_signed_knows_the_name() -> None:
    assert is_signed("Best, Sam Rivera", "Sam Rivera")


def test_setting_the_name_signs_the_open_drafts_still_unsigned() -> None:
    before = Settings()
    after = with_sender(before, "Sam Rivera")
    unsigned = draft(before, 1)
    edited = replace(unsigned, id=2, parts=replace(unsigned.parts, signoff="Love,\nSammy"))
    sent = replace(unsigned, id=3, status=MessageStatus.SENT, sent=TODAY)
    changed = resign_drafts([unsigned, edited, sent], before, after)
    assert [m.id for m in changed] == [1]
    assert changed[0].parts.signoff == "Best wishes,\nSam Rivera"
    assert changed[0].body.endswith("Best wishes,\nSam Rivera\n")  # the body follows


def test_changing_the_name_again_updates_drafts_signed_with_the_old_default() -> None:
    first = with_sender(Settings(), "Sam")
    second = with_sender(first, "Sam Rivera", "Thanks,")
    signed_before = draft(first, 4)
    (changed,) = resign_drafts([signed_before], first, second)
    assert changed.parts.signoff == "Thanks,\nSam Rivera"
    assert resign_drafts([changed], second, second) == []  # nothing left to do


def test_send_question_lists_the_amber_items() -> None:
    unsigned = new_draft(MessageKind.THANK_YOU, GRACE, MET, TODAY)
    parts = replace(unsigned.parts, ask="Let me know if I can help.")
    question = send_question(checklist(MessageKind.THANK_YOU, parts, insights=MET.insights))
    assert question is not None
    assert question.startswith("2 items are still amber on the checklist:")
    assert "  Ask: " in question and "  Signed: " in question
    assert question.endswith("Mark it sent anyway?")
    signed = new_draft(MessageKind.THANK_YOU, GRACE, MET, TODAY, your_name="Sam")
    assert (
        send_question(checklist(MessageKind.THANK_YOU, signed.parts, insights=MET.insights)) is None
    )
