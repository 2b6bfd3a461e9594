"""Widgets: the panes of the main screen. They present data and post messages; they never touch the store."""
