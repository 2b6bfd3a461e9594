"""Helpers the core tests import: a fixed clock and a way to run the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

TODAY = date(2026, 11, 25)
"""A Wednesday; tests that need "now" use this, never the real clock."""
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def threety_command() -> list[str]:
    """The installed console script, else `python -m threety_tui`."""
    script = Path(sys.executable).with_name("threety")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "threety_tui"]


def cli_env(tmp: Path) -> dict[str, str]:
    """An environment that can never reach the user's real database."""
    env = dict(os.environ)
    env.pop("THREETY_DB", None)
    env["XDG_DATA_HOME"] = str(tmp / "xdg-data")
    env["HOME"] = str(tmp / "home")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_threety(
    *args: str | os.PathLike[str],
    tmp: Path,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run the real `threety` command in a child process."""
    return subprocess.run(
        [*threety_command(), *map(str, args)],
        capture_output=True,
        text=True,
        env=env or cli_env(tmp),
        stdin=subprocess.DEVNULL,
        timeout=timeout,
    )


def run_python(
    code: str, *args: str | os.PathLike[str], env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run a small Python script (arguments in `sys.argv[1:]`) with this interpreter."""
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
    )


def count_saves(monkeypatch: object) -> list[Path]:
    """Record every save of a database file (each one put in place by `swap.swap_in`)."""
    import pytest

    from threety_tui.core.db import swap

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    saves: list[Path] = []

    def record(step: str, path: Path) -> None:
        if step == "verified":
            saves.append(path)

    monkeypatch.setattr(swap, "on_step", record)
    return saves
