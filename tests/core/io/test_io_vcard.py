"""vCard files as Google Contacts and Apple Contacts export them."""

from __future__ import annotations

from pathlib import Path

import pytest

from threety_tui.core.errors import InputError
from threety_tui.core.io.rows import Where
from threety_tui.core.io.vcard import read_vcard


def write(tmp_path: Path, text: str, name: str = "contacts.vcf") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


def card(*lines: str, version: str = "3.0") -> str:
    return "\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + "\n"


def test_google_export(sample) -> None:
    parsed = read_vcard(sample("google_contacts.vcf"))
    ada = parsed.rows[0]
    assert ada.where == Where(1, 1)
    c = ada.contact
    assert c.name == "Ada Lovelace"
    # Google marks no preference: the first email is the one kept; all are match keys.
    assert c.email == "ada.home@example.com"
    assert ada.emails == ("ada.home@example.com", "ada@analytical.example")
    assert c.company == "Analytical Engines, Ltd"
    assert c.role == "Chief Technology Officer"
    # Google writes "https\://"; the escape is undone.
    assert c.linkedin == "https://www.linkedin.com/in/ada-lovelace-demo"
    # "myContacts" is Google's system group, not a tag.
    assert c.tags == ("Mentors",)
    assert c.notes == (
        "Met at the Difference Engine meetup.\n"
        "Asked about the Bernoulli numbers paper; said to read Menabrea's notes first.\n"
        "\n"
        "Phone: +44 20 7946 0018 (cell)\n"
        "Email: ada.home@example.com (home)\n"
        "Email: ada@analytical.example (work)"
    )


def test_google_org_unit_goes_to_the_notes(sample) -> None:
    parsed = read_vcard(sample("google_contacts.vcf"))
    katherine = parsed.rows[1].contact
    assert (katherine.company, katherine.notes) == (
        "Orbital Dynamics",
        "Department: Trajectory Analysis",
    )
    assert katherine.tags == ()


def test_card_without_any_name_is_skipped_with_its_email(sample) -> None:
    parsed = read_vcard(sample("google_contacts.vcf"))
    (skip,) = parsed.skipped
    assert (skip.where, skip.reason, skip.label) == (
        Where(27, 3),
        "no name",
        "noreply-notifications@example.com",
    )


def test_homepage_that_is_not_linkedin_is_not_the_linkedin_url(sample) -> None:
    tim = read_vcard(sample("google_contacts.vcf")).rows[2].contact
    assert tim.name == "Tim Berners-Lee"
    assert tim.linkedin == ""
    assert tim.notes == "Friend of a friend, met at the web history talk."


def test_apple_export(sample) -> None:
    parsed = read_vcard(sample("apple_contacts.vcf"))
    grace = parsed.rows[0]
    c = grace.contact
    assert c.name == "Grace Hopper"
    assert c.email == "grace@navy-compilers.example"  # type=pref wins over the first
    assert grace.emails[0] == "grace@navy-compilers.example"
    assert set(grace.emails) == {
        "grace@navy-compilers.example",
        "grace.home@example.com",
        "g.hopper@alumni.example",
    }
    assert c.company == "Navy Compilers"
    assert c.role == "Director of Engineering"
    assert c.linkedin == "http://www.linkedin.com/in/gracehopper-demo/"
    assert c.tags == ("Mentors", "Navy")
    notes = c.notes.split("\n")
    # Escaped \, \; and \n are undone; the folded line is joined.
    assert notes[:2] == [
        "Bugs, moths and nanoseconds; bring a wire cut to 30 cm.",
        "Ask about COBOL standards committee.",
    ]
    assert "Department: Research" in notes
    assert "Phone: +1 (202) 555-0147 (cell)" in notes
    # The grouped item1.EMAIL takes its label from item1.X-ABLabel.
    assert "Email: g.hopper@alumni.example (other)" in notes
    # The photo is dropped, never decoded into the notes.
    assert "/9j/" not in c.notes


def test_apple_company_card_uses_the_company_as_name(sample) -> None:
    company = read_vcard(sample("apple_contacts.vcf")).rows[1].contact
    assert (company.name, company.company, company.email) == (
        "Substitution Systems",
        "Substitution Systems",
        "",
    )


def test_broken_card_is_skipped_and_the_rest_imported(sample) -> None:
    parsed = read_vcard(sample("apple_contacts.vcf"))
    (skip,) = parsed.skipped
    assert skip.where == Where(35, 3)
    assert skip.reason.startswith("cannot be read (Failed to parse line: this line was damaged")
    assert skip.label == "Barbara Liskov"
    assert [r.contact.name for r in parsed.rows] == [
        "Grace Hopper",
        "Substitution Systems",
        "Edsger W. Dijkstra",
    ]


def test_vcard_4_pref_and_regional_linkedin_host(sample) -> None:
    edsger = read_vcard(sample("apple_contacts.vcf")).rows[2]
    assert edsger.where == Where(43, 4)
    assert edsger.contact.email == "edsger@shortestpath.example"
    assert edsger.contact.linkedin.startswith("https://nl.linkedin.com/in/edsger-dijkstra-demo")
    assert edsger.contact.notes.startswith("Prefers handwritten notes\\letters.")


def test_utf16_apple_export(sample) -> None:
    (row,) = read_vcard(sample("apple_utf16.vcf")).rows
    assert (row.contact.name, row.contact.company) == (
        "Jürgen Müller",
        "Zürich Rückversicherung AG",
    )


def test_card_cut_off_at_the_end_of_the_file(tmp_path: Path) -> None:
    text = card("FN:Kim Lee") + "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Ruiz\nEMAIL:ana@x.example\n"
    parsed = read_vcard(write(tmp_path, text))
    assert [r.contact.name for r in parsed.rows] == ["Kim Lee"]
    (skip,) = parsed.skipped
    assert (skip.where, skip.reason, skip.label) == (
        Where(5, 2),
        "is cut off: it has no END:VCARD line",
        "Ana Ruiz",
    )


def test_card_that_never_ends_before_the_next_begins(tmp_path: Path) -> None:
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Kim Lee\n" + card("FN:Ana Ruiz")
    parsed = read_vcard(write(tmp_path, text))
    assert [r.contact.name for r in parsed.rows] == ["Ana Ruiz"]
    assert [(s.where.card, s.reason) for s in parsed.skipped] == [
        (1, "is cut off: it has no END:VCARD line")
    ]


def test_name_from_n_when_fn_is_missing(tmp_path: Path) -> None:
    text = card("N:Ruiz;Ana;María;Dr.;PhD")
    (row,) = read_vcard(write(tmp_path, text)).rows
    assert row.contact.name == "Dr. Ana María Ruiz PhD"


def test_pref_number_decides_in_vcard_4(tmp_path: Path) -> None:
    text = card(
        "FN:Kim Lee",
        "EMAIL;PREF=2:second@x.example",
        "EMAIL:none@x.example",
        'EMAIL;TYPE="work,pref";PREF=1:first@x.example',
        version="4.0",
    )
    (row,) = read_vcard(write(tmp_path, text)).rows
    assert row.emails == ("first@x.example", "second@x.example", "none@x.example")
    assert row.contact.email == "first@x.example"


def test_linkedin_from_x_socialprofile(tmp_path: Path) -> None:
    text = card(
        "FN:Kim Lee",
        "URL:https://kim.example",
        "X-SOCIALPROFILE;type=linkedin;x-user=kimlee:http://www.linkedin.com/in/kimlee",
    )
    (row,) = read_vcard(write(tmp_path, text)).rows
    assert row.contact.linkedin == "http://www.linkedin.com/in/kimlee"


def test_undecodable_photo_does_not_break_the_card(tmp_path: Path) -> None:
    text = card("FN:Kim Lee", "PHOTO;ENCODING=b;TYPE=JPEG:!!!not base64", " more!!!")
    (row,) = read_vcard(write(tmp_path, text)).rows
    assert row.contact.name == "Kim Lee"


def test_unescaped_commas_are_kept(tmp_path: Path) -> None:
    # Some exporters do not escape commas in text values; nothing after one may be lost.
    text = card("FN:Doe, Jane", "TITLE:Partner, Strategy", "NOTE:Met in Paris, then Rome\\, twice")
    (row,) = read_vcard(write(tmp_path, text)).rows
    assert (row.contact.name, row.contact.role) == ("Doe, Jane", "Partner, Strategy")
    assert row.contact.notes == "Met in Paris, then Rome, twice"


def test_structured_values_split_only_on_unescaped_semicolons(tmp_path: Path) -> None:
    text = card(
        "FN:Kim Lee", "ORG:Lee\\; Partners;Research;;Lab 2", "CATEGORIES:a\\,b,c,,myContacts"
    )
    (row,) = read_vcard(write(tmp_path, text)).rows
    assert row.contact.company == "Lee; Partners"
    assert row.contact.notes == "Department: Research / Lab 2"
    assert row.contact.tags == ("a,b", "c")


def test_damaged_property_that_is_not_used_does_not_cost_the_card(tmp_path: Path) -> None:
    text = card("FN:Kim Lee", 'BDAY;X-BROKEN="unterminated:1990-01-01', "EMAIL:kim@x.example")
    (row,) = read_vcard(write(tmp_path, text)).rows
    assert (row.contact.name, row.contact.email) == ("Kim Lee", "kim@x.example")


def test_damaged_used_property_skips_the_card(tmp_path: Path) -> None:
    text = card("FN:Kim Lee", 'EMAIL;X-BROKEN="unterminated:kim@x.example') + card("FN:Ana Ruiz")
    parsed = read_vcard(write(tmp_path, text))
    assert [r.contact.name for r in parsed.rows] == ["Ana Ruiz"]
    (skip,) = parsed.skipped
    assert (skip.where, skip.label) == (Where(1, 1), "Kim Lee")
    assert skip.reason.startswith("cannot be read (")


def test_lowercase_and_indented_begin_end(tmp_path: Path) -> None:
    text = "begin:vcard\nversion:3.0\nfn:Kim Lee\nend:vcard  \n"
    (row,) = read_vcard(write(tmp_path, text)).rows
    assert row.contact.name == "Kim Lee"


def test_text_outside_cards_is_ignored(tmp_path: Path) -> None:
    text = "exported by a tool\n\n" + card("FN:Kim Lee") + "\ntrailing words\n"
    parsed = read_vcard(write(tmp_path, text))
    assert [r.contact.name for r in parsed.rows] == ["Kim Lee"]
    assert parsed.rows[0].where == Where(3, 1)


def test_file_without_cards_is_an_input_error(sample) -> None:
    path = sample("no_cards.vcf")
    with pytest.raises(InputError) as caught:
        read_vcard(path)
    assert str(caught.value) == (
        f"{path}: is not a vCard file (.vcf): it has no BEGIN:VCARD ... END:VCARD card"
    )


def test_linkedin_csv_given_as_vcard_is_an_input_error(sample) -> None:
    with pytest.raises(InputError, match="no BEGIN:VCARD"):
        read_vcard(sample("linkedin_connections.csv"))


def test_vcard_2_1_with_quoted_printable_soft_line_breaks(sample) -> None:
    parsed = read_vcard(sample("android_2_1.vcf"))
    assert not parsed.skipped
    juergen, ana = (r.contact for r in parsed.rows)
    assert (juergen.name, juergen.email) == ("Jürgen Müller", "juergen@mueller.example")
    assert juergen.company == "Zürich Rückversicherung AG"
    assert juergen.notes.startswith(
        "Kennengelernt beim Aktuartag.\nFragen: Reserving, IFRS 17.\n\nPhone: +49 151 23456789"
    )
    assert (ana.name, ana.email, parsed.rows[1].where) == (
        "Ana Ruiz",
        "ana@ruiz.example",
        Where(12, 2),
    )
