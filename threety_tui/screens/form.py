"""Modal forms: first field focused, tab moves on, ctrl+s saves, escape cancels.

Escape asks before throwing typed text away. Each field has an error line under
it that fills in as the user types (once the field was edited, or after a save
attempt), so mistakes are pointed at where they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from threety_tui.screens.confirm import Confirm
from threety_tui.widgets.key_bar import KeyBar

T = TypeVar("T")


class FormScreen(ModalScreen[T | None], Generic[T]):
    CSS_PATH = "form.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    form_title = "Form"
    submit_on_enter = False
    """Enter in a one-line field saves (short forms); else it moves to the next field."""

    def __init__(self) -> None:
        super().__init__()
        self._initial: dict[str, Any] = {}
        self._touched: set[str] = set()
        self._tried = False

    # -- subclass hooks -------------------------------------------------------

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        """A snapshot of what is typed, to tell whether anything changed."""
        raise NotImplementedError

    def problems(self) -> dict[str, str]:
        """Field id -> what is wrong with it."""
        return {}

    def result(self) -> T:
        raise NotImplementedError

    # -- building blocks ------------------------------------------------------

    @staticmethod
    def field(label: str, widget: Widget, hint: str = "") -> Iterable[Widget]:
        """A label, the widget, and the line where its error (or hint) shows."""
        yield Label(label, classes="form-label")
        yield widget
        yield Static(hint, id=f"error-{widget.id}", classes="form-error")

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            with VerticalScroll(id="form-fields"):
                yield from self.fields()
            with Horizontal(id="form-buttons"):
                yield Static(
                    Content.styled("ctrl+s save · esc cancel", "$foreground-muted"), id="form-keys"
                )
                yield Button("Cancel", id="form-cancel")
                yield Button("Save", id="form-save", variant="primary")
        yield KeyBar()  # the dialog's keys, not the main screen's under it

    def on_mount(self) -> None:
        self.query_one("#form").border_title = self.form_title
        self._initial = self.values()
        self._hints = {
            str(w.id).removeprefix("error-"): str(w.content)
            for w in self.query(".form-error").results(Static)
        }
        first = next(
            (w for w in self.query("#form-fields *") if w.focusable and not w.disabled), None
        )
        if first is not None:
            first.focus()

    # -- validation -----------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _edited(self, event: Input.Changed | TextArea.Changed | Select.Changed) -> None:
        widget = event.control
        if widget is not None and widget.id:
            self._touched.add(widget.id)
        self._show_problems()

    def _show_problems(self) -> dict[str, str]:
        found = self.problems()
        for error in self.query(".form-error"):
            field_id = str(error.id).removeprefix("error-")
            message = found.get(field_id, "")
            shown = message if (self._tried or field_id in self._touched) else ""
            error.set_class(bool(shown), "-problem")
            assert isinstance(error, Static)
            error.update(Content(shown) if shown else Content(self._hints.get(field_id, "")))
        return found

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.submit_on_enter:
            self.action_save()
        else:
            self.focus_next()

    # -- actions --------------------------------------------------------------

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        self._tried = True
        found = self._show_problems()
        if found:
            first = next(iter(found))
            self.query_one(f"#{first}").focus()
            self.notify(found[first], title="Please check the form", severity="warning")
            return
        self.dismiss(self.result())

    def typed(self) -> bool:
        """Something was typed or chosen here that saving would keep."""
        if not self.is_mounted:
            return False
        try:
            return bool(self.values() != self._initial)
        except Exception:  # half built or half torn down: nothing to keep
            return False

    def action_cancel(self) -> None:
        if not self.typed():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            Confirm("Discard what you typed?", yes="Discard", no="Keep editing"), answered
        )
