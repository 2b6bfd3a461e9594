"""Fresh-process probe: run a `threety` command and count the writes to its database.

    python count_writes.py RESULT.json import linkedin FILE --db DB

Runs `threety_tui.cli.main` exactly as the `threety` script does, with
`os.replace` wrapped to count the atomic renames onto DB (every save of the
database is one). Writes {"exit": code, "writes": n} to RESULT.json.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main() -> int:
    result, argv = Path(sys.argv[1]), sys.argv[2:]
    db = Path(argv[argv.index("--db") + 1]).resolve()
    writes = 0
    real_replace = os.replace

    def counting_replace(src: object, dst: object, *args: object, **kwargs: object) -> None:
        nonlocal writes
        if Path(os.fsdecode(dst)).resolve() == db:  # type: ignore[arg-type]
            writes += 1
        real_replace(src, dst, *args, **kwargs)  # type: ignore[arg-type]

    os.replace = counting_replace
    from threety_tui.cli import main as threety

    code = threety(argv)
    result.write_text(json.dumps({"exit": code, "writes": writes}))
    return code


if __name__ == "__main__":
    raise SystemExit(main())
