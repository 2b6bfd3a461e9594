"""Hostile files and data: bounded, refused in one line, or shown for what they are.

Each test reproduces one finding of a deliberate attack on threety (issue 11):
a lone surrogate in a name, a FIFO as the database, a read-only database, a
permissive umask, a symlink to another program's file, a line break or a bidi
override in a name, a 5,000-character name, a 10 MB vCard field, an oversized
CSV, running out of memory.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from core_support import cli_env, run_threety, threety_command

from threety_tui.cli import main
from threety_tui.core.models import Contact, Meeting
from threety_tui.core.store import Store

BACKUP_WITH_A_SURROGATE = """{
 "backup": "threety-backup", "backup_version": 1, "schema": 1, "settings": {},
 "contacts": [{"id": 1, "name": "Grace \\ud800 Hopper", "email": "g@x.org"}],
 "meetings": [{"id": 1, "contact_id": 1, "when": "%s", "insights": [{"id": "a", "text": "Ask \\udfff"}]}],
 "messages": [
  {"id": 1, "contact_id": 1, "meeting_id": 1, "kind": "thank_you", "status": "sent",
   "sent": "%s", "next_due": "%s"}
 ]
}"""


def test_a_lone_surrogate_never_breaks_a_command(tmp_path: Path) -> None:
    """`"Grace \\ud800 Hopper"` (accepted by `import json`) must not stop cron."""
    met = date.today() - timedelta(days=40)
    backup = tmp_path / "backup.json"
    backup.write_text(
        BACKUP_WITH_A_SURROGATE % (met, met + timedelta(days=1), date.today() - timedelta(days=2))
    )
    db = tmp_path / "threety.json"
    assert run_threety("import", "json", backup, "--db", db, tmp=tmp_path).returncode == 0
    for args in (("due",), ("due", "--json"), ("stats",), ("stats", "--json")):
        result = run_threety(*args, "--db", db, tmp=tmp_path, process=True)  # the real streams
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    text = run_threety("due", "--db", db, tmp=tmp_path).stdout
    assert "Grace <U+D800> Hopper" in text
    assert json.loads(run_threety("due", "--json", "--db", db, tmp=tmp_path).stdout)["items"]
    ics = tmp_path / "r.ics"
    result = run_threety("export", "ics", ics, "--db", db, tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Grace \ufffd Hopper" in ics.read_text().replace("\r\n ", "")
    journey = tmp_path / "journey.md"  # QA of issue 11, finding 5
    result = run_threety("export", "journey", journey, "--db", db, tmp=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    text = journey.read_text(encoding="utf-8")
    assert "Grace \ufffd Hopper" in text and "Ask \ufffd" in text


def test_a_lone_surrogate_never_breaks_copy_as_email_or_the_journey_of_one(
    tmp_path: Path,
) -> None:
    from threety_tui.core import loop_workflows
    from threety_tui.core.mail_text import copy_as_email
    from threety_tui.core.models import Message, MessageKind

    contact = Contact("Grace \ud800 Hopper", email="g@x.org")
    message = Message(
        1, None, MessageKind.THANK_YOU, subject="Thanks \udfff", body="Dear \ud800,\n"
    )
    clip = copy_as_email(contact, message)
    replacement = "=?utf-8?b?77+9?="  # U+FFFD, as an encoded word
    assert f"To: Grace {replacement} Hopper <g@x.org>\n" in clip.text
    assert f"Subject: Thanks {replacement}\n" in clip.text
    assert clip.text.endswith("Dear \ufffd,\n")
    with Store.open(tmp_path / "db.json") as store:
        stored = store.add_contact(contact)
        target = tmp_path / "grace.md"
        assert loop_workflows.export_journey(store, target, date.today(), stored) == 1
    assert "Grace \ufffd Hopper" in target.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_by_every_command_and_the_app_never_hangs(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    for args in ((), ("due",), ("export", "json", tmp_path / "out.json"), ("demo", "--no-open")):
        result = run_threety(
            *args, "--db", fifo, tmp=tmp_path, process=True, timeout=20
        )  # hangs: fails
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr in (
            f"threety: {fifo}: is not a regular file (a FIFO (named pipe)); threety does not read it\n",
            f"threety: {fifo}: is not empty; the demo only writes a new or empty file\n",
        )
    assert "fifo.json.lock" not in os.listdir(tmp_path)  # refused before anything was made


def test_a_read_only_database_stays_read_only(tmp_path: Path, sample_csv: Path) -> None:
    db = tmp_path / "threety.json"
    with Store.open(db) as store:
        store.add_contact(Contact("Grace Hopper"))
    db.chmod(0o444)
    before = db.read_bytes()
    result = run_threety("import", "linkedin", sample_csv, "--db", db, tmp=tmp_path)
    assert result.returncode == 2
    assert "is read-only (mode 0444)" in result.stderr and "chmod u+w" in result.stderr
    assert stat.S_IMODE(db.stat().st_mode) == 0o444
    assert db.read_bytes() == before
    due = run_threety("due", "--db", db, tmp=tmp_path)  # reading it is fine
    assert due.returncode == 0, due.stderr


def test_a_file_made_read_only_while_open_is_not_replaced(tmp_path: Path) -> None:
    db = tmp_path / "threety.json"
    store = Store.open(db, autoflush=False)
    store.add_contact(Contact("Grace Hopper"))
    store.flush()
    db.chmod(0o444)
    before = db.read_bytes()
    store.add_contact(Contact("Ada Lovelace"))
    from threety_tui.core.errors import ReadOnlyFile

    with pytest.raises(ReadOnlyFile, match="is read-only"):
        store.flush()
    assert stat.S_IMODE(db.stat().st_mode) == 0o444 and db.read_bytes() == before
    assert store.dirty  # kept in memory
    db.chmod(0o600)
    store.close()
    assert "Ada Lovelace" in db.read_text()


def test_created_folders_are_private_whatever_the_umask(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = cli_env(tmp_path)
    env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    code = (
        "import os, sys; os.umask(0); from threety_tui.cli import main;"
        " sys.exit(main(['import', 'json', sys.argv[1]]))"
    )
    backup = tmp_path / "backup.json"
    backup.write_text(
        '{"backup": "threety-backup", "backup_version": 1, "schema": 1, "contacts": [],'
        ' "meetings": [], "messages": []}'
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(backup)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    for folder in (
        home / ".local",
        home / ".local" / "share",
        home / ".local" / "share" / "threety",
    ):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((home / ".local/share/threety/threety.json").stat().st_mode) == 0o600


def test_no_lock_file_is_left_beside_a_foreign_file(tmp_path: Path) -> None:
    foreign = tmp_path / "other-app" / "settings.json"
    foreign.parent.mkdir()
    foreign.write_text('{"theme": "dark", "recent": []}')
    link = tmp_path / "threety.json"
    link.symlink_to(foreign)
    for args in ((), ("demo", "--no-open"), ("import", "json", foreign)):
        result = run_threety(*args, "--db", link, tmp=tmp_path)
        assert result.returncode in (1, 2), (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert os.listdir(foreign.parent) == ["settings.json"]
    assert foreign.read_text() == '{"theme": "dark", "recent": []}'
    listed = sorted(p.name for p in tmp_path.iterdir() if p.name != "home")
    assert listed == ["other-app", "threety.json"]


def overdue_meeting(db: Path, name: str) -> None:
    with Store.open(db) as store:
        person = store.add_contact(Contact(name))
        store.add_meeting(Meeting(person.id, date.today() - timedelta(days=3)))
        other = store.add_contact(Contact("Ada Lovelace"))
        store.add_meeting(Meeting(other.id, date.today() - timedelta(days=2)))


def test_a_line_break_in_a_name_cannot_forge_a_line_of_output(tmp_path: Path) -> None:
    db = tmp_path / "threety.json"
    overdue_meeting(db, "Eve\n! 1 day overdue FAKE\u202e")
    result = run_threety("due", "--db", db, tmp=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("! 2 days overdue") and "Eve\u240a! 1 day overdue FAKE" in lines[0]
    assert "\u202e" not in result.stdout and "FAKE<U+202E>" in lines[0]
    stats = run_threety("stats", "--db", db, tmp=tmp_path)
    assert "\u202e" not in stats.stdout and "FAKE<U+202E>" in stats.stdout
    assert not any(line.startswith("! 1 day") for line in stats.stdout.splitlines())
    for args in (("due", "--json"), ("stats", "--json")):
        out = run_threety(*args, "--db", db, tmp=tmp_path).stdout
        assert "\u202e" not in out and "\\u202e" in out
        json.loads(out)


def test_a_long_name_is_cut_in_the_table(tmp_path: Path) -> None:
    db = tmp_path / "threety.json"
    overdue_meeting(db, "N" * 5000)
    result = run_threety("due", "--db", db, tmp=tmp_path)
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and max(map(len, lines)) < 120, [len(line) for line in lines]
    assert "N" * 39 + "…" in lines[0]
    full = json.loads(run_threety("due", "--json", "--db", db, tmp=tmp_path).stdout)
    assert full["items"][0]["contact"] == "N" * 5000  # the JSON has it whole


def test_a_10_mb_vcard_field_is_skipped_with_its_reason(tmp_path: Path) -> None:
    vcf = tmp_path / "big.vcf"
    vcf.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nNOTE:"
        + "x" * (10 << 20)
        + "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"
    )
    db = tmp_path / "threety.json"
    result = run_threety("import", "vcard", vcf, "--db", db, tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "      1 added" in result.stdout and "      1 skipped" in result.stdout
    assert "card 1 (line 1): is too large (10,485,7" in result.stdout
    assert "limit 1,000,000" in result.stdout
    with Store.open(db, readonly=True) as store:
        assert [c.name for c in store.contacts()] == ["Ada Lovelace"]


def test_an_over_long_csv_field_is_skipped_with_its_reason(tmp_path: Path) -> None:
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Grace,Hopper,,,{'C' * 20000},,\nAda,Lovelace,,,,,\n"
    )
    result = run_threety("import", "linkedin", csv, "--db", tmp_path / "db.json", tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "line 2: its company is 20,000 characters long (limit 10,000) [Grace Hopper]" in (
        result.stdout
    )


def test_a_csv_field_over_the_csv_modules_limit_skips_its_record_not_the_file(
    tmp_path: Path,
) -> None:
    """QA of issue 11, finding 12: 131,072 characters is the csv module's own limit."""
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Grace,Hopper,,,{'C' * 200_000},,\nAda,Lovelace,,,,,\n"
    )
    db = tmp_path / "db.json"
    result = run_threety("import", "linkedin", csv, "--db", db, tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "line 2: its company is 200,000 characters long (limit 10,000) [Grace Hopper]" in (
        result.stdout
    )
    with Store.open(db, readonly=True) as store:
        assert [c.name for c in store.contacts()] == ["Ada Lovelace"]
    import csv as csv_module

    from threety_tui.core.io.linkedin import parse_linkedin

    before = csv_module.field_size_limit()
    parsed = parse_linkedin(csv.read_text(), csv)
    assert len(parsed.rows) == 1 and len(parsed.skipped) == 1
    assert csv_module.field_size_limit() == before  # the module's limit is put back


def big_csv(path: Path, rows: int) -> Path:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [f"P{i},L{i},,p{i}@example.org,,," for i in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_large_import_asks_first_and_a_script_must_say_yes(tmp_path: Path) -> None:
    csv = big_csv(tmp_path / "Connections.csv", 10_001)
    db = tmp_path / "threety.json"
    refused = run_threety("import", "linkedin", csv, "--db", db, tmp=tmp_path)  # stdin: not a tty
    assert refused.returncode == 1
    assert refused.stderr == (
        f"threety: Not done: this would add 10,001 contacts to {db} (more than 10,000);"
        " run it again with --yes if that is what you want\n"
    )
    assert sorted(os.listdir(tmp_path)) == ["Connections.csv"]  # no database, no lock
    due = run_threety("due", "--db", db, tmp=tmp_path)
    assert due.returncode == 2 and "does not exist" in due.stderr  # not "Nothing due"
    done = run_threety("import", "linkedin", csv, "--db", db, "--yes", tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    with Store.open(db, readonly=True) as store:
        assert len(store.contacts()) == 10_001
    helped = run_threety("import", "--help", tmp=tmp_path).stdout
    assert "--yes" in helped and "10,000" in helped and "Limits:" in helped


def test_a_refused_large_restore_creates_nothing_either(tmp_path: Path) -> None:
    """QA of issue 11, finding 11: the json import too asks before creating the database."""
    backup = tmp_path / "backup.json"
    contacts = [{"id": i, "name": f"P{i}"} for i in range(1, 10_002)]
    backup.write_text(
        json.dumps(
            {
                "backup": "threety-backup",
                "backup_version": 1,
                "schema": 1,
                "settings": {},
                "contacts": contacts,
                "meetings": [],
                "messages": [],
            }
        )
    )
    db = tmp_path / "threety.json"
    refused = run_threety("import", "json", backup, "--db", db, tmp=tmp_path)
    assert refused.returncode == 1 and "run it again with --yes" in refused.stderr
    assert sorted(os.listdir(tmp_path)) == ["backup.json"]
    done = run_threety("import", "json", backup, "--db", db, "--yes", tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    with Store.open(db, readonly=True) as store:
        assert len(store.contacts()) == 10_001


def test_a_file_with_too_many_records_is_refused(tmp_path: Path) -> None:
    csv = big_csv(tmp_path / "Connections.csv", 100_001)
    db = tmp_path / "threety.json"
    result = run_threety("import", "linkedin", csv, "--db", db, "--yes", tmp=tmp_path)
    assert result.returncode == 1
    assert "has more than 100,000 records" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not db.exists()


def test_running_out_of_memory_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from threety_tui.cli import due

    def no_memory(*args: object, **kwargs: object) -> int:
        raise MemoryError

    monkeypatch.setattr(due, "_run", no_memory)
    assert main(["due", "--db", str(tmp_path / "db.json")]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", "threety: not enough memory to finish; nothing was written\n")


@pytest.mark.parametrize(
    "email", ["a@x.com?bcc=evil@e.com", "a@x.com\r\nb@evil.com", "a@x.com\nBcc: b@evil.com"]
)
def test_an_email_is_validated_before_it_reaches_a_mailto(email: str) -> None:
    from threety_tui.core.io.mailto import mailto_url, recipients

    assert recipients(email) == []
    url = mailto_url(email, "Thanks")
    assert url == "mailto:?subject=Thanks"
    assert "evil" not in url


def test_every_command_still_runs_as_the_real_program(tmp_path: Path) -> None:
    """The installed `threety` starts (the streams are reconfigured before any output)."""
    result = subprocess.run(
        [*threety_command(), "--version"], capture_output=True, text=True, env=cli_env(tmp_path)
    )
    assert result.returncode == 0 and result.stdout.startswith("threety ")


@pytest.fixture
def sample_csv(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,,ada@example.org,,,\n"
    )
    return path


def test_a_backup_with_a_number_of_4400_digits_is_one_line(tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    backup.write_text(
        '{"backup": "threety-backup", "backup_version": 1, "schema": 1, "contacts": [],'
        ' "meetings": [], "messages": [], "x": ' + "9" * 4400 + "}"
    )
    result = run_threety("import", "json", backup, "--db", tmp_path / "db.json", tmp=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"threety: {backup}: is not a threety JSON backup (it cannot be read: a number of"
        " 4,400 digits, more than the 4,300 a number may have)\n"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_export_never_replaces_a_fifo(tmp_path: Path) -> None:
    db = tmp_path / "threety.json"
    with Store.open(db) as store:
        store.add_contact(Contact("Grace Hopper"))
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    for kind in ("json", "csv", "ics"):
        result = run_threety(
            "export", kind, fifo, "--db", db, tmp=tmp_path, process=True, timeout=20
        )
        assert result.returncode == 1, (kind, result.stderr)
        assert "not a regular file" in result.stderr
        assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_the_messages_say_each_thing_once(tmp_path: Path) -> None:
    """QA of issue 11, finding 17: "…kept until then. Your changes are kept…", "at at"."""
    from threety_tui.core.errors import ReadOnlyFile, save_failed

    db = tmp_path / "threety.json"
    with Store.open(db, autoflush=False) as store:
        store.add_contact(Contact("Ada"))
        store.flush()
        os.chmod(db, 0o444)
        store.add_contact(Contact("Grace"))
        try:
            store.flush()
        except ReadOnlyFile as error:
            said = save_failed(store.path, error)
        else:
            raise AssertionError("a read-only file was written")
        os.chmod(db, 0o600)
    assert said.count(str(db)) == 1 and said.count("kept") == 1, said
    assert said.startswith(f"Could not save {db}: is read-only (mode 0444)"), said
    disk = save_failed(db, OSError(28, "No space left on device"))
    assert disk.startswith(f"Could not save {db}: No space left on device. Your changes"), disk

    db.write_text('{\n"meta": "abc')
    result = run_threety("due", "--db", db, tmp=tmp_path)
    assert result.returncode == 2
    assert "(Unterminated string starting at line 2, column 9)" in result.stderr, result.stderr
    backup = tmp_path / "backup.json"
    backup.write_text('{"backup": "threety-backup", "contacts": [{"name": "unterminated')
    result = run_threety("import", "json", backup, "--db", tmp_path / "b.json", tmp=tmp_path)
    assert "(not valid JSON: Unterminated string starting at line 1, column 52)" in (result.stderr)
