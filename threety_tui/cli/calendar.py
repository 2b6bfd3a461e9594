"""`threety export ics` (to be built: the long-game issue)."""

from __future__ import annotations

import argparse

from threety_tui.core.errors import InputError


def export_ics(args: argparse.Namespace) -> int:
    raise InputError("export ics is not available yet")
