"""What goes to the mail client: the body, the subject, the address, the draft as an email.

Each `copy_*` function returns a `Clip`: the text for the clipboard and the
words for the notification ("Copied the body of “Thank you for the coffee on
Tuesday”"). The body has one line per paragraph and a blank line between
paragraphs: Gmail, Outlook and Apple Mail wrap for themselves, and a hard
break at 72 columns lands mid-sentence there. Only the preview wraps, for
display (`wrap_for_display`).

"As email" is what mutt (`mutt -H FILE`) and aerc read as a draft: `To:` and
`Subject:` lines (RFC 2047 encoded words for a non-ASCII name or subject,
quotes around a name with a comma; a non-ASCII domain as IDNA, never encoded
words inside an address), a blank line, the body; when the body is not plain
ASCII, MIME headers say it is UTF-8.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage

from threety_tui.core.compose import render_body
from threety_tui.core.io.mailto import invalid_fields, mailto_url, recipients
from threety_tui.core.models import Contact, Message
from threety_tui.core.text import cut, one_line, scrub, visible

_POLICY = policy.default.clone(max_line_length=78, linesep="\n")
_POLICY_UTF8 = _POLICY.clone(utf8=True)


@dataclass(frozen=True, slots=True)
class Clip:
    """Text for the clipboard, and what to tell the user about it."""

    text: str
    what: str
    """What was copied, for "Copied …": "the body of “Thank you for the coffee”"."""
    problem: str = ""
    """Why nothing (or not everything) could be copied; empty when all is well."""

    @property
    def ok(self) -> bool:
        """There is something to copy."""
        return bool(self.text)

    @property
    def notice(self) -> str:
        """ "Copied the body of “…”", or the problem when there is nothing to copy."""
        if not self.ok:
            return self.problem
        return f"Copied {self.what}" + (f" ({self.problem})" if self.problem else "")


def _quoted(subject: str) -> str:
    subject = one_line(subject)
    return f"\u201c{subject}\u201d" if subject else "(no subject)"


def body_text(message: Message) -> str:
    """The body as it goes into a mail client: greeting to sign-off, no hard wraps.

    Rendered from the parts, so a draft saved by an older version (whose body
    was wrapped at 72 columns) comes out unwrapped too. A message with no
    parts (imported, say) keeps its body.
    """
    parts = message.parts
    if any((parts.greeting, parts.gratitude, parts.highlight, parts.benefit, parts.ask)):
        return render_body(parts)
    return message.body


def subject_text(message: Message) -> str:
    return one_line(message.subject)


def addresses(contact: Contact) -> list[str]:
    """The bare addresses in the contact's email field ("a@x.org, Ada <b@y.org>" has two).

    Validated as for a mailto: URL (`mailto.recipients`): a field that is not
    entirely valid addresses gives none, so "a@x.com?bcc=evil@e.com" or a line
    break with a "Bcc:" after it never becomes a recipient (see `left_out`).
    """
    return recipients(contact.email)


def left_out(contact: Contact) -> str:
    """Why the contact's email field gave no address, when it is not empty; else ""."""
    if not invalid_fields(contact.email):
        return ""
    field = cut(visible(contact.email), 60)
    return (
        f"the email field \u201c{field}\u201d is not a valid address (one name@example.org,"
        " or several separated by commas), so it was left out: fix it with e (Edit contact)"
    )


def copy_body(message: Message) -> Clip:
    """`c` Copy draft: the body alone, greeting to sign-off."""
    text = body_text(message).rstrip("\n")
    return Clip(
        text,
        f"the body of {_quoted(message.subject)}",
        "" if text else "The draft is empty: nothing to copy.",
    )


def copy_subject(message: Message) -> Clip:
    subject = subject_text(message)
    return Clip(subject, f"the subject {_quoted(subject)}", "" if subject else "No subject yet.")


def copy_address(contact: Contact) -> Clip:
    found = addresses(contact)
    name = one_line(contact.name) or "This contact"
    if not found:
        if problem := left_out(contact):
            return Clip("", "", f"Nothing copied: {problem}.")
        return Clip("", "", f"{name} has no email address: add one with e (Edit contact).")
    text = ", ".join(found)
    return Clip(text, f"{name}'s email address, {text}")


def as_email(name: str, address: str, subject: str, body: str) -> str:
    """A draft email: `To:`, `Subject:`, a blank line, the body (see the module's docstring).

    Text no encoder accepts (a lone surrogate from a damaged import) becomes U+FFFD.
    """
    name, address, subject, body = map(scrub, (name, address, subject, body))
    to = _recipient(name, address)
    mailbox = to.username if isinstance(to, Address) else to
    # An address is never RFC 2047 encoded: its domain goes as IDNA (`_recipient`); a
    # mailbox name that is not ASCII can only be written as it is (SMTPUTF8, RFC 6532).
    headers = EmailMessage(policy=_POLICY if mailbox.isascii() else _POLICY_UTF8)
    headers["To"] = to
    headers["Subject"] = one_line(subject)
    if not body.isascii():
        headers["MIME-Version"] = "1.0"
        headers["Content-Type"] = 'text/plain; charset="utf-8"'
        headers["Content-Transfer-Encoding"] = "8bit"
    head = headers.as_string()  # the headers, folded and encoded, then the blank line
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    return head + (body if body.endswith("\n") else body + "\n")


def _recipient(name: str, address: str) -> Address | str:
    name = one_line(name)
    address = one_line(address)
    if not address:
        return ""
    mailbox, at, domain = address.rpartition("@")
    try:
        if at and mailbox and not mailbox.isascii():  # the parser refuses it; SMTPUTF8 takes it
            return Address(display_name=name, username=mailbox, domain=_ascii_domain(domain))
        if at:
            address = f"{mailbox}@{_ascii_domain(domain)}"
        return Address(display_name=name, addr_spec=address)
    except (HeaderParseError, ValueError, IndexError):
        return address  # not something the header parser accepts: as typed, for the user to fix


def _ascii_domain(domain: str) -> str:
    """ "exämple.com" -> "xn--exmple-cua.com": the domain as DNS (and every client) reads it."""
    if domain.isascii():
        return domain
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain  # not a name IDNA can write: as typed


def copy_as_email(contact: Contact, message: Message) -> Clip:
    """Palette: Copy as email, for `mutt -H` or aerc."""
    found = addresses(contact)
    text = as_email(contact.name, found[0] if found else "", message.subject, body_text(message))
    name = one_line(contact.name) or "them"
    problem = "" if found else f"{name} has no email address: the To: line is empty"
    if not found and (why := left_out(contact)):
        problem = f"the To: line is empty: {why}"
    return Clip(text, f"{_quoted(message.subject)} as an email to {name}", problem)


def mailto_for(contact: Contact, message: Message) -> str:
    """Open in mail client: a mailto: URL with the subject and the unwrapped body."""
    return mailto_url(contact.email, subject_text(message), body_text(message))


# -- the preview ---------------------------------------------------------------------------


def cell_width(text: str) -> int:
    """Terminal cells `text` takes: wide (CJK, most emoji) 2, combining marks 0."""
    if text.isascii() and text.isprintable():
        return len(text)  # the common case, at C speed
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Cf", "Cc", "Mn"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _split_word(word: str, width: int) -> list[str]:
    pieces, piece, used = [], "", 0
    for char in word:
        size = cell_width(char)
        if piece and used + size > width:
            pieces.append(piece)
            piece, used = "", 0
        piece += char
        used += size
    return [*pieces, piece] if piece else pieces


def wrap_line(line: str, width: int) -> list[str]:
    """One line as it shows in `width` cells: broken at spaces, a longer word cut across lines.

    Nothing is lost but runs of spaces where the line breaks. Each word is
    measured once, so a paragraph of 2,000 characters wraps in well under a
    millisecond: the preview re-wraps the edited paragraph on every keystroke.
    """
    width = max(width, 1)
    if cell_width(line) <= width:
        return [line]
    out: list[str] = []
    current, used = "", 0
    for word in re.split(r" +", line.strip(" ")):
        size = cell_width(word)
        if current and used + 1 + size <= width:
            current, used = f"{current} {word}", used + 1 + size
            continue
        if not current and size <= width:
            current, used = word, size
            continue
        if current:
            out.append(current)
        pieces = _split_word(word, width) if size > width else [word]
        out.extend(pieces[:-1])
        current = pieces[-1] if pieces else ""
        used = cell_width(current)
    out.append(current)
    return out


def wrap_for_display(text: str, width: int) -> str:
    """`text` wrapped at `width` cells for the preview only; never for what is copied.

    Lines break at spaces; a word longer than the width (a URL) is cut across
    lines rather than hidden. Blank lines and the sign-off's lines are kept.
    """
    return "\n".join(piece for line in text.split("\n") for piece in wrap_line(line, width))


def preview_email(subject: str, body: str) -> str:
    """The preview's text before wrapping: "Subject: ...", a blank line, the body."""
    return f"Subject: {one_line(subject)}\n\n{body}"


def preview_text(subject: str, body: str, width: int) -> str:
    """What the editor's preview shows: the subject, a blank line, the body, wrapped to fit."""
    return wrap_for_display(preview_email(subject, body), width)
