"""Writing a file so that a crash leaves the old or the new one, and keeping it private.

Every byte threety writes goes through `write_all` (a plain `os.write` loop, so a
full disk shows up at the write that hit it, and the fault-injection tests can
fail any single write call) and every file is fsynced before it is renamed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def temp_files(path: Path) -> list[Path]:
    """The temp files of `path`'s writes (`mkstemp` adds 8 random characters).

    "*" would also match the temp files of another database in this folder
    whose name starts with ours (a.json.x), hence the exact pattern.
    """
    import glob  # here: only a writer's open needs it

    pattern = glob.escape(temp_prefix(path)) + "?" * 8 + ".tmp"
    return sorted(path.parent.glob(pattern))


def write_all(fd: int, data: bytes) -> None:
    """`os.write` until every byte is written (a short write is not an error)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


@dataclass(frozen=True, slots=True)
class TempFile:
    """A complete, fsynced temp file beside its target, not yet in place."""

    path: Path
    stat: os.stat_result
    crc: int
    """CRC-32 of its bytes (see `filestate`: what tells a same-size edit apart)."""


def write_temp(target: Path, chunks: Iterable[bytes]) -> TempFile:
    """Write `chunks` to a private (0600) temp file in `target`'s folder and fsync it.

    On any error (or interrupt) the temp file is removed and the error raised.
    """
    import tempfile  # here: only a write needs it, and it imports shutil, bz2, lzma, random

    fd, name = tempfile.mkstemp(dir=target.parent, prefix=temp_prefix(target), suffix=".tmp")
    tmp = Path(name)
    try:
        crc = 0
        for chunk in chunks:
            write_all(fd, chunk)
            crc = zlib.crc32(chunk, crc)
        os.fsync(fd)
        st = os.fstat(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    return TempFile(tmp, st, crc)


def write_atomic(path: Path, chunks: Iterable[bytes]) -> os.stat_result:
    """Write via a private temp file in the same folder, fsync, then rename over.

    For files only threety writes (exports, copies kept aside); the database
    itself is put in place by `swap.swap_in`, which checks nobody replaced it.
    """
    temp = write_temp(path, chunks)
    try:
        os.replace(temp.path, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp.path)
        raise
    fsync_dir(path.parent)
    return os.stat(path)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (not possible on every platform)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - not possible on every platform
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def make_private_dirs(folder: Path) -> list[Path]:
    """Create `folder` and any missing parents, each 0700 whatever the umask.

    `Path.mkdir(parents=True, mode=...)` gives the parents the umask's default
    (0777 under `umask 000`) and masks the mode of the last one. Only the
    folders made here are changed; an existing folder is left as it is.
    Returns the folders made; raises `OSError` if one cannot be made.
    """
    missing = []
    current = folder
    while not os.path.lexists(current):
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    made = []
    for new in reversed(missing):
        try:
            os.mkdir(new, PRIVATE_FOLDER)
        except FileExistsError:
            continue  # made meanwhile by someone else: theirs, left alone
        os.chmod(new, PRIVATE_FOLDER)  # mkdir's mode is masked by the umask
        made.append(new)
    return made


def is_read_only(st: os.stat_result) -> bool:
    """Readable but not writable by its owner (chmod 0444): the user wants it left alone.

    Checked on the mode, not with `os.access`, which says yes to root. (Mode
    0000 is not "read-only": reading it is refused, and says so.)
    """
    mode = st.st_mode
    return stat.S_ISREG(mode) and bool(mode & stat.S_IRUSR) and not mode & stat.S_IWUSR
