"""Mailboxes for the tests, written by the standard library's own `mailbox` module."""

from __future__ import annotations

import mailbox
from collections.abc import Iterable
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

Mail = tuple[str, datetime | str | None, str]
"""(From header, date (or a raw Date header, or None for none), subject)."""


def email(sender: str, when: datetime | str | None, subject: str = "Re: hello") -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "sam@example.com"
    message["Subject"] = subject
    if when is not None:
        message["Date"] = when if isinstance(when, str) else format_datetime(when)
    message.set_content("Thanks for writing.\nFrom the body, not a header: nobody@example.com\n")
    return message


def write_maildir(path: Path, mails: Iterable[Mail]) -> Path:
    box = mailbox.Maildir(path, create=True)
    for sender, when, subject in mails:
        box.add(email(sender, when, subject))
    return path


def write_mbox(path: Path, mails: Iterable[Mail]) -> Path:
    box = mailbox.mbox(path, create=True)
    try:
        for sender, when, subject in mails:
            box.add(email(sender, when, subject))
        box.flush()
    finally:
        box.close()
    return path
