"""What a threety database looks like on disk, how to check it and migrate it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from threety_tui.core.errors import NewerSchema, NotADatabase
from threety_tui.core.models import MAX_YEAR
from threety_tui.core.storage import LazyDocs

SCHEMA_VERSION = 1
APP_MARK = "threety"
TABLES = ("contacts", "meetings", "messages", "meta")
META_ID = "1"

Migration = Callable[[dict[str, Any]], None]
MIGRATIONS: dict[int, Migration] = {}
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


def check(path: Path, data: Any) -> int:
    """Validate the shape of a parsed file and return its schema version."""
    if not isinstance(data, dict):
        raise NotADatabase(path, f"is JSON but not a threety database (a {_kind(data)} at the top)")
    meta = data.get("meta")
    doc = meta.get(META_ID) if isinstance(meta, dict) else None
    if not isinstance(doc, dict) or doc.get("app") != APP_MARK:
        raise NotADatabase(path, "is JSON but not a threety database (no threety meta table)")
    version = doc.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise NotADatabase(path, "is damaged: the schema version in its meta table is not valid")
    if version > SCHEMA_VERSION:
        raise NewerSchema(
            path,
            f"was written by a newer threety (schema {version}; this version reads up to "
            f"schema {SCHEMA_VERSION}); upgrade threety to open it",
        )
    for table in TABLES[:-1]:
        docs = data.setdefault(table, {})
        if isinstance(docs, LazyDocs):
            _check_lazy(path, table, docs)
            continue
        if not isinstance(docs, dict):
            raise NotADatabase(path, f"is damaged: the {table} table is not an object")
        check_docs = _CHECKS[table]
        for key, value in docs.items():
            problem = _doc_problem(key, value) or check_docs(value)
            if problem:
                raise NotADatabase(path, f"is damaged: {table} document {key!s:.20} {problem}")
    return version


def _check_lazy(path: Path, table: str, docs: LazyDocs) -> None:
    """Vet a table whose documents are read later (see `storage.LazyDocs`).

    What the store needs at once, each document's contact, was read from the
    start of its line; a document whose line does not start with it is parsed
    and checked now. Every other document is checked when it is first read.
    """
    check_doc = _CHECKS[table]

    def check(value: Any) -> str | None:
        return "is not an object" if not isinstance(value, dict) else check_doc(value)

    docs.check = check
    for key in docs:
        if not docs.contact_ids.get(key):
            docs[key]  # parse and check it now: raises NotADatabase when it is damaged


def migrate(data: dict[str, Any], version: int) -> None:
    """Upgrade in place from `version` to SCHEMA_VERSION."""
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](data)
        version += 1
        meta_doc(data)["schema"] = version


def _kind(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number"}.get(type(value), "value")


def _doc_problem(key: str, value: Any) -> str | None:
    if not (key.isascii() and key.isdigit() and str(int(key)) == key):
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
