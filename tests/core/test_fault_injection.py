"""Fault injection: a full disk at each write call, a kill at each step of a save.

Full disk: a wrapper makes the k-th `os.write` (then the k-th `os.fsync`, then the
exchange) of a save fail with ENOSPC, for every k the save reaches. Each time
the database must be exactly the old file (0 torn), no temp file may be left,
the change must still be pending, and once there is space again it must be
saved (0 lost). When quitting on a full disk the change goes to a fallback file
in another folder instead.

Kill: a child process saves a change and SIGKILLs itself at one exact point: at
each write call of the temp file, and at each step of the swap. Afterwards the
database must be the old or the new file exactly (0 torn), and the change must
be somewhere: in the database, or kept aside by the next open when the kill
came after the temp file was complete (0 lost).
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from core_support import NOW

from threety_tui.core.db import recovery, swap
from threety_tui.core.db.atomic import temp_files
from threety_tui.core.errors import DatabaseError
from threety_tui.core.models import Contact
from threety_tui.core.store import Store

PEOPLE = 1200
"""Enough contacts for a save to take several write calls (256 documents a chunk)."""


def build(path: Path) -> bytes:
    with Store.open(path, clock=lambda: NOW) as store:
        store.add_contacts(Contact(f"Person {i}", notes="n" * 50) for i in range(PEOPLE))
    for extra in path.parent.iterdir():
        if extra != path and extra.name != f"{path.name}.lock":
            extra.unlink()
    return path.read_bytes()


def names(path: Path) -> list[str]:
    return [doc["name"] for doc in json.loads(path.read_bytes())["contacts"].values()]


class Faults:
    """Make the `at`-th call of `os.write` / `os.fsync` / the exchange fail with ENOSPC."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = {"write": 0, "fsync": 0, "exchange": 0}
        self.fail: tuple[str, int] | None = None
        real_write, real_fsync, real_exchange = os.write, os.fsync, swap.exchange

        def full(kind: str) -> None:
            self.calls[kind] += 1
            if self.fail == (kind, self.calls[kind]):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def write(fd: int, data: Any) -> int:
            full("write")
            return real_write(fd, data)

        def fsync(fd: int) -> None:
            full("fsync")
            real_fsync(fd)

        def exchange(a: Path, b: Path) -> bool:
            full("exchange")
            return real_exchange(a, b)

        monkeypatch.setattr(os, "write", write)
        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(swap, "exchange", exchange)

    def reset(self, fail: tuple[str, int] | None = None) -> None:
        self.calls = dict.fromkeys(self.calls, 0)
        self.fail = fail


@pytest.fixture
def faults(monkeypatch: pytest.MonkeyPatch) -> Iterator[Faults]:
    yield Faults(monkeypatch)


def test_a_full_disk_at_each_write_call_leaves_the_old_file_and_loses_nothing(
    tmp_path: Path, faults: Faults
) -> None:
    path = tmp_path / "threety.json"
    old = build(path)
    with Store.open(path, clock=lambda: NOW) as store:
        faults.reset()  # count the save's calls only (not the lock's)
        store.add_contact(Contact("Counting"))
        counted = dict(faults.calls)
    assert counted["write"] >= 4, counted  # the save really is several write calls
    path.write_bytes(old)

    cases = [(kind, at) for kind, n in counted.items() for at in range(1, n + 1)]
    torn = lost = 0
    for kind, at in cases:
        store = Store.open(path, autoflush=False, clock=lambda: NOW)
        store.add_contact(Contact(f"New {kind} {at}"))
        faults.reset((kind, at))
        try:
            saved = store.flush()  # only a failed fsync of the folder is not an error
        except DatabaseError as error:
            assert "No space left on device" in str(error), error
            saved = False
        faults.reset()
        assert saved == (kind == "fsync" and at == counted["fsync"]), (kind, at)
        if saved:
            torn += f"New {kind} {at}" not in names(path)
        else:
            torn += path.read_bytes() != old
            assert store.dirty, (kind, at)
            assert store.flush()  # space again
        assert temp_files(path) == [], (kind, at)
        store.close()
        lost += f"New {kind} {at}" not in names(path)
        path.write_bytes(old)
    print(f"\nfull disk: {len(cases)} injected failures ({counted}), {torn} torn, {lost} lost")
    assert (torn, lost) == (0, 0)


def test_quitting_on_a_full_disk_keeps_the_changes_in_another_folder(
    tmp_path: Path, faults: Faults, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "threety.json"
    old = build(path)
    elsewhere = tmp_path / "state" / "unsaved"
    monkeypatch.setattr(recovery, "fallback_folders", lambda: [elsewhere])
    store = Store.open(path, autoflush=False, clock=lambda: NOW)
    store.add_contact(Contact("Typed before quitting"))
    real_write = os.write

    def full_in_folder(fd: int, data: Any) -> int:  # the database's disk is full
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(folder)):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_in_folder)
    [said] = store.save_before_exit()
    store.close()
    monkeypatch.setattr(os, "write", real_write)
    assert path.read_bytes() == old
    [kept] = recovery.notices(path, folders=[elsewhere])
    assert str(kept.file) in said and "No space left on device" in said
    assert kept.file.parent == elsewhere and kept.restorable
    assert oct(kept.file.stat().st_mode & 0o777) == "0o600"
    assert oct(elsewhere.stat().st_mode & 0o777) == "0o700"
    assert "Typed before quitting" in names(kept.file)
    recovery.restore(kept)  # space again, at the next start
    assert "Typed before quitting" in names(path)


CHILD = """
import os, signal, sys
from datetime import datetime, timezone
from pathlib import Path

from threety_tui.core.db import swap
from threety_tui.core.models import Contact
from threety_tui.core.store import Store

path, where = Path(sys.argv[1]), sys.argv[2]
now = datetime(2026, 11, 25, 9, 30, tzinfo=timezone.utc)
store = Store.open(path, autoflush=False, clock=lambda: now)
store.add_contact(Contact("New"))
if where.startswith("write:"):
    target, seen = int(where[6:]), [0]
    real = os.write

    def write(fd, data):
        seen[0] += 1
        if seen[0] == target:
            real(fd, bytes(data)[: len(data) // 2])  # half of it reaches the disk
            os.kill(os.getpid(), signal.SIGKILL)
        return real(fd, data)

    os.write = write
else:
    def step(name, where_path):
        if name == where:
            os.kill(os.getpid(), signal.SIGKILL)

    swap.on_step = step
store.flush()
print("finished without being killed", flush=True)
"""

STEPS = ("written", "checked", "swapped", "verified", "synced")


def test_a_kill_at_each_step_of_a_save_tears_nothing_and_loses_nothing(
    tmp_path: Path, faults: Faults
) -> None:
    path = tmp_path / "threety.json"
    old = build(path)
    with Store.open(path, clock=lambda: NOW) as store:
        faults.reset()
        store.add_contact(Contact("New"))
        writes = faults.calls["write"]  # the save's write calls, all into its temp file
    new = path.read_bytes()
    path.write_bytes(old)
    points = [f"write:{k}" for k in range(1, writes + 1)] + list(STEPS)
    torn = lost = 0
    outcomes: dict[str, str] = {}
    for point in points:
        child = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), point],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert child.returncode == -signal.SIGKILL, (point, child.stdout, child.stderr)
        raw = path.read_bytes()
        torn += raw not in (old, new)
        with Store.open(path) as reopened:  # the next writer: tidies what the kill left
            kept = reopened.kept
        assert temp_files(path) == [], point
        found = raw == new or any(k.read_bytes() == new for k in kept)
        after_complete = not point.startswith("write:")
        lost += after_complete and not found
        outcomes[point] = "new" if raw == new else "old" + (", new kept aside" if found else "")
        for extra in kept:  # what else was kept: named for what it is
            label = extra.name.removeprefix(f"{path.name}.").split("-")[0]
            outcomes[point] += f", {'old' if extra.read_bytes() == old else 'new'} kept as {label}"
        for extra in kept:
            extra.unlink()
        path.write_bytes(old)
    print(f"\nkills: {len(points)} points, {torn} torn, {lost} lost: {outcomes}")
    assert (torn, lost) == (0, 0)
    kept_new = "old, new kept aside, new kept as interrupted"
    assert outcomes["written"] == outcomes["checked"] == kept_new
    assert outcomes["swapped"] == "new, old kept as replaced"  # killed before it deleted the old
    assert outcomes["verified"] == outcomes["synced"] == "new"
    assert all(outcomes[f"write:{k}"] == "old" for k in range(1, writes + 1))
