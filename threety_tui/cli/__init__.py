"""The `threety` command: opens the app, or runs a subcommand on the database.

Everything here but `open_app` stays free of Textual, so scripting commands
(`due`, `stats`, `export`) start fast. Errors print one line to stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from threety_tui.cli.parser import build_parser
from threety_tui.core.errors import DatabaseError, ThreetyError
from threety_tui.core.text import one_line

EXIT_ERROR = 1
EXIT_DATABASE = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except DatabaseError as error:
        print(f"threety: {one_line(str(error))}", file=sys.stderr)
        return EXIT_DATABASE
    except ThreetyError as error:
        print(f"threety: {one_line(str(error))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
