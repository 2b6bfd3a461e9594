"""Screens: the main three-pane screen and the modal dialogs."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from threety_tui.app import ThreetyApp


def threety(node: DOMNode) -> ThreetyApp:
    """The app, typed: a screen uses its services (store, today, say, save_soon)
    without importing the app module when it runs (import-linter keeps it so)."""
    return cast("ThreetyApp", node.app)
