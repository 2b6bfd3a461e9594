"""SIGKILL a writing process at random instants: the file is always old or new, never torn.

A child process loads a database of a realistic size and saves it over and
over through the store's storage, alternating between two known contents
(N contacts, then N + 1). The parent kills it at a random instant, at least
60 times (more, aiming later, while a busy machine has kept the kills
from hitting both contents and a write under way). After every kill the file must load and equal one of the two
contents exactly; a temp file the kill left behind must be gone after the
next writer opens the database. This takes a while (about half a minute).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from threety_tui.core.db.schema import check
from threety_tui.core.models import Contact, Kind
from threety_tui.core.storage import encode, read_file, temp_prefix, write_atomic
from threety_tui.core.store import Store

KILLS = 60
MAX_KILLS = 3 * KILLS
"""More kills only while the first KILLS have not hit both contents and a write."""
CONTACTS = 1500

WRITER = """
import json
import os
import sys
from pathlib import Path

from threety_tui.core.storage import AtomicJSONStorage, read_file

path, old_file, new_file = (Path(arg) for arg in sys.argv[1:4])
old = json.loads(old_file.read_text())
new = json.loads(new_file.read_text())
print("started", flush=True)
for command in sys.stdin:
    if command.startswith("reap "):
        _, status = os.waitpid(int(command.split()[1]), 0)
        killed = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
        print(f"reaped {killed}", flush=True)
        continue
    if os.fork() == 0:  # the writer: opens the file, says so, saves until killed
        data, signature = read_file(path)
        storage = AtomicJSONStorage(path, data, signature)  # autoflush: every write is saved
        print(f"ready {os.getpid()}", flush=True)
        while True:
            storage.write(new)
            storage.write(old)
"""


def person(i: int) -> Contact:
    return Contact(
        name=f"Person {i} \u00e9\U0001f600",
        email=f"person{i}@example.com",
        company=f"Company {i % 97}",
        role="Engineering Manager",
        kind=list(Kind)[i % 3],
        how_met="Alumni network, introduced at the spring meetup",
        tags=("alumni", f"group-{i % 13}"),
        notes=f"Notes on person {i}. " * 40,
    )


def contents(folder: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The old (N contacts) and new (N + 1 contacts) database, as the store writes them."""
    path = folder / "build.json"
    with Store.open(path) as store:
        store.add_contacts(person(i) for i in range(CONTACTS))
    old, _ = read_file(path)
    with Store.open(path) as store:
        store.add_contact(person(CONTACTS))
    new, _ = read_file(path)
    for leftover in folder.iterdir():
        leftover.unlink()
    return old, new


def as_bytes(data: dict[str, Any]) -> bytes:
    return b"".join(encode(data.items()))


def temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(temp_prefix(path) + "*.tmp"))


def test_a_kill_at_any_instant_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    old, new = contents(tmp_path)
    old_bytes, new_bytes = as_bytes(old), as_bytes(new)
    assert old_bytes != new_bytes
    assert len(new_bytes) > 500_000, "a realistic size, so that a write takes a while"
    old_file, new_file = tmp_path / "old.src", tmp_path / "new.src"
    old_file.write_text(json.dumps(old))
    new_file.write_text(json.dumps(new))
    path = tmp_path / "threety.json"
    write_atomic(path, [old_bytes])

    started = time.perf_counter()
    for _ in range(5):  # encoding included, as the child does it
        write_atomic(tmp_path / "timing.json", encode(new.items()))
    write_time = (time.perf_counter() - started) / 5
    (tmp_path / "timing.json").unlink()

    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    seen = {"old": 0, "new": 0}
    mid_write = 0
    forker = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(old_file), str(new_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert forker.stdin is not None and forker.stdout is not None

    def say(line: str) -> str:
        assert forker.stdin is not None and forker.stdout is not None
        forker.stdin.write(line + "\n")
        forker.stdin.flush()
        return forker.stdout.readline().strip()

    reach = 3 * write_time  # kills land anywhere in the first three writes
    kills = 0
    try:
        assert forker.stdout.readline().strip() == "started"
        while kills < MAX_KILLS and (
            kills < KILLS or not (mid_write and seen["old"] and seen["new"])
        ):
            kill = kills
            kills += 1
            ready, pid = say("fork").split()
            assert ready == "ready"
            try:
                time.sleep(rng.uniform(0, reach))
            finally:
                os.kill(int(pid), signal.SIGKILL)
            where = f"kill {kill + 1} (seed {seed})"
            assert say(f"reap {pid}") == f"reaped {signal.SIGKILL.value}", where

            left = temp_files(path)
            mid_write += bool(left)
            raw = path.read_bytes()
            assert raw in (old_bytes, new_bytes), f"torn file after {where}"
            data, _ = read_file(path)
            check(path, data)
            seen["old" if raw == old_bytes else "new"] += 1
            if kills >= 5 and not (seen["old"] and seen["new"]):
                # The child writes slower than the parent measured (a busy machine):
                # every kill has landed before the write that changes the file.
                reach *= 1.5
            with Store.open(path, readonly=True) as reader:
                assert len(reader.contacts()) in (CONTACTS, CONTACTS + 1), where
            assert temp_files(path) == left  # a reader never tidies up
            with Store.open(path):  # the next writer cleans up what the kill left
                assert temp_files(path) == [], where
            assert path.read_bytes() == raw, "opening must not rewrite the file"
    finally:
        forker.kill()
        forker.wait(timeout=30)

    print(
        f"\ncrash test: {kills} kills, {mid_write} mid-write (temp file left), "
        f"file old {seen['old']} times, new {seen['new']} times; "
        f"one write takes {write_time * 1000:.0f} ms for {len(new_bytes) // 1024} KB"
    )
    assert mid_write > 0, "no kill landed inside a write: the test proved nothing"
    assert seen["old"] and seen["new"], seen
