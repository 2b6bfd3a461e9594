"""At start: changes that are not in the database, kept in another file (`core.db.recovery`).

One notice at a time: what happened, where the changes are, and what can be
done: restore them (only a file made when a save failed at quitting, while the
database is still the version they were made on), be reminded next time, or
dismiss the notice (the file itself stays).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from threety_tui.core.db import recovery
from threety_tui.core.db.recovery import Kept
from threety_tui.core.text import visible
from threety_tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from threety_tui.app import ThreetyApp

Choice = Literal["restore", "later", "dismiss"]


class KeptNotice(ModalScreen[Choice]):
    """Dismisses with "restore", "later" (escape) or "dismiss"."""

    DEFAULT_CSS = """
    KeptNotice {
        align: center middle;
        & > Vertical {
            width: 76;
            max-width: 100%;
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
        Binding("r", "choose('restore')", "Restore", show=False),
        Binding("l,escape", "choose('later')", "Later"),
        Binding("d", "choose('dismiss')", "Dismiss"),
    ]

    def __init__(self, kept: Kept, *, position: str = "") -> None:
        super().__init__()
        self.kept = kept
        self.position = position
        self.why_not = recovery.why_not_restorable(kept) if kept.restorable else None
        """Why a file made to be restored cannot be now (the database changed since)."""
        self.can_restore = kept.restorable and self.why_not is None

    def compose(self) -> ComposeResult:
        kept = self.kept
        with Vertical():
            title = "Changes not in the database" + (f" ({self.position})" if self.position else "")
            yield Static(Content.styled(title, "bold"))
            yield Static(Content(visible(kept.describe())))
            if self.can_restore:
                advice = "Restore puts them back as the database (checked: only if it has not changed since)."
            else:
                advice = f"Open it with `threety --db {kept.file}` to copy what you need."
                if self.why_not:
                    advice = f"They cannot be restored: {self.why_not}. {advice}"
            yield Static(Content(visible(advice + " Dismiss stops this notice; the file stays.")))
            with Horizontal():
                yield Button("Dismiss (d)", id="dismiss")
                yield Button("Later (l)", id="later")
                if self.can_restore:
                    yield Button("Restore (r)", id="restore", variant="warning")
        yield KeyBar()  # the dialog's keys, not the main screen's under it

    def on_mount(self) -> None:
        self.query_one("#later", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        if choice == "restore" and not self.can_restore:
            return
        if choice in ("restore", "later", "dismiss"):
            self.dismiss(choice)  # type: ignore[arg-type]


def offer_kept(app: ThreetyApp) -> None:
    """Show the notices of the app's database one after the other (nothing if none)."""
    try:
        notices = recovery.notices(app.db_path)
    except OSError:  # pragma: no cover - a folder that cannot be listed: nothing to show
        return

    def ask(index: int) -> None:
        if index >= len(notices):
            return
        kept = notices[index]

        def chosen(choice: Choice | None) -> None:
            if choice == "restore":
                app.restore_request = kept
                app._save_and_exit()  # `threety` restores once the database is closed
                return
            if choice == "dismiss":
                try:
                    recovery.dismiss(kept)
                except OSError as error:
                    app.say(f"Could not record that: {error.strerror}.", severity="warning")
            ask(index + 1)

        position = f"{index + 1} of {len(notices)}" if len(notices) > 1 else ""
        app.push_screen(KeptNotice(kept, position=position), chosen)

    ask(0)
