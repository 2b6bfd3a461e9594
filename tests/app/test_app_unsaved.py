"""Nothing lost at quit, and nobody left uninformed.

A last save that fails (a full disk) puts the unsaved changes in a fallback
file in another folder, the app exits with code 3 and `threety` says where
after exit; the next start offers to restore them. Changes diverted to
`.unsaved-…` (the file changed on disk) are said after exit and at every start
until dismissed.
"""

from __future__ import annotations

import errno
import inspect
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from app_support import WIDE, main_screen, select_contact, type_text, wait_for_screen, wait_until
from textual.pilot import Pilot
from textual.widgets import TextArea

from threety_tui.app import ThreetyApp
from threety_tui.core.models import Contact
from threety_tui.core.store import Store
from threety_tui.screens.main import MainScreen

TYPED = " typed before quitting"


async def type_in_a_draft(pilot: Pilot[Any]) -> None:
    app = pilot.app
    await select_contact(pilot, "Grace Hopper")
    await pilot.press("t")
    await wait_until(pilot, lambda: isinstance(app.focused, TextArea), "the draft's field")
    await type_text(pilot, TYPED)
    await pilot.press("escape")  # leave the field (saves the draft to the store)
    await pilot.pause()


def highlights(path: Path) -> list[str]:
    data = json.loads(path.read_bytes())
    return [doc["parts"]["highlight"] for doc in data["messages"].values()]


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Writing into the listed folders fails with ENOSPC, at the write or at the fsync
    (where a delayed allocation reports it), as on a full tmpfs."""
    folders: list[Path] = []
    real_write, real_fsync = os.write, os.fsync

    def full(fd: int) -> None:
        target = os.readlink(f"/proc/self/fd/{fd}")
        if any(target.startswith(str(folder)) for folder in folders):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def write(fd: int, data: Any) -> int:
        full(fd)
        return real_write(fd, data)

    def fsync(fd: int) -> None:
        full(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "fsync", fsync)
    return folders


@pytest.fixture
def slow_debounce(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only quitting saves (as when `q` comes right after typing)."""
    monkeypatch.setattr(inspect.getmodule(MainScreen.save_draft), "SAVE_DRAFT_AFTER", 600)


@pytest.mark.skipif(not os.path.exists("/proc/self/fd"), reason="needs /proc to name an fd")
async def test_a_failed_save_at_quit_is_kept_elsewhere_said_after_exit_and_offered_back(
    demo_db: Path,
    today: date,
    full_disk: list[Path],
    private_state_folder: Path,
    slow_debounce: None,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    before = demo_db.read_bytes()
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        full_disk.append(demo_db.parent)  # the disk fills up, then the user types
        await type_in_a_draft(pilot)
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    app.finish()  # the last save, as `threety` waits for it after run()
    full_disk.clear()
    kept_in = [f for f in tmp_path.rglob("*") if f.is_file() and TYPED.encode() in f.read_bytes()]
    assert kept_in, "the text typed before quitting is in no file"
    assert demo_db.read_bytes() == before  # the full disk took nothing
    from threety_tui.cli.app import tell_after_exit
    from threety_tui.core.db import recovery
    from threety_tui.screens.kept import KeptNotice

    assert tell_after_exit(app.unsaved) == 3  # what `threety` exits with
    [kept] = recovery.notices(demo_db)
    assert kept.file.parent == private_state_folder / "unsaved" and kept.restorable
    assert any(h.endswith(TYPED) for h in highlights(kept.file))
    err = capsys.readouterr().err
    assert "No space left on device" in err and str(kept.file) in err
    assert "offers to restore them" in err

    # The next start offers them back; restoring is done once the database is closed.
    again = ThreetyApp(db_path=demo_db, today=today)
    async with again.run_test(size=WIDE) as pilot:
        notice = await wait_for_screen(pilot, KeptNotice)
        assert notice.kept == kept
        await pilot.press("r")
        await wait_until(pilot, lambda: not again.is_running, "the app to close for the restore")
    again.finish()
    assert again.restore_request == kept
    recovery.restore(kept)
    assert any(h.endswith(TYPED) for h in highlights(demo_db))
    assert recovery.notices(demo_db) == []  # restored: not offered again


async def later_at_start(db: Path, today: date, rescue: Path) -> None:
    from threety_tui.screens.kept import KeptNotice

    app = ThreetyApp(db_path=db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        notice = await wait_for_screen(pilot, KeptNotice)
        assert notice.kept.file == rescue and not notice.kept.restorable
        await pilot.press("escape")  # later
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
        await pilot.press("q")
    app.finish()


async def test_changes_diverted_before_quitting_are_said_and_shown_until_dismissed(
    demo_db: Path, today: date, slow_debounce: None, capsys: pytest.CaptureFixture[str]
) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        await type_in_a_draft(pilot)
        other = demo_db.with_name("synced.json")  # a sync tool brings another version
        with Store.open(other) as theirs:
            theirs.add_contact(Contact("From the laptop"))
        theirs_bytes = other.read_bytes()
        os.replace(other, demo_db)
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    app.finish()  # the last save, as `threety` waits for it after run()
    assert demo_db.read_bytes() == theirs_bytes  # theirs kept
    from threety_tui.cli.app import tell_after_exit
    from threety_tui.core.db import recovery
    from threety_tui.screens.kept import KeptNotice

    rescue = app.store.rescue_path
    assert rescue is not None and any(h.endswith(TYPED) for h in highlights(rescue))
    assert tell_after_exit(app.unsaved) == 3
    assert str(rescue) in capsys.readouterr().err

    for _ in range(2):  # told at each start until dismissed
        await later_at_start(demo_db, today, rescue)
    last = ThreetyApp(db_path=demo_db, today=today)
    async with last.run_test(size=WIDE) as pilot:
        await wait_for_screen(pilot, KeptNotice)
        await pilot.press("d")  # dismiss
        await wait_until(pilot, lambda: isinstance(last.screen, MainScreen), "main")
    assert recovery.notices(demo_db) == []
    assert rescue.exists()  # the file itself stays
    quiet = ThreetyApp(db_path=demo_db, today=today)
    async with quiet.run_test(size=WIDE) as pilot:
        await pilot.pause(0.3)
        assert isinstance(quiet.screen, MainScreen) and main_screen(quiet)


async def test_changes_that_cannot_be_restored_any_more_are_not_offered_for_restore(
    demo_db: Path, today: date, private_state_folder: Path
) -> None:
    """QA of issue 11, finding 15: the database changed since: `r` would only fail."""
    from textual.widgets import Button, Static

    from threety_tui.core.db import recovery
    from threety_tui.screens.kept import KeptNotice

    store = Store.open(demo_db, autoflush=False)
    store.add_contact(Contact("Kept elsewhere"))
    store.save_elsewhere()
    store.close()
    with Store.open(demo_db) as other:  # a newer version saved since
        other.add_contact(Contact("Newer"))
    [kept] = recovery.notices(demo_db)
    assert recovery.why_not_restorable(kept) == "the database changed since they were made"

    app = ThreetyApp(db_path=demo_db, today=today)
    async with app.run_test(size=WIDE) as pilot:
        notice = await wait_for_screen(pilot, KeptNotice)
        shown = " ".join(str(s.render()) for s in notice.query(Static))
        assert "cannot be restored: the database changed since they were made" in shown
        assert f"threety --db {kept.file}" in shown
        assert not notice.query("#restore") and notice.query(Button)
        await pilot.press("r")
        await pilot.pause()
        assert app.is_running and app.screen is notice and app.restore_request is None
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
    assert recovery.notices(demo_db) == []  # dismissed; the file itself stays
    assert kept.file.exists()
