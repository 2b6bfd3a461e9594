"""`threety stats` and `threety export ics`, in process and as a real command."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from threety_tui.cli import main
from threety_tui.core.models import Contact, Insight, Kind, Meeting, Message, MessageKind
from threety_tui.core.store import Store

TODAY = date(2026, 11, 25)
DAY = timedelta(days=1)


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    import threety_tui.cli.calendar
    import threety_tui.cli.report

    for module in (threety_tui.cli.report, threety_tui.cli.calendar):
        monkeypatch.setattr(module, "today", lambda: TODAY)
    return TODAY


def sent(store: Store, message: Message, on: date) -> Message:
    return store.mark_sent(store.save_message(message).id, on)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Grace thanked on time and followed up; Ada thanked late; Linus never (met 12 days ago)."""
    path = tmp_path / "threety.json"
    with Store.open(path) as store:
        grace, ada, linus = store.add_contacts(
            [
                Contact("Grace Hopper", kind=Kind.BOOSTER),
                Contact("Ada Lovelace", kind=Kind.BOOSTER),
                Contact("Linus \x1b[31m\x9bPauling", kind=Kind.OBLIGATE),
            ]
        )
        met = store.add_meeting(Meeting(grace.id, TODAY - 50 * DAY, insights=(Insight("Read"),)))
        sent(store, Message(grace.id, met.id, MessageKind.THANK_YOU), TODAY - 50 * DAY)
        sent(store, Message(grace.id, met.id, MessageKind.FOLLOW_UP), TODAY - 22 * DAY)
        met = store.add_meeting(Meeting(ada.id, TODAY - 10 * DAY))
        sent(store, Message(ada.id, met.id, MessageKind.THANK_YOU), TODAY - 8 * DAY)
        store.add_meeting(Meeting(linus.id, TODAY - 12 * DAY))
    return path


def test_stats_text(db: Path, fixed_today: date, capsys: pytest.CaptureFixture[str]) -> None:
    before = db.read_bytes()
    assert main(["stats", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "Follow-through",
        "  Thank-yous within 24 h:  1 of 3 (33%), 1 more within 48 h",
        "  Follow-ups on time:      1 of 1 (100%)",
        "  Overall:                 2 of 4 (50%)",
        "",
        "Contacts: 3 (2 Boosters, 1 Obligate)",
        "Meetings: 3",
        "Messages sent: 3 (2 thank-yous, 1 follow-up)",
        "Drafts: 0",
        "Open homework: 1",
        "",
        "Replies",
        "  Meeting requests:  nothing to score yet",
        "  Thank-yous:        0 of 1 (0%)",
        "  Follow-ups:        0 of 1 (0%)",
        "  Updates:           nothing to score yet",
        "  All messages:      0 of 2 (0%)",
        "  Not counted yet: 1 sent in the last 7 business days, no reply so far.",
        "",
        "Meetings you have not thanked (1):",
        "  Linus \u241b[31m\ufffdPauling  met Fri 13 Nov 2026  12 days ago",
        "",
        "Who never answered (1):",
        "  Grace Hopper  last written Tue 3 Nov 2026  (2 messages)",
    ]
    assert db.read_bytes() == before  # read-only


def test_stats_json(db: Path, fixed_today: date, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "stats", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out  # control characters stay escaped
    doc = json.loads(out)
    assert doc["today"] == TODAY.isoformat()
    assert doc["score"]["thank_you"]["on_time"] == 1
    assert doc["score"]["thank_you"]["late"] == 1
    assert doc["score"]["follow_up"] == {"on_time": 1, "eligible": 1, "rate": 1.0}
    assert doc["silent"][0]["contact"] == "Linus \x1b[31m\x9bPauling"
    assert doc["silent"][0]["days"] == 12
    assert doc["replies"]["thank_you"] == {
        "sent": 2,
        "counted": 1,
        "replied": 0,
        "rate": 0.0,
        "median_days": None,
    }
    assert doc["replies"]["all"]["counted"] == 2
    assert [n["contact"] for n in doc["never_answered"]] == ["Grace Hopper"]


def test_stats_on_an_empty_database(
    tmp_path: Path, fixed_today: date, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "none.json"
    empty.touch()  # an empty file is a new database
    assert main(["stats", "--db", str(empty)]) == 0
    out = capsys.readouterr().out
    assert "Thank-yous within 24 h:  nothing to score yet" in out
    assert "Every meeting has had its thank-you." in out
    assert empty.read_bytes() == b""


def test_stats_on_a_file_that_is_not_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.json"
    other.write_text("[1, 2, 3]")
    assert main(["stats", "--db", str(other)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("threety: ") and "not a threety database" in err
    assert len(err.strip().splitlines()) == 1


def test_export_ics(
    db: Path, tmp_path: Path, fixed_today: date, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "reminders.ics"
    assert main(["export", "ics", str(target), "--db", str(db)]) == 0
    assert capsys.readouterr().out == (
        f"Wrote 2 reminders (follow-ups and updates) to {target}.\n"
        "Also 1 reminder that ended lately, marked cancelled: a calendar that imports the file "
        "again removes it.\n"
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    calendar = Calendar.from_ical(target.read_bytes())
    assert sorted(
        str(e["SUMMARY"]) for e in calendar.walk("VEVENT") if str(e["STATUS"]) != "CANCELLED"
    ) == [
        "Follow up with Ada Lovelace (3TY)",
        "Send an update to Grace Hopper (3TY)",
    ]


def test_export_ics_errors(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = db.read_bytes()
    assert main(["export", "ics", str(db), "--db", str(db)]) == 1
    assert "that is the threety database" in capsys.readouterr().err
    assert db.read_bytes() == before
    assert main(["export", "ics", str(tmp_path / "no" / "r.ics"), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("threety: Cannot write the calendar") and "does not exist" in err


def test_export_ics_with_nothing_scheduled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "r.ics"
    (tmp_path / "empty.json").touch()
    assert main(["export", "ics", str(target), "--db", str(tmp_path / "empty.json")]) == 0
    assert "no follow-up or update is scheduled yet" in capsys.readouterr().out
    assert Calendar.from_ical(target.read_bytes()).walk("VEVENT") == []


def _threety(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("threety")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "threety_tui"]
    env = {k: v for k, v in os.environ.items() if k != "THREETY_DB"}
    env["XDG_DATA_HOME"] = str(tmp / "xdg")
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


def test_real_commands_on_the_demo_database(tmp_path: Path) -> None:
    db = tmp_path / "demo.json"
    assert _threety("demo", "--db", str(db), "--no-open", tmp=tmp_path).returncode == 0
    result = _threety("stats", "--db", str(db), tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Follow-through\n  Thank-yous within 24 h:  ")
    assert "Meetings you have not thanked (" in result.stdout
    target = tmp_path / "demo.ics"
    result = _threety("export", "ics", str(target), "--db", str(db), tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    cancelled = sum(1 for e in events if str(e.get("STATUS", "")) == "CANCELLED")
    count = len(events) - cancelled
    assert count > 0
    kinds = "follow-ups, updates and nudges about meeting requests"  # the demo has requests
    said = f"Wrote {count} reminders ({kinds}) to {target}.\n"
    if cancelled:  # steps closed lately stay, cancelled, so a calendar drops them (QA 13.10)
        said += (
            f"Also {cancelled} reminders that ended lately, marked cancelled: "
            "a calendar that imports the file again removes them.\n"
        )
    assert result.stdout == said
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")]
    assert any(s.startswith("No reply from Hedy Lamarr?") for s in summaries)


def test_run_as_the_command_it_leaves_what_it_read_to_the_exit(demo_db: Path) -> None:
    """Freeing 1.5 million objects one by one only delays an exit that frees them at once;
    called from Python (a test, a script) the command keeps nothing."""
    import argparse
    import gc
    import weakref

    from threety_tui.cli.database import left_to_the_exit
    from threety_tui.core.store import Store

    for ends in (False, True):
        store = Store.open(demo_db, readonly=True)
        store.close()
        ref = weakref.ref(store)
        left_to_the_exit(store, argparse.Namespace(process_ends=ends))
        del store
        gc.collect()
        assert (ref() is not None) == ends
        gc.unfreeze()
        gc.collect()
        assert ref() is None
