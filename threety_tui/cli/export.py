"""`threety export FORMAT FILE`: route to the module that writes that format."""

from __future__ import annotations

import argparse

from threety_tui.cli.parser import lazy

_WRITERS = {
    "json": lazy("transfer", "export_json"),
    "csv": lazy("transfer", "export_csv"),
    "ics": lazy("calendar", "export_ics"),
}


def run(args: argparse.Namespace) -> int:
    return _WRITERS[args.format](args)
