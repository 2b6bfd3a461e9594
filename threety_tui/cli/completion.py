"""`threety completion bash|zsh`: the shell completion script, generated from the parser.

shtab writes it from the same argparse parser the command uses, so a new
subcommand or option completes without anyone editing a script. shtab is
imported here only, when the script is asked for: it never slows `threety`
down. Arguments that name a file (`FILE`, `--db PATH`) complete file names.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

SHELLS = ("bash", "zsh")
_PATHS = ("FILE", "PATH")
"""Metavars of arguments that name a file."""


def _actions(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    for action in parser._actions:
        yield action
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):  # aliases share a parser
                yield from _actions(sub)


def script(shell: str) -> str:
    """The completion script for `shell` ("bash" or "zsh")."""
    import shtab

    from threety_tui.cli.parser import build_parser

    parser = build_parser()
    for action in _actions(parser):
        if action.metavar in _PATHS:
            action.complete = shtab.FILE  # type: ignore[attr-defined]
    return shtab.complete(parser, shell=shell)


def run(args: argparse.Namespace) -> int:
    print(script(args.shell), end="")
    return 0
