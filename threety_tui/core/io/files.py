"""Reading a file the user asked to import: any common encoding, one-line errors.

Every importer goes through `read_text`, so a missing file, a folder, a binary
file or an empty file is reported the same way for every format, before the
database is opened (bad input never touches it).
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from threety_tui.core.db.filestate import open_quietly
from threety_tui.core.errors import InputError

MAX_BYTES = 200 * 1024 * 1024
"""No address book or LinkedIn export comes near this; a bigger file is a mistake."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ZIP = b"PK\x03\x04"


def bad_file(path: Path | str, problem: str) -> InputError:
    """An `InputError` that names the file: "<path>: <problem>"."""
    return InputError(f"{path}: {problem}")


def read_text(path: Path | str, what: str) -> str:
    """The file's text, decoded; raises a one-line `InputError` otherwise.

    `what` names the expected content for messages ("a LinkedIn connections
    export"). Encodings: a BOM decides (UTF-8, UTF-16, UTF-32); else UTF-16
    without a BOM is recognised by its zero bytes; else UTF-8, falling back to
    Windows-1252 (what Excel saves as "CSV" on Windows, a superset of Latin-1
    for printable text) and finally Latin-1, which decodes any byte.
    """
    path = Path(path)
    raw = _read_bytes(path)
    try:
        return _text_of(raw, path, what)
    except MemoryError:
        raise bad_file(path, "is too large to read (out of memory)") from None


def _text_of(raw: bytes, path: Path, what: str) -> str:
    if not raw.strip() or raw in {bom for bom, _ in _BOMS}:
        raise bad_file(path, f"is empty; expected {what}")
    if raw.startswith(_ZIP):
        raise bad_file(
            path,
            f"is a ZIP archive (or a spreadsheet workbook), not {what}; unzip or export it first",
        )
    text = decode(raw)
    if text is None or _looks_binary(text):
        raise bad_file(path, f"is a binary file, not {what}")
    if not text.strip():
        raise bad_file(path, f"is empty; expected {what}")
    return text


def decode(raw: bytes) -> str | None:
    """Decode by BOM, UTF-16 zero-byte pattern, UTF-8, Windows-1252 or Latin-1.

    None when the bytes are binary (NUL bytes that are not UTF-16/32 text).
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                return None
    utf16 = _utf16_without_bom(raw)
    if utf16:
        try:
            return raw.decode(utf16)
        except UnicodeDecodeError:
            return None
    if b"\x00" in raw:
        return None
    for codec in ("utf-8", "cp1252"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _utf16_without_bom(raw: bytes) -> str | None:
    """ "utf-16-le"/"-be" when most of one byte lane is zero (ASCII-heavy UTF-16)."""
    sample = raw[:4096]
    pairs = len(sample) // 2
    if pairs < 2 or len(raw) % 2:
        return None
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    if odd > pairs * 0.6 and even == 0:
        return "utf-16-le"
    if even > pairs * 0.6 and odd == 0:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    """A NUL, or more than 10% control characters (beyond tab/newlines), means not text."""
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return "\x00" in sample or controls > max(8, len(sample) // 10)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes: only a regular file, checked before it is opened and after.

    Opened without blocking, so a FIFO swapped in meanwhile cannot hang the import.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise bad_file(path, "no such file") from None
    except PermissionError:
        raise bad_file(path, "permission denied (cannot open the file)") from None
    except OSError as error:
        raise bad_file(path, f"cannot open the file ({error.strerror})") from None
    _check_kind(path, st)
    try:
        fd = open_quietly(path)
    except PermissionError:
        raise bad_file(path, "permission denied (cannot read the file)") from None
    except OSError as error:
        raise bad_file(path, f"cannot read the file ({error.strerror})") from None
    try:
        st = os.fstat(fd)
        _check_kind(path, st)
        chunks = []
        while chunk := os.read(fd, max(st.st_size + 1, 1 << 16)):
            chunks.append(chunk)
            if sum(map(len, chunks)) > MAX_BYTES:
                raise bad_file(path, f"is too large to import (over {MAX_BYTES >> 20} MB)")
        return b"".join(chunks)
    except PermissionError:
        raise bad_file(path, "permission denied (cannot read the file)") from None
    except OSError as error:
        raise bad_file(path, f"cannot read the file ({error.strerror})") from None
    except MemoryError:
        raise bad_file(path, "is too large to read (out of memory)") from None
    finally:
        os.close(fd)


def _check_kind(path: Path, st: os.stat_result) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise bad_file(path, "is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise bad_file(path, "is not a regular file")
    if st.st_size > MAX_BYTES:
        raise bad_file(path, f"is too large to import ({st.st_size // (1024 * 1024)} MB)")
