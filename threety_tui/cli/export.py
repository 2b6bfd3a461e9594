"""`threety export FORMAT FILE`: route to the module that writes that format."""

from __future__ import annotations

import argparse

from threety_tui.cli.parser import lazy
from threety_tui.core.errors import InputError

_WRITERS = {
    "json": lazy("transfer", "export_json"),
    "csv": lazy("transfer", "export_csv"),
    "ics": lazy("calendar", "export_ics"),
    "journey": lazy("journey", "export_journey"),
}


def run(args: argparse.Namespace) -> int:
    if getattr(args, "contact", None) is not None and args.format != "journey":
        raise InputError("--contact goes with `export journey` only.")
    return _WRITERS[args.format](args)
