"""QA 11: dates read alike everywhere: "Sun 15 Nov" (the year only when it is not this
one), never split across lines, and spans in the timeline's words."""

from __future__ import annotations

from pathlib import Path

from tests.app.app_support import (
    main_screen,
    rendered_text,
    select_contact,
    wait_until,
)
from tests.conftest import TODAY
from threety_tui.app import ThreetyApp
from threety_tui.core.dates import short
from threety_tui.core.models import MessageKind


async def test_dates_read_alike_in_the_timeline_the_editor_and_the_checklist(
    demo_db: Path,
) -> None:
    app = ThreetyApp(db_path=demo_db, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        main = main_screen(app)
        await wait_until(pilot, lambda: app.store.loaded, "the whole file")
        await select_contact(pilot, "Grace Hopper")
        await pilot.press("t")
        await wait_until(pilot, lambda: main.editor.draft is not None, "her draft")
        await pilot.pause()
        draft = main.editor.draft
        assert draft is not None and draft.meeting is not None
        title = rendered_text(main.query_one("#editor-title"))
        assert f"met {short(draft.meeting.when, TODAY)} · draft" in title, title
        sent = [m for m in app.store.messages_of(draft.contact.id) if m.sent is not None]
        rows = rendered_text(main.timeline)
        for message in sent:  # "Sun 15 Nov" whole on one line, at 120 columns with a draft
            assert message.sent is not None
            assert short(message.sent, TODAY) in rows, (short(message.sent, TODAY), rows)
        assert "\u00a0" not in rows, "no-break spaces are drawn as spaces"

        await pilot.press("f2")
        await select_contact(pilot, "Barbara Liskov")  # her follow-up told the benefit
        await pilot.press("u")
        await wait_until(
            pilot,
            lambda: (
                main.editor.draft is not None
                and main.editor.draft.message.kind is MessageKind.UPDATE
            ),
            "her update",
        )
        await pilot.pause()
        checklist = rendered_text(main.query_one("#checklist"))
        last = max(m.sent for m in app.store.messages_of(main.contact_id or 0) if m.sent)
        assert f"nothing new since {short(last, TODAY)}:" in " ".join(checklist.split())
        assert str(TODAY.year) not in checklist
