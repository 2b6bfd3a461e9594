"""Getting everything out: a full JSON backup (and its restore), contacts as CSV.

The backup holds every table with ids, trashed items included, and the
settings. Its bytes depend only on the data (sorted keys, items in id order,
ASCII, no timestamp), so export -> restore into an empty database -> export
gives the same file. A restore goes only into an empty database, in one write.

The CSV is for spreadsheets: UTF-8 with a BOM (so Excel reads the accents),
a header row, RFC 4180 quoting (CRLF, quotes doubled), tags joined with ", ",
and cells that a spreadsheet would run as a formula (starting with = + - @,
tab or CR) prefixed with `'` (CSV injection). Both files are written
atomically with mode 0600: they hold personal data.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from threety_tui.core.db.atomic import write_atomic
from threety_tui.core.db.lazy import LazyDocs, error_words, json_error_words
from threety_tui.core.db.schema import APP_MARK, META_ID, SCHEMA_VERSION, check, migrate
from threety_tui.core.errors import DatabaseError, InputError
from threety_tui.core.io.files import bad_file, read_text
from threety_tui.core.models import Contact, Kind, KindSource, Meeting, Message, Settings
from threety_tui.core.store import Store
from threety_tui.core.text import marked

BACKUP_MARK = "threety-backup"
BACKUP_VERSION = 1
WHAT = "a threety JSON backup"
TABLES = ("contacts", "meetings", "messages")

CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "Id"),
    ("name", "Name"),
    ("email", "Email"),
    ("company", "Company"),
    ("role", "Role"),
    ("kind", "Kind"),
    ("how_met", "How met"),
    ("linkedin", "LinkedIn"),
    ("tags", "Tags"),
    ("notes", "Notes"),
    ("cadence_days", "Cadence (days)"),
    ("created", "Created"),
    ("kind_source", "Kind set by"),
    ("kind_dismissed", "Kind suggestion turned down"),
)
"""`Kind set by`: "you" or "replies" (an accepted suggestion, spec section 8)."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Backup:
    contacts: tuple[Contact, ...]
    meetings: tuple[Meeting, ...]
    messages: tuple[Message, ...]
    settings: Settings

    @property
    def counts(self) -> dict[str, int]:
        return {
            "contacts": len(self.contacts),
            "meetings": len(self.meetings),
            "messages": len(self.messages),
        }


# -- export ---------------------------------------------------------------


def backup_of(store: Store) -> Backup:
    """Everything in the store, trashed items included, each table in id order."""
    contacts = store.contacts() + store.contacts(deleted=True)
    return Backup(
        contacts=tuple(sorted(contacts, key=lambda c: c.id)),
        meetings=tuple(sorted(store.all_meetings(), key=lambda m: m.id)),
        messages=tuple(sorted(store.all_messages(), key=lambda m: m.id)),
        settings=store.settings,
    )


def backup_bytes(backup: Backup) -> bytes:
    """The backup file's exact bytes (deterministic: same data, same bytes)."""
    doc: dict[str, Any] = {
        "backup": BACKUP_MARK,
        "backup_version": BACKUP_VERSION,
        "schema": SCHEMA_VERSION,
        "settings": backup.settings.to_doc(),
    }
    for name in TABLES:
        items: Iterable[Contact | Meeting | Message] = getattr(backup, name)
        doc[name] = [{"id": item.id, **item.to_doc()} for item in items]
    return (json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=True) + "\n").encode("ascii")


def export_json(store: Store, path: Path | str) -> Backup:
    """Write the full backup to `path` (atomic, 0600); returns what was written."""
    backup = backup_of(store)
    write_export(Path(path), backup_bytes(backup), store.path)
    return backup


def csv_bytes(contacts: Iterable[Contact]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
    writer.writerow([title for _, title in CSV_COLUMNS])
    for contact in contacts:
        writer.writerow([_safe_cell(_csv_value(contact, key)) for key, _ in CSV_COLUMNS])
    return out.getvalue().encode("utf-8-sig", errors="replace")


def export_csv(store: Store, path: Path | str) -> int:
    """Write the live contacts (not the trash) as CSV; returns how many."""
    contacts = sorted(store.contacts(), key=lambda c: c.id)
    write_export(Path(path), csv_bytes(contacts), store.path)
    return len(contacts)


def _csv_value(contact: Contact, key: str) -> str:
    if key == "tags":
        return ", ".join(contact.tags)
    if key == "kind":
        return contact.kind.label
    if key == "kind_source":
        if contact.kind is Kind.UNKNOWN:
            return ""
        return "replies" if contact.kind_source is KindSource.EVIDENCE else "you"
    if key == "kind_dismissed":
        return contact.kind_dismissed.label if contact.kind_dismissed else ""
    if key == "created":
        return contact.created.isoformat(sep=" ") if contact.created else ""
    value = getattr(contact, key)
    return "" if value is None else str(value)


def _safe_cell(value: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading `'` (shown as text); an
    escape byte, a bidirectional control or a lone surrogate shows as its symbol
    (`text.marked`): a cell must not reorder or restyle what is shown around it."""
    value = marked(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def write_export(path: Path, data: bytes, db_path: Path | None = None) -> None:
    """Write atomically with mode 0600; a one-line `InputError` if it cannot be."""
    if path.is_dir():
        raise bad_file(path, "is a directory; give a file name to export to")
    if path.exists() and not path.is_file():
        raise bad_file(path, "is not a regular file (a FIFO, socket or device); not replaced")
    if not path.parent.is_dir():
        raise bad_file(path, f"cannot be written: the folder {path.parent} does not exist")
    if db_path is not None and _same_file(path, db_path):
        raise bad_file(path, "is the database itself; choose another file to export to")
    try:
        write_atomic(path, [data])
    except OSError as error:
        raise bad_file(path, f"cannot be written ({error.strerror or error})") from None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


# -- restore --------------------------------------------------------------


def read_backup(path: Path | str) -> Backup:
    """Read and validate a backup file; `InputError` naming what is wrong."""
    path = Path(path)
    text = read_text(path, WHAT)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise bad_file(
            path,
            f"is not {WHAT} (not valid JSON: {json_error_words(error)})",
        ) from None
    except ValueError as error:  # a number of more than 4300 digits, and the like
        raise bad_file(path, f"is not {WHAT} (it cannot be read: {error_words(error)})") from None
    except RecursionError:
        raise bad_file(path, f"is not {WHAT} (JSON nested too deeply)") from None
    except MemoryError:
        raise bad_file(path, "is too large to read (out of memory)") from None
    return parse_backup(data, path)


def parse_backup(data: Any, path: Path) -> Backup:
    if not isinstance(data, dict):
        raise bad_file(path, f"is not {WHAT} (it is JSON, but not an object)")
    if data.get("backup") != BACKUP_MARK:
        meta = data.get("meta")
        doc = meta.get(META_ID) if isinstance(meta, dict) else None
        if isinstance(doc, dict) and doc.get("app") == APP_MARK:
            raise bad_file(
                path,
                "is a threety database, not a backup; open it with --db, or make a "
                "backup of it with `threety --db FILE export json BACKUP`",
            )
        raise bad_file(path, f'is not {WHAT} (no "backup": "{BACKUP_MARK}" mark)')
    version = _version(data, "backup_version", path)
    if version > BACKUP_VERSION:
        raise bad_file(
            path,
            f"was written by a newer threety (backup format {version}; this version reads"
            f" up to {BACKUP_VERSION}); upgrade threety to restore it",
        )
    schema = _version(data, "schema", path)
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise bad_file(path, "is damaged: its settings are not an object")
    database: dict[str, Any] = {name: _table(data.get(name, []), name, path) for name in TABLES}
    database["meta"] = {META_ID: {"app": APP_MARK, "schema": schema, "settings": settings}}
    try:
        check(path, database)
        migrate(database, schema)
    except DatabaseError as error:
        raise bad_file(path, error.problem.replace("threety database", WHAT)) from None
    for docs in database.values():
        if isinstance(docs, LazyDocs) and docs.damaged:  # a restore is all or nothing
            raise bad_file(path, next(iter(docs.damaged.values())))
    try:
        backup = Backup(
            contacts=tuple(Contact.from_doc(d, int(k)) for k, d in database["contacts"].items()),
            meetings=tuple(Meeting.from_doc(d, int(k)) for k, d in database["meetings"].items()),
            messages=tuple(Message.from_doc(d, int(k)) for k, d in database["messages"].items()),
            settings=Settings.from_doc(settings),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise bad_file(path, f"is damaged: an item cannot be read ({error})") from None
    _check_links(backup, path)
    _check_limits(backup, path)
    return backup


MAX_BACKUP_ITEMS = 1_000_000
"""Contacts, meetings and messages together in one backup."""
MAX_BACKUP_FIELD = 1_000_000
"""Characters in one text field of a backup."""


def _check_limits(backup: Backup, path: Path) -> None:
    """Refuse a backup past the limits (a restore is all or nothing), naming the item."""
    items = sum(backup.counts.values())
    if items > MAX_BACKUP_ITEMS:
        raise bad_file(
            path,
            f"holds {items:,} items; threety restores at most {MAX_BACKUP_ITEMS:,} from one backup",
        )
    for name in TABLES:
        for item in getattr(backup, name):
            for key, value in _texts(item.to_doc()):
                if len(value) > MAX_BACKUP_FIELD:
                    raise bad_file(
                        path,
                        f"is not restored: {name[:-1]} {item.id} has a {key} of {len(value):,}"
                        f" characters (limit {MAX_BACKUP_FIELD:,})",
                    )


def _texts(doc: Any, key: str = "") -> Iterable[tuple[str, str]]:
    """Every string in a document, with the name of the field it is in."""
    if isinstance(doc, str):
        yield key, doc
    elif isinstance(doc, dict):
        for name, value in doc.items():
            yield from _texts(value, str(name))
    elif isinstance(doc, list):
        for value in doc:
            yield from _texts(value, key)


def _version(data: dict[str, Any], key: str, path: Path) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise bad_file(path, f"is damaged: its {key.replace('_', ' ')} is not valid")
    if key == "schema" and value > SCHEMA_VERSION:
        raise bad_file(
            path,
            f"was written by a newer threety (schema {value}; this version reads up to"
            f" schema {SCHEMA_VERSION}); upgrade threety to restore it",
        )
    return value


def _table(items: Any, name: str, path: Path) -> dict[str, Any]:
    """A backup list of {"id": n, ...} as a database table {"n": {...}}."""
    if not isinstance(items, list):
        raise bad_file(path, f"is damaged: its {name} are not a list")
    table: dict[str, Any] = {}
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise bad_file(path, f"is damaged: item {position} of its {name} is not an object")
        doc = dict(item)
        id = doc.pop("id", None)
        if not isinstance(id, int) or isinstance(id, bool) or id < 1:
            raise bad_file(path, f"is damaged: item {position} of its {name} has no valid id")
        if str(id) in table:
            raise bad_file(path, f"is damaged: two of its {name} have the id {id}")
        table[str(id)] = doc
    return table


def _check_links(backup: Backup, path: Path) -> None:
    contacts = {c.id for c in backup.contacts}
    meetings = {m.id for m in backup.meetings}
    for meeting in backup.meetings:
        if meeting.contact_id not in contacts:
            raise bad_file(
                path,
                f"is damaged: meeting {meeting.id} belongs to contact {meeting.contact_id},"
                " which is not in the backup",
            )
    for message in backup.messages:
        if message.contact_id not in contacts:
            raise bad_file(
                path,
                f"is damaged: message {message.id} belongs to contact {message.contact_id},"
                " which is not in the backup",
            )
        if message.meeting_id is not None and message.meeting_id not in meetings:
            raise bad_file(
                path,
                f"is damaged: message {message.id} refers to meeting {message.meeting_id},"
                " which is not in the backup",
            )


def check_empty(store: Store) -> None:
    """`InputError` unless the store has no contacts, meetings or messages at all."""
    counts = {
        "contacts": len(store.contacts()) + len(store.contacts(deleted=True)),
        "meetings": len(store.all_meetings()),
        "messages": len(store.all_messages()),
        "damaged records": len(store.scan()),  # kept in the file: a restore would drop them
    }
    if any(counts.values()):
        held = ", ".join(f"{n} {name if n != 1 else name[:-1]}" for name, n in counts.items() if n)
        raise InputError(
            f"{store.path}: is not empty ({held}); a backup is restored only into an empty"
            " database (give a new file with --db)"
        )


def restore_backup(store: Store, backup: Backup) -> None:
    """Restore into an empty store in one write; `InputError` if it is not empty."""
    check_empty(store)
    store.restore(backup.contacts, backup.meetings, backup.messages, backup.settings)
