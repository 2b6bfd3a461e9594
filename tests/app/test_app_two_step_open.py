"""The app shows its contacts before it has read the rest of the file.

`Store.open(defer=True)` reads meta and contacts; the app's first frame shows
the list (badges as "…", the timeline saying it is reading), and the warm-up
worker reads the rest right after: badges and timeline then fill in. A file
damaged past its contacts stops the app with the error and writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from tests.app.app_support import WIDE, main_screen, rendered_text, wait_until
from tests.conftest import TODAY
from threety_tui.app import ThreetyApp
from threety_tui.core.errors import NotADatabase
from threety_tui.core.store import Store


async def test_contacts_first_then_badges_and_timeline(demo_db: Path) -> None:
    store = Store.open(demo_db, autoflush=False, defer=True)
    assert not store.loaded
    app = ThreetyApp(db_path=demo_db, store=store, today=TODAY)
    started = app.warm_up
    app.warm_up = lambda: None  # type: ignore[method-assign]  # hold the second step back
    async with app.run_test(size=WIDE) as pilot:
        screen = main_screen(app)
        await pilot.pause()
        contacts = rendered_text(screen.contacts_pane.list)
        first = min((c.name for c in store.contacts()), key=str.casefold)
        assert first in contacts, "the contacts show"
        assert screen.status_of(store.contacts()[0].id) is None, "no badge yet"
        assert "follow-up" not in contacts and "overdue" not in contacts
        assert "Reading meetings…" in rendered_text(screen.timeline)
        assert not store.loaded, "the first screen read nothing but contacts"

        started()
        await wait_until(pilot, lambda: store.loaded, "the rest of the file")
        await wait_until(
            pilot, lambda: len(screen.timeline.rows) > 0, "the timeline of the first contact"
        )
        await pilot.pause()
        contacts = rendered_text(screen.contacts_pane.list)
        top = screen.contacts_pane.list.rows[0].contact
        badge = screen.status_of(top.id)
        assert badge is not None and badge.label in contacts
        assert "Reading meetings" not in rendered_text(screen.timeline)


async def test_damage_past_the_contacts_stops_the_app_and_writes_nothing(demo_db: Path) -> None:
    raw = demo_db.read_bytes()
    damaged = raw.replace(b'\n"messages": {\n', b'\n"messages": [\n', 1)
    assert damaged != raw
    demo_db.write_bytes(damaged)
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: app.fatal is not None, "the damage to stop the app")
    assert isinstance(app.fatal, NotADatabase)
    assert str(app.fatal).startswith(f"{demo_db}: is ")
    assert app.return_code == 2
    assert demo_db.read_bytes() == damaged
