"""Reading files to import: encodings and every kind of bad file, as one-line errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from threety_tui.core.errors import InputError
from threety_tui.core.io import files
from threety_tui.core.io.files import decode, read_text
from threety_tui.core.io.linkedin import read_linkedin

WHAT = "a test file"


@pytest.mark.parametrize(
    "name",
    ["encoding_utf8.csv", "encoding_utf8_bom.csv", "encoding_utf16.csv", "encoding_latin1.csv"],
)
def test_every_encoding_reads_the_same_names(sample, name: str) -> None:
    parsed = read_linkedin(sample(name))
    assert [r.contact.name for r in parsed.rows] == ["Jürgen Müller", "Françoise Barré-Sinoussi"]
    assert parsed.rows[0].contact.company == "Zürich Rückversicherung AG"
    assert not parsed.skipped


def test_the_bom_is_not_part_of_the_first_header_cell(sample) -> None:
    text = read_text(sample("encoding_utf8_bom.csv"), WHAT)
    assert text.startswith("Notes:")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_recognised(codec: str) -> None:
    assert decode("First Name,Last Name\nZoë,Ødegård\n".encode(codec)) == (
        "First Name,Last Name\nZoë,Ødegård\n"
    )


def test_windows_1252_punctuation_is_read_as_such() -> None:
    # Excel on Windows saves "CSV" as cp1252: curly quotes and the euro sign.
    assert decode("“Zürich” €5".encode("cp1252")) == "“Zürich” €5"


def test_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    assert decode(b"caf\xe9 \x81") == "café \x81"


def _one_line_error(path: Path, *fragments: str) -> str:
    with pytest.raises(InputError) as caught:
        read_text(path, WHAT)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    for fragment in fragments:
        assert fragment in message
    return message


def test_missing_file(tmp_path: Path) -> None:
    _one_line_error(tmp_path / "nope.csv", "no such file")


def test_directory(tmp_path: Path) -> None:
    _one_line_error(tmp_path, "is a directory")


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t", b"\xef\xbb\xbf", b"\xff\xfe"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    _one_line_error(path, "is empty", WHAT)


def test_utf16_file_of_only_whitespace_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_bytes("\r\n  \r\n".encode("utf-16"))
    _one_line_error(path, "is empty")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    _one_line_error(path, "is a binary file", WHAT)


def test_binary_without_nul_bytes_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "noise.bin"
    path.write_bytes(bytes(b for b in range(1, 32) if b not in (9, 10, 13)) * 40)
    _one_line_error(path, "is a binary file")


def test_zip_archive_says_to_unzip(tmp_path: Path) -> None:
    path = tmp_path / "Basic_LinkedInDataExport.zip"
    path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"Connections.csv")
    _one_line_error(path, "ZIP archive", "unzip")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.csv"
    path.write_text("First Name,Last Name,Company\n")

    def refuse(path: Path) -> int:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(files, "open_quietly", refuse)  # chmod 0 does not stop root
    _one_line_error(path, "permission denied (cannot read the file)")


def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    _one_line_error(fifo, "not a regular file")
