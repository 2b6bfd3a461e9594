"""`threety import` and `threety export json|csv` (to be built: the import/export issue)."""

from __future__ import annotations

import argparse

from threety_tui.core.errors import InputError


def run_import(args: argparse.Namespace) -> int:
    raise InputError(f"import {args.format} is not available yet")


def export_json(args: argparse.Namespace) -> int:
    raise InputError("export json is not available yet")


def export_csv(args: argparse.Namespace) -> int:
    raise InputError("export csv is not available yet")
