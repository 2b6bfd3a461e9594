"""The file changed on disk since we loaded it: never overwrite, never lose either side."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from threety_tui.core.errors import DatabaseChanged
from threety_tui.core.models import Contact
from threety_tui.core.storage import read_file
from threety_tui.core.store import Store


def names_in(path: Path) -> list[str]:
    data, _ = read_file(path)
    return [doc["name"] for doc in data["contacts"].values()]


def external_writer_adds(path: Path, name: str) -> bytes:
    """Another program (or a threety that ignored the lock) saves its own change."""
    with Store.open(path.with_name("elsewhere.json")) as other:
        other.add_contact(Contact("Before"))
        other.add_contact(Contact(name))
    content = path.with_name("elsewhere.json").read_bytes()
    os.replace(path.with_name("elsewhere.json"), path)
    return content


def test_a_replaced_file_is_kept_and_our_change_goes_to_a_rescue_file(db_path: Path) -> None:
    with Store.open(db_path) as first:
        first.add_contact(Contact("Before"))
    ours = Store.open(db_path)
    theirs = external_writer_adds(db_path, "Theirs")

    with pytest.raises(DatabaseChanged) as caught:
        ours.add_contact(Contact("Ours"))
    assert db_path.read_bytes() == theirs  # the external change is kept, untouched
    rescue = ours.rescue_path
    assert rescue is not None and rescue.parent == db_path.parent
    assert str(rescue) in str(caught.value)
    assert str(db_path) in str(caught.value)
    assert names_in(rescue) == ["Before", "Ours"]  # our change is not lost either
    assert stat.S_IMODE(rescue.stat().st_mode) == 0o600

    # Later changes keep going to the rescue file, never over the changed file.
    with pytest.raises(DatabaseChanged):
        ours.add_contact(Contact("Ours again"))
    assert db_path.read_bytes() == theirs
    assert names_in(rescue) == ["Before", "Ours", "Ours again"]
    ours.close()
    assert db_path.read_bytes() == theirs


def test_an_in_place_edit_is_detected_too(db_path: Path) -> None:
    with Store.open(db_path) as first:
        first.add_contact(Contact("Before"))
    ours = Store.open(db_path, autoflush=False)
    inode = db_path.stat().st_ino
    data = json.loads(db_path.read_text())
    data["contacts"]["1"]["name"] = "Edited by hand"
    with open(db_path, "w") as handle:  # same inode, new content
        json.dump(data, handle)
    assert db_path.stat().st_ino == inode
    edited = db_path.read_bytes()

    ours.add_contact(Contact("Ours"))
    with pytest.raises(DatabaseChanged):
        ours.flush()
    assert db_path.read_bytes() == edited
    assert ours.rescue_path is not None
    assert names_in(ours.rescue_path) == ["Before", "Ours"]
    ours.close()  # nothing left to write: closing does not retry over the edit
    assert db_path.read_bytes() == edited


def test_a_deleted_file_is_not_silently_recreated(db_path: Path) -> None:
    ours = Store.open(db_path)
    db_path.unlink()
    with pytest.raises(DatabaseChanged):
        ours.add_contact(Contact("Ours"))
    assert not db_path.exists()
    assert ours.rescue_path is not None
    assert names_in(ours.rescue_path) == ["Ours"]
    ours.close()


def test_our_own_writes_are_not_mistaken_for_a_change(db_path: Path) -> None:
    with Store.open(db_path) as ours:
        for i in range(5):
            ours.add_contact(Contact(f"P{i}"))
        assert ours.rescue_path is None
    assert names_in(db_path) == [f"P{i}" for i in range(5)]
    assert [p.name for p in db_path.parent.iterdir() if "unsaved" in p.name] == []
