"""A footer that rebuilds its keys only when the keys on show really change.

Textual's `Footer` recomposes every key (each restyled as it mounts) on every
bindings signal: several per focus change or cursor move. Here the signals of
one frame share one check, and the rebuild is skipped when the keys, their
labels and their enabled state are what is already shown.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class QuietFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._pending = False
        self._shown: tuple[tuple[str, str, str, bool], ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._pending:
            return
        if self.is_attached and screen is self.screen:
            self._pending = True
            self.call_after_refresh(self._maybe_recompose)

    def _keys(self) -> tuple[tuple[str, str, str, bool], ...]:
        return tuple(
            (binding.key, binding.action, binding.description, enabled)
            for (_, binding, enabled, _) in self.screen.active_bindings.values()
            if binding.show
        )

    async def _maybe_recompose(self) -> None:
        self._pending = False
        if not self.is_attached or not self.screen.is_attached:
            return  # the screen went away before this frame
        keys = self._keys()
        if keys != self._shown:
            self._shown = keys
            await self.recompose()
