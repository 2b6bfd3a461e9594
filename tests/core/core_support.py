"""Helpers the core tests import: a fixed clock and a way to run the real CLI."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import traceback
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

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
    process: bool = False,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run the `threety` command and return what it printed and its exit code.

    In this process by default: the command's `main`, with the environment
    `cli_env` gives, no stdin, and stdout and stderr read back as from a child
    process (UTF-8 bytes, line ends as `text=True` reads them; an error that
    escapes is a traceback on stderr and exit 1). A child process costs ~40 ms
    of CPU to start, and the suite ran ~150 of them. `process=True` runs the
    real program in a child process, for what only a process shows: a command
    that could hang (`timeout`), a lock held by another process, the
    interpreter's own streams, the app itself.
    """
    argv = [*map(str, args)]
    if process:
        return subprocess.run(
            [*threety_command(), *argv],
            capture_output=True,
            text=True,
            env=env or cli_env(tmp),
            stdin=subprocess.DEVNULL,
            timeout=timeout,
        )
    return _call_main(argv, env or cli_env(tmp))


APP_MODULE = "threety_tui.app"
"""Blocked while a command runs in this process: opening the app needs `process=True`."""


def _call_main(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`threety_tui.cli.main(argv)` as the command runs it (see `run_threety`)."""
    from threety_tui.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True)
    saved_env = dict(os.environ)
    saved = sys.stdin, sys.stdout, sys.stderr
    app_module = sys.modules.get(APP_MODULE)
    with open(os.devnull, encoding="utf-8") as stdin:
        sys.modules[APP_MODULE] = None  # type: ignore[assignment]  # the app never starts here
        os.environ.clear()
        os.environ.update(env)
        sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
        try:
            code = main(argv)
        except SystemExit as end:  # argparse: --help, --version, a usage error
            code = _exit_code(end, stderr)
        except Exception:  # what a child process would print on its way out
            traceback.print_exc(file=stderr)
            code = 1
        finally:
            with contextlib.suppress(ValueError):
                stdout.flush()
                stderr.flush()
            sys.stdin, sys.stdout, sys.stderr = saved
            os.environ.clear()
            os.environ.update(saved_env)
            if app_module is None:
                del sys.modules[APP_MODULE]
            else:
                sys.modules[APP_MODULE] = app_module
    return subprocess.CompletedProcess(
        ["threety", *argv], code, _as_text(out.getvalue()), _as_text(err.getvalue())
    )


def _exit_code(end: SystemExit, stderr: TextIO) -> int:
    """The exit code a process ends with on `SystemExit` (a message: printed, then 1)."""
    if end.code is None or isinstance(end.code, int):
        return end.code or 0
    print(end.code, file=stderr)
    return 1


def _as_text(data: bytes) -> str:
    """Bytes as `subprocess.run(text=True)` reads them: UTF-8, universal newlines."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=None).read()


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
