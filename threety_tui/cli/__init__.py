"""The `threety` command: opens the app, or runs a subcommand on the database.

Everything here but `open_app` stays free of Textual, so scripting commands
(`due`, `stats`, `export`) start fast. Errors print one line to stderr; data
reaches the terminal only through `text.visible` (and text no encoding can
hold, a lone surrogate, is printed as `\\udXXX`, never a crash). Exit codes:
0 done, 1 bad input, 2 a database that cannot be used, 3 changes that could
not be saved in the database were kept in another file (the message says where),
4 changes that could be saved nowhere (`cli.app.tell_after_exit`).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence

from threety_tui.cli.parser import build_parser
from threety_tui.core.errors import DatabaseError, ThreetyError
from threety_tui.core.text import visible

EXIT_ERROR = 1
EXIT_DATABASE = 2
EXIT_UNSAVED = 3


def main(argv: Sequence[str] | None = None) -> int:
    _safe_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    args.process_ends = argv is None
    """Run as the command (no arguments given: `sys.argv`): the process ends next."""
    try:
        return int(args.run(args))
    except DatabaseError as error:
        _error(str(error))
        return EXIT_DATABASE
    except ThreetyError as error:
        _error(str(error))
        return EXIT_ERROR
    except MemoryError:
        _error("not enough memory to finish; nothing was written")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _error(text: str) -> None:
    print(f"threety: {visible(text)}", file=sys.stderr)


def _safe_streams() -> None:
    """Text no encoding can hold (a lone surrogate from a damaged import) is escaped."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a closed or odd stream
                reconfigure(errors="backslashreplace")
