"""The one place that copies text out of threety.

First the system clipboard through pyperclip, checked by reading it back (a
broken X connection can make `xclip` fail silently). Where that is not possible
(SSH, no display, a container) the text also goes to the terminal's clipboard
with OSC 52 and to a private file in the data folder, and the user is told
where. Every path ends with the text somewhere the user can reach it.

`what` names what was copied ("the body of “Thank you for the coffee”", see
`core.mail_text.Clip.what`) so the notification can say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyperclip
from textual.app import App

from threety_tui.core.storage import write_atomic
from threety_tui.core.text import plain, scrub

FALLBACK_NAME = "copied-draft.txt"


@dataclass(frozen=True)
class CopyResult:
    system: bool
    """The system clipboard holds the text."""
    file: Path | None = None
    """Where the text was written when the system clipboard was not reachable."""
    problem: str = ""
    what: str = ""
    """What was copied, as `copy_text` was told: "the body of “…”"; empty: the text."""

    @property
    def message(self) -> str:
        if self.system:
            if self.what:
                return f"Copied {self.what}: paste it into your mail."
            return "Copied to the clipboard: paste it into your mail."
        where = f" and saved to {self.file}" if self.file else ""
        sent = f"Sent {self.what}" if self.what else "Sent"
        return (
            f"No system clipboard here ({self.problem}). {sent} to the terminal's clipboard{where}."
        )


def _system_copy(text: str) -> str:
    """Copy with pyperclip; return "" on success, else why not."""
    try:
        pyperclip.copy(text)
        if pyperclip.paste() != text:
            return "the clipboard did not keep the text"
    except pyperclip.PyperclipException:
        return "no clipboard program or display"
    except Exception as error:  # pyperclip can surface OS errors from its helpers
        return f"clipboard error: {error}"
    return ""


def copy_text(app: App[object], text: str, fallback_dir: Path, *, what: str = "") -> CopyResult:
    """Copy `text` by every route that works here; never raises.

    `what` says what the text is, for the notification (`CopyResult.message`).
    """
    text = scrub(plain(text))  # a lone surrogate (damaged data) cannot be encoded
    app.copy_to_clipboard(text)
    problem = _system_copy(text)
    if not problem:
        return CopyResult(system=True, what=what)
    path = fallback_dir / FALLBACK_NAME
    try:
        write_atomic(path, [text.encode("utf-8")])
    except OSError as error:
        return CopyResult(
            system=False, problem=f"{problem}; could not write {path}: {error}", what=what
        )
    return CopyResult(system=False, file=path, problem=problem, what=what)
