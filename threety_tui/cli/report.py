"""`threety stats` (work in progress: filled by the long-game issue)."""

from __future__ import annotations

import argparse

from threety_tui.core.errors import InputError


def run(args: argparse.Namespace) -> int:
    raise InputError("stats are not available yet")
