"""Open in mail client: a `mailto:` URL (RFC 6068) handed to the system's handler.

Every character outside RFC 3986's unreserved set is percent-encoded as UTF-8
(spaces as %20, never +), line breaks in the body become CRLF (%0D%0A) as the
RFC asks, and several recipients are joined with commas.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from email.utils import getaddresses
from urllib.parse import quote

from threety_tui.core.text import one_line

GRACE_SECONDS = 0.5
"""How long `open_url` watches the handler for an immediate failure."""


_ATOM = r"[^\s\x00-\x1f\x7f()<>\[\]:;@\\,\".]+"
_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{{2,}}")
"""An addr-spec as a mail client takes it: a dot-atom, one "@", a domain with a dot."""
_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def valid_address(address: str) -> bool:
    """One email address (`name@example.org`, international letters allowed), nothing more."""
    return bool(_ADDRESS.fullmatch(address))


def _parse_field(field: str) -> list[str] | None:
    """The addresses of one field; None when any part of it is not a valid address.

    A field is refused whole rather than read in part: a line break in it, or a
    second "@" the parser drops ("a@x.com?bcc=evil@e.com" reads as "@e.com"),
    must never turn into another recipient.
    """
    if _BREAK.search(field):
        return None
    addresses = [address for _, address in getaddresses([field.replace(";", ",")]) if address]
    if field.count("@") != len(addresses) or not all(map(valid_address, addresses)):
        return None
    return addresses


def recipients(to: str | Iterable[str]) -> list[str]:
    """Bare addresses from "a@x.org, Grace Hopper <g@y.org>; c@z.org" or a list of them.

    Each address is validated before it can reach a mailto: URL; a field that
    is not entirely valid addresses gives none (see `invalid_fields`).
    """
    fields = [to] if isinstance(to, str) else list(to)
    found = []
    for field in fields:
        found += _parse_field(field) or []
    return found


def invalid_fields(to: str | Iterable[str]) -> list[str]:
    """The non-empty fields `recipients` refuses, to tell the user."""
    fields = [to] if isinstance(to, str) else list(to)
    return [field for field in fields if field.strip() and _parse_field(field) is None]


def mailto_url(to: str | Iterable[str], subject: str = "", body: str = "") -> str:
    """`mailto:to1,to2?subject=...&body=...`; empty fields are left out."""
    address_part = ",".join(_encode(address, safe="@") for address in recipients(to))
    fields = []
    if subject := one_line(subject):
        fields.append("subject=" + _encode(subject))
    if body:
        lines = body.replace("\r\n", "\n").replace("\r", "\n")
        fields.append("body=" + _encode(lines.replace("\n", "\r\n")))
    return "mailto:" + address_part + ("?" + "&".join(fields) if fields else "")


def _encode(text: str, safe: str = "") -> str:
    """Percent-encoded UTF-8; a lone surrogate (damaged text) becomes U+FFFD, not an error."""
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return quote(text, safe=safe)


def open_url(url: str, *, grace: float = GRACE_SECONDS) -> bool:
    """Hand `url` to the system's handler; False when there is none or it fails.

    Never raises. The handler runs detached (own session, no terminal), so a
    text-mode fallback cannot take over the app's screen. This waits at most
    `grace` seconds to catch a handler that fails at once (xdg-open exits
    non-zero when nothing handles mailto:); call it from a worker thread, or
    pass `grace=0` to return as soon as the handler has started.
    """
    try:
        if sys.platform == "win32":
            os.startfile(url)  # type: ignore[attr-defined,unused-ignore]
            return True
        command = _handler_command()
        if command is None:
            return False
        process = subprocess.Popen(
            [*command, url],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
        return _started(process, grace)
    except (OSError, ValueError, subprocess.SubprocessError):
        return False


def _handler_command() -> list[str] | None:
    """`open` on macOS; `xdg-open` elsewhere, and only with a graphical session to open in."""
    if sys.platform == "darwin":
        found = shutil.which("open")
        return [found] if found else None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return None  # over SSH or in a console: no mail client could appear
    found = shutil.which("xdg-open")
    return [found] if found else None


def _started(process: subprocess.Popen[bytes], grace: float) -> bool:
    """False if the handler exits with an error within `grace` seconds."""
    deadline = time.monotonic() + max(grace, 0.0)
    while True:
        code = process.poll()
        if code is not None:
            return code == 0
        if time.monotonic() >= deadline:
            return True  # still running: a client is opening; Python reaps it later
        time.sleep(0.02)
