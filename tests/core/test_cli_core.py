"""The command line: version, help, `due` (text and JSON) on a demo database, `demo`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from core_support import cli_env, run_threety

from threety_tui import __version__
from threety_tui.cli import main
from threety_tui.core import business_days
from threety_tui.core.dates import due_words
from threety_tui.core.models import Contact, Meeting
from threety_tui.core.store import Store

COMMANDS = ("due", "stats", "demo", "import", "export")


def due_json(path: Path, tmp: Path, *extra: str) -> dict[str, Any]:
    result = run_threety("due", "--json", "--db", path, *extra, tmp=tmp)
    assert result.returncode == 0, result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def test_version(tmp_path: Path) -> None:
    result = run_threety("--version", tmp=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"threety {__version__}"
    module = subprocess.run(
        [sys.executable, "-m", "threety_tui", "--version"],
        capture_output=True,
        text=True,
        env=cli_env(tmp_path),
        timeout=60,
    )
    assert module.returncode == 0, module.stderr
    assert module.stdout.strip() == f"threety {__version__}"


def test_top_level_help_lists_every_command(tmp_path: Path) -> None:
    result = run_threety("--help", tmp=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: threety")
    for command in COMMANDS:
        assert f"\n    {command}" in result.stdout, command
    assert "--db" in result.stdout and "--version" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([command, "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: threety {command}")
    assert "--db PATH" in out


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ("due", ("nudges about a meeting request", "3 business days", "outreach_nudge")),
        ("stats", ("reply rate", "median days to a reply", "never answered")),
    ],
)
def test_help_says_what_the_loop_added(
    command: str, words: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """QA 13.13: `due --help` did not mention nudges, nor `stats --help` reply rates."""
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for word in words:
        assert word in out, word


def test_unknown_command_and_bad_option_are_usage_errors(tmp_path: Path) -> None:
    for args in (("bogus",), ("due", "--days", "soon"), ("due", "--db")):
        result = run_threety(*args, tmp=tmp_path)
        assert result.returncode == 2, args
        assert result.stdout == ""
        assert "usage: threety" in result.stderr and "error:" in result.stderr
        assert "Traceback" not in result.stderr


def test_due_lists_the_real_due_and_overdue_items_of_the_demo(
    demo_db: Path, tmp_path: Path
) -> None:
    report = due_json(demo_db, tmp_path)
    today = date.fromisoformat(report["today"])
    items = report["items"]
    assert items, "the demo has things due"
    dues = [date.fromisoformat(i["due"]) for i in items]
    assert dues == sorted(dues)  # oldest first
    assert all(due <= today + timedelta(days=7) for due in dues)
    states = {i["state"] for i in items}
    assert "overdue" in states
    kinds = {i["kind"] for i in items if i["state"] == "overdue"}
    assert "thank_you" in kinds and kinds & {"follow_up", "update"}

    # Cross-check against the facts in the file: every meeting with no thank-you
    # sent and not closed is listed as a thank-you due the day after it.
    with Store.open(demo_db, readonly=True) as store:
        thanked = {
            m.meeting_id for m in store.all_messages() if m.is_sent and m.kind.value == "thank_you"
        }
        unthanked = [
            m
            for m in store.all_meetings()
            if m.id not in thanked and not m.closed and not m.snoozed_until
        ]
        listed = {i["meeting_id"]: i for i in items if i["kind"] == "thank_you"}
        assert unthanked
        for meeting in unthanked:
            item = listed[meeting.id]
            assert item["due"] == (meeting.when + timedelta(days=1)).isoformat()
            assert item["met"] == meeting.when.isoformat()
            assert item["contact"] == store.contact(meeting.contact_id).name  # type: ignore[union-attr]
            assert item["state"] == (
                "overdue" if meeting.when + timedelta(days=1) < today else "due"
            )
        snoozed = [i for i in items if i["snooze_reason"]]
        assert snoozed and all("snoozed" in i["detail"] for i in snoozed)

    # The text form lists the same items in the same order, in words.
    text = run_threety("due", "--db", demo_db, tmp=tmp_path)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert len(lines) == len(items)
    for line, item in zip(lines, items, strict=True):
        assert item["contact"] in line
        assert item["label"] in line
        due = date.fromisoformat(item["due"])
        if item.get("nudge") and due < today:  # a nudge is overdue by business days
            late = business_days.between(due, today)
            words = f"{late} business day" if late else "overdue since"
            assert words in line
        else:
            assert due_words(due, today) in line
        assert line.startswith("!") == item["urgent"]


def test_due_days_widens_the_window(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def items(days: str) -> tuple[date, list[dict[str, Any]]]:
        capsys.readouterr()
        assert main(["due", "--json", "--db", str(demo_db), "--days", days]) == 0
        report = json.loads(capsys.readouterr().out)
        return date.fromisoformat(report["today"]), report["items"]

    today, week = items("7")
    _, wide = items("400")
    assert len(wide) > len(week)
    assert all(date.fromisoformat(i["due"]) <= today + timedelta(days=400) for i in wide)
    _, huge = items("99999999")  # no overflow
    assert len(huge) >= len(wide)
    _, negative = items("-3")
    assert negative and all(date.fromisoformat(i["due"]) <= today for i in negative)


def test_db_is_accepted_before_or_after_the_command(demo_db: Path, tmp_path: Path) -> None:
    after = run_threety("due", "--db", demo_db, tmp=tmp_path)
    before = run_threety("--db", demo_db, "due", tmp=tmp_path)
    assert after.returncode == before.returncode == 0
    assert after.stdout == before.stdout and after.stdout


def test_due_on_a_missing_database_is_an_error(tmp_path: Path) -> None:
    """A typo in a cron job's path must not read as "nothing due"."""
    path = tmp_path / "absent.json"
    for args in (("due",), ("due", "--json"), ("stats",), ("export", "ics", tmp_path / "r.ics")):
        result = run_threety(*args, "--db", path, tmp=tmp_path)
        assert (result.returncode, result.stdout) == (2, ""), args
        assert result.stderr == (
            f"threety: {path}: does not exist, so there is nothing to read"
            " (check the path, --db or THREETY_DB)\n"
        )
    assert not path.exists()  # reading creates nothing
    assert not (tmp_path / "r.ics").exists()


def test_due_on_a_new_empty_database_says_nothing_is_due(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.touch()
    result = run_threety("due", "--db", path, tmp=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("Nothing due in the next 7 days")
    assert due_json(path, tmp_path)["items"] == []


def test_due_prints_data_as_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with Store.open(path) as store:
        person = store.add_contact(Contact("Eve \x1b[2J\x07Mallory"))
        store.add_meeting(Meeting(person.id, date.today() - timedelta(days=3)))
    text = run_threety("due", "--db", path, tmp=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "\x1b" not in text.stdout and "\x07" not in text.stdout
    assert "Eve \u241b[2J\u2407Mallory" in text.stdout  # shown as ␛ and ␇, visibly
    assert (
        due_json(path, tmp_path)["items"][0]["contact"] == "Eve \x1b[2J\x07Mallory"
    )  # JSON is exact


def test_demo_writes_a_realistic_database(demo_db: Path) -> None:
    with Store.open(demo_db, readonly=True) as store:
        contacts = store.contacts()
        meetings = store.all_meetings()
        messages = store.all_messages()
        assert 10 <= len(contacts) <= 15
        assert {c.kind.value for c in contacts} >= {"booster", "obligate"}
        assert len(meetings) >= 20 and all(m.insights for m in meetings)
        assert {m.status.value for m in messages} == {"draft", "sent"}
        assert {m.kind.value for m in messages} == {"outreach", "thank_you", "follow_up", "update"}
        assert any(m.replied for m in messages if m.kind.value != "outreach")
        assert store.settings.your_name


def test_demo_refuses_a_non_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    with Store.open(path) as store:
        store.add_contact(Contact("Somebody real"))
    before = path.read_bytes(), path.stat().st_mtime_ns
    result = run_threety("demo", "--db", path, "--no-open", tmp=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"threety: {path}: is not empty; the demo only writes a new or empty file"
    ]
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_demo_without_db_writes_a_temporary_file(tmp_path: Path) -> None:
    env = cli_env(tmp_path)
    env["TMPDIR"] = str(tmp_path)
    result = run_threety("demo", "--no-open", tmp=tmp_path, env=env, process=True)  # TMPDIR
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.strip().removeprefix("Demo database written to "))
    assert written.is_file() and tmp_path in written.parents
    with Store.open(written, readonly=True) as store:
        assert store.contacts()


def test_a_command_run_in_the_tests_process_reads_as_the_real_program(
    demo_db: Path, tmp_path: Path
) -> None:
    """`run_threety` calls `main` in the test's process (a child process costs ~40 ms
    of CPU to start): what it returns is what the real program prints and exits with,
    for output, an error, a usage error and an error that escapes."""
    from threety_tui.cli import due

    before = (sys.stdin, sys.stdout, sys.stderr, dict(os.environ), sys.modules["threety_tui.cli"])
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    cases = (
        ("due", "--db", demo_db),
        ("stats", "--json", "--db", demo_db),
        ("due", "--db", broken),
        ("due", "--no-such-option"),
        ("--version",),
    )
    for args in cases:
        mine = run_threety(*args, tmp=tmp_path)
        real = run_threety(*args, tmp=tmp_path, process=True)
        assert (mine.returncode, mine.stdout, mine.stderr) == (
            real.returncode,
            real.stdout,
            real.stderr,
        ), args
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(due, "_run", lambda *_: 1 / 0)
        escaped = run_threety("due", "--db", demo_db, tmp=tmp_path)
    assert escaped.returncode == 1 and "ZeroDivisionError" in escaped.stderr
    after = (sys.stdin, sys.stdout, sys.stderr, dict(os.environ), sys.modules["threety_tui.cli"])
    assert after == before  # the test's own streams and environment given back
