"""LinkedIn's Connections.csv, with the quirks of the real export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from threety_tui.core.errors import InputError
from threety_tui.core.io.linkedin import how_met, parse_connected, read_linkedin
from threety_tui.core.io.rows import Where

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses'
    ' are missing."\n'
    "\n"
)


def write(tmp_path: Path, text: str, name: str = "Connections.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_real_export_maps_every_column(sample) -> None:
    parsed = read_linkedin(sample("linkedin_connections.csv"))
    ada = parsed.rows[0]
    assert ada.where == Where(5)
    assert ada.contact.name == "Ada Lovelace"
    assert ada.contact.email == ""
    assert ada.contact.company == "Analytical Engines, Ltd"
    assert ada.contact.role == "Chief Technology Officer"
    assert ada.contact.linkedin == "https://www.linkedin.com/in/ada-lovelace-demo"
    assert ada.contact.how_met == "LinkedIn connection since 25 Nov 2026"
    assert ada.contact.tags == ("linkedin",)
    grace = parsed.rows[1].contact
    assert (grace.name, grace.email) == ("Grace Hopper", "grace@navy-compilers.example")
    assert parsed.rows[1].emails == ("grace@navy-compilers.example",)


def test_preamble_is_skipped_and_line_numbers_are_physical(sample) -> None:
    parsed = read_linkedin(sample("linkedin_connections.csv"))
    lines = {r.contact.name: r.where.line for r in parsed.rows}
    # The multi-line position of Alan Turing spans lines 8-9, so the next record is on 10.
    assert lines["Jürgen Müller"] == 7
    assert lines["Alan Turing"] == 8
    assert lines["Jane Doe, PhD"] == 11
    assert [s.where.line for s in parsed.skipped] == [10]


def test_quoted_commas_and_line_breaks_stay_in_their_field(sample) -> None:
    parsed = read_linkedin(sample("linkedin_connections.csv"))
    by_name = {r.contact.name: r.contact for r in parsed.rows}
    jane = by_name["Jane Doe, PhD"]
    assert (jane.company, jane.role) == ("Doe & Partners, LLC", "Partner, Strategy")
    # A line break inside a one-line field becomes a space.
    assert by_name["Alan Turing"].role == "Principal Scientist Machine Intelligence"
    assert by_name["李 雷"].company == "字节跳动"


def test_row_without_a_name_is_skipped_with_its_url(sample) -> None:
    parsed = read_linkedin(sample("linkedin_connections.csv"))
    (skip,) = parsed.skipped
    assert skip.reason == "no name"
    assert skip.label == "https://www.linkedin.com/in/deactivated-member-9"
    assert parsed.records == len(parsed.rows) + 1 == 9


def test_older_export_without_url_or_preamble(sample) -> None:
    parsed = read_linkedin(sample("linkedin_old_export.csv"))
    contacts = [r.contact for r in parsed.rows]
    assert [c.name for c in contacts] == ["Margaret Hamilton", "Dennis Ritchie", "Frances Allen"]
    assert contacts[0].email == "margaret@apollo-sw.example"
    assert contacts[0].how_met == "LinkedIn connection since 12 Oct 2018"
    assert contacts[1].how_met == "LinkedIn connection since 25 Oct 2018"
    assert contacts[2].how_met == "LinkedIn connection"
    assert all(c.linkedin == "" for c in contacts)
    assert [r.where.line for r in parsed.rows] == [2, 3, 4]


def test_header_is_found_by_its_columns_in_any_order(tmp_path: Path) -> None:
    text = (
        "Connected On,Company,Email Address,Last Name,First Name,Position\n"
        "02 Jan 2025,Acme,kim@acme.example,Lee,Kim,Buyer\n"
    )
    (row,) = read_linkedin(write(tmp_path, text)).rows
    assert (row.contact.name, row.contact.company, row.contact.role) == ("Kim Lee", "Acme", "Buyer")
    assert row.contact.email == "kim@acme.example"


def test_crlf_line_endings_and_a_longer_preamble(tmp_path: Path) -> None:
    text = ("Notes:\nsomething new LinkedIn added\n\n\n" + PREAMBLE + HEADER + "\n").replace(
        "\n", "\r\n"
    ) + "Kim,Lee,https://www.linkedin.com/in/kimlee,,Acme,Buyer,02 Jan 2025\r\n"
    (row,) = read_linkedin(write(tmp_path, text)).rows
    assert row.contact.name == "Kim Lee"
    assert row.where.line == 9


def test_trailing_blank_lines_and_missing_trailing_cells(tmp_path: Path) -> None:
    text = PREAMBLE + HEADER + "\nKim,Lee,https://www.linkedin.com/in/kimlee\n\n\n"
    parsed = read_linkedin(write(tmp_path, text))
    (row,) = parsed.rows
    assert (row.contact.company, row.contact.how_met) == ("", "LinkedIn connection")
    assert not parsed.skipped


def test_empty_row_and_row_with_too_many_fields_are_skipped_with_reasons(tmp_path: Path) -> None:
    text = (
        HEADER
        + "\n,,,,,,\n"
        + "Kim,Lee,https://www.linkedin.com/in/kimlee,,Acme, Inc,Buyer,02 Jan 2025\n"
        + "Ana,Ruiz,,,,,,,\n"
    )
    parsed = read_linkedin(write(tmp_path, text))
    assert [(s.where.line, s.reason) for s in parsed.skipped] == [
        (2, "an empty row"),
        (3, "has 8 fields where the header has 7 (a comma outside quotes?)"),
    ]
    # Extra empty trailing cells (a spreadsheet's trailing commas) are harmless.
    assert [r.contact.name for r in parsed.rows] == ["Ana Ruiz"]


def test_invalid_email_is_not_kept_as_an_email(tmp_path: Path) -> None:
    text = HEADER + "\nKim,Lee,,n/a,Acme,Buyer,\nAna,Ruiz,, ana@x.example ,,,\n"
    rows = read_linkedin(write(tmp_path, text)).rows
    assert [(r.contact.email, r.emails) for r in rows] == [
        ("", ()),
        ("ana@x.example", ("ana@x.example",)),
    ]


def test_url_that_is_not_linkedin_is_dropped(tmp_path: Path) -> None:
    text = HEADER + "\nKim,Lee,javascript:alert(1),,Acme,Buyer,\n"
    (row,) = read_linkedin(write(tmp_path, text)).rows
    assert row.contact.linkedin == ""


def test_control_characters_in_names_are_dropped(tmp_path: Path) -> None:
    text = HEADER + "\nKim\x1b[31m,Lee\x07,,,Acme\x1b]0;x\x07,Buyer,\n"
    (row,) = read_linkedin(write(tmp_path, text)).rows
    assert "\x1b" not in row.contact.name + row.contact.company
    assert row.contact.name == "Kim[31m Lee"


def test_csv_without_the_header_is_an_input_error(sample) -> None:
    path = sample("not_linkedin.csv")
    with pytest.raises(InputError) as caught:
        read_linkedin(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: is not a LinkedIn connections export")
    assert "First Name,Last Name" in message
    assert "\n" not in message


def test_a_vcard_given_as_linkedin_is_an_input_error(sample) -> None:
    with pytest.raises(InputError, match="no header row"):
        read_linkedin(sample("google_contacts.vcf"))


def test_header_only_gives_no_rows_and_no_error(tmp_path: Path) -> None:
    parsed = read_linkedin(write(tmp_path, PREAMBLE + HEADER + "\n"))
    assert parsed.records == 0


def test_header_far_down_is_not_searched_forever(tmp_path: Path) -> None:
    text = "x\n" * 150 + HEADER + "\nKim,Lee,,,,,\n"
    with pytest.raises(InputError, match="no header row"):
        read_linkedin(write(tmp_path, text))


def test_unterminated_quote_swallowing_the_rest_is_an_input_error(tmp_path: Path) -> None:
    text = HEADER + '\nKim,Lee,,,"Acme,Buyer,\n' + "Ana,Ruiz,,,x,y,\n" * 20000
    with pytest.raises(InputError, match="cannot be read as CSV"):
        read_linkedin(write(tmp_path, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25 Nov 2026", date(2026, 11, 25)),
        ("03 Oct 2026", date(2026, 10, 3)),
        ("3 October 2026", date(2026, 10, 3)),
        ("25 Sept 2026", date(2026, 9, 25)),
        ("Nov 25, 2026", date(2026, 11, 25)),
        ("11/25/26", date(2026, 11, 25)),
        ("11/05/2026", date(2026, 11, 5)),
        ("25/11/2026", date(2026, 11, 25)),
        ("2026-11-25", date(2026, 11, 25)),
        ("  25  NOV  2026 ", date(2026, 11, 25)),
        ("31 Feb 2026", None),
        ("13/13/26", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_connected_on_dates(text: str, expected: date | None) -> None:
    assert parse_connected(text) == expected


def test_how_met_keeps_an_unknown_date_as_written() -> None:
    assert how_met("sometime in 2019") == "LinkedIn connection since sometime in 2019"
