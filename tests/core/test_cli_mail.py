"""`threety import mail PATH [--dry-run]` on the demo database, as a real command."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from core_support import run_threety
from mail_support import Mail, write_maildir, write_mbox

from threety_tui.core.models import MessageKind
from threety_tui.core.store import Store


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12).astimezone()


@pytest.fixture
def demo(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.json"
    shutil.copy(demo_db, copy)
    return copy


def replies_for(demo: Path) -> tuple[list[Mail], dict[str, int]]:
    """Mail answering Hedy's meeting request and Katherine's last message; and their ids."""
    with Store.open(demo, readonly=True) as store:
        by_name = {c.name: c for c in store.contacts()}
        hedy, katherine = by_name["Hedy Lamarr"], by_name["Katherine Johnson"]
        request = next(m for m in store.messages_of(hedy.id) if m.kind is MessageKind.OUTREACH)
        last = next(m for m in store.messages_of(katherine.id) if m.is_sent)
    assert request.sent and last.sent and last.replied is None
    mails: list[Mail] = [
        (f"Hedy <{hedy.email.upper()}>", noon(request.sent + timedelta(days=1)), "Re: advice"),
        (katherine.email, noon(last.sent + timedelta(days=2)), "Re: update"),
        (katherine.email, noon(last.sent + timedelta(days=5)), "Re: Re: update"),
        ("someone@else.example", noon(request.sent), "hi"),
    ]
    return mails, {"hedy": request.id, "katherine": last.id}


def nudged(demo: Path, tmp_path: Path) -> set[str]:
    result = run_threety("due", "--json", "--db", demo, tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)["items"]
    return {i["contact"] for i in items if i["kind"] == "outreach_nudge"}


@pytest.mark.parametrize("kind", ["maildir", "mbox"])
def test_import_mail_records_replies_once(demo: Path, tmp_path: Path, kind: str) -> None:
    mails, ids = replies_for(demo)
    box = (
        write_maildir(tmp_path / "Maildir", mails)
        if kind == "maildir"
        else write_mbox(tmp_path / "All mail.mbox", mails)
    )
    assert "Hedy Lamarr" in nudged(demo, tmp_path)

    before = demo.read_bytes()
    dry = run_threety("import", "mail", box, "--db", demo, "--dry-run", tmp=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert "      2 new replies" in dry.stdout
    assert dry.stdout.rstrip().endswith("Dry run: nothing was written.")
    assert demo.read_bytes() == before

    first = run_threety("import", "mail", box, "--db", demo, tmp=tmp_path)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert (
        lines[0]
        == f"Read 4 messages from {box.name} ({'Maildir' if kind == 'maildir' else 'mbox'})."
    )
    assert "      2 new replies" in lines and "      1 from people who are not contacts" in lines
    assert "      1 more to a message answered earlier (the earliest reply counts)" in lines
    assert any(line.startswith("  Hedy Lamarr: replied ") for line in lines)
    assert any(line.startswith("  Katherine Johnson: replied ") for line in lines)
    assert lines[-1] == f"Saved to {demo}."
    with Store.open(demo, readonly=True) as store:
        hedy, katherine = store.message(ids["hedy"]), store.message(ids["katherine"])
        assert hedy and hedy.sent and hedy.replied == hedy.sent + timedelta(days=1)
        assert katherine and katherine.sent
        assert katherine.replied == katherine.sent + timedelta(days=2)  # the earliest
    assert "Hedy Lamarr" not in nudged(demo, tmp_path)  # her reply closed the nudge

    after = demo.read_bytes()
    second = run_threety("import", "mail", box, "--db", demo, tmp=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "      0 new replies" in second.stdout
    assert "      3 answering a message whose reply is recorded already" in second.stdout
    assert second.stdout.splitlines()[-1] == f"Nothing to change in {demo}."
    assert demo.read_bytes() == after


def test_a_path_that_is_neither_is_one_line_and_exit_1(demo: Path, tmp_path: Path) -> None:
    before = demo.read_bytes()
    for path in (tmp_path / "missing", tmp_path, demo):
        result = run_threety("import", "mail", path, "--db", demo, tmp=tmp_path)
        assert result.returncode == 1, path
        assert result.stdout == ""
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"threety: {path}: ")
        assert "Maildir folder or an mbox file" in line
    assert demo.read_bytes() == before


def test_bad_input_never_creates_the_database(tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    result = run_threety("import", "mail", tmp_path / "nope", "--db", target, tmp=tmp_path)
    assert result.returncode == 1
    assert not target.exists()


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_missing_database_is_exit_2_and_never_created(tmp_path: Path, dry_run: bool) -> None:
    """QA 13.6: a mistyped --db made an empty database and said nothing was new (exit 0)."""
    box = write_mbox(tmp_path / "in.mbox", [("ada@example.com", noon(date(2026, 11, 20)), "")])
    target = tmp_path / "mistyped.json"
    args = ["import", "mail", box, "--db", target] + (["--dry-run"] if dry_run else [])
    result = run_threety(*args, tmp=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"threety: {target}") and "does not exist" in line
    assert not target.exists()


def test_an_empty_mbox_and_an_empty_maildir_read_alike(demo: Path, tmp_path: Path) -> None:
    """QA 13.13: an empty mbox was refused (exit 1), an empty Maildir accepted (exit 0)."""
    empty_mbox = tmp_path / "empty.mbox"
    empty_mbox.write_bytes(b"")
    for box in (write_maildir(tmp_path / "Empty", []), empty_mbox):
        result = run_threety("import", "mail", box, "--db", demo, tmp=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[0].startswith(f"Read 0 messages from {box.name} (")
