"""The whole loop's dialogs (spec section 8): a reply, a second contact, replies from
the mailbox, and the journey.

Like `steps` and `tools`: each asks with its own dialog, has the core
(`core.loop_workflows`, `core.io.mail`) change the data, says what it did, and
returns what the caller needs to show it. Shared by the main screen and the
agenda; call them from a worker (`push_screen_wait` needs one).
"""

from __future__ import annotations

from pathlib import Path

from textual.dom import DOMNode

from threety_tui.core import loop_workflows
from threety_tui.core.errors import ThreetyError
from threety_tui.core.models import Contact, Message
from threety_tui.core.rules import Reminder, Status
from threety_tui.screens import threety
from threety_tui.screens.mates import MateChoice

SUGGESTION_KEYS = " K accepts it, D turns it down."
DEFAULT_JOURNEY = "threety-journey.md"


async def record_reply(node: DOMNode, message: Message) -> bool:
    """Ask when they answered (or whether to clear a reply); True when something changed."""
    from threety_tui.screens.reply_form import ReplyChange, ReplyForm

    app = threety(node)
    contact = app.store.contact(message.contact_id)
    if contact is None:
        return False
    said: list[str] = []

    def attempt(change: ReplyChange) -> str | None:
        today = app.today()
        try:
            if change.on is None:
                said.append(loop_workflows.clear_reply(app.store, message.id, today))
            else:
                done = loop_workflows.record_reply(app.store, message.id, change.on, today)
                keys = SUGGESTION_KEYS if done.suggestion is not None else ""
                said.append(done.summary(today) + keys)
        except ThreetyError as error:
            return str(error)
        return None

    answer = await app.push_screen_wait(ReplyForm(message, contact, app.today(), attempt))
    if answer is None or not said:
        return False
    app.save_soon()
    app.say(said[-1], title="Reply", timeout=10)
    app.rewrite_calendar()  # the nudges it closed leave the calendar too
    return True


async def second_contact(node: DOMNode, reminder: Reminder) -> MateChoice | None:
    """Enter on the 3-business-day nudge: who else works there."""
    from threety_tui.screens.mates import MatesScreen

    app = threety(node)
    found = loop_workflows.second_contact(app.store, reminder)
    if found is None:
        app.say("That contact is gone.", severity="warning")
        return None

    def status(contact_id: int) -> Status | None:
        return app.store.status_of(contact_id, app.today())

    return await app.push_screen_wait(MatesScreen(found, status))


async def import_replies(node: DOMNode) -> int:
    """Replies from a Maildir or an mbox, previewed first; how many were recorded."""
    from threety_tui.core.io.mail import apply_replies
    from threety_tui.screens.replies_form import RepliesForm

    app = threety(node)
    app.store.load_rest()  # matching needs every message
    plan = await app.push_screen_wait(RepliesForm(app.store, app.today()))
    if plan is None:
        return 0
    recorded = apply_replies(app.store, plan)  # one write
    app.save_soon()
    app.rewrite_calendar()
    count = len(recorded)
    noun = "reply" if count == 1 else "replies"
    names = sorted({c.name for r in plan.replies if (c := r.contact)})
    who = f" from {', '.join(names[:5])}" + (
        f" and {len(names) - 5} more" if len(names) > 5 else ""
    )
    app.say(f"Recorded {count} {noun}{who if count else ''}.", title="Replies imported")
    return count


async def export_journey(node: DOMNode, contact: Contact | None) -> None:
    """Ask where (and for whom), then write the journey's Markdown."""
    from threety_tui.screens.journey_form import JourneyForm, JourneyRequest

    app = threety(node)
    app.store.load_rest()
    counted: list[int] = []

    def attempt(request: JourneyRequest) -> str | None:
        try:
            counted.append(
                loop_workflows.export_journey(app.store, request.path, app.today(), request.contact)
            )
        except ThreetyError as error:
            return str(error)
        return None

    default = Path.home() / DEFAULT_JOURNEY
    request = await app.push_screen_wait(JourneyForm(default, contact, attempt))
    if request is None or not counted:
        return
    count = counted[-1]
    people = "contact" if count == 1 else "contacts"
    app.say(f"Journey of {count} {people} written to {request.path}.", title="Journey")
