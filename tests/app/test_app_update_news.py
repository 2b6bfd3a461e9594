"""An open update takes in what was recorded after it was drafted (QA, issue 12), driven by keys."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from app_support import (
    WIDE,
    draft_message,
    editor,
    notifications,
    read_db,
    settle,
    type_text,
    wait_until,
)

from tests.conftest import TODAY
from threety_tui.app import ThreetyApp
from threety_tui.core import workflows
from threety_tui.core.models import (
    Contact,
    Homework,
    Insight,
    Meeting,
    Message,
    MessageKind,
    Parts,
    Settings,
)
from threety_tui.core.store import Store

ADVICE = "Go to the SRE meetup"


def followed_up(path: Path) -> None:
    """Grace: thanked, then followed up with the benefit of the one insight: nothing new now."""
    with Store.open(path) as store:
        store.update_settings(Settings(your_name="Sam Rivera"))
        grace = store.add_contact(Contact("Grace Hopper", "grace@navy.example"))
        insight = Insight(ADVICE, True, Homework.DONE, "I met two hiring managers")
        meeting = store.add_meeting(
            Meeting(grace.id, TODAY - timedelta(days=70), insights=(insight,))
        )
        for kind, parts, ago in (
            (MessageKind.THANK_YOU, Parts(highlight="Thank you."), 69),
            (
                MessageKind.FOLLOW_UP,
                Parts(highlight=f"I went: {ADVICE}.", benefit=insight.benefit),
                20,
            ),
        ):
            sent = store.save_message(
                Message(grace.id, meeting.id, kind, parts, insight_id=insight.id)
            )
            store.mark_sent(sent.id, TODAY - timedelta(days=ago))


async def test_u_again_brings_the_open_update_up_to_date_and_keeps_what_was_typed(
    empty_db: Path,
) -> None:
    followed_up(empty_db)
    app = ThreetyApp(db_path=empty_db, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("u")
        await wait_until(pilot, lambda: editor(app).draft is not None, "the update")
        await wait_until(
            pilot,
            lambda: app.focused is not None and app.focused.id == "part-benefit",
            "the benefit field",
        )
        await settle(pilot)
        assert any(n.startswith("Nothing new is recorded since") for n in notifications(app))
        await type_text(pilot, "The meetup led to an interview.")
        meeting = app.store.meetings_of(draft_message(app).contact_id)[0]
        workflows.record_benefit(
            app.store, meeting.id, meeting.insights[0].id, "I got an offer", TODAY
        )
        await pilot.press("escape", "u")  # at once: the typed words are saved first
        await wait_until(pilot, lambda: "paying off" in draft_message(app).parts.highlight, "news")
        await settle(pilot)
        message = draft_message(app)
        assert message.parts.benefit == "The meetup led to an interview."  # the user's own, kept
        assert message.subject == "Your advice is paying off: a quick update"
        assert app.store.message(message.id) == message
        assert any("brought up to date" in n for n in notifications(app))

        def on_disk() -> bool:
            return any(
                m.get("subject") == message.subject for m in read_db(empty_db)["messages"].values()
            )

        await wait_until(pilot, on_disk, "the update brought up to date to be saved to the file")
