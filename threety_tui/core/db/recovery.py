"""Changes that could not go into the database: where they are kept, and telling the user.

Three kinds of file hold them, each a complete database file in threety's layout
(open one with `threety --db FILE`; stock TinyDB reads it too):

- `<db>.unsaved-<date>.json` beside the database: the file changed on disk
  while threety had it open (a sync tool replaced it), so ours went here.
- `<db>.interrupted-<date>.json` beside it: a save was cut off (a kill, a
  power cut) after its new file was complete but before it was in place; the
  next writer to open the database keeps it here instead of deleting it.
- `<db>.replaced-<date>.json` beside it: the version a save had just swapped
  out when it was cut off (or that another program put in place at that
  very instant), kept rather than deleted.
- `threety-unsaved-<key>-<date>.json` in the fallback folder (the user state
  folder, else a private folder in the temp folder): the last save failed when
  quitting (disk full, folder gone, file made read-only), or the database's
  folder could not take an `.unsaved-` copy. A `.about` file beside it says
  which database and which version of it the changes were made on, which is
  what lets `restore` put them back safely.

A fallback folder is used only if it is ours: owned by this user, a folder
(not a link to one) that nobody else can write to. Another user can make
`/tmp/threety-<uid>` first, open to all; then a fresh private folder beside
it (`/tmp/threety-<uid>-XXXXXXXX`, `mkdtemp`) is used instead, and only
folders that are ours are looked in for notices.

`notices` lists those of one database that the user has not dismissed; the
app shows them at start until they are dismissed (the files themselves are
never deleted by threety).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from threety_tui.core.db.atomic import make_private_dirs, write_atomic
from threety_tui.core.db.filestate import FileState
from threety_tui.core.errors import DatabaseError

CHANGED = "changed"
FAILED = "failed"
INTERRUPTED = "interrupted"
REPLACED = "replaced"
FALLBACK_PREFIX = "threety-unsaved-"
_LABELS = {"unsaved": CHANGED, "interrupted": INTERRUPTED, "replaced": REPLACED}
_STAMP = re.compile(r"(\d{8}-\d{6})")


def db_key(db: Path) -> str:
    """A short stable name for the database (its absolute path, hashed)."""
    import hashlib  # here: only a failed save or the app's start needs it

    absolute = os.path.abspath(os.path.expanduser(db))
    return hashlib.sha256(absolute.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def state_folder() -> Path:
    """threety's folder in the user state folder (`~/.local/state/threety` on Linux)."""
    from platformdirs import user_state_path

    return user_state_path("threety", appauthor=False)


def fallback_folders() -> list[Path]:
    """Where `write_fallback` tries, in order: the user state folder, then the temp folder."""
    import tempfile  # here: it imports shutil, random and more, and only a failure needs it

    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return [state_folder() / "unsaved", Path(tempfile.gettempdir()) / f"threety-{uid}"]


def is_ours(folder: Path) -> bool:
    """A folder (not a link) owned by this user that no other user can write to."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode) or st.st_mode & 0o022:
        return False
    return not hasattr(os, "getuid") or st.st_uid == os.getuid()


def _private_folder(folder: Path) -> Path:
    """`folder`, made if need be (0700); a fresh private one beside it if it is not ours.

    Raises `OSError` when neither can be had.
    """
    make_private_dirs(folder)
    if is_ours(folder):
        return folder
    import tempfile  # here: only a failure needs it

    return Path(tempfile.mkdtemp(prefix=f"{folder.name}-", dir=folder.parent))


def _our_folders(folders: list[Path]) -> Iterator[Path]:
    """The fallback folders that are ours, with the fresh ones made beside them."""
    for folder in folders:
        if is_ours(folder):
            yield folder
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder.parent):
                if entry.name.startswith(f"{folder.name}-") and is_ours(Path(entry.path)):
                    yield Path(entry.path)


def fallback_name(db: Path, label: str = "") -> Path:
    """A new file name for `db`'s changes in the first fallback folder that can be had.

    The name is free when chosen (the caller must still refuse to write over a
    file made meanwhile). Raises `OSError` when no folder can be had.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    last: OSError | None = None
    for folder in fallback_folders():
        try:
            folder = _private_folder(folder)
        except OSError as error:
            last = error
            continue
        target = folder / f"{FALLBACK_PREFIX}{db_key(db)}-{stamp}.json"
        count = 1
        while os.path.lexists(target):
            count += 1
            target = folder / f"{FALLBACK_PREFIX}{db_key(db)}-{stamp}-{count}.json"
        return target
    raise last or OSError("no folder to keep the unsaved changes in")


def write_fallback(
    db: Path,
    chunks: Callable[[], Iterable[bytes]],
    *,
    base: FileState | None,
    reason: str,
    folders: list[Path] | None = None,
) -> Path:
    """Write the database's data to the first fallback folder that takes it (0600).

    `chunks()` gives the file's bytes (called again for each folder tried);
    `base` is the database file the data was made on (None if unknown).
    Returns the file written; raises the last `OSError` when no folder takes it.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    last: OSError | None = None
    for folder in folders if folders is not None else fallback_folders():
        try:
            folder = _private_folder(folder)
            target = folder / f"{FALLBACK_PREFIX}{db_key(db)}-{stamp}.json"
            count = 1
            while os.path.lexists(target):
                count += 1
                target = folder / f"{FALLBACK_PREFIX}{db_key(db)}-{stamp}-{count}.json"
            write_atomic(target, chunks())
        except OSError as error:
            last = error
            continue
        describe(target, db, reason=reason, base=base)
        return target
    raise last or OSError("no folder to keep the unsaved changes in")


def describe(target: Path, db: Path, *, reason: str, base: FileState | None) -> None:
    """Write the `.about` file of a fallback file: whose changes, why, on which version.

    Without it the file is still found, but not restorable.
    """
    about = {
        "db": os.path.abspath(db),
        "reason": reason,
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        "base": list(base) if base is not None else None,
    }
    with contextlib.suppress(OSError):
        write_atomic(_about(target), [json.dumps(about).encode("utf-8", "surrogatepass")])


def _about(path: Path) -> Path:
    return path.with_name(path.name + ".about")


@dataclass(frozen=True, slots=True)
class Kept:
    """A file holding changes that are not in the database."""

    file: Path
    db: Path
    reason: str
    when: str
    """When it was written, as the file name or its `.about` says ("20261125-093000")."""
    base: FileState | None = None

    @property
    def restorable(self) -> bool:
        """Made when quitting on a known version of the database: `restore` can put it back."""
        return self.reason == FAILED and self.base is not None

    def describe(self) -> str:
        """One sentence for the user (the app's notice at start)."""
        if self.reason == CHANGED:
            return (
                "The database changed on disk while threety had it open (another program or a"
                " sync tool replaced it), so these changes were not written into it. They are"
                f" in {self.file}."
            )
        if self.reason == REPLACED:
            return (
                "A save of threety's was interrupted (or another program replaced the"
                " database at that very moment) just after it had set the previous version"
                f" aside. That version is in {self.file}; look at it if you miss something."
            )
        if self.reason == INTERRUPTED:
            return (
                "A save was interrupted (threety was killed or the computer stopped) before"
                f" it was in place. What it was saving is in {self.file}."
            )
        return f"The last save failed when threety was closing. The changes are in {self.file}."


def notices(db: Path, *, folders: list[Path] | None = None) -> list[Kept]:
    """The files of changes kept for `db` that the user has not dismissed, oldest first.

    A symlink is followed, as when the database is opened (`opening.resolve`):
    the files are named after the file it points to.
    """
    db = Path(os.path.abspath(db))
    if os.path.islink(db):
        db = Path(os.path.realpath(db))
    found: list[Kept] = []
    escaped = re.escape(db.name)
    beside = re.compile(
        rf"{escaped}\.(unsaved|interrupted|replaced)-(\d{{8}}-\d{{6}})(-\d+)?\.json"
    )
    with contextlib.suppress(OSError):
        for entry in os.scandir(db.parent):
            match = beside.fullmatch(entry.name)
            if match and entry.is_file():
                found.append(Kept(Path(entry.path), db, _LABELS[match.group(1)], match.group(2)))
    prefix = f"{FALLBACK_PREFIX}{db_key(db)}-"
    for folder in _our_folders(folders if folders is not None else fallback_folders()):
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if entry.name.startswith(prefix) and entry.name.endswith(".json"):
                    found.append(_fallback(Path(entry.path), db))
    dismissed = _dismissed()
    return sorted(
        (k for k in found if str(k.file) not in dismissed), key=lambda k: (k.when, str(k.file))
    )


def _fallback(path: Path, db: Path) -> Kept:
    match = _STAMP.search(path.name)
    when = match.group(1) if match else ""
    try:
        about = json.loads(_about(path).read_bytes())
        base = about.get("base")
        fields = len(FileState._fields)
        state = FileState(*base) if isinstance(base, list) and 6 <= len(base) <= fields else None
        return Kept(path, db, str(about.get("reason") or FAILED), when, state)
    except (OSError, ValueError, TypeError):
        return Kept(path, db, FAILED, when)


def _dismissed_file() -> Path:
    return state_folder() / "dismissed.json"


def _dismissed() -> set[str]:
    try:
        value = json.loads(_dismissed_file().read_bytes())
    except (OSError, ValueError):
        return set()
    return {str(item) for item in value} if isinstance(value, list) else set()


def dismiss(kept: Kept) -> None:
    """Stop telling the user about `kept` (the file stays). `OSError` if it cannot be recorded."""
    names = _dismissed() | {str(kept.file)}
    names = {name for name in names if os.path.lexists(name)}  # forget files gone since
    folder = _dismissed_file().parent
    make_private_dirs(folder)
    write_atomic(_dismissed_file(), [json.dumps(sorted(names), indent=1).encode()])


def why_not_restorable(kept: Kept) -> str | None:
    """Why `restore` cannot put `kept` back now; None when it can (as far as can be told
    before trying: the database is still the version the changes were made on)."""
    from threety_tui.core.db.filestate import open_quietly, unchanged

    if not kept.restorable or kept.base is None:
        return "they were not made when a save failed at quitting"
    try:
        fd = open_quietly(kept.db)
    except FileNotFoundError:
        return "the database was deleted or moved away since"
    except OSError as error:
        return f"the database cannot be read ({error.strerror})"
    try:
        if not unchanged(fd, kept.base):
            return "the database changed since they were made"
    except OSError as error:
        return f"the database cannot be read ({error.strerror})"
    finally:
        os.close(fd)
    return None


def restore(kept: Kept) -> None:
    """Put the changes kept in `kept` back as the database (a file made when quitting).

    Only while the database is still the version they were made on (checked
    like a save, `swap.swap_in`): otherwise `DatabaseChanged`, and nothing is
    touched. Takes the writer's lock: `DatabaseLocked` while threety has it open.
    A disk that cannot take it (still full) is a `DatabaseError` too: the kept
    file stays, and is offered again.
    """
    from threety_tui.core.db import schema
    from threety_tui.core.db.atomic import write_temp
    from threety_tui.core.db.reading import read_file
    from threety_tui.core.db.swap import Conflict, swap_in
    from threety_tui.core.errors import DatabaseChanged
    from threety_tui.core.lock import WriterLock

    if not kept.restorable or kept.base is None:
        raise DatabaseError(
            kept.db,
            f"the changes in {kept.file} cannot be put back automatically; open that file"
            " with `threety --db FILE` to copy what you need",
        )
    data, _ = read_file(kept.file, lazy=True)
    if data is None:
        raise DatabaseError(kept.file, "is empty; there is nothing to restore")
    schema.check(kept.file, data)
    lock = WriterLock(kept.db)
    lock.acquire()
    try:
        temp = write_temp(kept.db, _file_chunks(kept.file))
        try:
            swap_in(kept.db, temp, kept.base)
        except Conflict as conflict:
            if conflict.ours is not None:
                with contextlib.suppress(OSError):
                    os.unlink(conflict.ours)
            raise DatabaseChanged(
                kept.db,
                f"{conflict.why} since the changes in {kept.file} were made, so they were not"
                " put back; open that file with `threety --db FILE` to copy what you need",
            ) from None
    except OSError as error:
        raise DatabaseError(
            kept.db,
            f"the changes in {kept.file} could not be put back ({error.strerror or error});"
            " the database was left as it was, and they stay in that file (threety offers"
            " them again at the next start)",
        ) from None
    finally:
        lock.release()
    with contextlib.suppress(OSError):
        dismiss(kept)


def _file_chunks(path: Path) -> Iterable[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            yield chunk
