"""Compare-and-swap on the database file: ours goes in only if the old one is still ours.

A sync tool (Syncthing, Dropbox) or another program may replace the file at
any moment, usually by renaming its own copy over it. `swap_in` puts our new
version in place only if the file there is still the one we read or last
wrote (`FileState`: inode, size, mtime, and the bytes' checksum when in doubt),
and never loses either side:

1. It opens the file there now and checks it (`filestate.unchanged`). Changed,
   deleted or created meanwhile: `Conflict`, and nothing is touched.
2. It exchanges our temp file with it in one atomic step (`renameat2` with
   RENAME_EXCHANGE on Linux, `renamex_np` with RENAME_SWAP on macOS). The
   file that was swapped out is now under our temp file's name: if it is the
   very file checked in step 1 (same inode) it is deleted; if not, another
   program's replace landed between the check and the exchange, and the two
   are exchanged back, so theirs is in place again and ours is kept aside
   (`Conflict`). So with an exchange, no replace can be lost, however it is
   timed, and the file is never missing for an instant.
3. After the swap the file in place must be ours (our inode); one replaced
   right after is a `Conflict` too (theirs stays, ours is kept aside by the
   caller, which still has it in memory).

Where the system or file system has no exchange (Windows, NFS, FAT, some FUSE
file systems), step 2 is a plain `os.replace`: a replace landing in the
microseconds between the check of step 1 and that rename is overwritten and
cannot be detected afterwards (the renamed-over file is gone, and nothing
about our file tells the two orders apart). Everything else still holds.

`on_step` is a test seam: called with the name of each step as it is reached
("checked", "swapped", "verified", "synced"), so tests replace the file or kill
the process at an exact point of a save, with no sleeps.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path

from threety_tui.core.db.atomic import TempFile, fsync_dir
from threety_tui.core.db.filestate import FileState, open_quietly, state_of, unchanged

on_step: Callable[[str, Path], None] | None = None
"""Test seam: `on_step(step, path)` at each step of a save."""
exchange_enabled = True
"""Tests turn it off to cover the plain-rename path."""

_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV}


def step(name: str, path: Path) -> None:
    hook = on_step
    if hook is not None:
        hook(name, path)


class Conflict(Exception):
    """The file is not the one we read: ours was not put in place (or not kept there).

    `ours` is where our new version still is on disk (our temp file), or None
    when it is no longer on disk (the caller has it in memory).
    """

    def __init__(self, why: str, ours: Path | None) -> None:
        super().__init__(why)
        self.why = why
        self.ours = ours


@cache
def _exchange_call() -> Callable[[bytes, bytes], int] | None:
    """The system's atomic exchange of two paths, or None where there is none."""
    import ctypes  # here: a reader never needs it

    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - Windows
        return None
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        renameat2 = libc.renameat2
        renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
        renameat2.argtypes += [ctypes.c_uint]
        renameat2.restype = ctypes.c_int
        at_fdcwd, rename_exchange = -100, 2
        return lambda a, b: int(renameat2(at_fdcwd, a, at_fdcwd, b, rename_exchange))
    if sys.platform == "darwin" and hasattr(libc, "renamex_np"):  # pragma: no cover
        renamex_np = libc.renamex_np
        renamex_np.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        renamex_np.restype = ctypes.c_int
        rename_swap = 2
        return lambda a, b: int(renamex_np(a, b, rename_swap))
    return None


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap the files at `a` and `b`; False where that is not supported.

    Raises `OSError` for any other failure (either path missing: ENOENT).
    """
    call = _exchange_call() if exchange_enabled else None
    if call is None:
        return False
    if call(os.fsencode(a), os.fsencode(b)) == 0:
        return True
    import ctypes

    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(path: Path, temp: TempFile, known: FileState | None) -> FileState:
    """Put `temp` in place of `path` if `path` is still the file `known` describes.

    `known` None: the database had no file, or an empty one someone else made;
    then only a missing or still empty file is replaced. Returns the state of
    the file now in place (ours); raises `Conflict` (see the module docstring)
    or `OSError`.
    """
    # In doubt until checked (so compared by its checksum); its ctime is left unknown:
    # the rename that puts it in place moves it.
    new_state = state_of(temp.stat, temp.crc, temp.stat.st_mtime_ns)._replace(ctime_ns=0)
    try:
        fd = open_quietly(path)
    except FileNotFoundError:
        if known is not None:
            raise Conflict("was deleted or moved away", temp.path) from None
        _put_new(path, temp)
        return new_state
    try:
        held = os.fstat(fd)
        if not stat.S_ISREG(held.st_mode):
            raise Conflict("is no longer a regular file", temp.path)
        if known is None:
            if held.st_size:
                raise Conflict("was created by another program meanwhile", temp.path)
            known = state_of(held, 0)
        if not unchanged(fd, known):
            raise Conflict("changed on disk", temp.path)
        step("checked", path)
        try:
            exchanged = exchange(temp.path, path)
        except FileNotFoundError:
            raise Conflict("was deleted or moved away", temp.path) from None
        if exchanged:
            step("swapped", path)
            _drop_swapped_out(path, temp, held)
        else:
            os.replace(temp.path, path)  # the window: see the module docstring
            step("swapped", path)
    finally:
        os.close(fd)
    now = os.stat(path)
    if (now.st_dev, now.st_ino) != (temp.stat.st_dev, temp.stat.st_ino):
        raise Conflict("was replaced right after threety saved it", None)
    step("verified", path)
    fsync_dir(path.parent)
    step("synced", path)
    return new_state


def _drop_swapped_out(path: Path, temp: TempFile, held: os.stat_result) -> None:
    """After an exchange: delete the old file if it is the one we checked, else undo."""
    out = os.lstat(temp.path)
    if (out.st_dev, out.st_ino) == (held.st_dev, held.st_ino):
        os.unlink(temp.path)
        return
    # Another program's file was put in place between our check and the exchange:
    # swap back, so theirs is the database again and ours is under the temp name.
    exchange(temp.path, path)
    back = os.lstat(temp.path)
    if (back.st_dev, back.st_ino) == (temp.stat.st_dev, temp.stat.st_ino):
        raise Conflict("was replaced while threety saved it", temp.path)
    # Replaced once more meanwhile (ours is gone from disk): put their newer file in
    # place again and keep their older one aside.
    exchange(temp.path, path)
    keep_aside(temp.path, path, "replaced")
    raise Conflict("was replaced twice while threety saved it", None)


def _put_new(path: Path, temp: TempFile) -> None:
    """The database file does not exist: create it, unless someone did meanwhile."""
    step("checked", path)
    try:
        os.link(temp.path, path)  # never replaces an existing file
    except FileExistsError:
        raise Conflict("was created by another program meanwhile", temp.path) from None
    except OSError:  # no hard links here (FAT, some FUSE): the window is a rename's
        if os.path.lexists(path):
            raise Conflict("was created by another program meanwhile", temp.path) from None
        os.rename(temp.path, path)
    else:
        os.unlink(temp.path)
    step("swapped", path)
    now = os.stat(path)
    if (now.st_dev, now.st_ino) != (temp.stat.st_dev, temp.stat.st_ino):
        raise Conflict("was replaced right after threety saved it", None)
    step("verified", path)
    fsync_dir(path.parent)
    step("synced", path)


def aside_name(path: Path, label: str) -> Path:
    """`<db>.<label>-<date-time>.json` beside the database, not taken yet."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.{label}-{stamp}.json")
    count = 1
    while os.path.lexists(candidate):
        count += 1
        candidate = path.with_name(f"{path.name}.{label}-{stamp}-{count}.json")
    return candidate


def keep_aside(source: Path, path: Path, label: str) -> Path:
    """Move `source` to a new `aside_name` of `path` (never over an existing file)."""
    for _ in range(100):
        target = aside_name(path, label)
        try:
            os.link(source, target)
        except FileExistsError:
            continue  # taken meanwhile: try the next name
        except OSError:
            os.rename(source, target)  # no hard links here
            return target
        with contextlib.suppress(FileNotFoundError):
            os.unlink(source)
        return target
    raise OSError(errno.EEXIST, "no free name to keep a copy under", str(path))
