"""Replies from the user's own mailbox: a Maildir folder or an mbox file (spec section 8).

    scan = read_mail(path)                   # InputError when it is neither
    plan = plan_replies(store, scan, today)  # reads the store, writes nothing
    print("\\n".join(report_lines(plan)))    # or show it as a preview
    apply_replies(store, plan)               # one write; none when nothing is new

A message whose From address is a contact's email (any case; the display name
is ignored), dated on or after a message sent to that contact, is the reply
to the latest message sent to them on or before that day; when several answer
the same message the earliest counts. A message that already has a reply
keeps it, so a second run records nothing. Every message read is counted in
exactly one line of the report: a new reply, one more to a message whose reply
is recorded already, a later one to a message another answers first, mail from
a contact older than anything sent to them or from a contact never written to,
from a stranger, dated in the future, or without a readable From or Date.
Nothing but `Message.replied` is ever changed.

Only the From and Date headers are read. An mbox is scanned for its "From "
separator lines in a memory map (the standard library's `mailbox.mbox` builds
its table of contents line by line and parses whole messages: too slow for a
Gmail Takeout); a Maildir is listed with `mailbox.Maildir` and only the head
of each file is read.
"""

from __future__ import annotations

import mailbox
import mmap
import os
import re
import stat
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO, Protocol

from threety_tui.core.dates import short
from threety_tui.core.errors import InputError
from threety_tui.core.io.files import bad_file
from threety_tui.core.io.rows import email_key
from threety_tui.core.models import MAX_YEAR, Contact, Message
from threety_tui.core.store import Store
from threety_tui.core.text import one_line
from threety_tui.core.timeline import reply_words

MAILDIR = "Maildir"
MBOX = "mbox"
WHAT = "a Maildir folder or an mbox file"
HEAD_LIMIT = 256 * 1024
"""Headers longer than this are not looked at further (From and Date come early)."""

_FIELD = re.compile(rb"^(from|date)[ \t]*:[ \t]*(.*(?:\r?\n[ \t]+.*)*)", re.IGNORECASE | re.M)
_ANGLE = re.compile(r"<([^<>\s\"]+@[^<>\s\"]+)>$")
"""The common `Name <address>` (nothing after the address): no need for `parseaddr`."""
_BARE = re.compile(r"[^<>\s\"(),;:@]+@[^<>\s\"(),;:@]+")
_BLANK = re.compile(rb"\r?\n\r?\n")


@dataclass(frozen=True, slots=True)
class MailScan:
    """What a mailbox holds, as far as replies go: who wrote, and on what day."""

    path: Path
    format: str
    """MAILDIR or MBOX."""
    messages: int
    """Every message found."""
    headers: tuple[tuple[str, date], ...]
    """(sender's address, lower case; local date) of each message that has both."""
    unreadable: int
    """Messages skipped: no From address or no valid Date."""

    @property
    def description(self) -> str:
        return f"{self.path.name or self.path} ({self.format})"


def read_mail(path: Path | str) -> MailScan:
    """Read the senders and dates of a Maildir folder or mbox file; `InputError` otherwise."""
    path = Path(path).expanduser()
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise bad_file(path, f"no such file or folder; expected {WHAT}") from None
    except OSError as error:
        raise bad_file(path, f"cannot be read ({error.strerror}); expected {WHAT}") from None
    if stat.S_ISDIR(st.st_mode):
        if not ((path / "cur").is_dir() and (path / "new").is_dir()):
            raise bad_file(
                path,
                f"is a folder but not a Maildir (no cur and new folders in it); expected {WHAT}",
            )
        try:
            return _scan(path, MAILDIR, _maildir_heads(path))
        except OSError as error:
            raise bad_file(path, f"cannot be read ({error.strerror or error})") from None
    if not stat.S_ISREG(st.st_mode):
        raise bad_file(path, f"is not a regular file; expected {WHAT}")
    if st.st_size == 0:  # an mbox with no mail in it, as an empty Maildir is one
        return MailScan(path, MBOX, 0, (), 0)
    try:
        with path.open("rb") as handle:
            start = handle.read(5)
            if start != b"From ":
                raise bad_file(path, f"is not {WHAT} (an mbox file starts with a 'From ' line)")
            return _scan(path, MBOX, _mbox_heads(handle))
    except OSError as error:
        raise bad_file(path, f"cannot be read ({error.strerror or error})") from None


def _scan(path: Path, format: str, heads: Iterator[bytes]) -> MailScan:
    found: list[tuple[str, date]] = []
    count = unreadable = 0
    for head in heads:
        count += 1
        sender = _sender_and_day(head)
        if sender is None:
            unreadable += 1
        else:
            found.append(sender)
    return MailScan(path, format, count, tuple(found), unreadable)


def _mbox_heads(handle: BinaryIO) -> Iterator[bytes]:
    """The header block of each message of an mbox (after its "From " line)."""
    with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        size = len(data)
        start = 0
        while start != -1:
            line_end = data.find(b"\n", start)
            if line_end == -1:
                return  # a "From " line and nothing else
            following = data.find(b"\nFrom ", line_end)
            end = size if following == -1 else following + 1
            yield _head(data, line_end + 1, min(end, line_end + 1 + HEAD_LIMIT))
            start = -1 if following == -1 else following + 1


def _head(data: mmap.mmap, start: int, end: int) -> bytes:
    """The bytes from `start` to the first blank line (or `end`)."""
    blank = data.find(b"\n\n", start, end)
    crlf = data.find(b"\n\r\n", start, end if blank == -1 else blank)
    stop = min(i for i in (blank, crlf, end) if i != -1)
    return data[start:stop]


def _maildir_heads(path: Path) -> Iterator[bytes]:
    """The header block of each message file of a Maildir (cur and new)."""
    box = mailbox.Maildir(path, factory=None, create=False)
    for key in box.iterkeys():
        try:
            handle = box.get_file(key)
        except (OSError, KeyError):  # moved or deleted by the mail program meanwhile
            continue
        try:
            yield _file_head(handle)
        finally:
            handle.close()


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _file_head(handle: _Readable) -> bytes:
    head = b""
    while len(head) < HEAD_LIMIT:
        chunk = handle.read(8192)
        if not chunk:
            break
        head += chunk
        found = _BLANK.search(head)
        if found:
            return head[: found.start()]
    return head


def _sender_and_day(head: bytes) -> tuple[str, date] | None:
    """(address, local date) from a header block; None when either cannot be read."""
    sender = when = None
    for match in _FIELD.finditer(head):
        name = match.group(1).lower()
        if name == b"from" and sender is None:
            sender = match.group(2)
        elif name == b"date" and when is None:
            when = match.group(2)
        if sender is not None and when is not None:
            break
    if sender is None or when is None:
        return None
    address = email_key(_address(_text(sender)))
    if not address:
        return None
    try:
        stamp = parsedate_to_datetime(_text(when))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if stamp is None or not 1970 <= stamp.year <= MAX_YEAR:
        return None
    try:
        day = (stamp.astimezone() if stamp.tzinfo else stamp).date()
    except (OverflowError, OSError, ValueError):
        return None
    return address, day


def _address(value: str) -> str:
    """The address of a From header; `parseaddr` (a tenth of the time) only for odd forms."""
    found = _ANGLE.search(value)
    if found is not None:
        return found.group(1)
    if _BARE.fullmatch(value):
        return value
    return parseaddr(value)[1]


def _text(value: bytes) -> str:
    return " ".join(value.decode("utf-8", "replace").split())


# -- matching -------------------------------------------------------------


class MailSource(Protocol):
    """What planning needs of the store (a `Store` is one)."""

    def contacts(self, *, deleted: bool = False) -> list[Contact]: ...
    def messages_of(self, contact_id: int) -> list[Message]: ...


@dataclass(frozen=True, slots=True)
class Reply:
    contact: Contact
    message: Message
    """The sent message they answered."""
    day: date
    """The day of their earliest answer to it."""

    @property
    def days(self) -> int:
        return (self.day - self.message.sent).days if self.message.sent else 0


@dataclass(frozen=True, slots=True)
class ReplyPlan:
    scan: MailScan
    replies: tuple[Reply, ...]
    """New replies, in the order of the contacts' names."""
    already: int
    """Mail answering a sent message whose reply is recorded already."""
    older: int
    """Mail from contacts, dated before anything was sent to them."""
    strangers: int
    """Mail from addresses that are no contact's."""
    future: int
    """Mail dated after today (a wrong clock): not recorded."""
    later: int = 0
    """Mail answering a message that earlier mail in the mailbox answers (the earliest counts)."""
    not_written: int = 0
    """Mail from contacts nothing was ever sent to."""
    new: int = 0
    """Mail recorded as a reply (as many as `replies`, unless contacts share an address)."""

    @property
    def has_changes(self) -> bool:
        return bool(self.replies)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "messages": self.scan.messages,
            "replies": self.new,
            "already": self.already,
            "older": self.older,
            "strangers": self.strangers,
            "unreadable": self.scan.unreadable,
            "future": self.future,
            "later": self.later,
            "not_written": self.not_written,
        }


def plan_replies(store: MailSource, scan: MailScan, today: date) -> ReplyPlan:
    """What importing the scan would record. Pure: writes nothing."""
    by_address: dict[str, list[Contact]] = {}
    for contact in store.contacts():
        key = email_key(contact.email)
        if key:
            by_address.setdefault(key, []).append(contact)
    sent: dict[int, tuple[list[date], list[Message]]] = {}
    earliest: dict[int, tuple[date, int, Contact, Message]] = {}
    """message id -> (day, which mail, contact, message) of the earliest mail answering it."""
    answering: list[tuple[int, list[Message]]] = []
    """(which mail, the sent messages it answers) for each mail that answers any."""
    older = not_written = strangers = future = 0
    for number, (address, day) in enumerate(scan.headers):
        contacts = by_address.get(address)
        if contacts is None:
            strangers += 1
            continue
        if day > today:
            future += 1
            continue
        answered: list[Message] = []
        written = False
        for contact in contacts:
            days, messages = (
                sent[contact.id] if contact.id in sent else _sent_to(store, contact, sent)
            )
            written = written or bool(days)
            index = bisect_right(days, day)
            if index == 0:
                continue
            message = messages[index - 1]
            answered.append(message)
            known = earliest.get(message.id)
            if known is None or day < known[0]:
                earliest[message.id] = (day, number, contact, message)
        if answered:
            answering.append((number, answered))
        elif written:
            older += 1
        else:
            not_written += 1
    replies = [
        Reply(contact, message, day)
        for day, _, contact, message in earliest.values()
        if message.replied is None
    ]
    replies.sort(key=lambda r: (r.contact.name.casefold(), r.contact.id, r.day, r.message.id))
    new = already = later = 0
    for number, answered in answering:  # each mail in one line of the report
        if any(m.replied is None and earliest[m.id][1] == number for m in answered):
            new += 1
        elif any(m.replied is None for m in answered):
            later += 1
        else:
            already += 1
    return ReplyPlan(
        scan,
        tuple(replies),
        already=already,
        older=older,
        strangers=strangers,
        future=future,
        later=later,
        not_written=not_written,
        new=new,
    )


def _sent_to(
    store: MailSource, contact: Contact, cache: dict[int, tuple[list[date], list[Message]]]
) -> tuple[list[date], list[Message]]:
    """The contact's sent messages in the order they went out, and their dates."""
    messages = sorted(
        (m for m in store.messages_of(contact.id) if m.is_sent and m.sent is not None),
        key=lambda m: (m.sent, m.id),
    )
    found = ([m.sent for m in messages if m.sent is not None], messages)
    cache[contact.id] = found
    return found


def apply_replies(store: Store, plan: ReplyPlan) -> list[Message]:
    """Record the plan's replies in one write (none at all when there is nothing new).

    Re-checked against the store as it is now: a message that got a reply, or
    is gone, since the plan was made is left alone.
    """
    if not plan.has_changes:
        return []
    recorded = []
    with store.batch():
        for reply in plan.replies:
            current = store.message(reply.message.id)
            if current is None or not current.is_sent or current.replied is not None:
                continue
            try:
                recorded.append(store.record_reply(current.id, reply.day))
            except InputError:
                continue  # e.g. the message's sent date was changed since
    return recorded


def report_lines(plan: ReplyPlan) -> list[str]:
    """The plan as plain text: counts, then one line per new reply."""
    c = plan.counts
    lines = [
        f"Read {c['messages']} {_plural(c['messages'], 'message')} from "
        f"{one_line(plan.scan.description)}.",
        f"  {c['replies']:>5} new {_plural(c['replies'], 'reply', 'replies')}",
        f"  {c['already']:>5} answering a message whose reply is recorded already",
        f"  {c['later']:>5} more to a message answered earlier (the earliest reply counts)",
        f"  {c['older']:>5} from contacts, dated before anything you sent them",
        f"  {c['not_written']:>5} from contacts you have not written to yet",
        f"  {c['strangers']:>5} from people who are not contacts",
        f"  {c['unreadable']:>5} skipped: no readable From or Date",
    ]
    if c["future"]:
        lines.append(f"  {c['future']:>5} skipped: dated in the future")
    if plan.replies:
        lines.append("New replies:")
        for reply in plan.replies:
            sent = reply.message.sent
            lines.append(
                f"  {one_line(reply.contact.name) or '(no name)'}: replied {short(reply.day)} "
                f"to your {reply.message.label.lower()} of "
                f"{short(sent) if sent else '?'} "
                f"({reply_words(reply.message, reply.day).removeprefix('replied ')})"
            )
    return lines


def _plural(count: int, word: str, many: str = "") -> str:
    return word if count == 1 else many or word + "s"
