"""Another program's version is never overwritten, and ours is never dropped (QA of issue 11).

The rescue copy (`<db>.unsaved-…`) gets the same compare-and-swap and lock as
the database; a file replaced after our last save is caught when quitting; an
edit in place that keeps the size and puts the modification time back is
caught by the first save too.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from threety_tui.core.errors import DatabaseChanged, DatabaseLocked
from threety_tui.core.lock import lock_path
from threety_tui.core.models import Contact
from threety_tui.core.store import Store


def names_in(path: Path) -> list[str]:
    return [doc["name"] for doc in json.loads(path.read_bytes())["contacts"].values()]


def replace_with(path: Path, data: bytes) -> None:
    """As a sync tool does it: a temp file beside it, renamed over it."""
    incoming = path.with_name(f".incoming.{path.name}.tmp")
    incoming.write_bytes(data)
    os.replace(incoming, path)


def another_version(path: Path, *names: str) -> bytes:
    """The bytes of a database holding `names` (written elsewhere, as on another machine)."""
    other = path.with_name(f"other-{len(names)}-{names[-1]}.json")
    with Store.open(other) as store:
        store.add_contacts([Contact(name) for name in names])
    data = other.read_bytes()
    for extra in path.parent.glob(other.name + "*"):
        extra.unlink()
    return data


# -- QA 1: the rescue copy is checked and locked like the database ----------------------


def test_the_rescue_copy_is_locked_while_threety_keeps_saving_into_it(db_path: Path) -> None:
    with Store.open(db_path) as first:
        first.add_contact(Contact("Before"))
    ours = Store.open(db_path)
    replace_with(db_path, another_version(db_path, "Before", "Theirs"))
    with pytest.raises(DatabaseChanged):
        ours.add_contact(Contact("Ours"))
    rescue = ours.rescue_path
    assert rescue is not None
    # The README says to open the copy with `threety --db FILE`: not while we write it.
    with pytest.raises(DatabaseLocked):
        Store.open(rescue)
    ours.close()
    assert not lock_path(rescue).exists()  # no stray lock file beside the copy
    with Store.open(rescue) as later:  # closed: the copy is the user's
        assert [c.name for c in later.contacts()] == ["Before", "Ours"]


def test_a_rescue_copy_changed_by_someone_else_is_kept_and_ours_goes_to_a_new_one(
    db_path: Path,
) -> None:
    with Store.open(db_path) as first:
        first.add_contact(Contact("Before"))
    ours = Store.open(db_path)
    theirs = another_version(db_path, "Before", "Theirs")
    replace_with(db_path, theirs)
    with pytest.raises(DatabaseChanged):
        ours.add_contact(Contact("Ours"))
    rescue = ours.rescue_path
    assert rescue is not None
    # The user (or a sync tool) puts something else into the copy meanwhile.
    imported = another_version(db_path, "Before", "Ours", "Imported into the copy")
    replace_with(rescue, imported)

    with pytest.raises(DatabaseChanged) as caught:
        ours.add_contact(Contact("Ours again"))
    assert rescue.read_bytes() == imported  # theirs, untouched
    assert db_path.read_bytes() == theirs
    second = ours.rescue_path
    assert second is not None and second != rescue and str(second) in str(caught.value)
    assert names_in(second) == ["Before", "Ours", "Ours again"]
    ours.close()


def test_an_in_place_edit_of_the_rescue_copy_is_caught_too(db_path: Path) -> None:
    with Store.open(db_path) as first:
        first.add_contact(Contact("Before"))
    ours = Store.open(db_path)
    replace_with(db_path, another_version(db_path, "Before", "Theirs"))
    with pytest.raises(DatabaseChanged):
        ours.add_contact(Contact("Ours"))
    rescue = ours.rescue_path
    assert rescue is not None
    raw = rescue.read_bytes()
    edited = raw.replace(b'"Ours"', b'"OURS"')
    st = rescue.stat()
    with rescue.open("r+b") as handle:  # same size, its time put back
        handle.write(edited)
    os.utime(rescue, ns=(st.st_atime_ns, st.st_mtime_ns))
    with pytest.raises(DatabaseChanged):
        ours.add_contact(Contact("Ours again"))
    assert rescue.read_bytes() == edited
    assert ours.rescue_path != rescue
    ours.close()


# -- QA 3: a replace after the last save is caught when quitting ------------------------


def test_a_replace_after_the_last_save_is_caught_when_quitting(db_path: Path) -> None:
    store = Store.open(db_path, autoflush=False)
    store.add_contact(Contact("One"))
    store.flush()
    stale = db_path.read_bytes()  # the sync tool's older copy
    store.add_contact(Contact("Two"))
    store.flush()
    replace_with(db_path, stale)  # lands after the last save: nothing is left to save

    said = store.save_before_exit()
    assert db_path.read_bytes() == stale  # theirs stays in place
    rescue = store.rescue_path
    assert rescue is not None and names_in(rescue) == ["One", "Two"]
    assert len(said) == 1 and str(rescue) in said[0]
    store.close()
    assert db_path.read_bytes() == stale


def test_a_file_put_back_with_the_same_bytes_is_not_a_change(db_path: Path) -> None:
    store = Store.open(db_path, autoflush=False)
    store.add_contact(Contact("One"))
    store.flush()
    replace_with(db_path, db_path.read_bytes())  # a sync tool writing our own version back
    assert store.save_before_exit() == []
    assert store.rescue_path is None
    store.close()


def test_a_replace_of_a_file_we_only_read_loses_nothing_of_ours(db_path: Path) -> None:
    with Store.open(db_path) as first:
        first.add_contact(Contact("One"))
    store = Store.open(db_path, autoflush=False)
    newer = another_version(db_path, "One", "Newer")
    replace_with(db_path, newer)
    assert store.save_before_exit() == []  # nothing of ours was ever written: no copy
    assert store.rescue_path is None
    store.close()
    assert db_path.read_bytes() == newer


# -- QA 13: a same-size edit in place with its time put back ----------------------------


@pytest.mark.parametrize("two_steps", [False, True], ids=["whole", "two-step"])
def test_a_same_size_edit_with_its_time_put_back_is_caught_by_the_first_save(
    db_path: Path, two_steps: bool
) -> None:
    with Store.open(db_path) as first:
        first.add_contacts([Contact("Grace Hopper"), Contact("Ada Lovelace")])
    old = time.time_ns() - 60 * 10**9  # read long after its last change: not "in doubt"
    os.utime(db_path, ns=(old, old))
    ours = Store.open(db_path, autoflush=False, defer=two_steps)
    edited = db_path.read_bytes().replace(b"Grace Hopper", b"Grace HOPPER")
    with db_path.open("r+b") as handle:
        handle.write(edited)
    os.utime(db_path, ns=(old, old))

    ours.add_contact(Contact("Ours"))
    with pytest.raises(DatabaseChanged):
        ours.flush()
    assert db_path.read_bytes() == edited
    assert ours.rescue_path is not None and "Ours" in names_in(ours.rescue_path)
    ours.close()


def test_a_change_of_mode_alone_is_not_taken_for_an_edit(db_path: Path) -> None:
    with Store.open(db_path) as first:
        first.add_contact(Contact("Grace Hopper"))
    old = time.time_ns() - 60 * 10**9
    os.utime(db_path, ns=(old, old))
    ours = Store.open(db_path, autoflush=False)
    os.chmod(db_path, 0o644)  # the inode's change time moves, the bytes do not
    os.chmod(db_path, 0o600)
    ours.add_contact(Contact("Ours"))
    assert ours.flush()
    assert ours.rescue_path is None and names_in(db_path) == ["Grace Hopper", "Ours"]
    ours.close()
