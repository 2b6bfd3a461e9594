"""A program run in a pseudo-terminal, as a person runs it: keys in, screen bytes out.

The app needs a terminal (Textual's Linux driver reads keys from it and draws on
it), so the quit probe starts the real `threety --db FILE` here: `pty.fork()`
gives the child a terminal of a set size, a thread drains what it draws (a
terminal that is not read would block it), another waits for it to exit, and
every chunk of output is stamped with `time.monotonic()` as it arrives.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import signal
import struct
import termios
import threading
import time
from collections.abc import Mapping, Sequence

from bench import pools

NAMES = re.compile(
    rb"\b(?:%s) (?:%s)\b"
    % ("|".join(pools.FIRST_NAMES).encode(), "|".join(pools.LAST_NAMES).encode())
)
"""A generated contact's name, as the bench's databases and CSVs spell them."""


class Gone(Exception):
    """The program exited (or closed its terminal) before what was waited for."""


class Terminal:
    """`argv` running in a `columns` x `rows` pseudo-terminal; use as a context manager."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        columns: int = 160,
        rows: int = 50,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.argv = list(argv)
        self.size = (columns, rows)
        self.env = dict(os.environ if env is None else env)
        self.env.setdefault("TERM", "xterm-256color")
        for name in [k for k in self.env if k.startswith("TEXTUAL")]:
            del self.env[name]
        self.started = 0.0
        self.exited: float | None = None
        self.status: int | None = None
        self._output = bytearray()
        self._stamps: list[tuple[int, float]] = []
        """(offset in the output where a chunk ends, when it arrived)."""
        self._changed = threading.Condition()
        self._eof = False
        self._pid = -1
        self._fd = -1

    # -- lifetime -------------------------------------------------------------

    def start(self) -> Terminal:
        columns, rows = self.size
        self.started = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size its terminal, become the program
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
                os.execvpe(self.argv[0], self.argv, self.env)
            finally:
                os._exit(127)
        self._pid, self._fd = pid, fd
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._wait, daemon=True).start()
        return self

    def __enter__(self) -> Terminal:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.kill()

    def kill(self) -> None:
        """End the program if it still runs (only ever this one child, by its id)."""
        if self.exited is None and self._pid > 0:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            self.wait_gone(10)
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = -1

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._fd, 1 << 16)
            except OSError:  # EIO: the child closed its end
                chunk = b""
            now = time.monotonic()
            with self._changed:
                if chunk:
                    self._output += chunk
                    self._stamps.append((len(self._output), now))
                else:
                    self._eof = True
                self._changed.notify_all()
            if not chunk:
                return

    def _wait(self) -> None:
        _, status = os.waitpid(self._pid, 0)
        now = time.monotonic()
        with self._changed:
            self.exited = now
            self.status = os.waitstatus_to_exitcode(status)
            self._changed.notify_all()

    # -- keys and screen ------------------------------------------------------

    def send(self, keys: bytes) -> float:
        """Type `keys`; returns when (monotonic)."""
        now = time.monotonic()
        os.write(self._fd, keys)
        return now

    @property
    def offset(self) -> int:
        """How many bytes it has drawn so far (a starting point for `wait_for`)."""
        with self._changed:
            return len(self._output)

    def wait_for(self, pattern: re.Pattern[bytes], *, since: int = 0, timeout: float = 60) -> float:
        """When output after `since` first matched `pattern` (the chunk that completed it)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = pattern.search(self._output, since)
                if found is not None:
                    end = found.end()
                    return next(at for offset, at in self._stamps if offset >= end)
                if self._eof:
                    raise Gone(f"exited with {self.status} before {pattern.pattern[:40]!r}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"nothing matched {pattern.pattern[:40]!r} in {timeout} s")
                self._changed.wait(left)

    def wait_quiet(self, quiet: float = 0.1, *, timeout: float = 30) -> None:
        """Until it has drawn nothing for `quiet` seconds (its screen has settled)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                last = self._stamps[-1][1] if self._stamps else self.started
                now = time.monotonic()
                if now - last >= quiet or self._eof:
                    return
                if now > deadline:
                    raise TimeoutError(f"still drawing after {timeout} s")
                self._changed.wait(quiet - (now - last))

    def wait_gone(self, timeout: float) -> float | None:
        """When the process exited; None if it still runs after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self.exited is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._changed.wait(left)
            return self.exited

    def text(self) -> str:
        with self._changed:
            return self._output.decode("utf-8", "replace")
