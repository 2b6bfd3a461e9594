"""A large contacts table is scanned at open, not parsed (`core.db.contact_lines`).

The app's first frame needs the names (to sort the list) and a screenful of
contacts: at 50,000 contacts parsing the table costs ~0.1 s, a scan of the
lines' starts a fraction. The scan must give the same names as the parse, the
trash included; a contact is parsed when first read and every one by the
warm-up, which puts right what the scan misread; a damaged line is skipped and
listed once it is read, and written back as it was. `SCAN_FROM` is lowered
here so small files take the scan.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from core_support import NOW, TODAY

from threety_tui.core.db import contact_lines, reading
from threety_tui.core.db.contact_lines import ContactLines
from threety_tui.core.errors import NotADatabase
from threety_tui.core.models import Contact
from threety_tui.core.store import Store

NAMES = (
    "Grace Hopper",
    'Ada "the Countess" Lovelace',
    "José Zoë Ñúñez",
    "Back\\slash Person",
    "李 小龙",
    "Tab\there",
    "Emoji 🚀 Founder",
)


@pytest.fixture(autouse=True)
def scan_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "SCAN_FROM", 0)


def build(path: Path, *, trashed: tuple[str, ...] = ()) -> None:
    with Store.open(path, clock=lambda: NOW) as store, store.batch():
        for contact in store.add_contacts(
            Contact(name, company="Navy" if i % 2 else "", tags=("a",))
            for i, name in enumerate(NAMES)
        ):
            if contact.name in trashed:
                store.delete_contact(contact.id)


def parsed_names(path: Path, *, deleted: bool = False) -> list[tuple[int, str]]:
    docs = json.loads(path.read_bytes())["contacts"]
    return [(int(k), d["name"]) for k, d in docs.items() if (d["deleted"] is not None) == deleted]


def columns(pairs: list[tuple[int, str]]) -> tuple[list[int], list[str]]:
    return [id for id, _ in pairs], [name for _, name in pairs]


def test_the_scan_gives_the_parses_names_the_trash_included(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path, trashed=("José Zoë Ñúñez", "Tab\there"))
    with Store.open(path, defer=True, autoflush=False) as store:
        assert isinstance(store._raw("contacts"), ContactLines), "the table was scanned"
        assert store.contact_names() == parsed_names(path)
        assert store.contact_names(deleted=True) == parsed_names(path, deleted=True)
        assert store.contact_columns() == columns(parsed_names(path))
        assert store.contact_columns(deleted=True) == columns(parsed_names(path, deleted=True))
        assert [c.name for c in store.contacts()] == [n for _, n in parsed_names(path)]
    with Store.open(path, readonly=True) as whole:
        expected = whole.contacts(), whole.contacts(deleted=True)
    with Store.open(path, defer=True, autoflush=False) as store:
        assert (store.contacts(), store.contacts(deleted=True)) == expected


def test_a_file_threety_did_not_write_this_way_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    raw = path.read_bytes()
    # A contact whose name is not its first field (another tool wrote it).
    moved = raw.replace(
        b'{"name": "Grace Hopper", "email": ""', b'{"email": "", "name": "Grace Hopper"'
    )
    assert moved != raw
    path.write_bytes(moved)
    with Store.open(path, defer=True, autoflush=False) as store:
        assert not isinstance(store._raw("contacts"), ContactLines)
        assert store.contact_names() == parsed_names(path)


def test_contacts_are_parsed_when_read_and_a_save_copies_the_lines(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    before = path.read_bytes()
    with Store.open(path, defer=True, autoflush=False) as store:
        docs = store._raw("contacts")
        assert isinstance(docs, ContactLines)
        first = store.contact_names()[0][0]
        assert store.contact(first) is not None
        assert docs.unread(str(first)) is not None, "built from its line, the line kept"
        ada = next(id for id, name in store.contact_names() if name.startswith("Ada"))
        store.update_contact(replace(store.contact(ada) or pytest.fail(), email="ada@example.com"))
        assert store.flush()
    after = path.read_bytes()
    assert after.count(b"\n") == before.count(b"\n")
    changed = [a for a, b in zip(after.split(b"\n"), before.split(b"\n"), strict=True) if a != b]
    assert len(changed) == 1 and b"ada@example.com" in changed[0]


def test_changes_keep_the_names_right(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    with Store.open(path, defer=True, autoflush=False, clock=lambda: NOW) as store:
        grace = next(id for id, name in store.contact_names() if name == "Grace Hopper")
        store.update_contact(replace(store.contact(grace) or pytest.fail(), name="Grace B. Hopper"))
        added = store.add_contact(Contact("New Person"))
        store.delete_contact(next(id for id, n in store.contact_names() if n.startswith("Emoji")))
        with pytest.raises(RuntimeError), store.action():  # undone: the names too
            store.update_contact(replace(store.contact(added.id) or pytest.fail(), name="Undone"))
            raise RuntimeError
        names = store.contact_names()
        assert ("New Person" in dict(names).values()) and "Undone" not in dict(names).values()
        assert dict(names)[grace] == "Grace B. Hopper"
        assert [n for _, n in store.contact_names(deleted=True)] == ["Emoji 🚀 Founder"]
        assert names == [(c.id, c.name) for c in store.contacts()]
        ids, shown = store.contact_columns()
        store.add_contact(Contact("Later"))
        assert "Later" not in shown and len(ids) == len(shown), "a copy, not the scan's lists"


def test_a_damaged_contact_is_skipped_named_once_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    lines = path.read_bytes().split(b"\n")
    at = next(i for i, line in enumerate(lines) if b'"Grace Hopper"' in line)
    lines[at] = lines[at].replace(b'"tags": ["a"]', b'"tags": ["a"')  # no longer JSON
    damaged_line = lines[at]
    path.write_bytes(b"\n".join(lines))
    with Store.open(path, defer=True, autoflush=False) as store:
        shown = store.contact_names()
        assert "Grace Hopper" in dict(shown).values(), "the scan reads names only"
        store.load_rest()
        store.warm(TODAY)  # builds every contact: the damage comes to light
        assert "Grace Hopper" not in dict(store.contact_names()).values()
        assert "Grace Hopper" not in store.contact_columns()[1]
        assert [c.name for c in store.contacts()] == [n for n in NAMES if n != "Grace Hopper"]
        assert list(store.damaged) == ["contacts/1"]
        store.update_contact(replace(store.contacts()[0], email="x@example.com"))
        assert store.flush()
    assert damaged_line in path.read_bytes().split(b"\n"), "written back as it was"


def test_what_the_scan_misread_is_put_right_by_the_warm_up(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    build(path)
    raw = path.read_bytes()
    # Hand-edited: a deletion date that is no date (the contact is live) on Grace.
    odd = raw.replace(
        b'"Grace Hopper", "email": ""', b'"Grace Hopper", "deleted": "someday", "email": ""'
    )
    odd = odd.replace(b'"deleted": null', b"", 1).replace(b", ,", b",")
    path.write_bytes(odd)
    whole = json.loads(odd)  # still JSON
    assert whole["contacts"]["1"]["deleted"] == "someday"
    with Store.open(path, readonly=True) as full:
        expected = [(c.id, c.name) for c in full.contacts()]
    with Store.open(path, defer=True, autoflush=False) as store:
        assert isinstance(store._raw("contacts"), ContactLines)
        assert "Grace Hopper" not in dict(store.contact_names()).values(), "the scan's guess"
        store.load_rest()
        store.warm(TODAY)
        assert store.contact_names() == expected
        assert "Grace Hopper" in dict(expected).values()


def test_names_are_decoded_as_json_strings() -> None:
    table = b"".join(
        b"\n"
        + json.dumps(str(i)).encode()
        + b": "
        + json.dumps({"name": n, "deleted": None}).encode()
        + b","
        for i, n in enumerate(NAMES, start=1)
    ).removesuffix(b",")
    docs = contact_lines.scan_contacts(Path("x.json"), table)
    assert docs is not None
    assert docs.names(deleted=False) == list(enumerate(NAMES, start=1))


TRICKY = (
    "",
    'ends in a quote \\"',
    "ends in a backslash \\",
    'both \\" and \\\\"',
    "\\\\\\",
    '", "name": "not me',
    '"}, "x": {"name": "',
    "brace } and bracket ]",
    "José Zoë Ñúñez",
    "Ω ≈ ç √ ∫",
    "🚀🚀",
    "line\nbreak",
    "\t\r\u2028\u0007",
    "\ud800 lone surrogate",  # only as an escape: raw, it is no UTF-8 (the head is checked)
)
"""Names whose quotes, backslashes and escapes the scan must read as JSON does."""


@pytest.mark.parametrize("ascii_only", [True, False], ids=["ascii", "utf-8"])
def test_the_scan_reads_every_name_as_json_does(ascii_only: bool) -> None:
    docs = {
        str(id): {"name": name, "email": "", "deleted": "2026-01-02T00:00:00" if id % 3 else None}
        for id, name in enumerate(TRICKY, start=7)
        if ascii_only or "lone" not in name
    }
    lines = [
        json.dumps(key) + ": " + json.dumps(doc, ensure_ascii=ascii_only)
        for key, doc in docs.items()
    ]
    text = "{\n" + ",\n".join(lines) + "\n}"
    table = ("\n" + ",\n".join(lines)).encode()
    expected = json.loads(text)
    scanned = contact_lines.scan_contacts(Path("x.json"), table)
    assert scanned is not None
    for deleted in (False, True):
        want = [
            (int(k), d["name"]) for k, d in expected.items() if (d["deleted"] is None) != deleted
        ]
        assert scanned.names(deleted=deleted) == want
    assert {key: scanned[key] for key in expected} == expected, "each line parses to its doc"


@pytest.mark.parametrize(
    "line",
    [
        b'"9": {"name": 5, "email": ""}',  # not a text name
        b'"9": {"email": "", "name": "B"}',  # the name is not first
        b'"09": {"name": "B"}',  # not an id threety writes
        b'"9": {"name": "B\\"}',  # the name's quote never closes
        b'"9": {"name": "B\\x"}',  # not a JSON escape
    ],
)
def test_a_line_the_scan_cannot_vouch_for_sends_the_table_to_the_parse(line: bytes) -> None:
    table = b'\n"1": {"name": "A", "deleted": null},\n' + line
    assert contact_lines.scan_contacts(Path("x.json"), table) is None


def test_a_repeated_contact_id_in_a_scanned_head_refuses_the_file(
    demo_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "db.json"
    lines = demo_db.read_bytes().split(b"\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(b'"3": {"name": '))
    lines.insert(at + 1, lines[at].replace(b'"notes": "', b'"notes": "OTHER ', 1))
    path.write_bytes(b"\n".join(lines))
    before = path.read_bytes()
    with pytest.raises(NotADatabase, match="contacts document 3 appears twice"):
        Store.open(path, defer=True, autoflush=False)
    assert path.read_bytes() == before


def test_after_a_scanned_head_the_rest_names_its_lines_by_their_numbers(
    demo_db: Path, tmp_path: Path
) -> None:
    """The head's line count comes from the scan (one line a contact), not from counting
    line breaks: a meeting repeated in the rest is named at its line in the file."""
    path = tmp_path / "db.json"
    lines = demo_db.read_bytes().split(b"\n")
    start = lines.index(b'"meetings": {')
    at = next(i for i in range(start, len(lines)) if lines[i].startswith(b'"2": {'))
    lines.insert(at + 1, lines[at])
    path.write_bytes(b"\n".join(lines))
    head = reading.read_head(path)
    assert head is not None and isinstance(head[0]["contacts"], ContactLines), "scanned"
    with (
        Store.open(path, defer=True, autoflush=False) as store,
        pytest.raises(NotADatabase) as caught,
    ):
        store.load_rest()
    assert f"meetings document 2 appears twice (again at line {at + 2})" in str(caught.value)


def test_names_without_escapes_are_decoded_as_they_stand_and_bad_utf8_is_refused() -> None:
    plain = ("José Zoë", "李 小龙", "Emoji 🚀", "Ω\u2028Ω", "")
    table = b"".join(
        b'\n"'
        + str(i).encode()
        + b'": '
        + json.dumps({"name": n}, ensure_ascii=False).encode()
        + b","
        for i, n in enumerate(plain, start=1)
    ).removesuffix(b",")
    docs = contact_lines.scan_contacts(Path("x.json"), table)
    assert docs is not None and docs.names(deleted=False) == list(enumerate(plain, start=1))
    broken = table.replace("Zoë".encode(), b"Zo\xc3")  # a cut multi-byte character
    assert contact_lines.scan_contacts(Path("x.json"), broken) is None
