"""The argument parser; each subcommand's `run` lives in its own module."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from threety_tui import __version__
from threety_tui.core.io.limits import CONFIRM_ABOVE, LIMITS

Runner = Callable[[argparse.Namespace], int]


def lazy(module: str, name: str) -> Runner:
    """Import a subcommand's module only when it runs (keeps start-up fast)."""

    def run(args: argparse.Namespace) -> int:
        from importlib import import_module

        result: int = getattr(import_module(f"threety_tui.cli.{module}"), name)(args)
        return result

    return run


def _db_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="the database file (default: $THREETY_DB, else the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="threety",
        description="Follow up after networking meetings with the three-part thank you (3TY).",
        epilog="Run without a command to open the app. `threety COMMAND --help` for details."
        " Exit codes: 0 done; 1 bad input; 2 a database that cannot be used (missing for"
        " due, stats, export and import mail; damaged as a whole; locked; read-only for a"
        " change); 3 changes"
        " that could not be saved in the database were kept in another file (the message"
        " says where); 4 changes that could be kept nowhere (the message says which)."
        " A damaged record is skipped and named on stderr, not an error.",
    )
    parser.add_argument("--version", action="version", version=f"threety {__version__}")
    _db_option(parser, top=True)
    parser.set_defaults(run=lazy("app", "run"))
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, help: str, run: Runner, **kwargs: Any) -> argparse.ArgumentParser:
        kwargs.setdefault("description", help)
        sub = commands.add_parser(name, help=help, **kwargs)
        _db_option(sub)
        sub.set_defaults(run=run)
        return sub

    due = command(
        "due",
        "list what is due or overdue",
        lazy("due", "run"),
        description="list what is due or overdue: thank-yous, follow-ups, updates, and the"
        " nudges about a meeting request with no reply (after 3 business days, try a second"
        " contact at the same employer; after 7, follow up once)",
    )
    due.add_argument(
        "--json",
        action="store_true",
        help='print JSON instead of text (a nudge has the kind "outreach_nudge" and its'
        ' stage in "nudge")',
    )
    due.add_argument(
        "--days",
        type=int,
        default=7,
        metavar="N",
        help="also list what falls due within N days (default 7)",
    )

    stats = command(
        "stats",
        "print the follow-through score and counts",
        lazy("report", "run"),
        description="print the follow-through score and counts, the reply rate and median"
        " days to a reply per kind of message, the meetings you have not thanked and who"
        " never answered",
    )
    stats.add_argument("--json", action="store_true", help="print JSON instead of text")

    demo = command(
        "demo",
        "write a demo database (a temporary file unless --db is given) and open it",
        lazy("demo", "run"),
    )
    demo.add_argument("--no-open", action="store_true", help="write the file, do not open the app")

    importer = command(
        "import",
        "import contacts (LinkedIn, vCard), restore a JSON backup, or record replies from mail",
        lazy("transfer", "run_import"),
        epilog="mail: FILE is a Maildir folder or an mbox file (e.g. Gmail Takeout's). A "
        "message from a contact's address, dated on or after a message you sent them, is "
        "recorded as their reply to the latest one sent before it; running it again records "
        "nothing new. "
        f"Limits: {LIMITS}; a backup holds at most 1,000,000 items of at most"
        " 1,000,000 characters a field. A record over a limit is skipped and listed in the"
        f" report. Adding more than {CONFIRM_ABOVE:,} contacts asks first; without a terminal"
        " to ask on (a script, cron) it is refused unless --yes is given.",
    )
    importer.add_argument(
        "format",
        choices=["linkedin", "vcard", "json", "mail"],
        help="the file's format (mail: replies from a Maildir folder or an mbox file)",
    )
    importer.add_argument("file", metavar="FILE", help="the file (or Maildir folder) to read")
    importer.add_argument("--dry-run", action="store_true", help="print the report, change nothing")
    importer.add_argument(
        "--yes",
        action="store_true",
        help=f"go ahead without asking when the import adds more than {CONFIRM_ABOVE:,} contacts",
    )

    exporter = command(
        "export", "export a backup, contacts, reminders or the journey", lazy("export", "run")
    )
    exporter.add_argument(
        "format",
        choices=["json", "csv", "ics", "journey"],
        help="json: full backup; csv: contacts; ics: reminders for your calendar; "
        "journey: each contact's advice, what came of it and your messages, as Markdown",
    )
    exporter.add_argument("file", metavar="FILE", help="the file to write")
    exporter.add_argument(
        "--contact",
        metavar="NAME",
        default=None,
        help="journey only: just this contact (full name, or a unique part of it)",
    )

    completion = commands.add_parser(
        "completion",
        help="print the shell completion script (bash or zsh)",
        description="Print the completion script for your shell; see the README to install it.",
    )
    completion.add_argument("shell", choices=["bash", "zsh"], help="the shell")
    completion.set_defaults(run=lazy("completion", "run"))
    return parser
