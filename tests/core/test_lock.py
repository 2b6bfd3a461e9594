"""One writer at a time, tested with real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from core_support import run_python, run_threety

from threety_tui.core.errors import DatabaseError, DatabaseLocked
from threety_tui.core.lock import WriterLock, lock_path
from threety_tui.core.models import Contact
from threety_tui.core.store import Store

HOLD_STORE = """
import sys
from threety_tui.core.store import Store
store = Store.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
store.close()
"""

HOLD_LOCK_ONLY = """
import sys
from pathlib import Path
from threety_tui.core.lock import WriterLock
lock = WriterLock(Path(sys.argv[1]))
lock.acquire()
print("ready", flush=True)
sys.stdin.readline()
"""

TRY_OPEN = """
import sys
from threety_tui.core.errors import DatabaseError, DatabaseLocked
from threety_tui.core.store import Store
try:
    Store.open(sys.argv[1]).close()
except DatabaseLocked as error:
    print(f"locked {error.pid}|{error}")
else:
    print("opened")
"""


@contextmanager
def holder(script: str, path: Path) -> Iterator[subprocess.Popen[str]]:
    """Process A: takes the writer lock on `path` and waits until told to go."""
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def try_open(path: Path) -> str:
    result = run_python(TRY_OPEN, path)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_a_second_writer_is_told_who_holds_the_database(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as first:
        first.add_contact(Contact("Grace"))
    before = db_path.read_bytes()
    with holder(HOLD_STORE, db_path) as a:
        assert try_open(db_path) == (
            f"locked {a.pid}|{db_path}: the database is open in another threety "
            f"(pid {a.pid}); close it first"
        )
        # The app's writer path through the CLI: exit 2, one line, before Textual starts.
        line = one_error_line(run_threety("--db", db_path, tmp=tmp_path, process=True, timeout=30))
        assert f"pid {a.pid}" in line and str(db_path) in line
        # Read-only commands still work while A holds the lock.
        due = run_threety("due", "--db", db_path, "--json", tmp=tmp_path)
        assert due.returncode == 0, due.stderr
        assert db_path.read_bytes() == before
        assert a.stdin is not None
        a.stdin.write("go\n")
        a.stdin.flush()
        assert a.wait(timeout=10) == 0
    assert try_open(db_path) == "opened"


def test_demo_respects_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    with holder(HOLD_LOCK_ONLY, path) as a:
        line = one_error_line(run_threety("demo", "--db", path, "--no-open", tmp=tmp_path))
        assert f"pid {a.pid}" in line
        assert not path.exists()  # nothing was written
    result = run_threety("demo", "--db", path, "--no-open", tmp=tmp_path)
    assert result.returncode == 0, result.stderr


def test_a_killed_writer_does_not_block_the_next_one(db_path: Path) -> None:
    with holder(HOLD_STORE, db_path) as a:
        assert try_open(db_path).startswith(f"locked {a.pid}|")
        os.kill(a.pid, signal.SIGKILL)
        assert a.wait(timeout=10) == -signal.SIGKILL
    assert lock_path(db_path).read_text().strip() == str(a.pid)  # stale pid left behind
    assert try_open(db_path) == "opened"
    with Store.open(db_path) as store:  # and it can write
        store.add_contact(Contact("After the kill"))


def test_two_writers_in_one_process_conflict_too(db_path: Path) -> None:
    with Store.open(db_path):
        assert lock_path(db_path).read_text().strip() == str(os.getpid())
        with pytest.raises(DatabaseLocked) as caught:
            Store.open(db_path)
        assert caught.value.pid == os.getpid()
    assert lock_path(db_path).read_text() == ""  # released
    Store.open(db_path).close()


def test_lock_release_is_idempotent(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path / "db.json")
    lock.acquire()
    assert lock.held
    lock.release()
    lock.release()
    assert not lock.held
    again = WriterLock(tmp_path / "db.json")
    again.acquire()
    again.release()


def test_unknown_holder_still_reads_as_a_sentence(tmp_path: Path) -> None:
    error = DatabaseLocked(tmp_path / "db.json", None)
    assert "unknown pid" in str(error) and str(error).endswith("close it first")


# -- QA of issue 11, finding 6: a planted lock file is never written through --------------


def test_a_lock_file_that_is_a_symlink_is_refused_and_its_target_left_alone(
    db_path: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("somebody's precious file\n")
    lock_path(db_path).symlink_to(victim)
    with pytest.raises(DatabaseError, match="symbolic link") as caught:
        Store.open(db_path)
    assert "\n" not in str(caught.value)
    assert victim.read_text() == "somebody's precious file\n"


def test_a_dangling_symlinked_lock_creates_nothing_at_its_target(
    db_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere" / "made-by-threety"
    target.parent.mkdir()
    lock_path(db_path).symlink_to(target)
    with pytest.raises(DatabaseError, match="symbolic link"):
        Store.open(db_path)
    assert not target.exists()


@pytest.mark.parametrize("kind", ["fifo", "hard link"])
def test_a_lock_file_that_is_not_a_plain_file_of_its_own_is_refused(
    db_path: Path, tmp_path: Path, kind: str
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    if kind == "fifo":
        os.mkfifo(lock_path(db_path))
    else:
        os.link(victim, lock_path(db_path))
    with pytest.raises(DatabaseError, match=r"not a regular file|a hard link"):
        Store.open(db_path)  # and does not hang on the FIFO
    assert victim.read_text() == "keep me\n"
