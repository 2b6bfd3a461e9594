"""The JSON backup (export, validate, restore) and the contacts CSV."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

import pytest
from core_support import NOW, TODAY

from threety_tui.core import demo
from threety_tui.core.errors import InputError
from threety_tui.core.io import backup
from threety_tui.core.models import Contact, Message, MessageKind, Settings
from threety_tui.core.store import Store


@pytest.fixture
def full(store: Store) -> Store:
    """The demo data, plus a trashed contact and meeting and changed settings."""
    demo.populate(store, TODAY)
    gone = store.add_contact(Contact("Trashed Person", email="gone@x.example"))
    store.delete_contact(gone.id)
    store.delete_meeting(store.all_meetings()[0].id)
    store.update_settings(Settings(your_name="Sam Rivera", cadence_booster=21, theme="nord"))
    return store


def export(store: Store, path: Path) -> bytes:
    backup.export_json(store, path)
    return path.read_bytes()


def restore_into_new(tmp_path: Path, source: Path, name: str = "restored.json") -> Store:
    target = Store.open(tmp_path / name, clock=lambda: NOW)
    backup.restore_backup(target, backup.read_backup(source))
    return target


def test_round_trip_is_byte_identical(full: Store, tmp_path: Path) -> None:
    first = export(full, tmp_path / "backup.json")
    with restore_into_new(tmp_path, tmp_path / "backup.json") as restored:
        second = export(restored, tmp_path / "again.json")
    assert second == first


def test_backup_holds_everything_with_ids_and_the_trash(full: Store, tmp_path: Path) -> None:
    doc = json.loads(export(full, tmp_path / "backup.json"))
    assert (doc["backup"], doc["backup_version"], doc["schema"]) == ("threety-backup", 1, 2)
    assert [c["id"] for c in doc["contacts"]] == sorted(c.id for c in full.contacts()) + [
        c.id for c in full.contacts(deleted=True)
    ]
    assert any(c["deleted"] for c in doc["contacts"])
    assert any(m["deleted"] for m in doc["meetings"])
    assert len(doc["meetings"]) == len(full.all_meetings())
    assert len(doc["messages"]) == len(full.all_messages()) > 0
    assert doc["settings"]["your_name"] == "Sam Rivera"


def test_restored_database_equals_the_original(full: Store, tmp_path: Path) -> None:
    export(full, tmp_path / "backup.json")
    with restore_into_new(tmp_path, tmp_path / "backup.json") as restored:
        for deleted in (False, True):
            assert restored.contacts(deleted=deleted) == full.contacts(deleted=deleted)
        assert sorted(restored.all_meetings(), key=lambda m: m.id) == sorted(
            full.all_meetings(), key=lambda m: m.id
        )
        assert sorted(restored.all_messages(), key=lambda m: m.id) == sorted(
            full.all_messages(), key=lambda m: m.id
        )
        assert restored.settings == full.settings
        assert restored.reminders(TODAY) == full.reminders(TODAY)
    with Store.open(tmp_path / "restored.json", readonly=True) as reread:
        assert reread.contacts() == full.contacts()


def test_export_is_deterministic_and_ascii(full: Store, tmp_path: Path) -> None:
    first = export(full, tmp_path / "a.json")
    assert export(full, tmp_path / "b.json") == first
    assert first.isascii()
    assert first.endswith(b"}\n")


def test_new_items_after_a_restore_get_fresh_ids(store: Store, tmp_path: Path) -> None:
    kim = store.add_contact(Contact("Kim Lee"))
    drafts = [store.save_message(Message(kim.id, None, MessageKind.UPDATE)) for _ in range(3)]
    store.delete_draft(drafts[2].id)
    store.delete_draft(drafts[0].id)  # the backup now holds message 2 only
    export(store, tmp_path / "backup.json")
    with restore_into_new(tmp_path, tmp_path / "backup.json") as restored:
        new = restored.save_message(Message(kim.id, None, MessageKind.UPDATE, subject="new"))
        assert new.id == 3
        assert {m.id for m in restored.all_messages()} == {2, 3}
        assert restored.add_contact(Contact("Ana Ruiz")).id == 2


def test_restore_refuses_a_database_that_is_not_empty(full: Store, tmp_path: Path) -> None:
    export(full, tmp_path / "backup.json")
    target_path = tmp_path / "busy.json"
    with Store.open(target_path) as busy:
        busy.add_contact(Contact("Already Here"))
        busy.delete_contact(busy.contacts()[0].id)  # only in the trash: still not empty
    before = target_path.read_bytes()
    with Store.open(target_path) as busy, pytest.raises(InputError) as caught:
        backup.restore_backup(busy, backup.read_backup(tmp_path / "backup.json"))
    assert str(caught.value) == (
        f"{target_path}: is not empty (1 contact); a backup is restored only into an empty"
        " database (give a new file with --db)"
    )
    assert target_path.read_bytes() == before


def write_json(tmp_path: Path, doc: object) -> Path:
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(doc))
    return path


def good_doc(full: Store, tmp_path: Path) -> dict:
    return json.loads(export(full, tmp_path / "good.json"))


def bad_backup(path: Path, *fragments: str) -> None:
    with pytest.raises(InputError) as caught:
        backup.read_backup(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


def test_not_json(tmp_path: Path) -> None:
    path = tmp_path / "backup.json"
    path.write_text('{"backup": "threety-backup",')
    bad_backup(path, "is not a threety JSON backup (not valid JSON")


@pytest.mark.parametrize("doc", [[], "text", 3, None])
def test_json_that_is_not_an_object(tmp_path: Path, doc: object) -> None:
    bad_backup(write_json(tmp_path, doc), "is not a threety JSON backup")


def test_other_json(tmp_path: Path) -> None:
    bad_backup(write_json(tmp_path, {"contacts": []}), '(no "backup": "threety-backup" mark)')


def test_a_database_file_is_named_as_such(full: Store, tmp_path: Path) -> None:
    bad_backup(full.path, "is a threety database, not a backup")


def test_newer_backup_format(full: Store, tmp_path: Path) -> None:
    doc = good_doc(full, tmp_path) | {"backup_version": 2}
    bad_backup(write_json(tmp_path, doc), "newer threety (backup format 2", "upgrade")


def test_newer_schema(full: Store, tmp_path: Path) -> None:
    doc = good_doc(full, tmp_path) | {"schema": 99}
    bad_backup(write_json(tmp_path, doc), "newer threety (schema 99", "upgrade")


@pytest.mark.parametrize(
    ("damage", "fragment"),
    [
        (lambda d: d["contacts"][0].pop("name"), "contacts document 1 has no name"),
        (lambda d: d["contacts"][0].pop("id"), "item 1 of its contacts has no valid id"),
        (lambda d: d["contacts"][1].update(id=1), "two of its contacts have the id 1"),
        (lambda d: d["meetings"][0].update(when="someday"), "has no valid date"),
        (lambda d: d["meetings"][0].update(contact_id=999), "which is not in the backup"),
        (lambda d: d["messages"][0].update(meeting_id=999), "meeting 999, which is not in"),
        (lambda d: d.update(messages={}), "its messages are not a list"),
        (lambda d: d["messages"].append("x"), "of its messages is not an object"),
        (lambda d: d.update(settings=[]), "its settings are not an object"),
        (lambda d: d.update(schema="1"), "its schema is not valid"),
    ],
)
def test_damaged_backup(full: Store, tmp_path: Path, damage, fragment: str) -> None:
    doc = good_doc(full, tmp_path)
    damage(doc)
    bad_backup(write_json(tmp_path, doc), "is damaged", fragment)


def test_export_is_private_and_atomic(full: Store, tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_text("old")
    target.chmod(0o644)
    backup.export_json(full, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if ".tmp" in p.name) == []
    backup.export_csv(full, tmp_path / "contacts.csv")
    assert stat.S_IMODE((tmp_path / "contacts.csv").stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("where", "fragment"),
    [
        (lambda tmp, db: tmp, "is a directory"),
        (lambda tmp, db: tmp / "missing" / "b.json", "the folder"),
        (lambda tmp, db: db, "is the database itself"),
    ],
)
def test_export_to_a_bad_place(store: Store, tmp_path: Path, where, fragment: str) -> None:
    store.add_contact(Contact("Kim Lee"))
    before = store.path.read_bytes()
    with pytest.raises(InputError, match=fragment):
        backup.export_json(store, where(tmp_path, store.path))
    assert store.path.read_bytes() == before


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_opens_cleanly(full: Store, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    count = backup.export_csv(full, path)
    rows = read_csv(path)
    assert rows[0] == [
        "Id", "Name", "Email", "Company", "Role", "Kind", "How met", "LinkedIn", "Tags",
        "Notes", "Cadence (days)", "Created", "Kind set by", "Kind suggestion turned down",
    ]  # fmt: skip
    assert count == len(full.contacts()) == len(rows) - 1
    assert all(len(row) == 14 for row in rows)
    grace = next(r for r in rows if r[1] == "Grace Hopper")
    assert grace[8] == "alumni, compilers"
    assert grace[5] == "Booster"
    assert "Trashed Person" not in {r[1] for r in rows}
    # RFC 4180: CRLF after every record.
    assert path.read_bytes().count(b"\r\n") >= len(rows)


def test_csv_quotes_and_guards_against_formulas(store: Store, tmp_path: Path) -> None:
    store.add_contact(
        Contact(
            '=HYPERLINK("http://evil.example","click")',
            email="@SUM(A1)",
            company="+44 20 7946 0018",
            role="-5",
            how_met="\tcmd",
            tags=("a,b", 'quote"d'),
            notes='Line one\nLine "two", with a comma',
        )
    )
    path = tmp_path / "contacts.csv"
    backup.export_csv(store, path)
    (header, row) = read_csv(path)
    values = dict(zip(header, row, strict=True))
    assert values["Name"] == '\'=HYPERLINK("http://evil.example","click")'
    assert values["Email"] == "'@SUM(A1)"
    assert values["Company"] == "'+44 20 7946 0018"
    assert values["Role"] == "'-5"
    assert values["How met"] == "'\tcmd"
    assert values["Tags"] == 'a,b, quote"d'
    assert values["Notes"] == 'Line one\nLine "two", with a comma'
    assert b'"Line one\nLine ""two"", with a comma"' in path.read_bytes()


def test_replies_requests_and_kind_sources_survive_a_backup(full: Store, tmp_path: Path) -> None:
    """Spec section 8's data: requests (no meeting), replies, who set a kind, a dismissal."""
    from threety_tui.core.models import Kind, KindSource, MessageKind

    annie = next(c for c in full.contacts() if c.name == "Annie Easley")
    full.accept_kind(annie.id, Kind.BOOSTER)
    john = next(c for c in full.contacts() if c.name == "John von Neumann")
    full.dismiss_kind(john.id, Kind.OBLIGATE)
    export(full, tmp_path / "backup.json")
    doc = json.loads((tmp_path / "backup.json").read_text())
    assert any(m["kind"] == "outreach" and m["meeting_id"] is None for m in doc["messages"])
    with restore_into_new(tmp_path, tmp_path / "backup.json") as restored:
        assert restored.all_messages() == full.all_messages()
        assert {c.id: c for c in restored.contacts()} == {c.id: c for c in full.contacts()}
        back = restored.contact(annie.id)
        assert back is not None and back.kind_source is KindSource.EVIDENCE
        assert restored.contact(john.id).kind_dismissed is Kind.OBLIGATE  # type: ignore[union-attr]
        replied = [m for m in restored.all_messages() if m.replied]
        assert {m.kind for m in replied} >= {MessageKind.OUTREACH, MessageKind.THANK_YOU}
    rows = read_csv(_csv(full, tmp_path))
    header = rows[0]
    by_name = {r[1]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert by_name["Annie Easley"]["Kind set by"] == "replies"
    assert by_name["Grace Hopper"]["Kind set by"] == "you"
    assert by_name["Hedy Lamarr"]["Kind set by"] == ""
    assert by_name["John von Neumann"]["Kind suggestion turned down"] == "Obligate"


def _csv(store: Store, tmp_path: Path) -> Path:
    path = tmp_path / "contacts.csv"
    backup.export_csv(store, path)
    return path


def test_a_schema_1_backup_is_migrated_on_restore(tmp_path: Path) -> None:
    source = tmp_path / "old-backup.json"
    source.write_text(
        json.dumps(
            {
                "backup": "threety-backup",
                "backup_version": 1,
                "schema": 1,
                "settings": {},
                "contacts": [{"id": 1, "name": "Ada", "kind": "obligate"}],
                "meetings": [],
                "messages": [
                    {
                        "id": 1,
                        "contact_id": 1,
                        "meeting_id": None,
                        "kind": "update",
                        "status": "sent",
                        "sent": "2026-01-05",
                    }
                ],
            }
        )
    )
    read = backup.read_backup(source)
    (ada,) = read.contacts
    assert ada.kind_chosen and ada.kind_source.value == "user"
    assert read.messages[0].replied is None


def test_csv_shows_escape_bytes_and_bidi_controls_as_symbols(store: Store, tmp_path: Path) -> None:
    """QA of issue 11, finding 14: a cell must not restyle or reorder a spreadsheet's view."""
    store.add_contact(
        Contact("Eve \x1b[2J\u202eMallory", company="Acme\x07", notes="one\ttab\r\ntwo\u2066")
    )
    path = tmp_path / "contacts.csv"
    backup.export_csv(store, path)
    (header, row) = read_csv(path)
    values = dict(zip(header, row, strict=True))
    assert values["Name"] == "Eve \u241b[2J<U+202E>Mallory"
    assert values["Company"] == "Acme\u2407"
    assert values["Notes"] == "one\ttab\r\ntwo<U+2066>"  # tabs and line breaks are data
    raw = path.read_bytes()
    assert b"\x1b" not in raw and "\u202e".encode() not in raw
