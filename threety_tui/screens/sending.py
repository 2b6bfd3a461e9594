"""Getting a draft out: the clipboard, the mail client, and marking it sent.

Shared by the main screen's keys and the editor's control keys. `mark_sent`
asks (a dialog), so it and `open_in_mail` run from a worker.
"""

from __future__ import annotations

import asyncio

from textual.dom import DOMNode

from threety_tui.core import compose, workflows
from threety_tui.core.models import Message
from threety_tui.screens import threety


def copy(node: DOMNode, message: Message) -> None:
    """Subject, a blank line and the body to the clipboard; say where it went."""
    from threety_tui.clipboard import copy_text

    app = threety(node)
    result = copy_text(node.app, compose.render_email(message.subject, message.body), app.data_dir)
    if result.system:
        app.say(result.message, title="Copied")
    else:
        app.say(result.message, title="Copied (fallback)", severity="warning", timeout=12)


async def open_in_mail(node: DOMNode, message: Message) -> None:
    """Hand the draft to the mail program; offer to copy it when there is none."""
    from threety_tui.core.io import mailto
    from threety_tui.screens.confirm import Confirm

    app = threety(node)
    contact = app.store.contact(message.contact_id)
    for field in mailto.invalid_fields(contact.email if contact else ""):
        app.say(f"Not a valid email address, left out: {field}", severity="warning")
    url = mailto.mailto_url(contact.email if contact else "", message.subject, message.body)
    # The system's handler may take a moment to fail: asked off the UI thread.
    if await asyncio.to_thread(mailto.open_url, url):
        app.say("Opened in your mail program.")
        return
    question = Confirm(
        "No mail program is set up to open mailto: links here. Copy the draft instead?",
        yes="Copy draft",
        no="Cancel",
    )
    if await app.push_screen_wait(question):
        copy(node, message)


async def mark_sent(node: DOMNode, message: Message) -> workflows.Sent | None:
    """Ask when it went out (today by default), then record it; None if not sent."""
    from threety_tui.screens.sent_form import SentForm

    app = threety(node)
    if message.is_sent:
        app.say("This message is already marked sent.")
        return None
    contact = app.store.contact(message.contact_id)
    if contact is None:
        return None
    cadence = app.store.settings.cadence_for(contact)
    on = await app.push_screen_wait(SentForm(message, contact, cadence, app.today()))
    if on is None:
        return None
    today = app.today()
    sent = workflows.mark_sent(app.store, message.id, on, today)
    app.save_soon()
    app.say(sent.summary(today), title="Sent")
    app.rewrite_calendar()
    return sent
