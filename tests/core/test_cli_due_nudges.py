"""`threety due` (text and --json) and `threety export ics` with meeting-request nudges."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from threety_tui.cli import main
from threety_tui.core.models import Contact, Meeting, Message, MessageKind
from threety_tui.core.store import Store

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    import threety_tui.cli.calendar
    import threety_tui.cli.due

    for module in (threety_tui.cli.due, threety_tui.cli.calendar):
        monkeypatch.setattr(module, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Ada (Acme) asked on Thu 19 Nov; Bo (no employer) on Fri 13 Nov; Grace: a thank-you due."""
    path = tmp_path / "threety.json"
    with Store.open(path) as store:
        ada, _, bo, grace = store.add_contacts(
            [
                Contact("Ada Lovelace", "ada@acme.example", "Acme"),
                Contact("Bob Acme", company="ACME"),
                Contact("Bo \x1b[2JDiddley"),
                Contact("Grace Hopper"),
            ]
        )
        for who, day in ((ada, date(2026, 11, 19)), (bo, date(2026, 11, 13))):
            message = store.save_message(Message(who.id, None, MessageKind.OUTREACH))
            store.mark_sent(message.id, day)
        store.add_meeting(Meeting(grace.id, date(2026, 11, 24)))
    return path


def test_due_json_gives_nudges_their_own_kind(
    db: Path, fixed_today: date, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["due", "--json", "--db", str(db)]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert [(i["contact"], i["kind"], i.get("nudge"), i["due"]) for i in items] == [
        ("Ada Lovelace", "outreach_nudge", "second_contact", "2026-11-24"),
        ("Bo \x1b[2JDiddley", "outreach_nudge", "follow_up_once", "2026-11-24"),
        ("Grace Hopper", "thank_you", None, "2026-11-25"),
    ]
    ada, bo = items[0], items[1]
    assert ada["label"] == "No reply" and ada["state"] == "overdue"
    assert ada["sent"] == "2026-11-19" and ada["company"] == "Acme"
    assert ada["second_contacts"] == ["Bob Acme"]
    assert ada["detail"] == (
        "No reply from Ada: try a second contact at Acme (asked Thu 19 Nov 2026)"
    )
    assert bo["detail"].startswith("Follow up once with Bo")
    assert bo["second_contacts"] == []


def test_due_text_lists_nudges_in_words(
    db: Path, fixed_today: date, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["due", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert "No reply" in lines[0] and "try a second contact at Acme" in lines[0]
    assert "Follow up once" in lines[1] and "Bo ␛[2JDiddley" in lines[1]
    assert "\x1b" not in "".join(lines)
    assert "Thank-you" in lines[2]
    # The columns line up: each name starts at the same place.
    names = ("Ada", "Bo", "Grace")
    assert len({line.index(name) for line, name in zip(lines, names, strict=True)}) == 1


def test_export_ics_says_it_holds_nudges(
    db: Path, tmp_path: Path, fixed_today: date, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "reminders.ics"
    assert main(["export", "ics", str(target), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"Wrote 3 reminders (follow-ups, updates and nudges about meeting requests) to {target}.\n"
        "Also 1 reminder that ended lately, marked cancelled: a calendar that imports the file "
        "again removes it.\n"
    )
    calendar = Calendar.from_ical(target.read_bytes())
    live = [e for e in calendar.walk("VEVENT") if str(e["STATUS"]) != "CANCELLED"]
    assert len(live) == 3  # Ada's two nudges, Bo's one; thank-yous left out


def test_due_piped_prints_whole_lines(
    db: Path, fixed_today: date, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA: piped output (not a terminal) was cut: "…(asked…"; a script needs it whole."""
    assert main(["due", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "…" not in out
    assert out.splitlines()[0].endswith(
        "No reply from Ada: try a second contact at Acme (asked Thu 19 Nov 2026)"
    )


def test_due_on_a_terminal_cuts_lines_to_its_width(
    db: Path, fixed_today: date, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import shutil
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *a: os.terminal_size((80, 24)))
    assert main(["due", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("…") and "No reply from Ada" in lines[0]
    assert all(len(line) <= 80 for line in lines), lines
