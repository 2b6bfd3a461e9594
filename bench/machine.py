"""What the benchmark ran on: the commit, CPU, cores, load, Python and Textual versions."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def commit() -> str:
    """The checked-out commit, e.g. `6991da5 (clean)` or `6991da5 (dirty: 3 files changed)`."""
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short=7", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    if not changed:
        return f"{head} (clean)"
    return f"{head} (dirty: {len(changed)} file{'s' if len(changed) != 1 else ''} changed)"


def load() -> str:
    if not hasattr(os, "getloadavg"):
        return "unknown"
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def describe() -> list[str]:
    lines = [
        f"Commit: {commit()}",
        f"CPU: {cpu_model()}, {os.cpu_count()} cores ({platform.system()} {platform.release()})",
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"Textual {_version('textual')}, TinyDB {_version('tinydb')}, "
        f"threety {_version('threety')}",
    ]
    lines.append(f"Load average (1, 5, 15 min) at start: {load()}")
    return lines
