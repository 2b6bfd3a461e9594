"""`threety import` and `threety export json|csv`: output, exit codes, nothing written on error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from core_support import run_threety

from threety_tui.cli import main
from threety_tui.core.models import Contact
from threety_tui.core.store import Store


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_linkedin_prints_the_report(capsys, db_path: Path, sample) -> None:
    code, out, err = run(
        capsys, "import", "linkedin", sample("linkedin_connections.csv"), "--db", db_path
    )
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Read 9 records from linkedin_connections.csv (LinkedIn connections)."
    assert "      7 added" in lines
    assert "  line 13: Ada Lovelace is the same person as line 5: added email" in lines
    assert "  line 10: no name [https://www.linkedin.com/in/deactivated-member-9]" in lines
    assert lines[-1] == f"Saved to {db_path}."
    with Store.open(db_path, readonly=True) as store:
        assert len(store.contacts()) == 7


def test_second_import_changes_nothing(capsys, db_path: Path, sample) -> None:
    args = ("--db", db_path, "import", "vcard", sample("apple_contacts.vcf"))
    assert run(capsys, *args)[0] == 0
    before = db_path.read_bytes()
    code, out, _ = run(capsys, *args)
    assert code == 0
    assert "      0 added" in out and "      3 unchanged" in out
    assert out.splitlines()[-1] == f"Nothing to change in {db_path}."
    assert db_path.read_bytes() == before


def test_dry_run_writes_nothing(capsys, db_path: Path, sample) -> None:
    code, out, _ = run(
        capsys,
        "import",
        "linkedin",
        sample("linkedin_connections.csv"),
        "--dry-run",
        "--db",
        db_path,
    )
    assert code == 0
    assert "      7 added" in out
    assert out.splitlines()[-1] == "Dry run: nothing was written."
    assert not db_path.exists()
    with Store.open(db_path) as store:
        store.add_contact(Contact("Kim Lee"))
    before = db_path.read_bytes()
    assert (
        run(capsys, "--db", db_path, "import", "vcard", sample("google_contacts.vcf"), "--dry-run")[
            0
        ]
        == 0
    )
    assert db_path.read_bytes() == before


BAD_INPUTS = {
    "missing": (lambda tmp: tmp / "nope.csv", "linkedin", "no such file"),
    "directory": (lambda tmp: tmp, "linkedin", "is a directory"),
    "binary": (lambda tmp: _file(tmp, "x.csv", b"\x00\x01\x02PNG" * 50), "linkedin", "binary file"),
    "empty": (lambda tmp: _file(tmp, "x.csv", b""), "linkedin", "is empty"),
    "no header": (
        lambda tmp: _file(tmp, "x.csv", b"Name,Email\nKim,kim@x.example\n"),
        "linkedin",
        "no header row",
    ),
    "no cards": (
        lambda tmp: _file(tmp, "x.vcf", b"Kim Lee <kim@x.example>\n"),
        "vcard",
        "no BEGIN:VCARD",
    ),
    "bad json": (lambda tmp: _file(tmp, "x.json", b"{not json"), "json", "not valid JSON"),
    "not a backup": (
        lambda tmp: _file(tmp, "x.json", b'{"a": 1}'),
        "json",
        "not a threety JSON backup",
    ),
}


def _file(folder: Path, name: str, data: bytes) -> Path:
    path = folder / "input" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_exits_1_with_one_line_and_writes_nothing(
    capsys, tmp_path: Path, case: str
) -> None:
    make, fmt, fragment = BAD_INPUTS[case]
    db_path = tmp_path / "data" / "threety.json"
    source = make(tmp_path)
    # A missing database is not even created ...
    code, out, err = run(capsys, "--db", db_path, "import", fmt, source)
    assert (code, out) == (1, "")
    assert err.startswith(f"threety: {source}: ") and fragment in err
    assert err.count("\n") == 1
    assert not db_path.exists()
    # ... and an existing one is left byte for byte.
    with Store.open(db_path) as store:
        store.add_contact(Contact("Kim Lee"))
    before = db_path.read_bytes()
    assert run(capsys, "--db", db_path, "import", fmt, source)[0] == 1
    assert db_path.read_bytes() == before


def test_unusable_database_exits_2(capsys, tmp_path: Path, sample) -> None:
    db_path = tmp_path / "notes.json"
    db_path.write_text('{"shopping": ["milk"]}')
    code, out, err = run(
        capsys, "--db", db_path, "import", "linkedin", sample("linkedin_connections.csv")
    )
    assert (code, out) == (2, "")
    assert err.startswith(f"threety: {db_path}: is JSON but not a threety database")
    assert db_path.read_text() == '{"shopping": ["milk"]}'


def test_locked_database_exits_2(capsys, db_path: Path, sample) -> None:
    with Store.open(db_path):
        code, _, err = run(
            capsys, "--db", db_path, "import", "vcard", sample("google_contacts.vcf")
        )
    assert code == 2
    assert "open in another threety" in err


def test_export_and_restore_json(capsys, tmp_path: Path, db_path: Path, sample) -> None:
    run(capsys, "--db", db_path, "import", "linkedin", sample("linkedin_connections.csv"))
    before = db_path.read_bytes()
    backup = tmp_path / "backup.json"
    with Store.open(db_path):  # exports open the database read-only: no lock needed
        code, out, _ = run(capsys, "--db", db_path, "export", "json", backup)
    assert code == 0
    assert out == f"Backup of 7 contacts, 0 meetings, 0 messages written to {backup}.\n"
    assert db_path.read_bytes() == before

    fresh = tmp_path / "fresh.json"
    code, out, _ = run(capsys, "--db", fresh, "import", "json", backup, "--dry-run")
    assert code == 0 and out.endswith("Dry run: nothing was written.\n")
    assert not fresh.exists()
    code, out, _ = run(capsys, "--db", fresh, "import", "json", backup)
    assert out == f"Restored 7 contacts, 0 meetings, 0 messages from backup.json into {fresh}.\n"
    again = tmp_path / "again.json"
    run(capsys, "--db", fresh, "export", "json", again)
    assert again.read_bytes() == backup.read_bytes()


def test_restore_into_a_database_with_data_exits_1(
    capsys, tmp_path: Path, db_path: Path, sample
) -> None:
    run(capsys, "--db", db_path, "import", "linkedin", sample("linkedin_connections.csv"))
    backup = tmp_path / "backup.json"
    run(capsys, "--db", db_path, "export", "json", backup)
    before = db_path.read_bytes()
    code, out, err = run(capsys, "--db", db_path, "import", "json", backup)
    assert (code, out) == (1, "")
    assert err == (
        f"threety: {db_path}: is not empty (7 contacts); a backup is restored only into an"
        " empty database (give a new file with --db)\n"
    )
    assert db_path.read_bytes() == before


def test_export_csv(capsys, tmp_path: Path, db_path: Path, sample) -> None:
    run(capsys, "--db", db_path, "import", "vcard", sample("google_contacts.vcf"))
    target = tmp_path / "contacts.csv"
    code, out, _ = run(capsys, "--db", db_path, "export", "csv", target)
    assert (code, out) == (0, f"3 contacts written to {target}.\n")
    assert "Ada Lovelace" in target.read_text(encoding="utf-8-sig")


def test_export_to_a_folder_exits_1(capsys, tmp_path: Path, db_path: Path) -> None:
    Store.open(db_path).close()
    code, _, err = run(capsys, "--db", db_path, "export", "csv", tmp_path)
    assert code == 1
    assert err == f"threety: {tmp_path}: is a directory; give a file name to export to\n"


def test_real_command_round_trip_and_exit_codes(tmp_path: Path, sample) -> None:
    db_path = tmp_path / "db.json"
    result = run_threety(
        "import", "linkedin", sample("linkedin_connections.csv"), "--db", db_path, tmp=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "7 added" in result.stdout
    result = run_threety(
        "--db", db_path, "import", "vcard", sample("apple_contacts.vcf"), tmp=tmp_path
    )
    assert result.returncode == 0, result.stderr
    backup = tmp_path / "backup.json"
    assert run_threety("--db", db_path, "export", "json", backup, tmp=tmp_path).returncode == 0
    fresh = tmp_path / "fresh.json"
    assert run_threety("--db", fresh, "import", "json", backup, tmp=tmp_path).returncode == 0
    again = tmp_path / "again.json"
    assert run_threety("--db", fresh, "export", "json", again, tmp=tmp_path).returncode == 0
    assert again.read_bytes() == backup.read_bytes()
    assert len(json.loads(backup.read_text())["contacts"]) == 9

    bad = run_threety("--db", db_path, "import", "vcard", tmp_path / "nope.vcf", tmp=tmp_path)
    assert (bad.returncode, bad.stdout) == (1, "")
    assert bad.stderr == f"threety: {tmp_path / 'nope.vcf'}: no such file\n"


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_of_a_missing_database_exits_2(capsys, tmp_path: Path, fmt: str) -> None:
    missing = tmp_path / "typo.json"
    code, out, err = run(capsys, "--db", missing, "export", fmt, tmp_path / "out")
    assert (code, out) == (2, "")
    assert (
        err
        == f"threety: {missing}: does not exist, so there is nothing to read (check the path, --db or THREETY_DB)\n"
    )
    assert not missing.exists() and not (tmp_path / "out").exists()
