"""Screens: the main three-pane screen and the modal dialogs."""
