"""A sync tool replacing the database while threety saves: theirs is kept, ours too.

Syncthing and Dropbox put a new version in place by renaming their copy over
the file. Each test replaces the file at an exact point of a save, through a
deterministic hook (no sleeps): while the save's temp file is being written
(`os.fsync` of the temp file), and at each step of the swap (`swap.on_step`).
Every time, the other program's file must be the database afterwards, byte
for byte, and our change must be in the `.unsaved-…` copy the store reports.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from threety_tui.core.errors import DatabaseChanged
from threety_tui.core.models import Contact
from threety_tui.core.storage import temp_prefix
from threety_tui.core.store import Store

RACES = 100


def names_in(path: Path) -> list[str]:
    return [doc["name"] for doc in json.loads(path.read_bytes())["contacts"].values()]


def theirs_for(path: Path, round: int) -> bytes:
    """Another program's version of the database (written elsewhere, as a sync tool does)."""
    elsewhere = path.with_name(f"theirs-{round}.json")
    with Store.open(elsewhere) as other:
        other.add_contacts([Contact("Before"), Contact(f"Theirs {round}")])
    data = elsewhere.read_bytes()
    for extra in path.parent.glob(f"theirs-{round}.json*"):
        extra.unlink()
    return data


def replace_with(path: Path, data: bytes) -> None:
    """As Syncthing does it: write a temp file beside it, rename it over the database."""
    incoming = path.with_name(f".syncthing.{path.name}.tmp")
    incoming.write_bytes(data)
    os.replace(incoming, path)


@pytest.fixture
def on_temp_fsync(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Callable[[], None]]]:
    """Actions run when the save fsyncs its temp file (each once, in order)."""
    pending: list[Callable[[], None]] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        real(fd)
        name = os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else ""
        if (
            pending
            and os.path.basename(name).startswith(".threety.json.")
            and name.endswith(".tmp")
        ):
            pending.pop(0)()

    monkeypatch.setattr(os, "fsync", fsync)
    yield pending


@pytest.mark.skipif(not os.path.exists("/proc/self/fd"), reason="needs /proc to name an fd")
def test_a_replace_while_the_temp_file_is_written_is_never_overwritten(
    tmp_path: Path, on_temp_fsync: list[Callable[[], None]]
) -> None:
    """The issue's repro, 100 times: replace the file while the save's .tmp exists."""
    lost = 0
    for round in range(RACES):
        folder = tmp_path / f"round-{round}"
        folder.mkdir()
        path = folder / "threety.json"
        with Store.open(path) as first:
            first.add_contact(Contact("Before"))
        theirs = theirs_for(path, round)
        store = Store.open(path, autoflush=False, defer=True)  # as the app opens it
        store.add_contact(Contact(f"Ours {round}"))
        on_temp_fsync.append(lambda path=path, theirs=theirs: replace_with(path, theirs))
        with pytest.raises(DatabaseChanged) as caught:
            store.flush()
        rescue = store.rescue_path
        store.close()
        kept_theirs = path.read_bytes() == theirs
        kept_ours = rescue is not None and f"Ours {round}" in names_in(rescue)
        lost += (not kept_theirs) + (not kept_ours)
        assert str(rescue) in str(caught.value)
        assert not list(folder.glob(temp_prefix(path) + "*")), "no temp file left"
    assert lost == 0, f"{lost} versions lost in {RACES} races"


SWAP_STEPS = ("written", "checked", "swapped")
"""Where a replace can land during a save: after the temp file is written, between the
last check and the exchange (the window a plain rename cannot close), and right after
the exchange. (Later, at "verified", the save is over: a replace then is simply the
other program's newer version, which the next save finds changed.)"""


def race_at(
    path: Path, step: str, round: int, monkeypatch: pytest.MonkeyPatch
) -> tuple[bool, bool]:
    """One save with another program's replace landing at `step`: (theirs kept, ours kept)."""
    from threety_tui.core.db import swap

    with Store.open(path) as first:
        first.add_contact(Contact("Before"))
    theirs = theirs_for(path, round)
    store = Store.open(path, autoflush=False)
    store.add_contact(Contact(f"Ours {round}"))
    done: list[str] = []

    def hook(name: str, where: Path) -> None:
        if name == step and where == path and not done:
            done.append(name)
            replace_with(path, theirs)

    monkeypatch.setattr(swap, "on_step", hook)
    try:
        store.flush()
        ours_in_db = True
    except DatabaseChanged:
        ours_in_db = False
    finally:
        monkeypatch.setattr(swap, "on_step", None)
    assert done == [step]
    rescue = store.rescue_path
    store.close()
    ours = f"Ours {round}"
    ours_kept = ours in names_in(path) if ours_in_db else bool(rescue and ours in names_in(rescue))
    return path.read_bytes() == theirs, ours_kept


def test_a_replace_at_any_step_of_the_swap_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from threety_tui.core.db import swap

    probe_a, probe_b = tmp_path / "a", tmp_path / "b"
    probe_a.write_text("a")
    probe_b.write_text("b")
    if not swap.exchange(probe_a, probe_b):
        pytest.skip("this file system has no atomic exchange")
    lost = 0
    for round in range(RACES):
        step = SWAP_STEPS[round % len(SWAP_STEPS)]
        folder = tmp_path / f"round-{round}"
        folder.mkdir()
        theirs_kept, ours_kept = race_at(folder / "threety.json", step, round, monkeypatch)
        lost += (not theirs_kept) + (not ours_kept)
    assert lost == 0, f"{lost} versions lost in {RACES} races"


def test_without_an_exchange_only_the_documented_window_remains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain rename (no RENAME_EXCHANGE): replaces before and after it are still caught."""
    from threety_tui.core.db import swap

    monkeypatch.setattr(swap, "exchange_enabled", False)
    for round, step in enumerate(("written", "swapped")):
        folder = tmp_path / f"round-{round}"
        folder.mkdir()
        assert race_at(folder / "threety.json", step, round, monkeypatch) == (True, True), step
    # The one case a plain rename cannot catch, as the README says: a replace landing
    # between the last check and the rename is renamed over, and nothing shows it.
    folder = tmp_path / "window"
    folder.mkdir()
    assert race_at(folder / "threety.json", "checked", 9, monkeypatch) == (False, True)


def test_a_replace_before_the_save_starts_is_caught_without_writing_a_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from threety_tui.core.db import swap

    path = tmp_path / "threety.json"
    with Store.open(path) as first:
        first.add_contact(Contact("Before"))
    store = Store.open(path, autoflush=False)
    replace_with(path, theirs_for(path, 0))
    steps: list[str] = []
    monkeypatch.setattr(
        swap, "on_step", lambda name, where: steps.append(name) if where == path else None
    )
    store.add_contact(Contact("Ours"))
    with pytest.raises(DatabaseChanged):
        store.flush()
    assert steps == []  # never got as far as swapping the database (only the copy was written)
    assert store.rescue_path is not None and names_in(store.rescue_path) == ["Before", "Ours"]
    store.close()


def test_an_edit_in_place_that_keeps_size_and_mtime_is_caught_by_the_checksum(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one change inode, size and mtime cannot see: same size, same clock tick.

    A file system stamps times in ticks, so an edit right after our read can
    keep the mtime; the state is then "in doubt" and the bytes are compared.
    (The doubt window is widened here so the test does not depend on timing.)
    """
    from threety_tui.core.db import filestate

    monkeypatch.setattr(filestate, "RACY_NS", 10**18)
    path = tmp_path / "threety.json"
    with Store.open(path) as first:
        first.add_contact(Contact("Grace"))
    store = Store.open(path, autoflush=False)
    st = path.stat()
    raw = path.read_bytes()
    edited = raw.replace(b'"Grace"', b'"Gracy"')
    with open(path, "r+b") as handle:  # in place: same inode
        handle.write(edited)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_ino, path.stat().st_size, path.stat().st_mtime_ns) == (
        st.st_ino,
        st.st_size,
        st.st_mtime_ns,
    )
    store.add_contact(Contact("Ours"))
    with pytest.raises(DatabaseChanged):
        store.flush()
    assert path.read_bytes() == edited
    store.close()
