"""Planning and applying an import: merge, never double, never overwrite, one write."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from threety_tui.core.io.merge import apply_import, plan_import, read_contacts, report_lines
from threety_tui.core.io.rows import Where, linkedin_key
from threety_tui.core.models import Contact, Kind
from threety_tui.core.store import Store

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def csv_file(tmp_path: Path, *rows: str, name: str = "Connections.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def live(store: Store) -> dict[str, Contact]:
    return {c.name: c for c in store.contacts()}


def test_plan_on_an_empty_database(store: Store, sample) -> None:
    plan = plan_import(store, read_contacts("linkedin", sample("linkedin_connections.csv")))
    assert plan.counts == {"records": 9, "added": 7, "merged": 1, "unchanged": 0, "skipped": 1}
    ada = plan.added[0]
    assert ada.where == Where(5)
    # The duplicate on line 13 (same profile, other URL spelling) filled Ada's empty email.
    assert ada.contact.email == "ada@analytical.example"
    (merge,) = plan.merged
    assert (merge.where, merge.first, merge.contact_id, merge.fields) == (
        Where(13),
        Where(5),
        0,
        ("email",),
    )
    assert plan.updates == ()


def test_plan_writes_nothing(store: Store, db_path: Path, sample, writes: list[Path]) -> None:
    store.add_contact(
        Contact("Ada Lovelace", linkedin="https://www.linkedin.com/in/ada-lovelace-demo")
    )
    before = db_path.read_bytes()
    writes.clear()
    plan = plan_import(store, read_contacts("linkedin", sample("linkedin_connections.csv")))
    assert plan.has_changes
    assert writes == []
    assert db_path.read_bytes() == before
    assert [c.name for c in store.contacts()] == ["Ada Lovelace"]
    assert store.contacts()[0].company == ""


def test_apply_is_one_write(store: Store, db_path: Path, sample, writes: list[Path]) -> None:
    plan = plan_import(store, read_contacts("linkedin", sample("linkedin_connections.csv")))
    result = apply_import(store, plan)
    assert writes == [db_path]
    assert [c.name for c in result.added] == [a.contact.name for a in plan.added]
    assert all(c.id > 0 for c in result.added)
    assert sorted(c.name for c in store.contacts()) == sorted(a.contact.name for a in plan.added)
    with Store.open(db_path, readonly=True) as reread:
        assert {c.name: c.email for c in reread.contacts()}["Ada Lovelace"] == (
            "ada@analytical.example"
        )


def test_a_big_import_is_still_one_write(
    store: Store, db_path: Path, tmp_path: Path, writes: list[Path]
) -> None:
    rows = [
        f"First{i},Last{i},https://www.linkedin.com/in/person-{i},,Company {i % 50},Role,01 Jan 2025"
        for i in range(3000)
    ]
    plan = plan_import(store, read_contacts("linkedin", csv_file(tmp_path, *rows)))
    apply_import(store, plan)
    assert len(store.contacts()) == 3000
    assert writes == [db_path]


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("linkedin", "linkedin_connections.csv"),
        ("linkedin", "linkedin_old_export.csv"),
        ("vcard", "google_contacts.vcf"),
        ("vcard", "apple_contacts.vcf"),
    ],
)
def test_importing_the_same_file_twice_adds_nothing_and_writes_nothing(
    store: Store, db_path: Path, sample, writes: list[Path], fmt: str, name: str
) -> None:
    apply_import(store, plan_import(store, read_contacts(fmt, sample(name))))
    count = len(store.contacts())
    before = db_path.read_bytes()
    writes.clear()
    again = plan_import(store, read_contacts(fmt, sample(name)))
    assert again.counts["added"] == again.counts["merged"] == 0
    assert again.counts["unchanged"] == len(again.source.rows) > 0
    assert not again.has_changes
    apply_import(store, again)
    assert writes == []
    assert db_path.read_bytes() == before
    assert len(store.contacts()) == count


def test_merge_fills_only_empty_fields_and_never_overwrites(store: Store, tmp_path: Path) -> None:
    mine = store.add_contact(
        Contact(
            "Ada L.",
            email="",
            company="My own note of her company",
            role="",
            kind=Kind.BOOSTER,
            how_met="Met at the meetup",
            linkedin="HTTPS://WWW.LinkedIn.com/in/Ada-Lovelace-Demo/?trk=x",
            tags=("mentor",),
            notes="Likes tea.",
            cadence_days=14,
        )
    )
    path = csv_file(
        tmp_path,
        "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace-demo,ada@x.example,"
        "Analytical Engines,CTO,25 Nov 2026",
    )
    plan = plan_import(store, read_contacts("linkedin", path))
    (merge,) = plan.merged
    assert (merge.contact_id, merge.fields) == (mine.id, ("email", "role", "tags"))
    apply_import(store, plan)
    after = store.contact(mine.id)
    assert after == replace(mine, email="ada@x.example", role="CTO", tags=("mentor", "linkedin"))
    assert len(store.contacts()) == 1


def test_email_match_ignores_case_and_spaces(store: Store, tmp_path: Path) -> None:
    mine = store.add_contact(Contact("Grace", email="  Grace@Navy-Compilers.EXAMPLE "))
    path = csv_file(tmp_path, "Grace,Hopper,,grace@navy-compilers.example,Navy,Director,")
    plan = plan_import(store, read_contacts("linkedin", path))
    assert plan.added == ()
    assert [m.contact_id for m in plan.merged] == [mine.id]


def test_vcard_matches_on_any_of_its_emails(store: Store, sample) -> None:
    mine = store.add_contact(Contact("Grace Hopper", email="g.hopper@alumni.example"))
    plan = plan_import(store, read_contacts("vcard", sample("apple_contacts.vcf")))
    assert [m.contact_id for m in plan.merged] == [mine.id]
    apply_import(store, plan)
    assert store.contact(mine.id).email == "g.hopper@alumni.example"


def test_row_matching_a_contact_in_the_trash_is_skipped(store: Store, tmp_path: Path) -> None:
    gone = store.add_contact(Contact("Kim Lee", linkedin="https://linkedin.com/in/kimlee"))
    store.delete_contact(gone.id)
    path = csv_file(tmp_path, "Kim,Lee,https://www.linkedin.com/in/kimlee/,,Acme,Buyer,")
    plan = plan_import(store, read_contacts("linkedin", path))
    (skip,) = plan.skipped
    assert skip.where == Where(2)
    assert "in the trash" in skip.reason and "Kim Lee" in skip.reason
    assert not plan.has_changes


def test_same_name_and_company_without_keys_is_the_same_person(
    store: Store, tmp_path: Path
) -> None:
    mine = store.add_contact(Contact("Kim Lee", company="Acme", notes="mine"))
    path = csv_file(tmp_path, "kim,LEE,,,ACME,Buyer,", "Kim,Lee,,,Other Corp,Buyer,")
    plan = plan_import(store, read_contacts("linkedin", path))
    assert [m.contact_id for m in plan.merged] == [mine.id]
    assert [a.contact.company for a in plan.added] == ["Other Corp"]


def test_same_name_with_different_emails_is_not_merged(store: Store, tmp_path: Path) -> None:
    store.add_contact(Contact("Kim Lee", email="kim@one.example", company="Acme"))
    path = csv_file(tmp_path, "Kim,Lee,,kim@two.example,Acme,Buyer,")
    plan = plan_import(store, read_contacts("linkedin", path))
    assert [a.contact.email for a in plan.added] == ["kim@two.example"]
    assert plan.merged == ()


def test_a_key_owned_by_another_contact_is_not_copied(store: Store, tmp_path: Path) -> None:
    ana = store.add_contact(Contact("Ana Ruiz", email="shared@x.example"))
    kim = store.add_contact(Contact("Kim Lee", linkedin="https://www.linkedin.com/in/kimlee"))
    # Kim's row carries an email that already belongs to Ana: Kim must not get it.
    path = csv_file(
        tmp_path, "Kim,Lee,https://www.linkedin.com/in/kimlee,shared@x.example,Acme,Buyer,"
    )
    plan = plan_import(store, read_contacts("linkedin", path))
    # The email matches first, so the row merges into Ana without taking Kim's URL.
    (merge,) = plan.merged
    assert merge.contact_id == ana.id
    assert "linkedin" not in merge.fields
    apply_import(store, plan)
    assert store.contact(ana.id).linkedin == ""
    assert store.contact(kim.id).email == ""


def test_apply_keeps_what_the_user_typed_after_the_preview(store: Store, tmp_path: Path) -> None:
    mine = store.add_contact(Contact("Kim Lee", linkedin="https://www.linkedin.com/in/kimlee"))
    path = csv_file(tmp_path, "Kim,Lee,https://www.linkedin.com/in/kimlee,,Acme,Buyer,")
    plan = plan_import(store, read_contacts("linkedin", path))
    store.update_contact(replace(store.contact(mine.id), company="Typed meanwhile"))
    result = apply_import(store, plan)
    after = store.contact(mine.id)
    assert (after.company, after.role) == ("Typed meanwhile", "Buyer")
    assert result.updated == (after,)


def test_apply_leaves_a_contact_deleted_after_the_preview(store: Store, tmp_path: Path) -> None:
    mine = store.add_contact(Contact("Kim Lee", linkedin="https://www.linkedin.com/in/kimlee"))
    path = csv_file(tmp_path, "Kim,Lee,https://www.linkedin.com/in/kimlee,,Acme,Buyer,")
    plan = plan_import(store, read_contacts("linkedin", path))
    store.delete_contact(mine.id)
    result = apply_import(store, plan)
    assert result.updated == ()
    assert store.contact(mine.id).company == ""


def test_linkedin_then_vcard_of_the_same_people_merges(store: Store, sample) -> None:
    apply_import(
        store, plan_import(store, read_contacts("linkedin", sample("linkedin_connections.csv")))
    )
    plan = plan_import(store, read_contacts("vcard", sample("google_contacts.vcf")))
    by_name = {m.name: m for m in plan.merged}
    assert set(by_name) == {"Ada Lovelace"}
    assert by_name["Ada Lovelace"].fields == ("tags", "notes")
    apply_import(store, plan)
    ada = live(store)["Ada Lovelace"]
    # The LinkedIn data stays; the card adds its notes and tag.
    assert ada.email == "ada@analytical.example"
    assert ada.how_met == "LinkedIn connection since 25 Nov 2026"
    assert ada.tags == ("linkedin", "Mentors")
    assert ada.notes.startswith("Met at the Difference Engine meetup.")


def test_report_lines_explain_every_merge_and_skip(store: Store, sample) -> None:
    plan = plan_import(store, read_contacts("vcard", sample("apple_contacts.vcf")))
    text = "\n".join(report_lines(plan))
    assert text.splitlines()[0] == "Read 4 records from apple_contacts.vcf (vCard contacts)."
    assert "      3 added" in text
    assert "      1 skipped" in text
    assert "  card 3 (line 35): cannot be read (Failed to parse line:" in text
    assert "[Barbara Liskov]" in text


def test_report_lists_duplicates_within_the_file(tmp_path: Path, store: Store) -> None:
    path = csv_file(
        tmp_path,
        "Kim,Lee,https://www.linkedin.com/in/kimlee,,Acme,Buyer,",
        "Kim,Lee,https://www.linkedin.com/in/kimlee,,Acme,Buyer,",
        "Kim,Lee,https://www.linkedin.com/in/kimlee,kim@acme.example,,,",
    )
    lines = report_lines(plan_import(store, read_contacts("linkedin", path)))
    assert "  line 4: Kim Lee is the same person as line 2: added email" in lines
    assert "  line 3: Kim Lee is the same person as line 2: nothing new" in lines


def test_report_strips_control_characters(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "c.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:\x1b[2J\nEMAIL:evil\x1b@x.example\nEND:VCARD\n")
    lines = report_lines(plan_import(store, read_contacts("vcard", path)))
    assert not any("\x1b" in line for line in lines)


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.linkedin.com/in/ada-lovelace/", "linkedin.com/in/ada-lovelace"),
        ("http://linkedin.com/in/Ada-Lovelace", "linkedin.com/in/ada-lovelace"),
        ("www.linkedin.com/in/ada-lovelace?trk=people#top", "linkedin.com/in/ada-lovelace"),
        ("https://de.linkedin.com/in/ada-lovelace/details/skills/", "linkedin.com/in/ada-lovelace"),
        ("  https://m.linkedin.com/in/ada-lovelace  ", "linkedin.com/in/ada-lovelace"),
        ("https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller", "linkedin.com/in/jürgen-müller"),
        ("https://www.linkedin.com/pub/ada-lovelace/1/2/3", "linkedin.com/pub/ada-lovelace/1/2/3"),
        ("https://evil-linkedin.com/in/ada", ""),
        ("https://example.com/in/ada", ""),
        ("https://www.linkedin.com/", ""),
        ("not a url at all", ""),
        ("http://[::1", ""),
        ("", ""),
    ],
)
def test_linkedin_key(url: str, key: str) -> None:
    assert linkedin_key(url) == key


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        (
            "linkedin",
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            'Frances,Allen,,"a@x.com?bcc=evil@e.com",,,\n'
            'Kim,Lee,,"kim@x.com\r\nBcc: evil@e.com",,,\n'
            "Ada,Lovelace,,ada@x.org,,,\n",
        ),
        (
            "vcard",
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Frances Allen\r\n"
            "EMAIL:a@x.com?bcc=evil@e.com\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim Lee\r\n"
            "EMAIL:kim@x.com\\nBcc: evil@e.com\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@x.org\r\nEND:VCARD\r\n",
        ),
    ],
    ids=["linkedin", "vcard"],
)
def test_an_email_left_out_is_said_in_the_report(
    store: Store, tmp_path: Path, fmt: str, text: str
) -> None:
    """QA of issue 11, finding 16: the contact is added, the report says what was left out."""
    path = tmp_path / ("Connections.csv" if fmt == "linkedin" else "contacts.vcf")
    path.write_bytes(text.encode())
    plan = plan_import(store, read_contacts(fmt, path))
    assert [(a.contact.name, a.contact.email) for a in plan.added] == [
        ("Frances Allen", ""),
        ("Kim Lee", ""),
        ("Ada Lovelace", "ada@x.org"),
    ]
    lines = report_lines(plan)
    start = lines.index("Imported without part of the record:")
    said = lines[start + 1 : start + 3]
    assert said[0].endswith(
        ": email \u201ca@x.com?bcc=evil@e.com\u201d left out: not a valid address"
        " (one name@example.org) [Frances Allen]"
    ), said
    # The line break shown as a visible symbol (CSV keeps CR LF, a vCard's "\\n" is LF).
    shown = "kim@x.com\u240d\u240a" if fmt == "linkedin" else "kim@x.com\u240a"
    assert f"\u201c{shown}Bcc: evil@e.com\u201d" in said[1], said
    assert "[Kim Lee]" in said[1] and all("\n" not in line for line in lines)
