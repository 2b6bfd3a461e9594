"""The footer: the keys that matter most first, and only the ones that fit, whole.

Textual's `Footer` lays out a widget per key in binding order and cuts the last
one off at the edge ("/ Searc"). This one draws itself: keys are ordered by
their rank in `actions.py`, the help key always shows (everything that does
not fit is on it), and a key either shows whole or not at all. The screen may
pass `wanted` to leave out keys that mean nothing where the cursor is (Copy
with no draft open). One widget, redrawn only when the keys on show change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

from threety_tui.actions import rank

HELP_ACTIONS = ("help", "screen.help", "app.help")
GAP = 1


class Shown(NamedTuple):
    key: str
    """The key to simulate when the item is clicked."""
    display: str
    description: str
    action: str
    enabled: bool


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 100%;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, wanted: Callable[[str], bool] | None = None) -> None:
        super().__init__()
        self._wanted = wanted
        self._keys: tuple[Shown, ...] = ()
        self._spans: list[tuple[int, int, str]] = []
        """(start, end, key) of each key drawn: what a click presses."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._bindings_changed, self.screen)

    def _bindings_changed(self, screen: object) -> None:
        if not self.is_attached or not self.screen.is_attached:
            return
        keys = self._collect()
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    def _collect(self) -> tuple[Shown, ...]:
        seen: set[str] = set()
        found: list[tuple[int, int, Shown]] = []
        groups: dict[int, int] = {}
        """id(group) -> index in `found` of the item its keys share."""
        for order, (_, binding, enabled, _) in enumerate(self.screen.active_bindings.values()):
            if not binding.show or binding.action in seen:
                continue
            if self._wanted is not None and not self._wanted(binding.action):
                continue
            seen.add(binding.action)
            display = self._display(binding)
            group = binding.group
            if group is not None and id(group) in groups:
                index = groups[id(group)]
                item_rank, item_order, item = found[index]
                found[index] = (
                    item_rank,
                    item_order,
                    item._replace(display=f"{item.display} {display}"),
                )
                continue
            shown = Shown(
                binding.key.split(",")[0],
                display,
                group.description if group is not None else binding.description,
                binding.action,
                enabled,
            )
            if group is not None:
                groups[id(group)] = len(found)
            found.append((rank(binding.action), order, shown))
        found.sort(key=lambda item: (item[0], item[1]))
        return tuple(shown for *_, shown in found)

    def _display(self, binding: Binding) -> str:
        return binding.key_display or self.app.get_key_display(binding)

    def _fitting(self, width: int) -> list[Shown]:
        """The most important keys that fit whole in `width`; help always among them.

        Keys show in rank order up to the first that does not fit: a less
        important key never shows in place of a more important one.
        """
        helps = [k for k in self._keys if k.action in HELP_ACTIONS]
        room = width - sum(self._cost(k) for k in helps)
        chosen: list[Shown] = []
        for key in self._keys:
            if key.action in HELP_ACTIONS:
                chosen.append(key)
                continue
            cost = self._cost(key)
            if cost > room:
                break
            chosen.append(key)
            room -= cost
        return chosen

    @staticmethod
    def _cost(key: Shown) -> int:
        return len(key.display) + len(key.description) + 2 + GAP

    def render(self) -> Content:
        pieces: list[Content] = []
        self._spans = []
        x = 0
        for key in self._fitting(self.size.width):
            style = "" if key.enabled else "dim"
            item = Content.assemble(
                Content.styled(
                    f" {key.display}",
                    f"bold $footer-key-foreground on $footer-key-background {style}",
                ),
                Content.styled(f" {key.description}", f"$footer-description-foreground {style}"),
                " " * GAP,
            )
            self._spans.append((x, x + item.cell_length, key.key))
            x += item.cell_length
            pieces.append(item)
        return Content.assemble(*pieces)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
