"""Fresh-process probe: run a `threety` command and count the writes to its database.

    python count_writes.py RESULT.json import linkedin FILE --db DB

Runs `threety_tui.cli.main` exactly as the `threety` script does, counting
every save of DB: each one is put in place by `core.db.swap.swap_in` (an atomic
exchange, a rename, or a link for a new file), which reports the step "verified"
once the new file is in place. Writes {"exit": code, "writes": n} to RESULT.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> int:
    result, argv = Path(sys.argv[1]), sys.argv[2:]
    db = Path(argv[argv.index("--db") + 1]).resolve()
    writes = 0
    from threety_tui.core.db import swap

    def counting(step: str, path: Path) -> None:
        nonlocal writes
        if step == "verified" and Path(path).resolve() == db:
            writes += 1

    swap.on_step = counting
    from threety_tui.cli import main as threety

    code = threety(argv)
    result.write_text(json.dumps({"exit": code, "writes": writes}))
    return code


if __name__ == "__main__":
    raise SystemExit(main())
