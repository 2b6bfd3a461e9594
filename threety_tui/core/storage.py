"""The file under the store: read once, write atomically, never tear.

`AtomicJSONStorage` is a TinyDB `Storage` that keeps the whole database in
memory after one load (TinyDB's own JSONStorage re-reads and re-parses the file
on every query) and writes it with temp file + fsync + `os.replace`, so a kill
at any instant leaves either the old or the new file. It writes one document
per line, which keeps the file valid TinyDB JSON and lets a write be encoded in
small steps: a writer thread then never holds the GIL for long, so the UI thread
stays responsive while a large database saves.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from threety_tui.core.errors import DatabaseChanged, DatabaseError, NotADatabase

Data = dict[str, dict[str, Any]]
Signature = tuple[int, int, int]
"""(inode, size, mtime_ns) of the file as we last read or wrote it."""

_CHUNK_DOCS = 256


def signature(st: os.stat_result) -> Signature:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def read_file(path: Path) -> tuple[Any, Signature | None]:
    """Parse the file; `(None, ...)` for a missing or empty (0-byte) file.

    Raises a `DatabaseError` naming the problem for anything unreadable.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None, None
    except PermissionError:
        raise DatabaseError(path, "permission denied (cannot open the file)") from None
    except OSError as error:
        raise DatabaseError(path, f"cannot open the file ({error.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise DatabaseError(path, "is a directory, not a database file")
    if not stat.S_ISREG(st.st_mode):
        raise DatabaseError(path, "is not a regular file")
    try:
        raw = path.read_bytes()
    except PermissionError:
        raise DatabaseError(path, "permission denied (cannot read the file)") from None
    except OSError as error:
        raise DatabaseError(path, f"cannot read the file ({error.strerror})") from None
    if not raw:
        return None, signature(st)
    data = parse(path, raw)
    if data is None:  # JSON `null` is another program's file, not a new database
        raise NotADatabase(path, "is JSON but not a threety database (null at the top)")
    return data, signature(st)


def parse(path: Path, raw: bytes) -> Any:
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotADatabase(path, "is a binary file, not a threety database")
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise NotADatabase(path, "is not a threety database (not UTF-8 text)") from None
    except json.JSONDecodeError as error:
        if error.pos >= len(error.doc.rstrip()):
            raise NotADatabase(
                path, "is truncated: the JSON ends early (damaged file, not a threety database)"
            ) from None
        raise NotADatabase(
            path,
            f"is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno});"
            " not a threety database",
        ) from None
    except RecursionError:
        raise NotADatabase(path, "is not a threety database (JSON nested too deeply)") from None


def encode(tables: Iterable[tuple[str, dict[str, Any]]]) -> Iterator[bytes]:
    """Yield the database as JSON, one document per line, in small chunks."""
    dumps = json.dumps
    out: list[str] = ["{"]
    for t, (name, table) in enumerate(tables):
        out.append(("," if t else "") + "\n" + dumps(name) + ": {")
        for d, (key, doc) in enumerate(list(table.items())):
            out.append(("," if d else "") + "\n" + dumps(key) + ": " + dumps(doc))
            if len(out) >= _CHUNK_DOCS:
                yield "".join(out).encode("ascii")
                out = []
        out.append("\n}")
    out.append("\n}\n")
    yield "".join(out).encode("ascii")


def write_atomic(path: Path, chunks: Iterable[bytes]) -> os.stat_result:
    """Write via a private temp file in the same folder, fsync, then rename over."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)
    return os.stat(path)


def _fsync_dir(folder: Path) -> None:
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


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Delete temp files a killed writer left behind (call only with the lock held)."""
    removed = []
    # mkstemp adds 8 random characters; "*" would also match the temp files of
    # another database in this folder whose name starts with ours (a.json.x).
    for leftover in path.parent.glob(glob.escape(temp_prefix(path)) + "?" * 8 + ".tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


class AtomicJSONStorage(Storage):
    """In-memory TinyDB storage that persists atomically on `flush()`.

    With `autoflush` every TinyDB write is persisted before it returns (the
    CLI); without it the caller flushes, typically from a worker thread (the
    app). Flushes are serialised, so an older state can never replace a newer
    one on disk.
    """

    def __init__(
        self,
        path: Path,
        data: Data,
        file_signature: Signature | None,
        *,
        autoflush: bool = True,
        readonly: bool = False,
    ) -> None:
        self.path = path
        self._data = data
        self._signature = file_signature
        self.autoflush = autoflush
        self.readonly = readonly
        self._generation = 0
        self._flushed = 0
        self._flush_lock = threading.Lock()
        self.rescue_path: Path | None = None

    def read(self) -> Data:
        return self._data

    def write(self, data: Data) -> None:
        self._data = data
        self._generation += 1
        if self.autoflush:
            self.flush()

    @property
    def dirty(self) -> bool:
        return self._generation != self._flushed

    def mark_dirty(self) -> None:
        self._generation += 1

    def flush(self) -> bool:
        """Persist if anything changed; True when a write happened."""
        if self.readonly:
            return False
        with self._flush_lock:
            generation = self._generation
            if generation == self._flushed:
                return False
            tables = list(self._data.items())
            try:
                self._check_unchanged(tables)
                st = write_atomic(self.path, encode(tables))
            except OSError as error:  # disk full, folder gone, permissions changed
                raise DatabaseError(
                    self.path,
                    f"could not be saved ({error.strerror or error}); "
                    "the file on disk was left as it was",
                ) from None
            self._signature = signature(st)
            self._flushed = generation
            return True

    def _check_unchanged(self, tables: list[tuple[str, dict[str, Any]]]) -> None:
        """Refuse to overwrite a file someone else changed; keep our data beside it."""
        if self._signature is None:
            if not self.path.exists():
                return
            current: Signature | None = signature(os.stat(self.path))
            if current is not None and current[1] == 0:
                return  # an empty file is a new database
        else:
            try:
                current = signature(os.stat(self.path))
            except FileNotFoundError:
                current = None
            if current == self._signature:
                return
        if self.rescue_path is None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            self.rescue_path = self.path.with_name(f"{self.path.name}.unsaved-{stamp}.json")
        write_atomic(self.rescue_path, encode(tables))
        self._flushed = self._generation
        raise DatabaseChanged(
            self.path,
            "changed on disk since threety opened it, so it was not overwritten; "
            f"your changes are saved in {self.rescue_path}",
        )

    def close(self) -> None:
        pass
