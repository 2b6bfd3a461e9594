"""Getting a draft out: the clipboard, the mail client, and marking it sent.

Shared by the main screen's keys, the editor's control keys and the palette.
What goes out is decided in `core.mail_text` (the body alone for `c`, the
subject, the address, the draft as an email); this module hands it to the
clipboard or the mail program and says what happened. `mark_sent` asks
(dialogs), so it and `open_in_mail` run from a worker.
"""

from __future__ import annotations

import asyncio

from textual.content import Content
from textual.dom import DOMNode

from threety_tui.core import mail_text, workflows
from threety_tui.core.models import Contact, Message
from threety_tui.core.text import visible_lines
from threety_tui.screens import threety


def copy_clip(node: DOMNode, clip: mail_text.Clip) -> bool:
    """Put a clip on the clipboard and say what was copied (naming the subject); True if copied."""
    from threety_tui.clipboard import copy_text

    app = threety(node)
    if not clip.ok:
        app.say(clip.problem, severity="warning")
        return False
    result = copy_text(node.app, clip.text, app.data_dir, what=clip.what)
    if result.system:
        app.say(result.message, title="Copied")
    else:
        app.say(result.message, title="Copied (fallback)", severity="warning", timeout=12)
    if clip.problem:
        app.say(clip.problem, severity="warning")
    return True


def copy(node: DOMNode, message: Message) -> None:
    """`c` Copy draft: the body alone, greeting to sign-off, one line per paragraph."""
    copy_clip(node, mail_text.copy_body(message))


def copy_subject(node: DOMNode, message: Message) -> None:
    copy_clip(node, mail_text.copy_subject(message))


def copy_address(node: DOMNode, contact: Contact) -> None:
    copy_clip(node, mail_text.copy_address(contact))


def copy_as_email(node: DOMNode, contact: Contact, message: Message) -> None:
    """`To:`, `Subject:`, a blank line and the body: a draft `mutt -H` or aerc reads."""
    copy_clip(node, mail_text.copy_as_email(contact, message))


async def open_in_mail(node: DOMNode, message: Message) -> None:
    """Hand the draft to the mail program; offer to copy it when there is none."""
    from threety_tui.core.io import mailto
    from threety_tui.screens.confirm import Confirm

    app = threety(node)
    contact = app.store.contact(message.contact_id) or Contact("")
    for field in mailto.invalid_fields(contact.email):
        app.say(f"Not a valid email address, left out: {field}", severity="warning")
    url = mail_text.mailto_for(contact, message)  # the body unwrapped, like `c` copies it
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


def _as_checklist(question: str) -> Content:
    """The question with its amber items marked as the checklist marks them ("! Ask: ...")."""
    lines: list[Content] = []
    for line in visible_lines(question).split("\n"):
        name, colon, detail = line.partition(": ")
        if line.startswith("  ") and colon:
            lines.append(
                Content.assemble(Content.styled(f"! {name.strip()}:", "$warning bold"), " ", detail)
            )
        else:
            lines.append(Content(line))
    return Content("\n").join(lines)


async def mark_sent(node: DOMNode, message: Message) -> workflows.Sent | None:
    """Ask when it went out (today by default), then record it; None if not sent.

    With checklist items still amber it asks first, naming them.
    """
    from threety_tui.screens.confirm import Confirm
    from threety_tui.screens.sent_form import SentForm

    app = threety(node)
    if message.is_sent:
        app.say("This message is already marked sent.")
        return None
    contact = app.store.contact(message.contact_id)
    if contact is None:
        return None
    amber = workflows.send_question(app.store, message, app.today())
    if amber is not None:
        ask = Confirm(_as_checklist(amber), yes="Mark sent", no="Keep editing")
        if not await app.push_screen_wait(ask):
            app.say("Not marked sent: it is still a draft.")
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
