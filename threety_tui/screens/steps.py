"""Asking the user about a next step or a piece of homework, then telling the core.

Shared by the main screen's timeline and the agenda: each pushes the same
form, the core (`core.workflows`) makes the change, and the caller redraws
itself. Each function returns whether something changed; call it from a
worker (`push_screen_wait` needs one).
"""

from __future__ import annotations

from textual.dom import DOMNode

from threety_tui.core import workflows
from threety_tui.core.models import Insight, Meeting
from threety_tui.core.rules import Reminder
from threety_tui.screens import threety


async def snooze(node: DOMNode, reminder: Reminder) -> bool:
    """Ask until when (and why), then snooze the step."""
    from threety_tui.screens.snooze_form import SnoozeForm

    app = threety(node)
    contact = app.store.contact(reminder.contact_id)
    name = contact.name if contact else "this contact"
    answer = await app.push_screen_wait(SnoozeForm(reminder, name, app.today()))
    if answer is None:
        return False
    until, reason = answer
    app.say(workflows.snooze(app.store, reminder, until, reason, app.today()))
    app.save_soon()
    return True


async def close(node: DOMNode, reminder: Reminder) -> bool:
    """Ask first, then close the step without a message."""
    from threety_tui.screens.confirm import Confirm

    app = threety(node)
    question = Confirm(workflows.close_question(app.store, reminder), yes="Close it", no="Keep it")
    if not await app.push_screen_wait(question):
        return False
    app.say(workflows.close_step(app.store, reminder, app.today()))
    app.save_soon()
    return True


def cycle_homework(node: DOMNode, meeting: Meeting, insight: Insight) -> None:
    """Move the homework on: todo, doing, done (no question asked)."""
    app = threety(node)
    _, said = workflows.cycle_homework(app.store, meeting.id, insight.id, app.today())
    app.say(said)
    app.save_soon()


async def benefit(node: DOMNode, meeting: Meeting, insight: Insight) -> bool:
    """Ask what came of acting on the advice; recording it marks the homework done."""
    from threety_tui.screens.snooze_form import BenefitForm

    app = threety(node)
    answer = await app.push_screen_wait(BenefitForm(insight))
    if answer is None:
        return False
    _, said = workflows.record_benefit(app.store, meeting.id, insight.id, answer, app.today())
    app.say(said)
    app.save_soon()
    return True
