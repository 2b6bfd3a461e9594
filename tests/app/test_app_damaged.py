"""A record damaged inside a valid file: the app shows the rest, says so, and keeps
the damaged line in the file untouched (documents are read on first use)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.app.app_support import (
    WIDE,
    main_screen,
    notifications,
    rendered_text,
    settle,
    wait_until,
)
from tests.conftest import TODAY
from threety_tui.app import ThreetyApp
from threety_tui.core.db import reading
from threety_tui.core.models import Contact, Insight, Meeting
from threety_tui.core.store import Store


def damaged_db(path: Path) -> bytes:
    """Two meetings for Grace; the second one's line is no longer valid JSON."""
    with Store.open(path) as store:
        grace = store.add_contact(Contact("Grace Hopper"))
        store.add_meeting(Meeting(grace.id, TODAY, insights=(Insight("Keep going"),)))
        store.add_meeting(Meeting(grace.id, TODAY, notes="second"))
    lines = path.read_bytes().split(b"\n")
    index = next(i for i, line in enumerate(lines) if b'"second"' in line)
    lines[index] = lines[index].replace(b'"notes": "second"', b'"notes": "sec')
    damaged = b"\n".join(lines)
    path.write_bytes(damaged)
    return lines[index]


async def test_a_damaged_meeting_is_reported_skipped_and_kept(empty_db: Path) -> None:
    bad_line = damaged_db(empty_db)
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main_screen(app)
        await wait_until(pilot, lambda: app.store.damaged, "the damage to be noticed")
        await wait_until(
            pilot,
            lambda: any(e.meeting is not None for e in screen.timeline.rows),
            "Grace's timeline (the warm-up may find the damage first)",
        )
        meetings = [e for e in screen.timeline.rows if e.meeting is not None]
        assert {e.meeting.notes for e in meetings if e.meeting} == {""}, "the good meeting shows"
        await wait_until(
            pilot, lambda: any("damaged record" in n for n in notifications(app)), "a notification"
        )
        grace = app.store.contacts()[0]
        app.store.update_contact(replace(grace, email="grace@navy.example"))
        app.save_soon()  # the file is written again, through the app's own save
        await pilot.pause(0.4)
        await settle(pilot)
    saved = empty_db.read_bytes()
    assert b"grace@navy.example" in saved, "the change was saved"
    assert bad_line in saved, "the damaged line is written back as it was"


async def test_a_damaged_contact_in_a_scanned_list_goes_once_everything_is_read(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large contacts table is scanned at open (`core.db.contact_lines`): the list
    shows names before any contact is parsed, so a damaged one shows too, until the
    warm-up has built every contact; then it leaves the list and is named once."""
    monkeypatch.setattr(reading, "SCAN_FROM", 0)  # this small file is scanned too
    with Store.open(empty_db) as store:
        store.add_contacts([Contact("Ada Lovelace"), Contact("Grace Hopper")])
    raw = empty_db.read_bytes()
    damaged = raw.replace(
        b'{"name": "Grace Hopper", "email": ""', b'{"name": "Grace Hopper", "email": }'
    )
    assert damaged != raw
    empty_db.write_bytes(damaged)
    store = Store.open(empty_db, autoflush=False, defer=True)
    app = ThreetyApp(db_path=empty_db, store=store, today=TODAY)
    started = app.warm_up
    app.warm_up = lambda: None  # type: ignore[method-assign]  # hold the warm-up back
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        screen = main_screen(app)
        await pilot.pause()
        assert "Grace Hopper" in rendered_text(screen.contacts_pane.list), "the scan lists her"
        started()
        await wait_until(
            pilot,
            lambda: "Grace Hopper" not in rendered_text(screen.contacts_pane.list),
            "the list redrawn without the damaged contact",
        )
        assert [r.name for r in screen.contacts_pane.list.rows] == ["Ada Lovelace"]
        await wait_until(
            pilot, lambda: any("damaged record" in n for n in notifications(app)), "a notice"
        )
        await pilot.pause(0.2)
        assert sum("damaged record" in n for n in notifications(app)) == 1, "named once"
    assert empty_db.read_bytes() == damaged, "nothing changed: nothing written"
