"""Help on ?: the keys, and the three-part thank you in a nutshell."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from threety_tui.actions import COMMANDS

METHOD = """\
The three-part thank you (3TY)

More than half of the people who give career advice never hear back. A short,
prompt thank-you in three parts changes that:

  1  Gratitude: thank them for their time and insight. One plain sentence.
  2  The highlight: the one piece of advice you found most interesting, named
     specifically. It proves you listened, and it becomes your homework.
  3  The humble ask: may you come back with more questions later?

When you mark it sent, threety schedules the follow-up (in about a month, your
cadence): thanks again, the same advice, and what benefit you got from acting
on it. That is what advisers value most (43% said so). Then keep going with
short updates. Boosters help because they like to; Obligates out of duty, so
threety keeps their messages shorter.
"""

TIMELINE_KEYS = (
    ("enter", "Open the entry: a meeting's form, a message in the editor, a step's draft"),
    ("h", "Move an insight's homework on: todo, doing, done"),
    ("b", "Record what came of acting on the advice (the benefit)"),
    ("z", "Snooze the next step (1 day, 1 week, a date; with a reason)"),
    ("x", "Close the next step without a message"),
)
OTHER_KEYS = (
    ("1 2 3", "Show the contacts, timeline or editor (tabs below 100 columns)"),
    ("escape", "Leave a text field; walk back from editor to timeline to contacts"),
    ("tab", "Next field or pane"),
    ("ctrl+p", "Command palette: every action by name"),
)


def _rows(pairs: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> Content:
    return Content("\n").join(
        Content.assemble(Content.styled(f"  {key:<10}", "bold $accent"), text)
        for key, text in pairs
    )


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 92;
            max-width: 100%;
            height: 90%;
            border: thick $primary 70%;
            background: $surface;
            padding: 0 2;
        }
        & Static { margin-bottom: 1; }
        & .heading { text-style: bold; color: $text-primary; margin-bottom: 0; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", key_display="esc"),
    ]

    def compose(self) -> ComposeResult:
        main = [(c.key_display, f"{c.title}: {c.help}") for c in COMMANDS if c.key]
        editor = [
            (c.editor_key or "", f"{c.title} (while typing)") for c in COMMANDS if c.editor_key
        ]
        editor.append(("escape", "Leave the editor (the draft is saved as you type)"))
        with VerticalScroll():
            yield Static(Content(METHOD))
            yield Static("Keys on the main screen (when not typing in a field)", classes="heading")
            yield Static(_rows(main))
            yield Static("In the 3TY editor", classes="heading")
            yield Static(_rows(editor))
            yield Static("In the timeline and the agenda", classes="heading")
            yield Static(_rows(TIMELINE_KEYS))
            yield Static("Everywhere", classes="heading")
            yield Static(_rows(OTHER_KEYS))
            yield Static(
                Content.styled(
                    "In forms: tab moves on, ctrl+s saves, escape cancels.", "$foreground-muted"
                )
            )

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).border_title = "Help · esc to close"
        self.query_one(VerticalScroll).focus()
