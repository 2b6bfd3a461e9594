"""Changes kept outside the database: written privately, found again, restored safely."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from core_support import NOW

from threety_tui.core.db import recovery
from threety_tui.core.db.atomic import temp_prefix
from threety_tui.core.errors import DatabaseChanged, DatabaseError, DatabaseLocked
from threety_tui.core.models import Contact
from threety_tui.core.store import Store


def names(path: Path) -> list[str]:
    return [doc["name"] for doc in json.loads(path.read_bytes())["contacts"].values()]


def with_unsaved_change(path: Path) -> Store:
    with Store.open(path, clock=lambda: NOW) as store:
        store.add_contact(Contact("Saved"))
    store = Store.open(path, autoflush=False, clock=lambda: NOW)
    store.add_contact(Contact("Unsaved"))
    return store


def test_the_fallback_goes_to_the_next_folder_when_one_cannot_take_it(
    tmp_path: Path, private_state_folder: Path
) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("x")
    second = tmp_path / "second" / "folder"
    store = with_unsaved_change(tmp_path / "threety.json")
    kept = recovery.write_fallback(
        store.path,
        lambda: [b'{"a": 1}'],
        base=None,
        reason=recovery.FAILED,
        folders=[blocked / "unsaved", second],
    )
    store.close()
    assert kept.parent == second and kept.read_bytes() == b'{"a": 1}'
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(second.stat().st_mode) == 0o700
    assert stat.S_IMODE(second.parent.stat().st_mode) == 0o700
    assert json.loads(Path(f"{kept}.about").read_bytes())["db"] == str(store.path)


def test_save_elsewhere_counts_as_saved_and_restore_puts_it_back(tmp_path: Path) -> None:
    path = tmp_path / "threety.json"
    store = with_unsaved_change(path)
    before = path.read_bytes()
    kept_file = store.save_elsewhere()
    assert not store.dirty and store.saved_elsewhere == kept_file
    store.close()
    assert path.read_bytes() == before  # nothing written to the database
    [kept] = recovery.notices(path)
    assert kept.file == kept_file and kept.restorable and kept.reason == recovery.FAILED
    assert "The last save failed" in kept.describe()
    recovery.restore(kept)
    assert names(path) == ["Saved", "Unsaved"]
    assert recovery.notices(path) == []


def test_restore_refuses_when_the_database_changed_since(tmp_path: Path) -> None:
    path = tmp_path / "threety.json"
    store = with_unsaved_change(path)
    store.save_elsewhere()
    store.close()
    with Store.open(path) as other:  # someone saved a newer version since
        other.add_contact(Contact("Newer"))
    newer = path.read_bytes()
    [kept] = recovery.notices(path)
    with pytest.raises(DatabaseChanged, match="were not put back"):
        recovery.restore(kept)
    assert path.read_bytes() == newer
    assert [k.file for k in recovery.notices(path)] == [kept.file]  # still offered


def test_restore_waits_for_the_database_to_be_closed(tmp_path: Path) -> None:
    path = tmp_path / "threety.json"
    store = with_unsaved_change(path)
    store.save_elsewhere()
    [kept] = recovery.notices(path)
    with pytest.raises(DatabaseLocked):
        recovery.restore(kept)
    store.close()


def test_a_copy_beside_the_database_is_shown_until_dismissed(tmp_path: Path) -> None:
    path = tmp_path / "threety.json"
    unsaved = tmp_path / "threety.json.unsaved-20261125-093000.json"
    interrupted = tmp_path / "threety.json.interrupted-20261125-093100.json"
    other_db = tmp_path / "threety.json.x.unsaved-20261125-093000.json"
    for file in (unsaved, interrupted, other_db):
        file.write_text("{}")
    found = recovery.notices(path)
    assert [(k.file, k.reason, k.restorable) for k in found] == [
        (unsaved, recovery.CHANGED, False),
        (interrupted, recovery.INTERRUPTED, False),
    ]
    recovery.dismiss(found[0])
    assert [k.file for k in recovery.notices(path)] == [interrupted]
    assert unsaved.exists()  # dismissing never deletes
    with pytest.raises(DatabaseError, match="cannot be put back automatically"):
        recovery.restore(found[0])


def test_a_complete_temp_file_left_by_a_kill_is_kept_not_deleted(tmp_path: Path) -> None:
    path = tmp_path / "threety.json"
    with Store.open(path, clock=lambda: NOW) as store:
        store.add_contact(Contact("Saved"))
    complete = tmp_path / f"{temp_prefix(path)}abcd1234.tmp"
    with Store.open(tmp_path / "newer.json", clock=lambda: NOW) as newer:
        newer.add_contacts([Contact("Saved"), Contact("Was being saved")])
    os.replace(tmp_path / "newer.json", complete)
    torn = tmp_path / f"{temp_prefix(path)}efgh5678.tmp"
    torn.write_bytes(complete.read_bytes()[:100])
    with Store.open(path) as store:
        [kept] = store.kept
    assert not complete.exists() and not torn.exists()
    assert kept.name.startswith("threety.json.interrupted-")
    assert names(kept) == ["Saved", "Was being saved"]
    assert [k.file for k in recovery.notices(path)] == [kept]


def test_a_fallback_that_cannot_be_written_anywhere_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "threety.json"
    store = with_unsaved_change(path)
    real = os.write

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    [said] = store.save_before_exit()
    monkeypatch.setattr(os, "write", real)
    assert "could not be kept anywhere else either (No space left on device)" in said
    assert store.dirty  # not counted as saved
    from threety_tui.cli.app import EXIT_LOST, EXIT_UNSAVED, tell_after_exit

    assert store.changes_lost  # QA of issue 11, finding 14: an exit code of its own
    assert tell_after_exit([said], lost=store.changes_lost) == EXIT_LOST == 4
    assert tell_after_exit([said]) == EXIT_UNSAVED == 3
    store.close()
    assert names(path) == ["Saved", "Unsaved"]  # space again: closing saves it


# -- QA of issue 11, finding 7: a fallback folder someone else made is not used ------------


@pytest.mark.parametrize("how", ["open to all", "another owner", "a symlink"])
def test_a_fallback_folder_that_is_not_ours_is_left_alone(tmp_path: Path, how: str) -> None:
    path = tmp_path / "threety.json"
    planted = tmp_path / "tmp" / "threety-1000"
    elsewhere = tmp_path / "attacker-folder"
    planted.parent.mkdir()
    if how == "a symlink":
        elsewhere.mkdir(mode=0o700)
        planted.symlink_to(elsewhere)
    else:
        planted.mkdir()
        os.chmod(planted, 0o777 if how == "open to all" else 0o700)
        if how == "another owner":
            if os.getuid() != 0:
                pytest.skip("only root can give a folder to another user")
            os.chown(planted, 4242, 4242)
    store = with_unsaved_change(path)
    kept = recovery.write_fallback(
        path, lambda: [b'{"a": 1}'], base=None, reason=recovery.FAILED, folders=[planted]
    )
    store.close()
    assert kept.parent != planted and kept.parent.parent == planted.parent
    assert kept.parent.name.startswith("threety-1000-")
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert list(planted.iterdir()) == [] and list(elsewhere.glob("*")) == []
    # Found again in the fresh folder; never in the planted one.
    (planted / kept.name).write_bytes(b'{"planted": 1}')
    found = [k.file for k in recovery.notices(path, folders=[planted])]
    assert found == [kept]


# -- QA of issue 11, finding 8: a restore on a still-full disk is one error, nothing lost ---


def test_a_restore_on_a_full_disk_is_one_error_and_offered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "threety.json"
    store = with_unsaved_change(path)
    store.save_elsewhere()
    store.close()
    before = path.read_bytes()
    [kept] = recovery.notices(path)

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    real = os.write
    monkeypatch.setattr(os, "write", full)
    with pytest.raises(DatabaseError, match="No space left on device") as caught:
        recovery.restore(kept)
    monkeypatch.setattr(os, "write", real)
    assert "\n" not in str(caught.value) and "offers them again" in str(caught.value)
    assert path.read_bytes() == before
    assert [k.file for k in recovery.notices(path)] == [kept.file]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left
    recovery.restore(kept)  # space again: it works
    assert names(path) == ["Saved", "Unsaved"]


def test_kept_changes_are_found_through_a_symlink_to_the_database(tmp_path: Path) -> None:
    """QA of issue 11, finding 4: the app is given the path as typed, a link included."""
    real = tmp_path / "real" / "threety.json"
    real.parent.mkdir()
    store = with_unsaved_change(real)
    kept_file = store.save_elsewhere()
    store.close()
    link = tmp_path / "link.json"
    link.symlink_to(real)
    [kept] = recovery.notices(link)
    assert kept.file == kept_file and kept.db == real and kept.restorable
    beside = real.with_name(f"{real.name}.unsaved-20261125-093000.json")
    beside.write_bytes(real.read_bytes())
    assert {k.file for k in recovery.notices(link)} == {kept_file, beside}
