"""Help on ?: every key (generated from `actions.py`), and the 3TY in a nutshell.

Descriptions wrap with hanging indents: a wrapped line starts under the text
it continues, never back under the keys.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from threety_tui.actions import KEY_NAMES, Command, Target, commands, display
from threety_tui.widgets.key_bar import KeyBar
from threety_tui.widgets.key_list import KeyList

INTRO = (
    "More than half of the people who give career advice never hear back. A short, "
    "prompt thank-you in three parts changes that:"
)
PARTS = (
    ("1", "Gratitude: thank them for their time and insight. One plain sentence."),
    (
        "2",
        "The highlight: the one piece of advice you found most interesting, named "
        "specifically. It proves you listened, and it becomes your homework.",
    ),
    ("3", "The humble ask: may you come back with more questions later?"),
)
AFTER = (
    "When you mark it sent, threety schedules the follow-up (in about a month, your "
    "cadence): thanks again, the same advice, and what benefit you got from acting on it. "
    "That is what advisers value most (43% said so). Then keep going with short updates. "
    "Boosters help because they like to; Obligates out of duty, so threety keeps their "
    "messages shorter."
)
BEFORE = (
    "Before the meeting: w drafts a short meeting request that names your connection and "
    "asks for their advice, not a job. threety then counts business days: with no reply "
    "after 3 it suggests a second contact at the same employer, after 7 following up once; "
    "r records a reply, and a reply from anyone there closes the employer's nudges. A quick "
    "reply suggests a Booster, a slow one (or none) an Obligate: K accepts, D dismisses."
)
EVERYWHERE = (
    ("tab", "Next field or pane"),
    ("ctrl+p", "Command palette: every action by name"),
    ("ctrl+q", "Quit (saves first), even while typing; a half-filled form asks first"),
)
FORMS = "In forms: the first field has focus, tab moves on, ctrl+s saves, escape cancels."


def _rows(found: list[Command], *, editor: bool = False) -> list[tuple[str, str]]:
    if editor:
        return [
            (display(c.editor_key or ""), f"{c.title}: {c.help}" if c.key is None else c.title)
            for c in found
        ]
    return [(c.key_display, f"{c.title}: {c.help}") for c in found]


def _palette_rows(found: list[Command]) -> list[tuple[str, str]]:
    return [(c.title, c.help) for c in found]


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
        & Static, & KeyList { margin-bottom: 1; }
        & .heading { text-style: bold; color: $text-primary; margin-bottom: 0; }
        & .compact { margin-bottom: 0; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", key_display="esc"),
    ]

    def compose(self) -> ComposeResult:
        screen = [c for c in commands(Target.SCREEN) if c.key]
        on_entry = commands(Target.TIMELINE)
        editor = [c for c in commands(Target.EDITOR) if c.editor_key]
        agenda = [c for c in commands(Target.AGENDA) if c not in on_entry and c.key]
        palette_only = [
            c for c in commands(Target.SCREEN) if c.palette and not c.key and not c.editor_key
        ]
        with VerticalScroll():
            yield Static("The three-part thank you (3TY)", classes="heading")
            yield Static(INTRO, classes="compact")
            yield KeyList(PARTS, key_width=4)
            yield Static(AFTER)
            yield Static(BEFORE)
            yield Static("Keys on the main screen (when not typing in a field)", classes="heading")
            yield KeyList(_rows(screen))
            yield Static(
                "On the entry under the cursor, in the timeline and the agenda", classes="heading"
            )
            yield KeyList(_rows(on_entry))
            yield Static("In the 3TY editor, while typing", classes="heading")
            yield KeyList(
                [
                    *_rows(editor, editor=True),
                    ("esc", "Leave the editor (the draft is saved as you type)"),
                ]
            )
            yield Static("In the agenda", classes="heading")
            yield KeyList(_rows(agenda))
            yield Static("In the command palette (ctrl+p), by name", classes="heading")
            yield KeyList(_palette_rows(palette_only), key_width=20)
            yield Static("Everywhere", classes="heading")
            yield KeyList(EVERYWHERE)
            yield Static(Content.styled(FORMS, "$foreground-muted"))
        yield KeyBar()  # the help's keys, not the main screen's under it

    def on_mount(self) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.border_title = f"Help · {KEY_NAMES['escape']} to close"
        scroll.focus()
