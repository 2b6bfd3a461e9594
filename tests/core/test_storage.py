"""The file layer: encoding, atomic writes, reading, temp-file cleanup."""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from threety_tui.core.db.schema import new_database
from threety_tui.core.errors import DatabaseError, NotADatabase
from threety_tui.core.models import Contact
from threety_tui.core.storage import (
    AtomicJSONStorage,
    encode,
    read_file,
    remove_stale_temp_files,
    temp_prefix,
    write_atomic,
)
from threety_tui.core.store import Store


def sample(n: int) -> dict[str, dict[str, object]]:
    data = new_database()
    data["contacts"] = {
        str(i): {"name": f"P{i} \u00e9\U0001f600\x1b", "tags": []} for i in range(1, n)
    }
    return data


def test_encode_is_valid_json_with_one_document_per_line() -> None:
    data = sample(600)  # more than one chunk
    chunks = list(encode(data.items()))
    assert len(chunks) > 1
    text = b"".join(chunks).decode("ascii")
    assert json.loads(text) == data
    contact_lines = [line for line in text.splitlines() if line.startswith('"') and "P" in line]
    assert len(contact_lines) == 599


def test_write_atomic_replaces_the_file_with_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_text("old")
    path.chmod(0o644)
    st = write_atomic(path, [b'{"a": ', b"1}"])
    assert path.read_bytes() == b'{"a": 1}'
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert st.st_ino == os.stat(path).st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b"old content")

    def chunks() -> Iterator[bytes]:
        yield b"half of the new"
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_atomic(path, chunks())
    assert path.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json"]


def test_read_file_missing_and_empty(tmp_path: Path) -> None:
    assert read_file(tmp_path / "absent.json") == (None, None)
    empty = tmp_path / "empty.json"
    empty.touch()
    data, signature = read_file(empty)
    assert data is None
    assert signature is not None and signature[1] == 0


def test_read_file_refuses_json_null(tmp_path: Path) -> None:
    """`null` is some other program's JSON, not an empty file: it must not be overwritten."""
    path = tmp_path / "null.json"
    path.write_text("null\n")
    with pytest.raises(NotADatabase, match="not a threety database"):
        read_file(path)


def test_stale_temp_files_of_this_database_only_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "my [1].json"  # glob characters in the name
    prefix = temp_prefix(path)
    ours = [tmp_path / f"{prefix}abcd1234.tmp", tmp_path / f"{prefix}zz_9y8x7.tmp"]
    theirs = [
        tmp_path / ".my [1].json.x.abcd1234.tmp",  # the temp file of "my [1].json.x"
        tmp_path / "other.json.abcd1234.tmp",
        tmp_path / f"{prefix}abcd1234.json",
    ]
    for file in ours + theirs:
        file.write_text("x")
    removed = remove_stale_temp_files(path)
    assert sorted(removed) == sorted(ours)
    assert all(not f.exists() for f in ours)
    assert all(f.exists() for f in theirs)


def test_real_temp_file_names_match_the_cleanup_pattern(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kill a write between creating the temp file and renaming it: cleanup finds it."""
    path = tmp_path / "db.json"

    def refuse(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(os, "unlink", refuse)  # as if killed: nothing tidies up
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, [b"{}"])
    monkeypatch.undo()
    left = [p for p in tmp_path.iterdir() if p.name != "db.json"]
    assert len(left) == 1
    assert remove_stale_temp_files(path) == left
    assert list(tmp_path.iterdir()) == []


def test_storage_flushes_only_when_dirty_and_never_when_read_only(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    data = new_database()
    writer = AtomicJSONStorage(path, data, None, autoflush=False)
    assert not writer.dirty
    assert writer.flush() is False
    assert not path.exists()
    writer.write(data)
    assert writer.dirty and not path.exists()
    assert writer.flush() is True
    assert not writer.dirty
    assert json.loads(path.read_text()) == data
    assert writer.flush() is False

    reader = AtomicJSONStorage(path, data, None, readonly=True)
    reader.write({"contacts": {}})
    assert reader.flush() is False
    assert json.loads(path.read_text()) == data


def test_a_failed_save_is_a_clear_error_and_can_be_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Disk full: one sentence naming the file, the old file intact, nothing lost in memory."""
    path = tmp_path / "db.json"
    with Store.open(path) as store:
        store.add_contact(Contact("Saved"))
        before = path.read_bytes()

        def disk_full(fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", disk_full)
        with pytest.raises(DatabaseError) as caught:
            store.add_contact(Contact("Pending"))
        monkeypatch.undo()
        assert str(caught.value) == (
            f"{path}: could not be saved (No space left on device); "
            "the file on disk was left as it was"
        )
        assert path.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json", "db.json.lock"]
        assert store.dirty
        assert store.flush() is True  # space again: the pending change is saved
    with Store.open(path, readonly=True) as again:
        assert [c.name for c in again.contacts()] == ["Saved", "Pending"]
