"""A yes/no question."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from threety_tui.core.text import visible
from threety_tui.widgets.key_bar import KeyBar


class Confirm(ModalScreen[bool]):
    """Dismisses with True for yes; escape or n is no."""

    DEFAULT_CSS = """
    Confirm {
        align: center middle;
        & > Vertical {
            width: 60;
            height: auto;
            border: thick $warning 60%;
            background: $surface;
            padding: 1 2;
        }
        & Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
        & Button { margin-left: 1; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str | Content, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            question = self.question
            yield Static(question if isinstance(question, Content) else Content(visible(question)))
            with Horizontal():
                yield Button(f"{self.no} (n)", id="no")
                yield Button(f"{self.yes} (y)", id="yes", variant="warning")
        yield KeyBar()  # the dialog's keys, not the main screen's under it

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class QuitQuestion(Confirm):
    """ctrl+q over a form holding typed text: quit and lose it, or keep editing."""

    def __init__(self, form_title: str) -> None:
        super().__init__(
            Content.assemble(
                "Quit without saving what you typed in ",
                (visible(form_title), "bold"),
                "?\n",
                ("Your 3TY drafts are saved either way. ctrl+q again quits.", "$foreground-muted"),
            ),
            yes="Quit",
            no="Keep editing",
        )
