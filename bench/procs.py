"""Running probes and commands in fresh processes."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PROBES = Path(__file__).resolve().parent / "probes"
TIMEOUT = 1800


class ProbeFailed(Exception):
    pass


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def spawn(command: list[str], *, cwd: Path | None = None) -> tuple[float, float, str]:
    """Run a fresh process; (monotonic time at spawn, wall seconds, stdout)."""
    start = time.monotonic()
    done = subprocess.run(
        command,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    wall = time.monotonic() - start
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise ProbeFailed(f"{' '.join(command[1:3])} exited {done.returncode}: {tail}")
    return start, wall, done.stdout


def probe(name: str, *args: object) -> tuple[float, float, dict[str, Any]]:
    """Run bench/probes/NAME; (spawn time, wall seconds, its last line of JSON)."""
    start, wall, out = spawn([sys.executable, str(PROBES / name), *map(str, args)])
    lines = out.strip().splitlines()
    if not lines:
        raise ProbeFailed(f"{name} printed nothing")
    return start, wall, json.loads(lines[-1])


def probe_plain(name: str, *args: object) -> tuple[float, float, str]:
    return spawn([sys.executable, str(PROBES / name), *map(str, args)])


def threety_command() -> list[str]:
    script = Path(sys.executable).with_name("threety")
    return [str(script)] if script.exists() else [sys.executable, "-m", "threety_tui"]
