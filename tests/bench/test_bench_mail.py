"""`python -m bench.mail` runs end to end on a small mailbox (timings are read, not enforced)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(r"^  (mbox|Maildir) +(dry run|import|again) +\d+\.\d\d s   (\d+) new repl")


def test_mail_bench_small_run(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.mail",
            "--messages",
            "400",
            "--size",
            "40",
            "--out",
            tmp_path,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0].startswith("400 messages (")
    rows = [m.groups() for line in lines[1:] if (m := ROW.match(line))]
    assert [(kind, label) for kind, label, _ in rows] == [
        (kind, label) for kind in ("mbox", "Maildir") for label in ("dry run", "import", "again")
    ]
    found = {label: int(count) for kind, label, count in rows if kind == "mbox"}
    assert found["dry run"] == found["import"] > 0 and found["again"] == 0
