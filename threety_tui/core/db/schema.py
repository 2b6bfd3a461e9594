"""What a threety database looks like on disk, how to check it and migrate it."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import Any

from threety_tui.core.db.contact_lines import ContactLines
from threety_tui.core.db.lazy import LazyDocs
from threety_tui.core.errors import NewerSchema, NotADatabase
from threety_tui.core.models import MAX_YEAR

SCHEMA_VERSION = 2
APP_MARK = "threety"
TABLES = ("contacts", "meetings", "messages", "meta")
META_ID = "1"

Migration = Callable[[dict[str, Any]], None]


def _replies_and_kind_sources(data: dict[str, Any]) -> None:
    """Schema 1 -> 2 (spec section 8): messages gain `replied` and `follows`; contacts
    gain who set their kind (a kind already set was the user's choice) and a dismissed
    suggestion. The settings record the day replies began to be recorded: those to
    messages sent before it never were, so the reply rates leave those messages out
    (`stats.summarize`)."""
    for doc in _sound(data["contacts"]):
        if isinstance(doc, dict):
            chosen = doc.get("kind") in ("booster", "obligate")
            doc.setdefault("kind_source", "user" if chosen else "")
            doc.setdefault("kind_dismissed", None)
    for doc in _sound(data["messages"]):
        if isinstance(doc, dict):
            doc.setdefault("replied", None)
            doc.setdefault("follows", None)
    meta = meta_doc(data)
    settings = meta.get("settings")
    if not isinstance(settings, dict):  # damaged: it read as the defaults anyway
        settings = meta["settings"] = {}
    settings.setdefault("replies_since", date.today().isoformat())


def _sound(docs: Any) -> Iterator[Any]:
    """A table's documents a migration can change: a damaged line stays as it is."""
    if isinstance(docs, LazyDocs):
        return (doc for _, doc in docs.documents())
    return iter(docs.values())


MIGRATIONS: dict[int, Migration] = {1: _replies_and_kind_sources}
"""`MIGRATIONS[v]` upgrades a database from schema v to v + 1, in place."""


def new_database() -> dict[str, dict[str, Any]]:
    return {
        "contacts": {},
        "meetings": {},
        "messages": {},
        "meta": {META_ID: {"app": APP_MARK, "schema": SCHEMA_VERSION, "settings": {}}},
    }


def meta_doc(data: dict[str, Any]) -> dict[str, Any]:
    doc: dict[str, Any] = data["meta"][META_ID]
    return doc


def check(path: Path, data: Any, *, tables: Iterable[str] = TABLES[:-1]) -> int:
    """Validate the shape of a parsed file and return its schema version.

    `tables` are the tables to vet (created empty when missing); a file opened
    in two steps (see `Store.open`) vets contacts first and the rest later.
    """
    if not isinstance(data, dict):
        raise NotADatabase(path, f"is JSON but not a threety database (a {_kind(data)} at the top)")
    meta = data.get("meta")
    doc = meta.get(META_ID) if isinstance(meta, dict | LazyDocs) else None
    if not isinstance(doc, dict) or doc.get("app") != APP_MARK:
        raise NotADatabase(path, "is JSON but not a threety database (no threety meta table)")
    version = doc.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise NotADatabase(path, "is damaged: the schema version in its meta table is not valid")
    if version > SCHEMA_VERSION:
        raise NewerSchema(
            path,
            f"was written by a newer threety (schema {version if version < 10**9 else 'far above'};"
            " this version reads up to "
            f"schema {SCHEMA_VERSION}); upgrade threety to open it",
        )
    check_tables(path, data, tables)
    return version


def check_tables(path: Path, data: dict[str, Any], tables: Iterable[str]) -> None:
    """Vet each table's documents (creating a missing table empty).

    A table that is not an object makes the file unreadable as a whole
    (`NotADatabase`). A document that does not pass is a damaged record: its
    table becomes a `LazyDocs` that lists it in `damaged`, skips it for
    readers and keeps it for writers.
    """
    for table in tables:
        docs = data.setdefault(table, {})
        if isinstance(docs, LazyDocs):
            _check_lazy(table, docs)
            continue
        if not isinstance(docs, dict):
            raise NotADatabase(path, f"is damaged: the {table} table is not an object")
        if _all_fine(table, docs):
            continue
        check_docs = _CHECKS[table]
        problems = {
            key: problem
            for key, value in docs.items()
            if (problem := _doc_problem(key, value) or check_docs(value))
        }
        if problems:
            lazy = LazyDocs.with_damaged(path, table, docs, problems)
            lazy.check = _lazy_check(table)
            data[table] = lazy


def _lazy_check(table: str) -> Callable[[Any], str | None]:
    check_doc = _CHECKS[table]

    def check(value: Any) -> str | None:
        return "is not an object" if not isinstance(value, dict) else check_doc(value)

    return check


def _check_lazy(table: str, docs: LazyDocs) -> None:
    """Vet a table whose documents are read later (see `db.lazy.LazyDocs`).

    What the store needs at once, each document's contact, was read from the
    start of its line; a document whose line does not start with it is parsed
    and checked now (contacts, which the store builds at once, all of them).
    Every other document is checked when it is first read. Damaged ones are
    listed in `docs.damaged`, never raised.
    """
    docs.check = _lazy_check(table)
    if table == "contacts":
        if not isinstance(docs, ContactLines):  # (scanned lines are checked when parsed)
            docs.read_all()
        return
    for key in list(docs):
        if not docs.contact_ids.get(key):
            with contextlib.suppress(NotADatabase):
                docs[key]  # parse and check it now: listed in `damaged` if it is damaged


def migrate(data: dict[str, Any], version: int) -> None:
    """Upgrade in place from `version` to SCHEMA_VERSION.

    A table holding damaged records stays a `LazyDocs` (see `db.layout.materialise`):
    a migration reads its sound documents with `documents()` and leaves the
    damaged lines as they are.
    """
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](data)
        version += 1
        meta_doc(data)["schema"] = version


def _kind(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number"}.get(type(value), "value")


def _doc_problem(key: str, value: Any) -> str | None:
    if not (isinstance(key, str) and _ID.fullmatch(key)):
        return "has an id that is not a number"
    if not isinstance(value, dict):
        return "is not an object"
    return None


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _valid_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return date.fromisoformat(value).year <= MAX_YEAR
    except ValueError:
        return False


def _check_contact(doc: dict[str, Any]) -> str | None:
    return None if isinstance(doc.get("name"), str) else "has no name"


def _check_meeting(doc: dict[str, Any]) -> str | None:
    if not _is_id(doc.get("contact_id")):
        return "has no contact"
    if not _valid_date(doc.get("when")):
        return "has no valid date"
    if not isinstance(doc.get("insights", []), list):
        return "has insights that are not a list"
    return None


def _check_message(doc: dict[str, Any]) -> str | None:
    if not _is_id(doc.get("contact_id")):
        return "has no contact"
    meeting = doc.get("meeting_id")
    if meeting is not None and not _is_id(meeting):
        return "has a meeting id that is not a number"
    return None


_CHECKS: dict[str, Callable[[dict[str, Any]], str | None]] = {
    "contacts": _check_contact,
    "meetings": _check_meeting,
    "messages": _check_message,
}

_ID = re.compile("0|[1-9][0-9]*")
"""A key `_doc_problem` accepts (with `fullmatch`)."""
_IDS = re.compile("(?:0|[1-9][0-9]*)(?:\n(?:0|[1-9][0-9]*))*")


def _all_ids(keys: Iterable[str]) -> bool:
    """Every key is one `_ID` accepts: one match over all of them, joined by line breaks.

    As many line breaks as keys less one: no key holds a line break itself.
    """
    keys = list(keys)
    if not keys:
        return True
    joined = "\n".join(keys)
    return joined.count("\n") == len(keys) - 1 and _IDS.fullmatch(joined) is not None


def _all_fine(table: str, docs: dict[str, Any]) -> bool:
    """True only if no document of the table has a problem `_doc_problem` or `_CHECKS` names.

    The same tests, run a field at a time over every document by C code (`map`,
    `set`) rather than by a Python loop per document: a 10,000-contact file holds
    85,000 documents. False means "check one by one" (which names the first
    problem); it may also come for a sound table, e.g. one with an int subclass.
    """
    values = docs.values()
    try:
        if not (_all_ids(docs) and _types(values) <= {dict}):
            return False
    except TypeError:  # a key that is not a string: not from a JSON file
        return False
    if table == "contacts":
        return _field_types(values, "name") <= {str}
    if not _field_types(values, "contact_id") <= {int}:  # not bool: type(True) is bool
        return False
    if table == "messages":
        return _field_types(values, "meeting_id") <= {int, type(None)}
    if not _field_types(values, "insights", []) <= {list}:
        return False
    whens: Iterator[Any] = map(dict.get, values, repeat("when"))
    try:
        days = list(map(date.fromisoformat, whens))
    except (TypeError, ValueError):
        return False
    return max(map(attrgetter("year"), days), default=MAX_YEAR) <= MAX_YEAR


def _types(values: Iterable[Any]) -> set[type]:
    return set(map(type, values))


def _field_types(docs: Iterable[dict[str, Any]], name: str, default: Any = None) -> set[type]:
    """The types of the field's values (`default` for a document without it)."""
    return _types(map(dict.get, docs, repeat(name), repeat(default)))
